"""Line labels derived from the corpus's item labels, for the CRF line labeller.

The corpus (tests/data/corpus) labels items, not lines; a line labeller needs lines. Each
page is cut into the parser's own logical lines (``Unit``: wrapped lines joined, a table's
cells apart, "Title — Standfirst." split), and each line is labelled from the items:

- the line(s) holding an item's title: B-TITLE, then I-TITLE for a title wrapped over more;
- the line near it that names the item's author: BYLINE (also when it holds the date);
- the line near it whose date is the item's date: DATE;
- prose between a title and the next title, after its fields: BODY (standfirst, teaser
  rest, an article's paragraphs);
- everything else: OTHER (furniture, kickers, labels, headers).

The features the labeller reads per line live in the parser
(publisher/ingest/parsing/linefeatures.py), which tags pages with the trained model. Used by
tools/train_labeller.py (train, show, the model's fingerprint) and bench/labeller_trial.py.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from publisher.ingest.parsing import decode_seed
from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.linefeatures import (
    BODY,
    BYLINE,
    DATE,
    LABELS,
    OTHER,
    TITLE,
    TITLE_MORE,
    page_features,
)
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.links import parse_links

ROOT: Final = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

import corpus_scoring as cs  # noqa: E402

__all__ = ["BODY", "BYLINE", "DATE", "LABELS", "OTHER", "TITLE", "TITLE_MORE", "Unit"]
_LOOK_BACK: Final = 2  # a byline or date may stand this many lines over its title
_TITLE_MIN: Final = 0.85
_TEASER_SHARE: Final = 0.5  # a title derived from a teaser covers this much of its line
_YEAR: Final = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class LabelledPage:
    """A corpus page as the parser's lines, with a derived label per line."""

    page: cs.Page
    text: str
    units: list[Unit]
    syms: list[str]
    labels: list[str]

    def features(self) -> list[list[str]]:
        """The labeller's features for each line, as the parser computes them."""
        return page_features(self.units, self.syms)


def page_lines(text: str, saved: datetime | None) -> tuple[list[Unit], list[str]]:
    """The page's logical lines and their symbols as the parser forms them."""
    lines = read_lines(parse_links(text).text, day_first=True, saved=saved)
    return lines.units, lines.syms


def label_page(page: cs.Page) -> LabelledPage:
    """The page's lines, each labelled from the page's item labels."""
    text, _ = decode_seed(page.text_path.read_bytes(), name=page.name)
    units, syms = page_lines(text, page.saved)
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
    return LabelledPage(page, text, units, syms, labels)


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


def _title_at(title: str, keys: list[str], labels: list[str], start: int) -> tuple[int, int] | None:
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
    expected: cs.Expected,
    units: list[Unit],
    keys: list[str],
    labels: list[str],
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
