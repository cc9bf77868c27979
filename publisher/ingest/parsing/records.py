"""The page's own record pattern: the shape its items repeat, found and read back.

Every line has a symbol (``roles``).  Candidate patterns (``shapes``) are the record shapes the
page itself shows most often: each blank-line block's sequence of symbols, and the
runs of symbols between one occurrence of a symbol and the next.  Each candidate is
matched over the whole page (every field optional but the title, metadata allowed
anywhere inside a record), and the pattern whose records explain the most text wins.
Lines outside its records are furniture.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from publisher.ingest.parsing.fields import (
    Reading,
    Record,
    assign_roles,
    main_runs,
    names_to_their_items,
    without_masthead,
    without_stray_edges,
)
from publisher.ingest.parsing.furniture import LINK
from publisher.ingest.parsing.headlines import with_kicked_headlines_after
from publisher.ingest.parsing.itemdates import date_headings, dates_to_their_items
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import (
    BYLINE,
    FURNITURE,
    LABEL,
    LIST,
    META,
    TEXT,
    TITLE,
    line_symbol,
)
from publisher.ingest.parsing.shapes import (
    REPEATABLE,
    RUNS,
    candidates,
    plain,
    title_first,
)

_CONTENT: Final = (TITLE, TEXT, BYLINE, LABEL, LIST)
_UNREAD: Final = (TEXT, BYLINE)  # lines a reading should not leave between its records
# The second and later symbols of a run of text or bylines: dropped, a run is one field.
_NEED: Final = 0.6  # a record holds at least this share of the pattern's fields
_BLOCK_START: Final = 0.1
_SKIPPED_TEXT: Final = 0.75  # running text skipped between records costs this share of its weight
_PHASE_SHARE: Final = 0.9  # a reading cut in another place, explaining nearly as much text
_BLOCK_PHASE_SHARE: Final = 0.75  # ... or a cut whose records keep to the page's blocks
_RUN_MIN: Final = 4  # a longest run this long makes short runs elsewhere strays
_KEPT_SHARE: Final = 0.75  # records kept to their blocks explain nearly as much text
_BLOCKS_SHARE: Final = 0.8  # blocks that read as one record each, nearly all alike
_BOUND_REPEATS: Final = 3
_BOUND_RUN: Final = 3  # records a reading cuts across bounds to be given up for another
_BOUND_PHASE_SHARE: Final = 0.7  # ... or a cut whose records keep within the page's item bounds
_WORD: Final = re.compile(r"[^\W\d_]+")
_KICKED_TEASERS: Final = (LABEL + TITLE, LABEL + TITLE + TEXT)  # a small teaser's block
_TEASER_RUN: Final = 3  # a reading of fewer records gives way to this many teasers for each


@dataclass(frozen=True)
class _Content:
    """The page's content lines by position: their symbols as one string, blocks, weights."""

    indexes: list[int]  # position -> unit index
    line: str
    blocks: list[int]
    weights: list[int]
    prefix: list[int]  # prefix[p] = weight of positions before p
    unread: list[int]  # the same for the lines a reading should not leave out (_UNREAD)
    opens: list[bool]  # the line starts a block of the page
    closed: list[int]  # how many item bounds ("Read more", an avatar) stand before the line
    # (and, last, before the page's end)


def _content(units: list[Unit], syms: list[str]) -> _Content:
    """The content lines of the page, read once for every pattern tried."""
    indexes = [i for i, s in enumerate(syms) if s in _CONTENT]
    weights = [units[i].weight for i in indexes]
    return _Content(
        indexes=indexes,
        line="".join(syms[i] for i in indexes),
        blocks=[units[i].block for i in indexes],
        weights=weights,
        prefix=[0, *itertools.accumulate(weights)],
        unread=[
            0,
            *itertools.accumulate(
                w if syms[i] in _UNREAD else 0 for i, w in zip(indexes, weights, strict=True)
            ),
        ],
        opens=_opens(units, syms, indexes),
        closed=_bounds_before(units, syms, [*indexes, len(units)]),  # and at the page's end
    )


def _opens(units: list[Unit], syms: list[str], indexes: list[int]) -> list[bool]:
    """Which content lines start a block of the page: the block's first line, or the first
    after a line its own text makes furniture opening it (a paywall's mark over a post,
    "Member-only story"; not a masthead, furniture only by where it stands)."""
    return [
        not i
        or units[i].block != units[i - 1].block
        or (
            syms[i - 1] == FURNITURE
            and (k == 0 or units[indexes[k - 1]].block != units[i].block)
            and _opens_block(units, i - 1)
        )
        for k, i in enumerate(indexes)
    ]


def _opens_block(units: list[Unit], index: int) -> bool:
    """Whether the lines from the block's start to ``index`` are furniture by their text."""
    block = units[index].block
    while index >= 0 and units[index].block == block:
        if line_symbol(units[index])[0] != FURNITURE:
            return False
        index -= 1
    return True


def _bounds_before(units: list[Unit], syms: list[str], indexes: list[int]) -> list[int]:
    """For each content line, how many item bounds stand before it.  A bound is a line the
    page repeats three times or more where an item ends or starts, whatever its language:
    a link closing a block ("Read more", "Continue reading →", "Lees verder"), or furniture
    opening one ("Writer's picture", "[Avatar photo of …]")."""
    closers = _repeated(
        [i for i, u in enumerate(units) if u.furniture == LINK and _ends_block(units, i)],
        lambda i: units[i].text.casefold(),
    )
    openers = _repeated(
        [
            i
            for i, symbol in enumerate(syms)
            if symbol in (FURNITURE, META)
            and (i == 0 or units[i - 1].block != units[i].block)
            and not _ends_block(units, i)
        ],
        lambda i: " ".join(_WORD.findall(units[i].text.casefold())[:2]),
    )
    bounds = sorted({*closers, *openers})
    counts: list[int] = []
    seen = 0
    for index in indexes:
        while seen < len(bounds) and bounds[seen] < index:
            seen += 1
        counts.append(seen)
    return counts


def _ends_block(units: list[Unit], index: int) -> bool:
    return index + 1 == len(units) or units[index + 1].block != units[index].block


def _repeated(lines: list[int], key: Callable[[int], str]) -> list[int]:
    """The lines whose key (their words) the page repeats _BOUND_REPEATS times or more."""
    keys = {i: key(i) for i in lines}
    counts = Counter(keys.values())
    return [i for i in lines if keys[i] and counts[keys[i]] >= _BOUND_REPEATS]


def _across_closers(page: _Content, records: list[list[int]]) -> int:
    """How many records hold an item bound inside them: cut across the page's items."""
    return sum(1 for r in records if page.closed[r[-1]] != page.closed[r[0]])


def find_records(units: list[Unit], syms: list[str]) -> Reading:
    """The best-supported record pattern of the page and its records."""
    page = _content(units, syms)
    held: Counter[str] = Counter()
    for symbol, weight in zip(page.line, page.weights, strict=True):
        held[symbol] += weight
    best: tuple[tuple[str, ...], list[list[int]], float] = ((), [], 0.0)
    tried: dict[tuple[str, ...], tuple[list[list[int]], float]] = {}
    bounds = {
        p: (1 + _BLOCK_START) * sum(held[s] for s in set(p))
        for p in candidates(units, syms, page.indexes)
    }
    # strongest first: no reading scores above the text its symbols hold (with the bonus)
    for pattern in sorted(bounds, key=bounds.__getitem__, reverse=True):
        if bounds[pattern] <= best[2]:
            break
        tried[pattern] = _read(page, pattern)
        if tried[pattern][1] > best[2]:
            best = (pattern, *tried[pattern])
    for turned in _turns(best[0]):
        if turned not in tried:  # the same cycle cut elsewhere ("T T B" for "B T T")
            tried[turned] = _read(page, turned)
    dated = (BYLINE, *best[0])
    if best[0][-1:] == (BYLINE,) and best[0][0] != BYLINE and dated not in tried:
        tried[dated] = _read(page, dated)  # "B T S B": a date over each title too
    pattern, found, score = _whole_phase(page, best, tried)
    found, score = _later_start(page, pattern, found, score)
    in_blocks = _block_records(page, found)
    if in_blocks is not None:
        found = in_blocks
    if len(found) < _TEASER_RUN and TEXT in pattern and pattern != (TEXT,):
        # a heading over a block of sentences one a line is a run of teasers, not one item
        teasers, teaser_score = _match(page, (TEXT,), blocked=False)
        if len(teasers) >= _TEASER_RUN * max(1, len(found)):
            pattern, found, score = (TEXT,), teasers, teaser_score
    if pattern == (TEXT,):
        found = _messages(units, syms, page, found)
    chosen = [Record(indexes=[page.indexes[p] for p in r]) for r in found]
    runs = main_runs(syms, chosen)
    if TITLE in pattern:
        runs = _with_lone_headlines(units, page, runs)
    runs = without_stray_edges(syms, without_masthead(units, syms, runs))
    if TITLE in pattern:
        runs = with_kicked_headlines_after(units, syms, runs)
    dates_to_their_items(units, syms, runs)
    names_to_their_items(units, syms, runs)
    date_headings(units, runs)
    reading = Reading(pattern, runs, score)
    if reading.records:
        assign_roles(units, syms, reading)
    return reading


def _read(page: _Content, pattern: tuple[str, ...]) -> tuple[list[list[int]], float]:
    """The records ``pattern`` reads on the page and the text they explain; where blank
    lines already part the records, records keep to their blocks."""
    free, score = _match(page, pattern, blocked=False)
    if any(page.blocks[r[0]] != page.blocks[r[-1]] for r in free):
        kept, kept_score = _match(page, pattern, blocked=True)
        if len(kept) >= len(free):
            return kept, score
        if kept_score >= _KEPT_SHARE * score and _stray_edge(page, free, kept):
            return kept, score
    return free, score


def _later_start(
    page: _Content, pattern: tuple[str, ...], free: list[list[int]], score: float
) -> tuple[list[list[int]], float]:
    """The reading started a line later where that makes more records whole: a line over
    the list (the site's name) took the first title's place, and each title the next
    one's standfirst ("T T B" read as the name and the first title)."""
    fields = len(pattern)
    if len(free) < _TEASER_RUN or fields < 2 or _whole(page, free[:1], fields):
        return free, score
    if free != _match(page, pattern, blocked=False)[0]:
        return free, score  # records kept to their blocks: the blank lines said where
    later, later_score = _match(page, pattern, blocked=False, start=free[0][0] + 1)
    whole = _whole(page, later, fields) > _whole(page, free, fields)
    return (later, later_score) if whole and later_score >= _PHASE_SHARE * score else (free, score)


def _block_records(page: _Content, found: list[list[int]]) -> list[list[int]] | None:
    """Each block holding one title, read whole as one record, where blank lines part the
    page's records and the reading cut across them: a date over each title and an author
    under it, both in the title's block ("Dydd Mercher, 5 Mawrth 2025" / title / "Gan X").
    Records read outside the run of such blocks (above or below it) are kept as read."""
    crossing = sum(1 for r in found if page.blocks[r[0]] != page.blocks[r[-1]])
    if len(found) < _RUN_MIN or crossing * 3 < len(found):
        return None
    low, high = page.blocks[found[0][0]], page.blocks[found[-1][-1]]
    members: dict[int, list[int]] = {}
    for position, block in enumerate(page.blocks):
        if low <= block <= high:
            members.setdefault(block, []).append(position)
    blocks = list(members.values())
    titles = [sum(1 for p in m if page.line[p] == TITLE) for m in blocks]  # counted once
    if sum(1 for t in titles if t) < _RUN_MIN:
        return None
    openings = Counter(page.line[blocks[i][0]] for i, t in enumerate(titles) if t)
    opening = openings.most_common(1)[0][0]
    alike = [i for i, m in enumerate(blocks) if titles[i] and page.line[m[0]] == opening]
    span = range(alike[0], alike[-1] + 1)  # from the first block opening alike to the last
    run = [blocks[i] for i in span]
    titled = [blocks[i] for i in span if titles[i]]
    untitled = len(run) - len(titled)
    doubtful = sum(1 for i in span if titles[i] > 1)
    if len(titled) < max(_RUN_MIN, _BLOCKS_SHARE * len(found)):
        return None
    if untitled + doubtful > (1 - _BLOCKS_SHARE) * len(titled):
        return None  # standfirsts or bylines in blocks of their own: records cross blocks
    if sum(1 for m in titled if page.line[m[0]] == opening) < _BLOCKS_SHARE * len(titled):
        return None  # the blocks do not open alike: no one record shape in them
    first, last = run[0][0], run[-1][-1]
    return [
        *(r for r in found if r[-1] < first),
        *titled,
        *(r for r in found if r[0] > last),
    ]


def _stray_edge(page: _Content, free: list[list[int]], kept: list[list[int]]) -> bool:
    """Whether the one record the blocked reading lacks is the first or the last, made of
    lines from two blocks: a line alone above or below the list (a masthead's tagline, a
    box's heading) taken with the next or last record's field."""
    if len(kept) + 1 != len(free) or not kept:
        return False
    edge = free[0] if kept[0][0] > free[0][0] else free[-1]
    return page.blocks[edge[0]] != page.blocks[edge[-1]] and edge not in kept


def _turns(pattern: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The other cuts of a pattern's cycle that make a record shape of their own."""
    found: list[tuple[str, ...]] = []
    for cut in range(1, len(pattern)):
        turned = pattern[cut:] + pattern[:cut]
        if turned != pattern and plain("".join(turned)) and title_first(turned):
            found.append(turned)
    return found


def _messages(
    units: list[Unit], syms: list[str], page: _Content, found: list[list[int]]
) -> list[list[int]]:
    """Teasers one a line, joined by block where nearly every block is one message closed
    by its metadata line (a feed's "👁 9.8K 18:02" under each post): a post of two
    sentences on two lines is one item, not two."""
    last = {unit.block: i for i, unit in enumerate(units)}  # each block's last line
    closed = [_closed(units[last[b]], syms[last[b]]) for b in {page.blocks[r[0]] for r in found}]
    if len(closed) < _TEASER_RUN or sum(closed) * 5 < len(closed) * 4:
        return found
    joined: list[list[int]] = []
    for record in found:
        if joined and page.blocks[joined[-1][0]] == page.blocks[record[0]]:
            joined[-1].extend(record)
        else:
            joined.append(list(record))
    return joined


def _closed(unit: Unit, symbol: str) -> bool:
    """Whether a block's last line is metadata (counters, a time of day alone)."""
    return symbol == META or (unit.byline is not None and unit.byline.clock)


def _whole_phase(
    page: _Content,
    best: tuple[tuple[str, ...], list[list[int]], float],
    tried: dict[tuple[str, ...], tuple[list[list[int]], float]],
) -> tuple[tuple[str, ...], list[list[int]], float]:
    """Of the readings of one cycle cut at different points ("B T S" against "T S B" on
    a page without blank lines), the one whose records are whole: a cut in the wrong
    place leaves the first record without its opening field and makes a stray last one.
    Where blank lines part the records, they say where records start instead, and
    whether a date over each title opens the record ("B T S B" for "T S B")."""
    pattern = best[0]
    whole = _whole(page, best[1], len(pattern))
    opening = _opening(page, best[1])
    dated = (BYLINE, *pattern)  # a date over the title as well as a byline closing it
    for other, (records, score) in tried.items():
        if other != dated and (
            other == pattern
            or len(other) != len(pattern)
            or "".join(other) not in "".join(pattern * 2)
        ):
            continue
        count = _whole(page, records, len(other))
        opens = _opening(page, records)
        if other == dated:
            count = whole  # more fields: only the blocks can say it is the better cut
        if count > whole and score >= _PHASE_SHARE * best[2] and opens >= opening:
            best, whole, opening = (other, records, score), count, opens
        elif _closers_say(page, best[1], records) and score >= _BOUND_PHASE_SHARE * best[2]:
            best, whole, opening = (other, records, score), count, opens
        elif _blocks_say(len(best[1]), opening, len(records), opens) and (
            score >= _BLOCK_PHASE_SHARE * best[2]
        ):
            best, whole, opening = (other, records, score), count, opens
    return best


def _closers_say(page: _Content, records: list[list[int]], other: list[list[int]]) -> bool:
    """Whether the page's item bounds say the other cut is right: this reading's records
    hold them ("Title / text / Read more / date" read as one item) and the other's do not."""
    across = _across_closers(page, records)
    return across * 3 >= len(records) >= _BOUND_RUN and _across_closers(page, other) * 4 <= across


def _blocks_say(count: int, opening: int, other_count: int, other_opening: int) -> bool:
    """Whether blank lines say the other cut is right: its records open a block nearly
    every time, and this reading's records seldom do."""
    return (
        other_count >= _RUN_MIN and other_opening * 10 >= other_count * 9 and opening * 2 <= count
    )


def _whole(page: _Content, records: list[list[int]], fields: int) -> int:
    """How many records fill every field of their pattern."""
    return sum(1 for r in records if _fields("".join(page.line[p] for p in r)) == fields)


def _with_lone_headlines(units: list[Unit], page: _Content, records: list[Record]) -> list[Record]:
    """``records`` with the headlines standing alone between two of them (blocks of one
    title line, or of a kicker over one, perhaps with its standfirst; nothing else between
    but the next record's own kicker, or blocks a kicker opens): items whose standfirst
    the site left out."""
    position = {index: p for p, index in enumerate(page.indexes)}
    out: list[Record] = []
    for before, after in itertools.pairwise(records):
        out.append(before)
        gap = range(position[before.indexes[-1]] + 1, position[after.indexes[0]])
        if not (_one_block(units, before) and _one_block(units, after)):
            continue  # where every line stands in a block of its own, a lone line is a heading
        opening = units[after.indexes[0]].block
        groups = [g for g in _by_block(page, gap) if not _kicker_of(page, g, opening)]
        lone = [g for g in groups if _lone_headline(units, page, g)]
        if len(lone) < len(groups):
            # the other blocks between are teasers the pattern did not read, each opened by
            # a kicker; a headline under a line of furniture (an advert's label) is none
            if not all(g in lone or _kicked_block(page, g) for g in groups):
                continue
            lone = [g for g in lone if _opens_its_block(units, page.indexes[g[0]])]
        out.extend(Record(indexes=[page.indexes[p] for p in group]) for group in lone)
    return [*out, *records[-1:]]


def _kicked_block(page: _Content, group: list[int]) -> bool:
    """Whether a group of positions is a kicker over the lines of a teaser."""
    return len(group) > 1 and page.line[group[0]] == LABEL


def _opens_its_block(units: list[Unit], index: int) -> bool:
    """Whether a unit is the first line of its block."""
    return index == 0 or units[index - 1].block != units[index].block


def _kicker_of(page: _Content, group: list[int], block: int) -> bool:
    """Whether a group of positions is the kicker opening the next record's block, left
    out of its record where the pattern has no kicker slot ("INTERVIEW" / its title)."""
    return page.blocks[group[0]] == block and all(page.line[p] == LABEL for p in group)


def _by_block(page: _Content, positions: range) -> list[list[int]]:
    """Content positions grouped by the block they stand in, in page order."""
    groups: list[list[int]] = []
    for p in positions:
        if groups and page.blocks[groups[-1][0]] == page.blocks[p]:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _lone_headline(units: list[Unit], page: _Content, group: list[int]) -> bool:
    """Whether a group of positions is a headline standing alone in its block, or a
    kicker over one ("CULTURA" / "Festival de Son Guerrerense llena la explanada"),
    perhaps with one line of standfirst ("PODCAST" / its episode / "38 mins."), and no
    promotion pointing on to a page of the site's."""
    first, last = group[0], group[-1]
    if _points_on(units[page.indexes[last]].text):
        return False
    if len(group) == 1:
        return page.line[first] == TITLE and page.opens[first] and page.opens[first + 1]
    whole = (first == 0 or page.blocks[first - 1] != page.blocks[first]) and (
        last + 1 == len(page.blocks) or page.blocks[last + 1] != page.blocks[last]
    )
    return whole and page.line[first : last + 1] in _KICKED_TEASERS


def _points_on(text: str) -> bool:
    """Whether a line ends on an arrow pointing to a page of the site's ("Nieuw: ons
    jaarverslag 2024 staat online. Bekijk het jaarverslag ›", "Jetzt wechseln →"): a
    promotion, not a headline; a quotation closing on "»" after its "«" is one."""
    end = text.rstrip()[-1:]
    return end in "›→" or (end == "»" and "«" not in text)


def _one_block(units: list[Unit], record: Record) -> bool:
    """Whether a record of two lines or more keeps to one block of the page."""
    blocks = {units[i].block for i in record.indexes}
    return len(record.indexes) >= 2 and len(blocks) == 1


def _opening(page: _Content, records: list[list[int]]) -> int:
    """How many records start a block of the page."""
    return sum(1 for r in records if page.opens[r[0]])


def _match(
    page: _Content, pattern: tuple[str, ...], *, blocked: bool, start: int = 0
) -> tuple[list[list[int]], float]:
    """Records (as positions) read greedily by ``pattern`` over the page, and the text
    they explain.

    Each slot but the title is optional and a repeatable slot takes a run, so one record
    is the leftmost greedy match of a regular expression over the content's symbols.
    """
    anchor = _anchor(pattern)
    need = max(1, math.ceil(_NEED * len(pattern)))
    shape = _shape(pattern)
    line, blocks, weights = page.line, page.blocks, page.weights
    records: list[list[int]] = []
    score = 0.0
    position = start
    while (found := shape.search(line, position)) is not None:
        start, end = found.span()
        title = line.index(anchor, start, end)
        block = blocks[title]
        if blocked:  # a record keeps to its title's block
            taken = [p for p in range(start, end) if blocks[p] == block]
            symbols = "".join(line[p] for p in taken)
        else:
            taken = list(range(start, end))
            symbols = line[start:end]
        fields = _fields(symbols)
        if (
            fields < need
            and not (_fills_block(page, taken) and (blocked or page.line[taken[0]] == LABEL))
            and not _bounded(page, taken)
        ):
            position = start + 1
            continue
        records.append(taken)
        weight = (
            float(sum(weights[p] for p in taken))
            if blocked
            else page.prefix[end] - page.prefix[start]
        )
        # lines above the title's block count half: a blank line above a title parts it
        # from the record before (the phase of the pattern)
        for p in taken:
            if p >= title or blocks[p] == block:
                break
            weight -= weights[p] / 2
        score += weight * (0.5 + 0.5 * fields / len(pattern))
        if page.opens[taken[0]]:
            score += _BLOCK_START * weights[taken[0]]
        if len(records) > 1:  # running text left between two records: text the reading misses
            score -= _SKIPPED_TEXT * _text_between(page, records[-2][-1] + 1, taken[0])
        position = taken[-1] + 1
    return records, score


def _fills_block(page: _Content, taken: list[int]) -> bool:
    """Whether a record of two fields or more is the whole of its block: blank lines part
    the records there, so one with optional fields left out is still a record."""
    first, last = taken[0], taken[-1]
    whole = page.opens[first] and (last + 1 == len(page.opens) or page.opens[last + 1])
    return whole and len(taken) >= 2


def _bounded(page: _Content, taken: list[int]) -> bool:
    """Whether a record is the whole of its item by the page's bounds: it is the whole of
    its block and the link the page closes every item with follows it ("» Vabimo na delavnico …" /
    "Preberi več" where the other teasers carry a date too)."""
    after = taken[-1] + 1
    return (
        page.opens[taken[0]]
        and (after == len(page.opens) or page.opens[after])
        and page.closed[after] > page.closed[taken[-1]]
    )


def _text_between(page: _Content, start: int, end: int) -> int:
    """The weight of the running text and bylines at positions ``start`` to ``end``: a
    reading that leaves them unread between its records misses a field of its items."""
    return page.unread[end] - page.unread[start] if end > start else 0


@functools.lru_cache(maxsize=4096)
def _fields(symbols: str) -> int:
    """How many fields a record's symbols fill: a run of text or bylines is one (cached:
    a page repeats a handful of record shapes)."""
    return len(RUNS.sub("", symbols))


def _anchor(pattern: tuple[str, ...]) -> str:
    """The field every record of ``pattern`` holds: its title, else its text or list."""
    return TITLE if TITLE in pattern else (TEXT if TEXT in pattern else LIST)


@functools.lru_cache(maxsize=512)
def _shape(pattern: tuple[str, ...]) -> re.Pattern[str]:
    """What one record of ``pattern`` matches: its first anchor slot, every other slot
    optional, repeatable ones a run."""
    anchor = _anchor(pattern)
    first = pattern.index(anchor)
    parts: list[str] = []
    for index, slot in enumerate(pattern):
        optional = "" if index == first else "?"
        if slot == TEXT and index and pattern[index - 1] == TITLE and index + 1 < len(pattern):
            # a second title-like line under the title, before the next field, is the
            # standfirst ("Is the Party Over?" / "A disorderly retreat… or stay and fight?")
            parts.append(f"(?:{TEXT}+|{TITLE}(?={pattern[index + 1]})){optional}")
        elif index == len(pattern) - 1 and index and slot == pattern[0] == BYLINE:
            parts.append(f"{slot}?")  # the next record's date is not this one's byline
        elif slot in REPEATABLE and (slot != TEXT or TITLE in pattern):
            # without a title, each line of running text is a teaser of its own
            parts.append(f"(?:{slot}+){optional}")
        else:
            parts.append(f"{slot}{optional}")
    return re.compile("".join(parts))
