"""The teasers layout: one sentence per line and no titles, so each line is an item.

Titles are derived from each line (its first sentence or clause); the summary is
the whole line.  A byline line under a teaser dates or signs it.  Promotions and
the heading above one are furniture and were dropped with the other furniture
before this layout sees the page (see ``furniture``).
"""

from __future__ import annotations

from dataclasses import replace

from publisher.parsing.drafts import Candidate, Draft, read_standfirst
from publisher.parsing.lines import Unit
from publisher.parsing.text import derive_title

TEASERS = "teasers"

_LONG = 400  # a line this long is a paragraph, not a teaser
_BYLINE = 0.8
_LONE_TITLE = 0.5  # a headline with no sentence under it is a fair teaser


def parse_teasers(units: list[Unit]) -> Candidate:
    """The page read as teasers: every line an item, bylines attached to the line above."""
    score = 0.0
    for index, unit in enumerate(units):
        if unit.byline is not None:
            previous = units[index - 1] if index else None
            # a byline under a sentence dates a teaser; under a title it marks a listing
            if previous is not None and previous.byline is None and not previous.title_like:
                score += _BYLINE * unit.weight
        else:
            following = units[index + 1] if index + 1 < len(units) else None
            score += _quality(unit, following) * unit.weight
    count = sum(1 for u in units if u.byline is None)
    titled = sum(1 for u in units if u.title_like)
    total = sum(u.weight for u in units) or 1
    reason = f"{TEASERS}: {count} one-line teasers, {titled} of them title-like"
    return Candidate(TEASERS, count, score / total, reason, lambda: _build(units))


def _build(units: list[Unit]) -> list[Draft]:
    """One draft per line, a byline line dating or signing the teaser above it."""
    drafts: list[Draft] = []
    for index, unit in enumerate(units):
        if unit.byline is None:
            summary, author = read_standfirst(unit.text)
            drafts.append(Draft(derive_title(summary), unit.line, summary=summary, author=author))
        else:
            _attach(drafts, unit, units[index - 1] if index else None)
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


def _attach(drafts: list[Draft], unit: Unit, previous: Unit | None) -> None:
    """Give the last teaser the byline right under it."""
    if not drafts or previous is None or previous.byline is not None or unit.byline is None:
        return
    last = drafts[-1]
    drafts[-1] = replace(
        last,
        author=unit.byline.author or last.author,
        published=unit.byline.published,
    )
