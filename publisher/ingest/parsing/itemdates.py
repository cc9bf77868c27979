"""The dates a page's records take: a date line under or over a record is its own when
it stands with it (not one closing the block of lines above); a day heading dates the
records under it; the one date over records that carry none dates them all when it is an
issue's ("Issue 1,412 | 6 March 2024"), not the day a front page prints over its stories
("Tuesday, March 4, 2025") nor the day beside the site's name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from publisher.ingest.parsing.bylines import Byline, names_weekday
from publisher.ingest.parsing.datelines import dateline_date
from publisher.ingest.parsing.dates import find_date, numbers_issue
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import FURNITURE, META

if TYPE_CHECKING:
    from publisher.ingest.parsing.fields import Record

_HEADINGS: Final = 2  # date lines between records that make the page's days headings
_MASTHEAD_LINES: Final = 4  # an issue's date stands in the first lines of the page
_PARTS: Final = re.compile(r"\s+[|·•]\s+")
_DIGIT: Final = re.compile(r"\d")


def dated_line(units: list[Unit], index: int, *, clock: bool = False) -> bool:
    """Whether a unit is a line of a date alone (or, with ``clock``, of a time of day)."""
    byline = units[index].byline
    return (
        byline is not None
        and byline.published is not None
        and byline.author is None
        and (clock or not byline.clock)
    )


def _has_date(units: list[Unit], record: Record) -> bool:
    """Whether a record holds a line that dates it (a time of day alone does not: a date
    heading over it names the day)."""
    for i in record.indexes:
        byline = units[i].byline
        if byline is not None and byline.published is not None and not byline.clock:
            return True
    return False


def dates_to_their_items(units: list[Unit], syms: list[str], records: list[Record]) -> None:
    """Date lines given to the item they date: one closing an undated record's block right
    under its last line joins it, else one standing alone just above it (a date over each
    headline, outside the pattern); and a record's last
    line, a second date, is the next record's when that one has none (the phase of
    "date, title, text, byline" read one line late; read from the last record up, so a
    record whose own date went down to the next takes the one above it)."""
    taken = {i for r in records for i in r.indexes}
    for record in records:
        if _has_date(units, record):
            continue
        below = _date_closing(units, syms, record.indexes[-1])
        if below is not None and below not in taken:
            record.indexes.append(below)
            taken.add(below)
            continue
        above = record.indexes[0] - 1
        while above >= 0 and syms[above] in (FURNITURE, META) and above not in taken:
            above -= 1
        if (
            above >= 0
            and above not in taken
            and dated_line(units, above, clock=True)
            and not _closes_block(units, above, record.indexes[0])
        ):
            record.indexes.insert(0, above)
            taken.add(above)
    for k in range(len(records) - 1, 0, -1):
        record = records[k]
        if not _has_date(units, record) and len(records[k - 1].indexes) > 2:
            before = records[k - 1].indexes
            alone = units[before[-1]].block not in (
                units[before[-2]].block,
                units[record.indexes[0]].block,
            )
            if dated_line(units, before[-1]) and (
                alone or sum(dated_line(units, i) for i in before) >= 2
            ):
                record.indexes.insert(0, before.pop())


def _date_closing(units: list[Unit], syms: list[str], last: int) -> int | None:
    """The date line right under a record's last line that closes its block ("Teaser
    sentence." / "Posted Mar. 4, 2025 · Public Works", then a blank, or only furniture
    such as "Read more →" before it): the record's own byline, whatever else it names."""
    below = last + 1
    while below < len(units) and syms[below] in (FURNITURE, META):
        below += 1
    if below >= len(units) or units[below].block != units[last].block:
        return None
    after = below + 1  # a link or metadata may still follow it: "Read more →"
    while after < len(units) and units[after].block == units[below].block:
        if syms[after] not in (FURNITURE, META):
            break
        after += 1
    closes = after == len(units) or units[after].block != units[below].block
    byline = units[below].byline
    dated = byline is not None and byline.published is not None and not byline.clock
    return below if closes and dated else None


def _closes_block(units: list[Unit], index: int, start: int) -> bool:
    """Whether a date line closes a block of other lines, apart from the record starting at
    ``start`` ("Title" / "By Name" / "March 13, 2025", then a blank and the next record):
    it dates what it stands under, not the record below."""
    block = units[index].block
    return index > 0 and units[index - 1].block == block and units[start].block != block


def date_headings(units: list[Unit], records: list[Record]) -> None:
    """Records without a date take the date heading above them, where a page groups its
    items under days ("Saturday, March 2, 2024" over two posts, then the next day): two
    or more date lines that no record took, or that open a record from a block of their
    own; or, where no record is dated, the one date over them all (a paper's issue date
    in its masthead, a date line over the list; not the day beside the site's name)."""
    if not records:
        return
    taken = {i for r in records for i in r.indexes}
    # a record opening with a date in a block of its own opens a day
    openers = {
        r.indexes[0]
        for r in records
        if len(r.indexes) > 1 and units[r.indexes[0]].block != units[r.indexes[1]].block
    }
    first, last = records[0].indexes[0], records[-1].indexes[-1]
    heads = [
        i for i in range(first, last) if (i not in taken or i in openers) and dated_line(units, i)
    ]
    above = [i for i in range(first) if i not in taken and dated_line(units, i)][-1:]
    above = [i for i in above if not _beside_site_name(units, i) or numbers_issue(units[i].text)]
    if len(heads) < _HEADINGS and (heads or any(_has_date(units, r) for r in records)):
        return
    if not heads and not above:
        above = _issue_date(units, first)
    if not heads and len(records) > 1 and not _stamped(units, records):
        above = [i for i in above if not names_weekday(units[i].text)]
    heads = above + heads
    for record in records:
        if not _has_date(units, record):
            before = [h for h in heads if h < record.indexes[0]]
            if before and not _dateline_opened(units, record):
                record.heading = before[-1]


def _dateline_opened(units: list[Unit], record: Record) -> bool:
    """Whether a line of a record opens with a dateline ("Lisboa, 14 abr 2025 (NP) – …"):
    the item is dated by its own text, not by a date standing over the records."""
    return any(dateline_date(units[i].text) is not None for i in record.indexes)


def _stamped(units: list[Unit], records: list[Record]) -> bool:
    """Whether a record holds a time of day alone: a live page's entries, stamped with the
    hours of the day its one date names."""
    return any(dated_line(units, i, clock=True) for r in records for i in r.indexes)


def _beside_site_name(units: list[Unit], index: int) -> bool:
    """Whether a date line stands in the page's opening block, beside the site's name
    ("THE STEEL PRESS" / its tagline / "Thursday 27 November 2025"): the day the site
    prints on every page it serves, not the day its stories came out."""
    return units[index].block == units[0].block and index > 0


def _issue_date(units: list[Unit], first: int) -> list[int]:
    """The masthead line above the records that dates the issue ("Issue 1,412 | 6 March
    2024 | £1"), its date made the line's byline: a date that is one of its parts."""
    for i in range(min(first, _MASTHEAD_LINES)):
        text = units[i].text
        if units[i].byline is not None or not _DIGIT.search(text):
            continue
        for part in _PARTS.split(text):
            found = find_date(part)
            if found is not None and found.start == 0 and found.end == len(part):
                units[i] = units[i]._replace(byline=Byline(None, found.value))
                return [i]
    return []
