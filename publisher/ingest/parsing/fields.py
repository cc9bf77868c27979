"""A record's lines and the field each holds: the records a reading keeps (the page's
runs, without strays at their edges), the names given to the items they sign (dates:
``itemdates.py``), and each line's role (title, kicker, standfirst, byline, metadata)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Final

from publisher.ingest.parsing.dates import numbers_issue
from publisher.ingest.parsing.itemdates import dated_line
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.lives import lives_page, name_headline
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LABEL, LIST, META, TEXT, TITLE
from publisher.ingest.parsing.signoffs import signs_what_is_above

_KICKER_WORDS: Final = 4
_KICKER_CHARS: Final = 32
_KICKER_SHARE: Final = 3  # one record in three opening with a kicker: the page sets them there
_RUN_GAP: Final = 3  # lines outside records that part two runs of records
_RUN_MIN: Final = 4  # a longest run this long makes short runs elsewhere strays
_SIGNED_SHARE: Final = 5  # four records in five signed: an unsigned one at an edge is a stray
_HEADINGS: Final = 2  # day headings, each over two blocks of items, that group a page
# Records of several fields make two thirds of the run: lone lines are strays.
_FULL_SHARE: Final = 3
_MENU_ROW: Final = "link"  # a row of the site's menu ("Home | News | Sport")
_MENU_WORDS: Final = 4
_UNSIGNED_LIST: Final = 3  # records under a name-like line that sign none: it heads the list
_MASTHEAD_LINES: Final = 4  # a masthead stands in the first lines of the page
_LINKS: Final = 3  # a label repeated under this many items is a link
ITEM_LINES: Final = (TITLE, TEXT, LIST)  # the lines a teaser or a headline stands on


@dataclass
class Record:
    """One item's lines: indexes into the page's units, with the role of each."""

    indexes: list[int] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)
    heading: int | None = None  # a date heading over this and the records after it


@dataclass(frozen=True)
class Reading:
    """The records a pattern found, how much text they explain, and the pattern."""

    pattern: tuple[str, ...]
    records: list[Record]
    score: float


def main_runs(syms: list[str], records: list[Record]) -> list[Record]:
    """The records in runs long enough to be the page's lists; stray matches far from
    them (a cookie notice, a masthead, a newsletter box) are dropped."""
    runs: list[list[Record]] = []
    last = -1
    for record in records:
        gap = sum(1 for i in range(last + 1, record.indexes[0]) if syms[i] != META)
        if not runs or gap > _RUN_GAP:
            runs.append([])
        runs[-1].append(record)
        last = record.indexes[-1]
    longest = max((len(run) for run in runs), default=0)
    keep = max(2, longest / 3) if longest >= _RUN_MIN else 1
    return [record for run in runs if len(run) >= keep for record in run]


def _bare(syms: list[str], record: Record) -> bool:
    """A record of one line and nothing else: a headline alone, a label, a line of text."""
    return sum(1 for i in record.indexes if syms[i] != META) == 1


def without_masthead(units: list[Unit], syms: list[str], records: list[Record]) -> list[Record]:
    """``records`` without a first one that is the page's masthead: it opens the page and
    the site's menu row stands inside it or right under it ("The Wharfedale Observer" /
    "Home | News | Sport" / "Tuesday 5th March 2024"), or a numbered issue's date line
    stands in it; items sit under the menu.  A record that takes a headline and its text
    from under the menu is left whole."""
    if len(records) < _RUN_MIN - 1:
        return records
    first = records[0].indexes
    if first[0] <= _MASTHEAD_LINES and any(numbers_issue(units[i].text) for i in first):
        return records[1:]  # "RED STAR" / its tagline / "Issue 1,412 | 6 March 2024 | £1"
    if first[0] > _MASTHEAD_LINES or any(syms[i] not in (FURNITURE, META) for i in range(first[0])):
        return records
    after = first[-1] + 1
    while after < len(units) and syms[after] == META:
        after += 1
    menu = next((i for i in range(first[0], after + 1) if _menu_row(units[i])), None)
    under = [i for i in first if i > menu] if menu is not None else []
    if menu is None or (len(under) > 1 and any(syms[i] == TITLE for i in under)):
        return records
    return records[1:]


def _menu_row(unit: Unit) -> bool:
    """A row of the site's menu ("Home | News | Sport | Opinion"), not a "Read more" link."""
    return unit.furniture == _MENU_ROW and len(unit.text.split()) >= _MENU_WORDS


def without_stray_edges(syms: list[str], records: list[Record]) -> list[Record]:
    """``records`` without the lone lines at either end of the run where the page's records
    hold more than one field, and without unsigned records there where nearly every record
    is signed: a masthead and its tagline, a box's heading or an address above or below
    the list, not an item."""
    full = sum(1 for r in records if not _bare(syms, r))
    if len(records) < _RUN_MIN - 1 or full * _FULL_SHARE < len(records) * 2:
        return records
    signed = sum(1 for r in records if _signed(syms, r))
    unsigned_strays = signed * _SIGNED_SHARE >= len(records) * (_SIGNED_SHARE - 1)
    start, end = 0, len(records)
    while start < end and (
        _bare(syms, records[start]) or (unsigned_strays and not _signed(syms, records[start]))
    ):
        start += 1
    while end > start and (
        _bare(syms, records[end - 1]) or (unsigned_strays and not _signed(syms, records[end - 1]))
    ):
        end -= 1
    return records[start:end]


def _signed(syms: list[str], record: Record) -> bool:
    """Whether a record holds a byline or date line."""
    return any(syms[i] == BYLINE for i in record.indexes)


def day_headings(units: list[Unit], syms: list[str]) -> list[int]:
    """The date lines a page groups its items under: each alone in its block, two or
    more, and at least one over two blocks of items before the next ("2025. március 5.,
    szerda" / a teaser / a teaser / the next day)."""
    heads = [
        i
        for i, unit in enumerate(units)
        if syms[i] == BYLINE
        and dated_line(units, i)
        and (i == 0 or units[i - 1].block != unit.block)
        and (i + 1 == len(units) or units[i + 1].block != unit.block)
    ]
    for head, after in itertools.pairwise([*heads, len(units)]):
        blocks = {units[i].block for i in range(head + 1, after) if syms[i] in ITEM_LINES}
        if len(heads) >= _HEADINGS and len(blocks) >= _HEADINGS:
            return heads
    return []


def under_headings(units: list[Unit], syms: list[str], heads: list[int]) -> list[Record]:
    """One record for each line of items under each day's heading, up to the next
    heading, a label or a byline (a box's heading, the next list); a label the page
    repeats under its items ("→ lire la suite", "Read more") closes none."""
    records: list[Record] = []
    links = _repeated_labels(units, syms)
    for head, after in itertools.pairwise([*heads, len(syms)]):
        for i in range(head + 1, after):
            if i in links:
                continue
            if syms[i] not in ITEM_LINES and syms[i] not in (FURNITURE, META):
                break
            if syms[i] in ITEM_LINES:
                records.append(Record(indexes=[i], roles={i: "title"}, heading=head))
    return records


def _repeated_labels(units: list[Unit], syms: list[str]) -> set[int]:
    """The labels a page writes the same under three items or more: a link, not a heading."""
    seen: dict[str, list[int]] = {}
    for i, symbol in enumerate(syms):
        if symbol == LABEL and i and syms[i - 1] in ITEM_LINES:
            seen.setdefault(units[i].text.casefold(), []).append(i)
    return {i for found in seen.values() if len(found) >= _LINKS for i in found}


def _named(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a unit names a writer: a byline with an author, or a name alone."""
    byline = units[index].byline
    return syms[index] == BYLINE and (byline is None or byline.author is not None)


def names_to_their_items(units: list[Unit], syms: list[str], records: list[Record]) -> None:
    """Names given to the item they sign: a record's last line, a name set apart from it
    by furniture, is the next record's when that one names no writer; and a name standing
    alone just above a record that names none joins it ("Aoife Brennan" / "in" / the
    publication / the title), unless a date heading opens that record: then the name
    signs the record above it ("Posted by Steve Cairns at 4:12 PM" / "Saturday, March 2,
    2024" / the next post).  A record's last name goes down only where a name stands over
    the first record too (the names were read one record early), from the last record up,
    so a record whose own name went down takes the one above it; else the record that
    names none is just unsigned."""
    early = _name_over(units, syms, records)
    for before, record in reversed(list(itertools.pairwise(records))):
        last = before.indexes
        if len(last) < 2 or _names(units, syms, record):
            continue
        if (
            early
            and len(last) > 2
            and _named(units, syms, last[-1])
            and any(syms[i] == FURNITURE for i in range(last[-2] + 1, last[-1]))
        ):
            record.indexes.insert(0, last.pop())
        elif (tail := _signing_block(units, syms, last, early, record.indexes[0])) > 0:
            record.indexes[0:0] = last[-tail:]  # "Name" / "in" / "Publication" / "· date"
            del last[-tail:]
    taken = {i for r in records for i in r.indexes}
    _names_under_their_items(units, syms, records, taken)
    _names_over_their_items(units, syms, records, taken)


def _names_over_their_items(
    units: list[Unit], syms: list[str], records: list[Record], taken: set[int]
) -> None:
    """A name standing alone just above a record that names none joins it, with the date
    its signature ends in ("Sofía Aranda" / "in" / "Data Workers' Inquiry" / "·" / "Sep 9")."""
    for k, record in enumerate(records):
        if _names(units, syms, record):
            continue
        signature = _name_above(units, syms, record, taken)
        if signature is not None and not signs_what_is_above(units, signature[0]):
            above, dates = signature
            if k == 0 and _heads_list(units, syms, above, records, taken):
                continue
            if dates and units[dates[0]].block != units[above].block:
                continue  # the date stands apart from the name: not one signature
            record.indexes[0:0] = [above, *dates]
            taken.update((above, *dates))


def _signing_block(
    units: list[Unit], syms: list[str], indexes: list[int], early: bool, following: int
) -> int:
    """How many of a record's last lines are a block of their own of names, bylines and
    metadata ("Harriet Blomqvist" / "·" / "Feb 11"), apart from the record's own block:
    the next record's signature, read one record early (a name over the first record says
    so, a date in that block where the record's own block dates it already, or the next
    record opening inside that block); 0 when there is none."""
    block = units[indexes[-1]].block
    tail = 0
    while tail < len(indexes) - 1 and units[indexes[-1 - tail]].block == block:
        if syms[indexes[-1 - tail]] not in (BYLINE, META):
            return 0
        tail += 1
    if units[indexes[-1 - tail]].block == block:
        return 0
    if not any(_named(units, syms, i) for i in indexes[-tail:]):
        return 0
    own = indexes[:-tail]
    twice = any(dated_line(units, i) for i in own) and any(
        dated_line(units, i) for i in indexes[-tail:]
    )
    split = units[following].block == block  # the next record opens inside the block
    return tail if early or twice or split else 0


def _name_above(
    units: list[Unit], syms: list[str], record: Record, taken: set[int]
) -> tuple[int, list[int]] | None:
    """The name standing alone just above a record, if no other record holds it, and the
    date between them that ends its signature (furniture and metadata between too)."""
    above = record.indexes[0] - 1
    dates: list[int] = []
    while (
        above >= 0
        and above not in taken
        and (syms[above] in (FURNITURE, META) or (dated_line(units, above) and not dates))
    ):
        dates += [above] if syms[above] == BYLINE else []
        above -= 1
    if above >= 0 and above not in taken and _named(units, syms, above):
        return above, dates
    return None


def _heads_list(
    units: list[Unit], syms: list[str], name: int, records: list[Record], taken: set[int]
) -> bool:
    """Whether a name-like line over the first record is the list's heading ("BRANCH
    NEWS", "TOP STORY", "KRATKE VIJESTI"): a block of its own over a record that has its
    byline line, or over a list whose other records name no writer, in or over them."""
    record, others = records[0], records[1:]
    if units[name].block == units[record.indexes[0]].block:
        return False
    if any(syms[i] == BYLINE for i in record.indexes):
        return True
    return len(others) >= _UNSIGNED_LIST and not any(
        _names(units, syms, r) or _name_above(units, syms, r, taken) is not None for r in others
    )


def _name_over(units: list[Unit], syms: list[str], records: list[Record]) -> bool:
    """Whether a name stands over the first record, furniture and metadata between."""
    if not records:
        return False
    above = records[0].indexes[0] - 1
    while above >= 0 and syms[above] in (FURNITURE, META):
        above -= 1
    return above >= 0 and _named(units, syms, above)


def _names_under_their_items(
    units: list[Unit], syms: list[str], records: list[Record], taken: set[int]
) -> None:
    """Names just under records that name none sign them where the page shows that order:
    under some record the next one opens with its date heading, so the name above that
    heading cannot be the next record's; or the name closes the record's own block."""
    under: dict[int, int] = {}
    evidence = 0
    for k, record in enumerate(records):
        below = record.indexes[-1] + 1
        while below < len(units) and syms[below] in (FURNITURE, META) and below not in taken:
            below += 1
        if below >= len(units) or below in taken or not _named(units, syms, below):
            continue
        if not _names(units, syms, record):
            following = records[k + 1].indexes[0] if k + 1 < len(records) else None
            if _closes_its_block(units, record, below, following):
                record.indexes.append(below)  # its block's own signature
                taken.add(below)
                continue
            under[k] = below
            evidence += following is not None and dated_line(units, following)
    if not evidence:
        return
    for k, below in under.items():
        records[k].indexes.append(below)
        taken.add(below)


def _closes_its_block(units: list[Unit], record: Record, name: int, following: int | None) -> bool:
    """Whether a name under a record stands in that record's block, which the blank line
    after it parts from the next record ("Teaser." / "gan Elin Prys, Cadeirydd" / "Darllen
    mwy →", then a blank and the next kicker): it signs the record above."""
    block = units[name].block
    if units[record.indexes[0]].block != block:
        return False
    return following is not None and units[following].block != block


def _names(units: list[Unit], syms: list[str], record: Record) -> bool:
    """Whether a record names a writer."""
    return any(_named(units, syms, i) for i in record.indexes)


def assign_roles(units: list[Unit], syms: list[str], reading: Reading) -> None:
    """Name each record line's role: title, kicker, standfirst, byline, label, meta."""
    kicker_column = _kickers_lead(units, syms, reading)
    kicker_slot = _kickers_open(syms, reading)
    lives = lives_page(units, [r.indexes[0] for r in reading.records])
    for record in reading.records:
        titles = [i for i in record.indexes if syms[i] == TITLE]
        title = titles[0] if titles else None
        if lives and syms[record.indexes[0]] in (TITLE, LABEL):
            # a name heading a signed record: whom an obituary remembers
            if name_headline(units, syms, record.indexes):
                titles = [record.indexes[0]]
                title = record.indexes[0]
        if len(titles) >= 2 and (
            kicker_column or (kicker_slot and _kicker_shaped(units[titles[0]], record, titles[0]))
        ):
            title = titles[1]
        if title is None:
            # a headline repeated elsewhere on the page (a sidebar) was read as a label;
            # a badge of parts ("✔ WIN  Wales · Care") over a teaser is none
            labels = [
                i
                for i in record.indexes
                if syms[i] == LABEL
                and units[i].text.count(" ") >= _KICKER_WORDS - 1
                and " · " not in units[i].text
            ]
            texts = [i for i in record.indexes if syms[i] in (TEXT, LIST)]
            title = (labels or texts or record.indexes)[0]
        for i in record.indexes:
            record.roles[i] = _role(syms[i], i, title)
        _absorb_meta(syms, record)


def _role(symbol: str, index: int, title: int) -> str:
    """A record line's role from its symbol and where it stands against the title."""
    if index == title:
        return "title"
    if symbol == BYLINE:
        return "byline"
    if symbol == LABEL or (symbol == TITLE and index < title):
        return "kicker"
    return "standfirst"


def _absorb_meta(syms: list[str], record: Record) -> None:
    """Metadata lines inside a record's span belong to it."""
    first, last = record.indexes[0], record.indexes[-1]
    for i in range(first, last + 1):
        if i not in record.roles and syms[i] == META:
            record.roles[i] = "meta"


def _kickers_open(syms: list[str], reading: Reading) -> bool:
    """Whether the page's records open with a kicker (a label over the title) often
    enough that a short title-like line in that place is one too."""
    opening = sum(1 for r in reading.records if syms[r.indexes[0]] == LABEL)
    return opening * _KICKER_SHARE >= len(reading.records) > 1


def _kicker_shaped(unit: Unit, record: Record, index: int) -> bool:
    """Whether a record's first title-like line is short enough for a kicker ("Employment
    rights" over the headline), opening the record."""
    text = unit.text
    short = text.count(" ") < _KICKER_WORDS - 1 and len(text) <= _KICKER_CHARS
    return short and index == record.indexes[0] and not text.endswith(("?", "!"))


def _kickers_lead(units: list[Unit], syms: list[str], reading: Reading) -> bool:
    """Whether records with two title-like lines open with a kicker (a short label) or a
    title over a subtitle: decided for the whole column, not line by line."""
    firsts: list[Unit] = []
    for record in reading.records:
        titles = [i for i in record.indexes if syms[i] == TITLE]
        if len(titles) >= 2:
            firsts.append(units[titles[0]])
    if not firsts:
        return False
    short = sum(
        1 for u in firsts if u.text.count(" ") < _KICKER_WORDS and len(u.text) <= _KICKER_CHARS
    )
    return short * 10 >= len(firsts) * 9
