"""What the CRF line labeller reads of each line: the parser's own readings of it (byline,
furniture, title and body quality, symbol) and its shape, beside its neighbours'.

Computed once per page from the units and symbols the rules already made, so the labeller
costs little on top of them. The labels the model was trained with (tools/line_labels.py)
are these constants; ``FEATURES_VERSION`` is part of the model's fingerprint: raise it on
any change here, then retrain (``make labeller``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from publisher.ingest.parsing.lines import Unit

FEATURES_VERSION: Final = 1

TITLE: Final = "B-TITLE"
TITLE_MORE: Final = "I-TITLE"
BYLINE: Final = "BYLINE"
DATE: Final = "DATE"
BODY: Final = "BODY"
OTHER: Final = "OTHER"
LABELS: Final = (TITLE, TITLE_MORE, BYLINE, DATE, BODY, OTHER)

_YEAR: Final = re.compile(r"\b(?:19|20)\d\d\b")
_WORD: Final = re.compile(r"\w+")
_FIRST_WORD: Final = 12  # characters of a line's first word kept as a feature
_LENGTHS: Final = (10, 25, 50, 80, 120, 200)
_WORDS: Final = (1, 2, 3, 5, 8, 14, 25)
_REPEATS: Final = (1, 3, 7)
_BLOCKS: Final = (1, 2, 3, 5)
_TITLE_CASE: Final = 0.7  # this share of words capitalised: a line in title case
_ENDS: Final = frozenset('.?!:;,)"”’»…')
_SEPARATED: Final = (" | ", " · ", " • ")


def bucket(value: int, edges: tuple[int, ...]) -> str:
    """The first edge ``value`` does not pass, as a label ("<=25", or ">200" past them all)."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _case(text: str) -> str:
    """How the line is capitalised: upper, title (most words capitalised), lower or sentence."""
    if text.isupper() and sum(1 for c in text if c.isalpha()) > 1:
        return "upper"
    words = [w for w in _WORD.findall(text) if w[0].isalpha()]
    if not words:
        return "none"
    if words[0][0].islower():
        return "lower"
    capital = sum(1 for w in words if w[0].isupper())
    return "title" if len(words) > 1 and capital / len(words) >= _TITLE_CASE else "sentence"


def _end(text: str) -> str:
    """How the line ends: its closing mark, a digit, a word or another mark."""
    last = text[-1]
    if last in _ENDS:
        return last
    return "digit" if last.isdigit() else "word" if last.isalnum() else "mark"


def _start(text: str) -> str:
    first = text[0]
    if first.isdigit():
        return "digit"
    return "upper" if first.isupper() else "lower" if first.islower() else "mark"


def _byline_kind(unit: Unit) -> str:
    """What the parser's byline reader found on the line: a name, a date, a time, both."""
    if unit.byline is None:
        return "none"
    who = "name" if unit.byline.author else ""
    when = ("clock" if unit.byline.clock else "date") if unit.byline.published else ""
    return f"{who}{when}" or "empty"


def _own(unit: Unit, symbol: str) -> list[str]:
    """The line's own features, "name=value", in a fixed order (see _NEIGHBOUR); the values
    most lines share are spelt once per process (_spelt), not once per line."""
    text = unit.text
    first = _first_word(text)
    return [
        _LEN[_index(len(text), _LENGTHS)],
        _spelt("case", _case(text)),
        _spelt("end", _end(text)),
        _spelt("byline", _byline_kind(unit)),
        _spelt("furniture", unit.furniture or "none"),
        _quality("title_q", unit.title_q),
        _quality("body_q", unit.body_q),
        _spelt("sym", symbol),
        _WORD_COUNT[_index(text.count(" ") + 1, _WORDS)],
        _spelt("start", _start(text)),
        _YEARS[("19" in text or "20" in text) and _YEAR.search(text) is not None],
        _HEADING[unit.heading],
        _MARKER[unit.marker != ""],
        _PIPE[any(mark in text for mark in _SEPARATED)],
        "first=" + first[:_FIRST_WORD],
        _PROMOTED[unit.promoted],
    ]


def _first_word(text: str) -> str:
    """The line's first word (_WORD) lower-cased, or "": in ASCII, where lower-casing keeps
    each letter one letter and a word a word, only that word is lower-cased, not the line."""
    if text.isascii():
        first = _WORD.match(text)
        return first.group(0).lower() if first is not None else ""
    first = _WORD.match(text.lower())
    return first.group(0) if first is not None else ""


def _index(value: int, edges: tuple[int, ...]) -> int:
    """The first edge ``value`` does not pass (``len(edges)`` past them all), as in bucket."""
    for index, edge in enumerate(edges):
        if value <= edge:
            return index
    return len(edges)


def _buckets(name: str, edges: tuple[int, ...]) -> tuple[str, ...]:
    """A bucketed feature's spellings, by _index."""
    return tuple(f"{name}={bucket(value, edges)}" for value in [*edges, edges[-1] + 1])


def _flag(name: str) -> dict[bool, str]:
    return {False: f"{name}=False", True: f"{name}=True"}


_LEN: Final = _buckets("len", _LENGTHS)
_WORD_COUNT: Final = _buckets("words", _WORDS)
_REPEAT: Final = _buckets("repeat", _REPEATS)
_BLOCK_SIZE: Final = _buckets("block_size", _BLOCKS)
_YEARS: Final = _flag("year")
_HEADING: Final = _flag("heading")
_MARKER: Final = {False: "marker=none", True: "marker=bullet"}
_PIPE: Final = _flag("pipe")
_PROMOTED: Final = _flag("promoted")
_DUP: Final = _flag("dup")
_BLOCK_FIRST: Final = _flag("block_first")
_BLOCK_LAST: Final = _flag("block_last")
_WHERE: Final = tuple(f"where={fifth}" for fifth in range(5))
_SPELT_MOST: Final = 4096  # spellings kept (the values are few: symbols, kinds, qualities)
_SPELLINGS: dict[tuple[str, str], str] = {}
_QUALITIES: dict[tuple[str, float], str] = {}


def _spelt(name: str, value: str) -> str:
    """ "name=value", spelt once for each value the page's lines share."""
    key = (name, value)
    spelt = _SPELLINGS.get(key)
    if spelt is None:
        spelt = f"{name}={value}"
        if len(_SPELLINGS) < _SPELT_MOST:
            _SPELLINGS[key] = spelt
    return spelt


def _quality(name: str, value: float) -> str:
    """ "name=0.7": a quality to one decimal, spelt once per value (not -0.0, equal to 0.0
    but spelt otherwise)."""
    key = (name, value)
    spelt = _QUALITIES.get(key) if value != 0.0 else None
    if spelt is None:
        spelt = f"{name}={value:.1f}"
        if value != 0.0 and len(_QUALITIES) < _SPELT_MOST:
            _QUALITIES[key] = spelt
    return spelt


_SHAPE: Final = 5  # the first five own features (len, case, end, byline, furniture): a shape
_NEIGHBOUR: Final = 8  # the first eight own features are read off the neighbours too
EDGE: Final = "edge"  # a neighbour past the page's first or last line
SAME_BLOCK: Final = ("same_block=False", "same_block=True")


@dataclass(frozen=True)
class LineFeatures:
    """A page's features before they are spelt out per line: each line's own (with its
    shape, place in its block and on the page), what its neighbours read of it, its block.
    The labeller scores these directly; ``rows`` spells them out for training."""

    own: list[list[str]]
    seen: list[list[str]]  # its first own features and its shape's repeat, unprefixed
    blocks: list[int]

    def rows(self) -> list[list[str]]:
        """Each line's features as the CRF trainer reads them: its own, then its neighbours'
        (±1, ±2) prefixed with their offset ("-1:len=<=25", "+2:edge")."""
        total = len(self.own)
        rows: list[list[str]] = []
        for index, own in enumerate(self.own):
            row = list(own)
            for step in STEPS:
                other = index + step
                tag = _TAGS[step]
                if not 0 <= other < total:
                    row.append(tag + EDGE)
                    continue
                row.extend([tag + feat for feat in self.seen[other]])
                row.append(tag + SAME_BLOCK[self.blocks[other] == self.blocks[index]])
            rows.append(row)
        return rows


STEPS: Final = (-2, -1, 1, 2)
_TAGS: Final = {step: f"{step:+d}:" for step in STEPS}


def line_features(units: list[Unit], syms: list[str]) -> LineFeatures:
    """Each line's own features: its shape and how often that shape repeats on the page, its
    place in its block and on the page; and what its neighbours read of it."""
    own = [_own(unit, symbol) for unit, symbol in zip(units, syms, strict=True)]
    shapes = ["/".join(feats[:_SHAPE]) for feats in own]
    counts = Counter(shapes)
    texts = Counter(unit.text for unit in units)
    blocks = [unit.block for unit in units]
    sizes = Counter(blocks)
    repeats = [_REPEAT[_index(counts[shape], _REPEATS)] for shape in shapes]
    total = len(units)
    lines: list[list[str]] = []
    for index, unit in enumerate(units):
        block = blocks[index]
        row = ["bias", *own[index], _spelt("shape", shapes[index]), repeats[index]]
        row.append(_DUP[texts[unit.text] > 1])
        row.append(_BLOCK_SIZE[_index(sizes[block], _BLOCKS)])
        row.append(_BLOCK_FIRST[index == 0 or blocks[index - 1] != block])
        row.append(_BLOCK_LAST[index + 1 == total or blocks[index + 1] != block])
        row.append(_WHERE[5 * index // total])
        lines.append(row)
    seen = [[*feats[:_NEIGHBOUR], repeat] for feats, repeat in zip(own, repeats, strict=True)]
    return LineFeatures(lines, seen, blocks)


def page_features(units: list[Unit], syms: list[str]) -> list[list[str]]:
    """Each line's features as "name=value" strings, as the model is trained on them."""
    return line_features(units, syms).rows()
