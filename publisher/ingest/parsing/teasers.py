"""The teasers layout: one sentence per line and no titles, so each line is an item.

Titles are derived from each line (its first sentence or clause); the summary is
the whole line.  A byline line dates or signs the teaser next to it: the one above
it, or the one below it on a page whose bylines lead.  A short heading over the
teasers ("IN BRIEF", "Recent posts") is not an item.  Promotions and the heading
above one are furniture and were dropped with the other furniture before this layout
sees the page (see ``furniture``).
"""

from __future__ import annotations

from dataclasses import replace

from publisher.ingest.parsing.drafts import Candidate, Draft, read_standfirst
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.text import derive_title

TEASERS = "teasers"

_LONG = 400  # a line this long is a paragraph, not a teaser
_BYLINE = 0.8
_LONE_TITLE = 0.5  # a headline with no sentence under it is a fair teaser
_HEADING_WORDS = 5


def parse_teasers(units: list[Unit]) -> Candidate:
    """The page read as teasers: every line an item, bylines attached to their teaser."""
    total = sum(u.weight for u in units) or 1
    units = [u for index, u in enumerate(units) if u.sentence or not _is_heading(units, index)]
    leads = _bylines_lead(units)
    score = 0.0
    for index, unit in enumerate(units):
        if unit.byline is not None:
            step = 1 if leads else -1
            near = units[index + step] if 0 <= index + step < len(units) else None
            # a byline beside a sentence dates a teaser; beside a title it marks a listing
            if near is not None and near.byline is None and not near.title_like:
                score += _BYLINE * unit.weight
        else:
            following = units[index + 1] if index + 1 < len(units) else None
            score += _quality(unit, following) * unit.weight
    count = sum(1 for u in units if u.byline is None)
    titled = sum(1 for u in units if u.title_like)
    reason = f"{TEASERS}: {count} one-line teasers, {titled} of them title-like"
    return Candidate(TEASERS, count, score / total, reason, lambda: _build(units, leads))


def _is_heading(units: list[Unit], index: int) -> bool:
    """A short label over the teasers: at the top, in capitals or closed by a colon."""
    unit = units[index]
    following = units[index + 1] if index + 1 < len(units) else None
    if following is None or unit.marker or unit.byline is not None or following.title_like:
        return False
    text = unit.text
    if text.count(" ") >= _HEADING_WORDS or not (unit.title_like or text.endswith(":")):
        return False
    return index == 0 or text.isupper() or text.endswith(":")


def _bylines_lead(units: list[Unit]) -> bool:
    """Whether bylines sit above their teasers: by the blocks they share, else the first line."""
    above = below = 0
    for index, unit in enumerate(units):
        if unit.byline is None:
            continue
        if index + 1 < len(units) and _teaser_beside(unit, units[index + 1]):
            above += 1
        if index and _teaser_beside(unit, units[index - 1]):
            below += 1
    if above != below:
        return above > below
    return bool(units) and units[0].byline is not None


def _teaser_beside(byline: Unit, other: Unit) -> bool:
    """Whether ``other`` is a teaser in the same block as ``byline``."""
    return other.byline is None and other.block == byline.block


def _build(units: list[Unit], leads: bool) -> list[Draft]:
    """One draft per line, a byline line dating or signing the teaser beside it."""
    drafts: list[Draft] = []
    pending: Unit | None = None
    for index, unit in enumerate(units):
        if unit.byline is None:
            summary, author = read_standfirst(unit.text)
            drafts.append(Draft(derive_title(summary), unit.line, summary=summary, author=author))
            if pending is not None:
                _attach(drafts, pending)
                pending = None
        elif leads:
            pending = unit
        elif index and units[index - 1].byline is None:
            _attach(drafts, unit)
    return drafts


def _quality(unit: Unit, following: Unit | None) -> float:
    """How well a line reads as a teaser; a title over a sentence hints at a listing."""
    if unit.marker:
        return 0.5
    if unit.title_like:
        return -0.5 if following is not None and following.sentence else _LONE_TITLE
    if unit.sentence:
        return 1.0 if len(unit.text) <= _LONG else 0.2
    return 0.7


def _attach(drafts: list[Draft], unit: Unit) -> None:
    """Give the last teaser the byline beside it."""
    if not drafts or unit.byline is None:
        return
    last = drafts[-1]
    drafts[-1] = replace(
        last,
        author=unit.byline.author or last.author,
        published=unit.byline.published,
    )
