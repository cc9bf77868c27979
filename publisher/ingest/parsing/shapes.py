"""The record shapes a page repeats: the candidates ``records`` matches over the page.

A shape is a string of line symbols (``roles``): each blank-line block's, the runs between
one occurrence of a symbol and the next, and shapes merged from the commonest blocks with
every field optional.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from typing import Final

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, LABEL, LIST, TEXT, TITLE

REPEATABLE: Final = (TEXT, BYLINE)
RUNS: Final = re.compile(f"(?<={TEXT}){TEXT}|(?<={BYLINE}){BYLINE}")
LONGEST: Final = 8  # fields in a record at most
_RUN_OF: Final = {symbol: re.compile(f"(?<={symbol}){symbol}") for symbol in REPEATABLE}
_CANDIDATES: Final = 3  # signatures tried per way of cutting the page
_MERGED: Final = 5  # the commonest block shapes merged two by two into one with optional fields
_MERGED_SUPPORT: Final = 3  # blocks a merged shape must read
_MERGED_BLOCKS: Final = 0.6  # share of the page's blocks holding a title, for merged shapes


def title_first(pattern: tuple[str, ...]) -> bool:
    """A record's running text stands under its title and a kicker above it."""
    if TITLE not in pattern:
        return True
    title = pattern.index(TITLE)
    return TEXT not in pattern[:title] and LABEL not in pattern[title:]


def candidates(units: list[Unit], syms: list[str], content: list[int]) -> list[tuple[str, ...]]:
    """Record shapes the page repeats: per block, and between repeats of each symbol.

    Shapes are read off the page's symbols as one string, repeats of repeatable
    symbols collapsed ("S S" is one field).
    """
    found: Counter[str] = Counter()
    parted = "".join(
        ("|" if n and units[i].block != units[content[n - 1]].block else "") + syms[i]
        for n, i in enumerate(content)
    )
    blocks = RUNS.sub("", parted).split("|")
    _add_common(found, blocks)
    _add_merged(found, blocks)
    line = parted.replace("|", "")
    collapsed = {
        TEXT: _RUN_OF[BYLINE].sub("", line),  # each line of text opens a record
        BYLINE: _RUN_OF[TEXT].sub("", line),
    }
    whole = RUNS.sub("", line)
    for start in (TITLE, BYLINE, TEXT, LABEL, LIST):
        # what comes before the first ``start`` is not a record of this cut
        chunks = collapsed.get(start, whole).split(start)[1:]
        _add_common(found, [start + chunk for chunk in chunks])
    # records closed by their byline: "T T B" where a standfirst is as short as a title
    _add_common(found, [chunk + BYLINE for chunk in whole.split(BYLINE)[:-1] if chunk])
    # a page of one item still shows its own shape, and the commonest ones
    for shape in (whole, TITLE + TEXT, TEXT):
        if len(shape) <= LONGEST:
            found[shape] += 0
    patterns = [p for p in found if (TITLE in p or TEXT in p or LIST in p) and plain(p)]
    return [tuple(p) for p in patterns if title_first(tuple(p))] or [(TEXT,)]


def plain(pattern: str) -> bool:
    """A record's fields do not come back after others ("T B T" is two records), but for
    a date above the title and a byline closing the record ("B T S B") or under the title
    ("B T B S"), or a byline under the title and a date after the standfirst ("K T B S B")."""
    if len(pattern) > 2 and pattern[0] == BYLINE and (pattern[-1] == BYLINE or pattern[1] == TITLE):
        pattern = pattern[1:]  # "B T B S": a date over the title, the writer under it
    elif len(pattern) > 3 and pattern[-1] == BYLINE and pattern[-2] == TEXT:
        pattern = pattern[:-1]  # "K T B S B": the writer under the title, the date last
    seen: set[str] = set()
    for index, symbol in enumerate(pattern):
        if symbol in seen and pattern[index - 1] != symbol:
            return False
        seen.add(symbol)
    return True


def _add_common(found: Counter[str], signatures: list[str]) -> None:
    """The most frequent signatures (seen at least twice) join the candidates."""
    for signature, count in Counter(signatures).most_common(_CANDIDATES):
        if count >= 2 and len(signature) <= LONGEST:
            found[signature] += count


def _add_merged(found: Counter[str], signatures: list[str]) -> None:
    """Record shapes that read several of the page's block shapes at once, each field
    optional: the shortest shape holding two common ones ("T S B" from "T B" and "T T B"
    and "T S B" seen once), where a record's optional fields vary from block to block."""
    shown = [s for s in signatures if s]
    counts = Counter(s for s in shown if TITLE in s and LIST not in s and len(s) <= LONGEST)
    if counts.total() < _MERGED_BLOCKS * len(shown):
        return  # records run over several blocks: the blocks' shapes are no records'
    common = [s for s, _ in counts.most_common(_MERGED)]
    for first, second in itertools.combinations(common, 2):
        merged = _supersequence(first, second)
        if len(merged) > LONGEST or merged in found:
            continue
        support = sum(n for s, n in counts.items() if _within(s, merged))
        if support >= _MERGED_SUPPORT:
            found[merged] += support


@functools.lru_cache(maxsize=1024)
def _supersequence(first: str, second: str) -> str:
    """The shortest string holding both ``first`` and ``second`` as subsequences."""
    if not first or not second:
        return first + second
    if first[0] == second[0]:
        return first[0] + _supersequence(first[1:], second[1:])
    left = first[0] + _supersequence(first[1:], second)
    right = second[0] + _supersequence(first, second[1:])
    return left if len(left) <= len(right) else right


def _within(shape: str, pattern: str) -> bool:
    """Whether a record of ``shape`` reads as ``pattern`` with some fields left out."""
    rest = iter(pattern)
    return all(symbol in rest for symbol in shape)
