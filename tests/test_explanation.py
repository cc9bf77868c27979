"""``parse --explain``: every non-blank line of every page gets exactly one role.

Held-out corpus pages are parsed here too, but the failures name only the page and the
line number, never the text, so nobody tuning the parser reads them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE_SEEDS

from publisher.core.models import PageHints
from publisher.ingest.explanation import FURNITURE, HEADER, explain, read_role
from publisher.ingest.parsing import decode_seed
from publisher.ingest.pipeline import parse_seed_bytes

DATA = Path(__file__).resolve().parent / "data"
PAGES = {
    "tune": sorted((DATA / "corpus" / "tune").glob("*.txt")),
    "heldout": sorted((DATA / "corpus" / "heldout").glob("*.txt")),
    "seeds": sorted((DATA / "seeds").glob("*.txt")) + sorted(SAMPLE_SEEDS.glob("*.txt")),
}


def non_blank_lines(text: str) -> list[int]:
    lines = re.split(r"\r\n|\r|\n", text)
    return [number for number, line in enumerate(lines, 1) if line.strip()]


def problems_of(path: Path) -> list[str]:
    """What is wrong with the page's explanation: lines missed, doubled, or unexplained."""
    data = path.read_bytes()
    explanation = explain(parse_seed_bytes(data, name=path.name, hints=PageHints()))
    wanted = non_blank_lines(decode_seed(data, name=path.name)[0])
    got = [line.line for line in explanation.lines]
    problems = [] if got == wanted else [f"lines {sorted(set(got) ^ set(wanted))} or doubled"]
    for line in explanation.lines:
        if line.kind == "item":
            ok = line.item is not None and 1 <= line.item <= explanation.items and line.part
        else:
            ok = line.kind in (FURNITURE, HEADER) and bool(line.reason)
        if not ok:
            problems.append(f"line {line.line}: kind {line.kind}, item {line.item}")
    return [f"{path.name}: {problem}" for problem in problems]


@pytest.mark.parametrize("part", PAGES)
def test_every_non_blank_line_is_accounted_for_exactly_once(part: str) -> None:
    assert PAGES[part], f"no pages in {part}"
    problems = [problem for path in PAGES[part] for problem in problems_of(path)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("role", "kind", "item", "part", "reason"),
    [
        ("item 3: standfirst", "item", 3, "standfirst", None),
        ("article byline", "item", 1, "byline", None),
        ("archive header", HEADER, None, None, "names the author of every item"),
        ("furniture (menu, widget or button)", FURNITURE, None, None, "menu, widget or button"),
        ("date", FURNITURE, None, None, "date outside the items"),
    ],
)
def test_parser_labels_are_read_into_item_parts_or_furniture(
    role: str, kind: str, item: int | None, part: str | None, reason: str | None
) -> None:
    line = read_role(7, role, "text")
    assert (line.line, line.kind, line.item, line.part, line.reason) == (
        7,
        kind,
        item,
        part,
        reason,
    )


def publisher(*args: str, cwd: Path) -> str:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True,
        check=True, timeout=120,
    ).stdout  # fmt: skip


def test_parse_explain_on_the_command_line(tmp_path: Path) -> None:
    page = DATA / "corpus" / "tune" / "caps_names_1.txt"
    data = json.loads(publisher("parse", str(page), "--explain", "--json", cwd=tmp_path))
    assert (data["layout"], data["pattern"], data["publication"]) == (
        "listing-bylines", "K T B S B", "The Clarion Review",
    )  # fmt: skip
    wanted = non_blank_lines(page.read_text(encoding="utf-8"))
    assert [line["line"] for line in data["lines"]] == wanted
    masthead = data["lines"][0]
    assert masthead.pop("title_p") < 0.5  # the labeller weighed it: no title
    assert masthead == {
        "line": 1, "text": "THE CLARION REVIEW", "kind": "furniture", "item": None, "part": None,
        "reason": "masthead: the publication's name",
    }  # fmt: skip
    table = publisher("parse", str(page), "--explain", cwd=tmp_path)
    assert "pattern: K T B S B" in table and "item 1: title" in table
    assert "What the archive forgets" in table
