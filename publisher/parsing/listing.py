"""The listing layout: items of a title, a standfirst and an optional byline.

The grammar is matched with a small dynamic programme over the page's units, so a
byline may follow the standfirst, sit between title and standfirst, or lead the
next title; a name line and a date line may make one byline; a short standfirst
may look like a title.  Each labelling is scored by the text it explains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from publisher.parsing.bylines import Byline
from publisher.parsing.drafts import Candidate, Draft, read_standfirst
from publisher.parsing.lines import Unit
from publisher.parsing.names import is_name

LISTING = "listing"
LISTING_BYLINES = "listing-bylines"

_LEFTOVER = -0.3  # text no item explains
_MORE_BODY = 0.5  # a second standfirst paragraph explains less than the first
_LEAD = 0.95  # a byline above its title is less usual than one below
_NAME_PART = 0.9  # a bare name line, completed by a date line under it


class State(IntEnum):
    """Where the grammar stands after a unit."""

    OUT = 0  # between items
    TITLE = 1  # a title, not yet confirmed by a standfirst or byline
    TITLE_LED = 2  # a title under a leading byline
    BODY = 3  # title and standfirst; a byline may follow
    BODY_DONE = 4  # title and standfirst, the byline already given
    TITLE_BYLINE = 5  # title then byline; a standfirst may follow
    CLOSED = 6  # title, standfirst, byline
    LEAD = 7  # a byline waiting for its title
    NAME = 8  # a name line waiting for its date line


Step = tuple[int, int, str, float]  # from state, to state, label for the unit, score gained
_STATES = len(State)
_NEVER = float("-inf")
# A new title may follow anything but a pending byline or name (those need their own).
_TITLE_FROM = tuple(s for s in State if s not in (State.LEAD, State.NAME))
_LEAD_FROM = (State.OUT, State.CLOSED, State.BODY, State.BODY_DONE)


def parse_listing(units: list[Unit]) -> Candidate:
    """The page read as a listing: the best labelling, and items built from it on demand."""
    labels, score = _best_labels(units)
    count = labels.count("title")
    bylines = sum(1 for label in labels if label in ("byline", "lead", "date"))
    layout = LISTING_BYLINES if count and bylines * 2 >= count else LISTING
    reason = (
        f"{layout}: {count} items, {labels.count('body')} standfirsts, {bylines} bylines, "
        f"{labels.count('skip')} leftover lines"
    )
    total = sum(u.weight for u in units) or 1
    return Candidate(layout, count, score / total, reason, lambda: _build(units, labels))


def _best_labels(units: list[Unit]) -> tuple[list[str], float]:
    """The highest-scoring labelling of ``units`` under the listing grammar (Viterbi)."""
    best = [_NEVER] * _STATES
    best[State.OUT] = 0.0
    trail: list[list[tuple[int, str]]] = []
    for index, unit in enumerate(units):
        scores = [_NEVER] * _STATES
        back: list[tuple[int, str]] = [(State.OUT, "skip")] * _STATES
        top = max(range(_STATES), key=best.__getitem__)
        scores[State.OUT] = best[top] + _LEFTOVER * unit.weight
        back[State.OUT] = (top, "skip")
        opener = max(_TITLE_FROM, key=best.__getitem__)
        scores[State.TITLE] = best[opener]
        back[State.TITLE] = (opener, "title")
        for origin, target, label, gain in _steps(units, index):
            score = best[origin] + gain
            if score > scores[target]:
                scores[target] = score
                back[target] = (origin, label)
        best = scores
        trail.append(back)
    state = max(range(_STATES), key=best.__getitem__)
    score = best[state]
    labels: list[str] = []
    for back in reversed(trail):
        state, label = back[state]
        labels.append(label)
    labels.reverse()
    return labels, score


def _title_gain(units: list[Unit], index: int, share: float = 1.0) -> float:
    """What the title at ``index`` earns once its item proves real."""
    title = units[index] if index >= 0 else None
    return share * title.title_q * title.weight if title is not None else 0.0


def _steps(units: list[Unit], index: int) -> list[Step]:
    """The grammar's moves for ``units[index]`` besides skipping it or opening an item.

    A title earns its score only when a standfirst follows it (half when only a
    byline does), so a short standfirst is not mistaken for the next title.
    """
    unit = units[index]
    weight = unit.weight
    body = unit.body_q * weight
    title = _title_gain(units, index - 1)
    steps: list[Step] = [
        (State.LEAD, State.TITLE_LED, "title", 0.0),
        (State.TITLE, State.BODY, "body", title + body),
        (State.TITLE_LED, State.BODY_DONE, "body", title + body),
        (State.TITLE_BYLINE, State.BODY_DONE, "body", _title_gain(units, index - 2, 0.5) + body),
        (State.BODY, State.BODY, "body", _MORE_BODY * body),
        (State.BODY_DONE, State.BODY_DONE, "body", _MORE_BODY * body),
    ]
    if unit.byline is not None:
        steps.append((State.TITLE, State.TITLE_BYLINE, "byline", title / 2 + weight))
        steps.append((State.BODY, State.CLOSED, "byline", float(weight)))
        steps.extend((origin, State.LEAD, "lead", _LEAD * weight) for origin in _LEAD_FROM)
        if unit.byline.date_only:
            steps.append((State.NAME, State.CLOSED, "date", float(weight)))
    elif index + 1 < len(units) and _name_line(unit, units[index + 1]):
        steps.append((State.BODY, State.NAME, "name", _NAME_PART * weight))
    return steps


def _name_line(unit: Unit, following: Unit) -> bool:
    """A line holding only a name, with a line holding only a date under it."""
    return following.byline is not None and following.byline.date_only and is_name(unit.text)


@dataclass
class _Item:
    """An item being assembled from labelled units."""

    title: Unit
    bodies: list[str] = field(default_factory=list)
    byline: Byline | None = None


def _build(units: list[Unit], labels: list[str]) -> list[Draft]:
    """Items from the labelled units, in page order."""
    items: list[_Item] = []
    lead: Byline | None = None
    name: str | None = None
    for unit, label in zip(units, labels, strict=True):
        if label == "title":
            items.append(_Item(unit, byline=lead))
            lead = None
        elif label == "lead":
            lead = unit.byline
        elif label == "name":
            name = unit.text
        elif items and label == "body":
            items[-1].bodies.append(unit.text)
        elif items and label == "byline":
            items[-1].byline = unit.byline
        elif items and label == "date" and unit.byline is not None:
            items[-1].byline = Byline(name, unit.byline.published)
    return [_draft(item) for item in items]


def _draft(item: _Item) -> Draft:
    """A draft from a title, its standfirst paragraphs and its byline."""
    summary, author = (None, None)
    paragraphs: list[str] = []
    for body in item.bodies:
        text, named = read_standfirst(body)
        paragraphs.append(text)
        author = author or named
    if paragraphs:
        summary = paragraphs[0]
    byline = item.byline or Byline(None, None)
    return Draft(
        title=item.title.text,
        line=item.title.line,
        summary=summary,
        content="\n\n".join(paragraphs) if len(paragraphs) > 1 else None,
        author=byline.author or author,
        published=byline.published,
    )
