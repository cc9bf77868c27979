"""Every non-blank line of a page with the role the parser gave it (``parse --explain``)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Final

from publisher.ingest.parsing.lines import RULE_START, Unit, is_rule
from publisher.ingest.parsing.text import normalise_text

SEPARATOR: Final = "furniture (separator or markup)"
_IN_ITEM: Final = ("item", "article")


def line_roles(text: str, units: list[Unit], roles: list[str]) -> tuple[tuple[int, str, str], ...]:
    """(line number, role, text) for each non-blank line; a wrapped line shares its unit's role.

    A line that cleans to nothing or to a rule ("---", "* * *") is a separator.
    """
    starts = [unit.line for unit in units]
    out: list[tuple[int, str, str]] = []
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(raw_lines, start=1):
        line = raw.strip()
        if not line:
            continue
        at = _unit_at(starts, roles, number)
        if at < 0 or _separator(line):
            out.append((number, SEPARATOR, line))
        else:
            out.append((number, roles[at], line))
    return tuple(out)


def _separator(line: str) -> bool:
    """Whether a non-blank line cleans to nothing or to a rule (cleaning only lines that
    may: markup, entities, unprintable characters, a rule's first character)."""
    if line[0] in RULE_START or "<" in line or "&" in line or not line.isprintable():
        clean = normalise_text(line)
        return not clean or is_rule(clean)
    return False


def _unit_at(starts: list[int], roles: list[str], number: int) -> int:
    """The unit line ``number`` belongs to (-1 if none); of a line split in two ("Title —
    Standfirst"), the part in an item if one is."""
    at = bisect_right(starts, number) - 1
    if at <= 0 or starts[at - 1] != starts[at]:
        return at  # the line is in one unit only (or in none)
    first = at
    while first > 0 and starts[first - 1] == starts[at]:
        first -= 1
    parts = range(first, at + 1)
    return next((i for i in parts if roles[i].startswith(_IN_ITEM)), first if at >= 0 else at)
