"""What ``publisher parse --explain`` shows: every non-blank line of a page and its role.

The parser labels each line (``ParseResult.lines``) in its own words; this reads those
labels into one of three answers an operator can check: part of item N (title,
standfirst, byline, …), the author archive's header, or furniture with the reason; and
beside each line the labeller weighed, its probability that the line is a title.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import asdict, dataclass

from publisher.core.models import ParseResult

FURNITURE = "furniture"
HEADER = "header"
# The symbols of the record pattern (see ingest/parsing/roles.py).
PATTERN_LEGEND = (
    "K label or kicker, T title, S text, B byline, date or name, M metadata, L list item"
)
_ITEM_ROLE = re.compile(r"item (?P<number>\d+): (?P<part>.+)")
_ARTICLE_ROLE = re.compile(r"article (?P<part>.+)")
_FURNITURE_ROLE = re.compile(r"furniture \((?P<reason>.+)\)")
_PATTERN = re.compile(r"pattern \[(?P<pattern>[^\]]*)\]")


@dataclass(frozen=True)
class LineRole:
    """One non-blank line: part of item ``item`` (1-based), or not part of any item."""

    line: int
    text: str
    kind: str  # "item", HEADER or FURNITURE
    item: int | None
    part: str | None  # title, standfirst, byline, kicker, meta, text, body, …
    reason: str | None  # why a line is no part of any item
    title_p: float | None = None  # the labeller's probability that it is a title, if it asked


@dataclass(frozen=True)
class Explanation:
    """A page's reading, line by line, with the layout and record pattern chosen."""

    layout: str
    items: int
    pattern: str | None  # None: the page was read as one article (no repeating record)
    publication: str | None
    reasons: tuple[str, ...]
    lines: tuple[LineRole, ...]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def explain(result: ParseResult) -> Explanation:
    """Every line the parser labelled, read into item parts, a header or furniture."""
    match = next((m for m in map(_PATTERN.search, result.reasons) if m), None)
    chances = dict(result.title_p)
    return Explanation(
        layout=result.layout,
        items=len(result.items),
        pattern=match.group("pattern") if match else None,
        publication=result.publication,
        reasons=result.reasons,
        lines=tuple(
            dataclasses.replace(line, title_p=chances[line.line]) if line.line in chances else line
            for line in (read_role(number, role, text) for number, role, text in result.lines)
        ),
    )


def read_role(number: int, role: str, text: str) -> LineRole:
    """One parser label as an item part, the archive header, or furniture with a reason.

    A line the parser typed (a date, a name, metadata) but no item took is furniture.
    """
    if match := _ITEM_ROLE.fullmatch(role):
        return LineRole(number, text, "item", int(match["number"]), match["part"], None)
    if match := _ARTICLE_ROLE.fullmatch(role):
        return LineRole(number, text, "item", 1, match["part"], None)
    if role == "archive header":
        return LineRole(number, text, HEADER, None, None, "names the author of every item")
    if match := _FURNITURE_ROLE.fullmatch(role):
        return LineRole(number, text, FURNITURE, None, None, match["reason"])
    return LineRole(number, text, FURNITURE, None, None, f"{role or 'a line'} outside the items")
