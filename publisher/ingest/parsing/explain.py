"""Every non-blank line of a page with the role the parser gave it (``parse --explain``)."""

from __future__ import annotations

from bisect import bisect_right

from publisher.ingest.parsing.lines import RULE_START, Unit, is_rule
from publisher.ingest.parsing.text import normalise_text

SEPARATOR = "furniture (separator or markup)"


def line_roles(text: str, units: list[Unit], roles: list[str]) -> tuple[tuple[int, str, str], ...]:
    """(line number, role, text) for each non-blank line; a wrapped line shares its unit's role.

    A line that cleans to nothing or to a rule ("---", "* * *") is a separator.
    """
    starts = [unit.line for unit in units]
    out: list[tuple[int, str, str]] = []
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        at = bisect_right(starts, number) - 1
        while at > 0 and starts[at - 1] == starts[at]:
            at -= 1  # a line split in two ("Title — Standfirst") reports its first part
        if at < 0 or _separator(raw.strip()):
            out.append((number, SEPARATOR, raw.strip()))
        else:
            out.append((number, roles[at], raw.strip()))
    return tuple(out)


def _separator(line: str) -> bool:
    """Whether a non-blank line cleans to nothing or to a rule (cleaning only lines that
    may: markup, entities, unprintable characters, a rule's first character)."""
    if line[0] in RULE_START or "<" in line or "&" in line or not line.isprintable():
        clean = normalise_text(line)
        return not clean or is_rule(clean)
    return False
