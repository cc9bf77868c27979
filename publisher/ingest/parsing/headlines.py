"""Headlines a front page sets in blocks of their own, a kicker over each: items too.

A front or section page mixes sizes: a lead story with its standfirst and byline, then
smaller teasers of a kicker and a headline alone ("CULTURE" / "Review: Brassed Off at the
Crucible"), block after block.  The record pattern reads the big ones; a reader sees the
small ones are items as well, because each stands in a block of its own, opened by a
kicker as the big ones are.  Lines of the page keep their symbols (``roles``); records
are lists of unit indexes (``fields.Record``).
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.fields import Record
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, LABEL, LIST, TEXT, TITLE

_CONTENT: Final = (TITLE, TEXT, BYLINE, LABEL, LIST)
_KICKED_SHARE: Final = 0.5  # records opened by a kicker, for kicked headlines to follow them
_MIN_RECORDS: Final = 2  # records read before the page's own shape can be trusted
_BRIEFS_MIN: Final = 2  # sentences one a line under a kicker, for a block of briefs
_SIZES_MIN: Final = 2  # records with a standfirst, and without, for a page of mixed sizes
_DASH_POINTS: Final = ("— ", "― ")  # a dash setting a headline as a point of a list


def content_by_block(units: list[Unit], syms: list[str]) -> dict[int, list[int]]:
    """The content lines (unit indexes) of each block of the page."""
    blocks: dict[int, list[int]] = {}
    for i, symbol in enumerate(syms):
        if symbol in _CONTENT:
            blocks.setdefault(units[i].block, []).append(i)
    return blocks


def kicked_headline(syms: list[str], lines: list[int]) -> bool:
    """Whether a block's content lines are a kicker over a headline and nothing else, or
    but one line of standfirst ("FROM THE PODCAST" / its episode / "38 mins.")."""
    return (
        len(lines) in (2, 3)
        and syms[lines[0]] == LABEL
        and syms[lines[1]] == TITLE
        and all(syms[i] == TEXT for i in lines[2:])
    )


def with_kicked_headlines_after(
    units: list[Unit], syms: list[str], records: list[Record]
) -> list[Record]:
    """``records`` with the blocks of a kicker and a headline alone that follow the last
    one, where most records open with a kicker in their block: the smaller teasers at the
    foot of a front page ("SCIENCE" / "Can a robot pick rhubarb?"), or a kicker over
    briefs or bulleted headlines one a line.  The run ends at the first block of another
    shape (a box of "Most read", a button, a footer)."""
    if len(records) < _MIN_RECORDS or not _kicked(units, syms, records):
        return records
    blocks = content_by_block(units, syms)
    last = records[-1].indexes[-1]
    added: list[Record] = []
    block = units[last].block + 1
    while True:
        lines = blocks.get(block, [])
        if kicked_headline(syms, lines):
            added.append(Record(indexes=list(lines)))
        elif _briefs(units, syms, lines) or _headline_points(units, syms, lines):
            added.extend(Record(indexes=[i]) for i in lines[1:])
        else:
            break
        block += 1
    return [*records, *added]


def _briefs(units: list[Unit], syms: list[str], lines: list[int]) -> bool:
    """Whether a block's content lines are a kicker over sentences one a line, each a
    brief of its own ("IN BRIEF" / "The library closes for repairs from 1 to 5 May." /
    "The health centre now opens on Saturdays.")."""
    return (
        len(lines) > _BRIEFS_MIN
        and syms[lines[0]] == LABEL
        and all(syms[i] == TEXT and units[i].sentence for i in lines[1:])
    )


def _headline_points(units: list[Unit], syms: list[str], lines: list[int]) -> bool:
    """Whether a block's content lines are a kicker over headlines one a line, each behind
    the same bullet ("IN BRIEF" / "• Tram strike called off" / "• Library reprieved"): the
    short news a front page lists under its teasers.  Numbered lines are a ranking ("Most
    read" / "1. …"), a sentence or a signature no headline."""
    points = lines[1:]
    marks = {point_mark(units[i]) for i in points}
    return (
        len(points) >= _BRIEFS_MIN
        and syms[lines[0]] == LABEL
        and len(marks) == 1
        and "" not in marks
        and not next(iter(marks))[:1].isdigit()
        and all(syms[i] in (LIST, TITLE) and units[i].title_like for i in points)
    )


def point_mark(unit: Unit) -> str:
    """The bullet a line opens with: its marker, or a dash a list may set before each
    point ("— Assemblea congiunta il 20 marzo"), which elsewhere opens a signature
    ("— Ana Ruiz, secretaria") and so is no marker of its own."""
    if unit.marker:
        return unit.marker
    return unit.text[:1] if unit.text[:2] in _DASH_POINTS else ""


def without_point(title: str) -> str:
    """A headline without the dash that set it as a point of a list."""
    return title[2:] if title[:2] in _DASH_POINTS and len(title) > 2 else title


def _kicked(units: list[Unit], syms: list[str], records: list[Record]) -> bool:
    """Whether most records open with a kicker: a label above their title in its block."""
    kicked = 0
    for record in records:
        title = next((i for i in record.indexes if syms[i] == TITLE), None)
        if title is None:
            continue
        above = title - 1
        while above >= 0 and units[above].block == units[title].block and syms[above] != LABEL:
            above -= 1
        kicked += above >= 0 and units[above].block == units[title].block
    return kicked >= _KICKED_SHARE * len(records)


def mixed_sizes(records: list[Record]) -> bool:
    """Whether records are a front page's teasers: most open with a kicker, and they come
    in mixed sizes, some with a standfirst and a byline and some a headline alone ("NEWS"
    / a lead story, its standfirst, "By …", then "SPORT" / a headline).  A plain listing's
    records keep one size, and sign none or most of them."""
    kicked = sum(1 for r in records if "kicker" in r.roles.values())
    told = sum(1 for r in records if "standfirst" in r.roles.values())
    signed = sum(1 for r in records if "byline" in r.roles.values())
    return (
        kicked >= _KICKED_SHARE * len(records)
        and told >= _SIZES_MIN
        and len(records) - told >= _SIZES_MIN
        and signed >= _SIZES_MIN
    )
