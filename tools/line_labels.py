"""Line labels derived from the corpus's item labels, and the features a CRF reads per line.

The corpus (tests/data/corpus) labels items, not lines; a line labeller needs lines. Each
page is cut into the parser's own logical lines (``Unit``: wrapped lines joined, a table's
cells apart, "Title — Standfirst." split), and each line is labelled from the items:

- the line(s) holding an item's title: B-TITLE, then I-TITLE for a title wrapped over more;
- the line near it that names the item's author: BYLINE (also when it holds the date);
- the line near it whose date is the item's date: DATE;
- prose between a title and the next title, after its fields: BODY (standfirst, teaser
  rest, an article's paragraphs);
- everything else: OTHER (furniture, kickers, labels, headers).

Used by tools/train_labeller.py (train, show) and bench/labeller_trial.py (measure).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from publisher.ingest.parsing import decode_seed
from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.lines import Unit, read_all_units, split_inline
from publisher.ingest.parsing.links import parse_links

ROOT: Final = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

import corpus_scoring as cs  # noqa: E402

TITLE: Final = "B-TITLE"
TITLE_MORE: Final = "I-TITLE"
BYLINE: Final = "BYLINE"
DATE: Final = "DATE"
BODY: Final = "BODY"
OTHER: Final = "OTHER"
LABELS: Final = (TITLE, TITLE_MORE, BYLINE, DATE, BODY, OTHER)
_LOOK_BACK: Final = 2  # a byline or date may stand this many lines over its title
_TITLE_MIN: Final = 0.85
_TEASER_SHARE: Final = 0.5  # a title derived from a teaser covers this much of its line
_YEAR: Final = re.compile(r"\b(?:19|20)\d\d\b")
_WORD: Final = re.compile(r"\w+")


@dataclass(frozen=True)
class LabelledPage:
    """A corpus page as the parser's lines, with a derived label per line."""

    page: cs.Page
    text: str
    units: list[Unit]
    labels: list[str]


def page_units(text: str, saved: datetime | None) -> list[Unit]:
    """The page's logical lines as the parser forms them (links out, inline splits made)."""
    plain = parse_links(text).text
    return split_inline(read_all_units(plain, day_first=True, saved=saved), True, saved)


def label_page(page: cs.Page) -> LabelledPage:
    """The page's lines, each labelled from the page's item labels."""
    text, _ = decode_seed(page.text_path.read_bytes(), name=page.name)
    units = page_units(text, page.saved)
    keys = [cs.normalise(u.text) for u in units]
    labels = [OTHER] * len(units)
    titles = _find_titles(page, keys, labels)
    starts = sorted(titles.values())
    for number, (item, first) in enumerate(sorted(titles.items(), key=lambda kv: kv[1])):
        expected = page.items[item]
        later = [s for s in starts if s > first]
        end = later[0] if later else len(units)
        begin = starts[number - 1] + 1 if number else 0
        _mark_fields(expected, units, keys, labels, (begin, first, end))
        _mark_body(units, labels, first, end, long_page=page.layout == "long-page")
    return LabelledPage(page, text, units, labels)


def _find_titles(page: cs.Page, keys: list[str], labels: list[str]) -> dict[int, int]:
    """Mark each labelled title's line(s); return {item index: its first line's index}."""
    found: dict[int, int] = {}
    cursor = 0
    for item, expected in enumerate(page.items):
        title = cs.normalise(expected.title)
        at = _title_at(title, keys, labels, cursor)
        if at is None:
            at = _title_at(title, keys, labels, 0)
        if at is None:
            continue
        first, last = at
        labels[first] = TITLE
        for index in range(first + 1, last + 1):
            labels[index] = TITLE_MORE
        found[item] = first
        cursor = last + 1
    return found


def _title_at(
    title: str, keys: list[str], labels: list[str], start: int
) -> tuple[int, int] | None:
    """(first, last) line of the best match for ``title`` from ``start`` on, if any."""
    best: tuple[float, int, int] | None = None
    for index in range(start, len(keys)):
        if labels[index] != OTHER or not keys[index]:
            continue
        score, last = _title_score(title, keys, index)
        if score >= _TITLE_MIN and (best is None or score > best[0]):
            best = (score, index, last)
            if score == 1.0:
                break
    return None if best is None else (best[1], best[2])


def _title_score(title: str, keys: list[str], index: int) -> tuple[float, int]:
    """How well the line at ``index`` (joined with the lines after it while they add to a
    wrapped title) holds ``title``, and the last line used."""
    key = keys[index]
    if len(key) > len(title) and key.startswith(title):
        share = len(title) / len(key)
        return (1.0 if share >= _TEASER_SHARE else 0.9), index  # a teaser: title, then text
    joined, last = key, index
    while len(joined) < len(title) and title.startswith(joined) and last + 1 < len(keys):
        longer = f"{joined} {keys[last + 1]}"
        if not title.startswith(longer) and cs.similarity(title, longer) <= cs.similarity(
            title, joined
        ):
            break
        joined, last = longer, last + 1
    return cs.similarity(title, joined), last


def _mark_fields(
    expected: cs.Expected, units: list[Unit], keys: list[str], labels: list[str],
    span: tuple[int, int, int],
) -> None:
    """Label the lines near a title that name its author (BYLINE) or give its date (DATE)."""
    begin, first, end = span
    near = [*range(first + 1, end), *range(first - 1, max(begin, first - _LOOK_BACK) - 1, -1)]
    author = _author_line(expected.author, keys, labels, near)
    if author is not None:
        labels[author] = BYLINE
    if expected.date is None:
        return
    when = next((i for i in near if _dates(units[i], expected.date)), None)
    if when is None:  # a date heading over several items
        when = next(
            (i for i in range(first - 1, begin - 1, -1) if _dates(units[i], expected.date)), None
        )
    if when is not None and labels[when] == OTHER:
        labels[when] = DATE


def _author_line(
    author: str | None, keys: list[str], labels: list[str], near: list[int]
) -> int | None:
    """The nearest free line that names ``author`` (all of it, or else the surname)."""
    if not author:
        return None
    name = cs.normalise(author)
    surname = name.split()[-1] if name else ""
    for wanted in (name, surname):
        for index in near:
            if labels[index] == OTHER and wanted and f" {wanted} " in f" {keys[index]} ":
                return index
    return None


def _dates(unit: Unit, wanted: date) -> bool:
    """Whether the line reads as the date ``wanted`` (by the parser's byline or date readers)."""
    if unit.byline is not None and unit.byline.published is not None:
        return unit.byline.published.date() == wanted
    found = find_date(unit.text) if _YEAR.search(unit.text) else None
    return found is not None and found.value.date() == wanted


def _mark_body(units: list[Unit], labels: list[str], first: int, end: int, long_page: bool) -> None:
    """Prose after a title (past its fields) is BODY; the walk stops at the first line that is
    neither (for an article: every line but furniture, up to its last paragraph)."""
    last_prose = first
    for index in range(first + 1, end):
        unit = units[index]
        if labels[index] != OTHER:
            continue
        if long_page and unit.furniture is None:
            if unit.sentence:
                last_prose = index
            continue
        if not _prose(unit):
            break
        labels[index] = BODY
    if long_page:
        for index in range(first + 1, last_prose + 1):
            if labels[index] == OTHER and units[index].furniture is None:
                labels[index] = BODY


def _prose(unit: Unit) -> bool:
    """A line of running text: no byline or furniture, closed like a sentence or long."""
    return unit.byline is None and unit.furniture is None and unit.body_q >= 0.5


def rule_label(role: str, unit: Unit) -> str:
    """The label the hand rules gave a line, from its role in ``parse --explain``."""
    field = role.rsplit(": ", 1)[-1] if role.startswith("item ") else role
    if field in ("title", "teaser", "article title"):
        return TITLE
    if field in ("byline", "article byline"):
        return BYLINE if unit.byline is None or unit.byline.author else DATE
    if field == "date heading":
        return DATE
    if field in ("standfirst", "article body"):
        return BODY
    return OTHER


# ---------------------------------------------------------------- features


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    """The first edge ``value`` does not pass, as a label ("<=25", or ">200" past them all)."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _case(text: str) -> str:
    """How the line is capitalised: upper, title (most words capitalised), lower or sentence."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return "upper"
    words = [w for w in _WORD.findall(text) if w[0].isalpha()]
    if not words:
        return "none"
    if words[0][0].islower():
        return "lower"
    capital = sum(1 for w in words if w[0].isupper())
    return "title" if len(words) > 1 and capital / len(words) >= 0.7 else "sentence"


def _end(text: str) -> str:
    last = text[-1]
    if last in ".?!:;,)\"”’»…":
        return last
    return "digit" if last.isdigit() else "word" if last.isalnum() else "mark"


def _byline_kind(unit: Unit) -> str:
    if unit.byline is None:
        return "none"
    who = "name" if unit.byline.author else ""
    when = ("clock" if unit.byline.clock else "date") if unit.byline.published else ""
    return f"{who}{when}" or "empty"


def _own(unit: Unit) -> dict[str, str]:
    """The features a line has on its own (from the parser's readings, and its text)."""
    text = unit.text
    first_word = _WORD.match(text.lower())
    return {
        "len": _bucket(len(text), (10, 25, 50, 80, 120, 200)),
        "words": _bucket(text.count(" ") + 1, (1, 2, 3, 5, 8, 14, 25)),
        "case": _case(text),
        "end": _end(text),
        "start": "digit" if text[0].isdigit() else "upper" if text[0].isupper() else
        "lower" if text[0].islower() else "mark",
        "year": str(bool(_YEAR.search(text))),
        "byline": _byline_kind(unit),
        "furniture": unit.furniture or "none",
        "title_q": f"{unit.title_q:.1f}",
        "body_q": f"{unit.body_q:.1f}",
        "heading": str(unit.heading),
        "marker": "bullet" if unit.marker else "none",
        "pipe": str(" | " in text or " · " in text or " • " in text),
        "first": first_word.group(0)[:12] if first_word else "",
        "promoted": str(unit.promoted),
    }


_SHAPE: Final = ("len", "case", "end", "byline", "furniture")
_NEIGHBOUR: Final = ("len", "case", "end", "byline", "furniture", "title_q", "body_q", "repeat")


def page_features(units: list[Unit]) -> list[list[str]]:
    """Each line's features as "name=value" strings: its own, its shape class and how often
    that shape repeats on the page, its place in its block, and its neighbours' (±1, ±2)."""
    own = [_own(u) for u in units]
    shapes = ["/".join(f[k] for k in _SHAPE) for f in own]
    counts = Counter(shapes)
    texts = Counter(u.text for u in units)
    blocks = Counter(u.block for u in units)
    total = len(units)
    for index, (unit, feats) in enumerate(zip(units, own, strict=True)):
        feats["shape"] = shapes[index]
        feats["repeat"] = _bucket(counts[shapes[index]], (1, 3, 7))
        feats["dup"] = str(texts[unit.text] > 1)
        feats["block_size"] = _bucket(blocks[unit.block], (1, 2, 3, 5))
        feats["block_first"] = str(index == 0 or units[index - 1].block != unit.block)
        feats["block_last"] = str(index + 1 == total or units[index + 1].block != unit.block)
        feats["where"] = str(5 * index // max(total, 1))
    out: list[list[str]] = []
    for index, feats in enumerate(own):
        row = ["bias", *(f"{k}={v}" for k, v in feats.items())]
        for step in (-2, -1, 1, 2):
            other = index + step
            if not 0 <= other < total:
                row.append(f"{step:+d}:edge")
                continue
            row += [f"{step:+d}:{k}={own[other][k]}" for k in _NEIGHBOUR]
            same = units[other].block == units[index].block
            row.append(f"{step:+d}:same_block={same}")
        out.append(row)
    return out
