"""The page's own record pattern: the shape its items repeat, found and read back.

Every line has a symbol (``roles``).  Candidate patterns are the record shapes the
page itself shows most often: each blank-line block's sequence of symbols, and the
runs of symbols between one occurrence of a symbol and the next.  Each candidate is
matched over the whole page (every field optional but the title, metadata allowed
anywhere inside a record), and the pattern whose records explain the most text wins.
Lines outside its records are furniture.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, LABEL, LIST, META, TEXT, TITLE

_CONTENT = (TITLE, TEXT, BYLINE, LABEL, LIST)
_REPEATABLE = (TEXT, BYLINE)
_RUNS = re.compile(f"([{TEXT}{BYLINE}])\\1+")
_CANDIDATES = 3  # signatures tried per way of cutting the page
_KICKER_WORDS = 4
_KICKER_CHARS = 32
_NEED = 0.6  # a record holds at least this share of the pattern's fields
_BLOCK_START = 0.1
_RUN_GAP = 3  # lines outside records that part two runs of records
_RUN_MIN = 4  # a longest run this long makes short runs elsewhere strays


@dataclass
class Record:
    """One item's lines: indexes into the page's units, with the role of each."""

    indexes: list[int] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    """The records a pattern found, how much text they explain, and the pattern."""

    pattern: tuple[str, ...]
    records: list[Record]
    score: float


def find_records(units: list[Unit], syms: list[str]) -> Reading:
    """The best-supported record pattern of the page and its records."""
    content = [i for i, s in enumerate(syms) if s in _CONTENT]
    weights: Counter[str] = Counter()
    for i in content:
        weights[syms[i]] += units[i].weight
    best = Reading((), [], 0.0)
    bounds = {
        p: (1 + _BLOCK_START) * sum(weights[s] for s in set(p))
        for p in _candidates(units, syms, content)
    }
    # strongest first: no reading scores above the text its symbols hold (with the bonus)
    for pattern in sorted(bounds, key=bounds.__getitem__, reverse=True):
        if bounds[pattern] <= best.score:
            break
        free = _match(units, syms, content, pattern, blocked=False)
        kept = free
        if any(len({units[i].block for i in r.indexes}) > 1 for r in free.records):
            kept = _match(units, syms, content, pattern, blocked=True)
        # where blank lines already part the records, records keep to their blocks
        reading = Reading(pattern, kept.records, free.score)
        if len(kept.records) < len(free.records):
            reading = free
        if reading.score > best.score:
            best = reading
    records = _main_runs(syms, best.records)
    best = Reading(best.pattern, records, best.score)
    if best.records:
        _assign_roles(units, syms, best)
    return best


def _main_runs(syms: list[str], records: list[Record]) -> list[Record]:
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


def _candidates(units: list[Unit], syms: list[str], content: list[int]) -> list[tuple[str, ...]]:
    """Record shapes the page repeats: per block, and between repeats of each symbol.

    Shapes are read off the page's symbols as one string, repeats of repeatable
    symbols collapsed ("S S" is one field).
    """
    found: Counter[str] = Counter()
    blocks: dict[int, list[str]] = {}
    for i in content:
        blocks.setdefault(units[i].block, []).append(syms[i])
    _add_common(found, [_RUNS.sub(r"\1", "".join(b)) for b in blocks.values()])
    line = "".join(syms[i] for i in content)
    for start in (TITLE, BYLINE, TEXT, LABEL, LIST):
        # what comes before the first ``start`` is not a record of this cut
        chunks = line.split(start)[1:]
        _add_common(found, [_RUNS.sub(r"\1", start + chunk) for chunk in chunks])
    for shape in (TITLE + TEXT, TEXT):
        found[shape] += 0  # a page of one item still shows the commonest shapes
    patterns = [p for p in found if (TITLE in p or TEXT in p or LIST in p) and _plain(p)]
    # A record's running text stands under its title, never above it; and
    # a kicker or section label stands above its title, never under it
    patterns = [
        p
        for p in patterns
        if TITLE not in p or (TEXT not in p[: p.index(TITLE)] and LABEL not in p[p.index(TITLE) :])
    ]
    return [tuple(p) for p in patterns] or [(TEXT,)]


def _plain(pattern: str) -> bool:
    """A record's fields do not come back after others ("T B T" is two records)."""
    seen: set[str] = set()
    for index, symbol in enumerate(pattern):
        if symbol in seen and pattern[index - 1] != symbol:
            return False
        seen.add(symbol)
    return True


def _add_common(found: Counter[str], signatures: list[str]) -> None:
    """The most frequent signatures (seen at least twice) join the candidates."""
    for signature, count in Counter(signatures).most_common(_CANDIDATES):
        if count >= 2 and len(signature) <= 8:
            found[signature] += count


def _match(
    units: list[Unit],
    syms: list[str],
    content: list[int],
    pattern: tuple[str, ...],
    *,
    blocked: bool,
) -> Reading:
    """Records read greedily by ``pattern`` over the page, and the text they explain.

    Each slot but the title is optional and a repeatable slot takes a run, so one record
    is the leftmost greedy match of a regular expression over the content's symbols.
    """
    anchor = _anchor(pattern)
    need = max(1, math.ceil(_NEED * len(pattern)))
    shape = _shape(pattern)
    line = "".join(syms[i] for i in content)
    records: list[Record] = []
    score = 0.0
    position = 0
    while (found := shape.search(line, position)) is not None:
        start, end = found.span()
        taken = content[start:end]
        title = content[line.index(anchor, start, end)]
        block = units[title].block
        if blocked:  # a record keeps to its title's block
            taken = [i for i in taken if units[i].block == block]
        fields = _fields(line[start:end] if len(taken) == end - start else _text(syms, taken))
        if fields < need:
            position = start + 1
            continue
        records.append(Record(indexes=taken))
        # lines above the title's block count half: a blank line above a title parts it
        # from the record before (the phase of the pattern)
        weight = sum(
            units[i].weight * (0.5 if i < title and units[i].block != block else 1.0) for i in taken
        )
        score += weight * (0.5 + 0.5 * fields / len(pattern))
        if not taken[0] or units[taken[0]].block != units[taken[0] - 1].block:
            score += _BLOCK_START * units[taken[0]].weight
        position = start + content[start:end].index(taken[-1]) + 1
    return Reading(pattern, records, score)


def _text(syms: list[str], indexes: list[int]) -> str:
    """The symbols of ``indexes`` as one string."""
    return "".join(syms[i] for i in indexes)


def _fields(symbols: str) -> int:
    """How many fields a record's symbols fill: a run of text or bylines is one."""
    return len(_RUNS.sub(r"\1", symbols))


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
        elif slot in _REPEATABLE and (slot != TEXT or TITLE in pattern):
            # without a title, each line of running text is a teaser of its own
            parts.append(f"(?:{slot}+){optional}")
        else:
            parts.append(f"{slot}{optional}")
    return re.compile("".join(parts))


def _assign_roles(units: list[Unit], syms: list[str], reading: Reading) -> None:
    """Name each record line's role: title, kicker, standfirst, byline, label, meta."""
    kicker_column = _kickers_lead(units, syms, reading)
    for record in reading.records:
        titles = [i for i in record.indexes if syms[i] == TITLE]
        title = titles[0] if titles else None
        if len(titles) >= 2 and kicker_column:
            title = titles[1]
        if title is None:
            texts = [i for i in record.indexes if syms[i] in (TEXT, LIST)]
            title = texts[0] if texts else record.indexes[0]
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
