"""The listing layout: items of a title, a standfirst and an optional byline.

The grammar is matched with a small dynamic programme over the page's units, so a
byline may follow the standfirst, sit between title and standfirst, or lead the
next title; a name line and a date line may make one byline; a short standfirst
may look like a title.  Each labelling is scored by the text it explains.  Where
blank lines group each item's lines in a block, an item is expected to keep to its
block: a standfirst or byline across a blank line proves less, and an item opening in
the middle of the block before it costs something.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.drafts import Candidate, Draft, read_standfirst
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name

LISTING = "listing"
LISTING_BYLINES = "listing-bylines"

_LEFTOVER = -0.3  # text no item explains
_MORE_BODY = 0.5  # a second standfirst paragraph explains less than the first
_LEAD = 0.8  # a byline above its title is less usual than one below
_NAME_PART = 0.9  # a bare name line under a standfirst (a date line may complete it)
# On a page whose blank lines group each item's lines into a block, an item that opens
# inside the block of the item before it costs this much of its title's weight.
_SPLIT = 0.5
_STANDFIRST_MAX = 400  # longer "standfirsts" are paragraphs; the excess earns half
_LONG_BODY = 0.5
_HEADLINE_BODY = 0.25  # how far a title-like standfirst proves the title above it
_ITEM_LINES = 5  # blocks longer than this on average hold several items each


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
# A new title may follow anything but a pending byline or name (those need their own),
# which are the last states.
_OPENERS = State.LEAD
_LEAD_FROM = (State.OUT, State.CLOSED, State.BODY, State.BODY_DONE)


def parse_listing(units: list[Unit]) -> Candidate:
    """The page read as a listing: the best labelling, and items built from it on demand."""
    labels, score = _best_labels(units)
    count = labels.count("title")
    bylines = sum(1 for label in labels if label in ("byline", "lead", "date", "signed"))
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
    parted = _parted(units)
    for index, unit in enumerate(units):
        scores = [_NEVER] * _STATES
        back: list[tuple[int, str]] = [(State.OUT, "skip")] * _STATES
        top = best.index(max(best))
        scores[State.OUT] = best[top] + _LEFTOVER * unit.weight
        back[State.OUT] = (top, "skip")
        split = parted is not None and index > 0 and not parted[index]
        opener, score = _opener(best, _SPLIT * unit.weight if split else 0.0)
        scores[State.TITLE] = score + _LEFTOVER * unit.weight
        back[State.TITLE] = (opener, "title")
        for origin, target, label, gain in _steps(units, index, parted):
            score = best[origin] + gain
            if score > scores[target]:
                scores[target] = score
                back[target] = (origin, label)
        best = scores
        trail.append(back)
    score = max(best)
    state = best.index(score)
    labels: list[str] = []
    for back in reversed(trail):
        state, label = back[state]
        labels.append(label)
    labels.reverse()
    return labels, score


def _parted(units: list[Unit]) -> list[bool] | None:
    """Which units a blank line parts from the unit above, when blank lines group the page's
    lines in blocks of an item each (most lines share a block); else None."""
    sizes: dict[int, int] = {}
    for unit in units:
        sizes[unit.block] = sizes.get(unit.block, 0) + 1
    shared = [size for size in sizes.values() if size > 1]
    lines = sum(shared)
    if len(shared) < 2 or lines * 2 < len(units) or lines > _ITEM_LINES * len(shared):
        return None
    return [False] + [units[i - 1].block != units[i].block for i in range(1, len(units))]


def _opener(best: list[float], split: float) -> tuple[int, float]:
    """The state a new title best follows, ``split`` charged when it ends an item mid-block."""
    if not split:
        openers = best[:_OPENERS]
        score = max(openers)
        return openers.index(score), score
    origin, score = int(State.OUT), best[State.OUT]
    for state in range(State.TITLE, _OPENERS):
        # after a title never proven, a new title abandons it rather than ends an item
        value = best[state] - (split if state != State.TITLE else 0.0)
        if value > score:
            origin, score = state, value
    return origin, score


def _body_gain(unit: Unit) -> float:
    """What a standfirst earns: text past a standfirst's usual length reads as an article's."""
    weight = min(unit.weight, _STANDFIRST_MAX)
    return unit.body_q * (weight + _LONG_BODY * (unit.weight - weight))


def _title_gain(units: list[Unit], index: int, share: float = 1.0) -> float:
    """What the title at ``index`` earns once its item proves real."""
    title = units[index] if index >= 0 else None
    return share * title.title_q * title.weight if title is not None else 0.0


def _refund(units: list[Unit], index: int) -> float:
    """A title opens an item at a leftover's cost; its item proving real pays that back."""
    return -_LEFTOVER * units[index].weight if index >= 0 else 0.0


def _above(units: list[Unit], index: int) -> int:
    """The index of the line above the byline lines just above ``index`` (their title)."""
    index -= 1
    while index >= 0 and units[index].byline is not None:
        index -= 1
    return index


def _lead_gain(units: list[Unit], index: int) -> float:
    """A leading byline is a leftover until a title comes under it."""
    return (_LEAD - _LEFTOVER) * units[index].weight if index >= 0 else 0.0


def _steps(units: list[Unit], index: int, parted: list[bool] | None) -> list[Step]:
    """The grammar's moves for ``units[index]`` besides skipping it or opening an item.

    A title scores as a leftover until its item proves real: it earns its score when
    a standfirst follows (half when only a byline does), so neither a short standfirst
    nor a stray heading is taken for a title.
    """
    unit = units[index]
    body = _body_gain(unit)
    steps: list[Step] = [
        (
            State.LEAD,
            State.TITLE_LED,
            "title",
            _lead_gain(units, index - 1) + _title_gain(units, index, 0.5),
        ),
        (State.TITLE_LED, State.BODY_DONE, "body", _title_gain(units, index - 1, 0.5) + body),
        (
            State.TITLE_BYLINE,
            State.BODY_DONE,
            "body",
            _title_gain(units, _above(units, index), 0.5) + body,
        ),
    ]
    steps.extend(_standfirst_steps(units, index, body, parted is not None and parted[index]))
    if unit.byline is not None:
        steps.extend(_byline_steps(units, index, parted is not None and parted[index]))
    elif unit.title_like and is_name(unit.text):
        steps.extend(_name_steps(units, index))
    return steps


def _standfirst_steps(units: list[Unit], index: int, body: float, crossing: bool) -> list[Step]:
    """A standfirst proving the title above it, or a further paragraph of one.

    On a grouped page a title and its standfirst share a block: a standfirst across a
    blank line proves its title only half, and a title-like one (a heading over a
    heading, "The Daily Ledger" / "Latest") not at all.
    """
    unit = units[index]
    steps: list[Step] = []
    if not crossing or unit.sentence:
        share = 0.5 if crossing else 1.0
        signed = index + 1 < len(units) and units[index + 1].byline is not None
        if unit.title_like and unit.body_q < 1.0 and not signed:
            share *= _HEADLINE_BODY  # a headline under a headline: a list of headlines
        title = _title_gain(units, index - 1, share) + _refund(units, index - 1)
        steps.append((State.TITLE, State.BODY, "body", title + body))
    if unit.sentence:
        steps.append((State.BODY, State.BODY, "body", _MORE_BODY * body))
        steps.append((State.BODY_DONE, State.BODY_DONE, "body", _MORE_BODY * body))
    return steps


def _name_steps(units: list[Unit], index: int) -> list[Step]:
    """A bare name line signing the item: alone, before a date line, or after one."""
    weight = _NAME_PART * units[index].weight
    steps: list[Step] = [(State.BODY, State.CLOSED, "signed", weight)]
    if index + 1 < len(units) and _dated(units[index + 1]):
        steps.append((State.BODY, State.NAME, "name", weight))
    if index and _dated(units[index - 1]):
        steps.append((State.CLOSED, State.CLOSED, "signed", weight))
        steps.append((State.TITLE_BYLINE, State.TITLE_BYLINE, "signed", weight))
    return steps


def _byline_steps(units: list[Unit], index: int, crossing: bool) -> list[Step]:
    """A byline closing the item in hand, completing the byline above, or leading the next.

    A byline right under a title proves it half, unless a blank line parts them on a
    grouped page.
    """
    unit = units[index]
    weight = float(unit.weight)
    half_title = 0.0
    if not crossing:
        half_title = _title_gain(units, index - 1, 0.5) + _refund(units, index - 1)
    steps: list[Step] = [
        (State.TITLE, State.TITLE_BYLINE, "byline", half_title + weight),
        (State.BODY, State.CLOSED, "byline", weight),
    ]
    steps.extend((origin, State.LEAD, "lead", _LEFTOVER * weight) for origin in _LEAD_FROM)
    if _dated(unit):
        steps.append((State.NAME, State.CLOSED, "date", weight))
    if index and _complements(units[index - 1].byline, unit.byline):
        steps.append((State.TITLE_BYLINE, State.TITLE_BYLINE, "byline", weight))
        steps.append((State.CLOSED, State.CLOSED, "byline", weight))
    return steps


def _dated(unit: Unit) -> bool:
    """A line holding only a date."""
    return unit.byline is not None and unit.byline.date_only


def _complements(first: Byline | None, second: Byline | None) -> bool:
    """Two byline lines that make one: "By Jane Doe" then "12 September 2022"."""
    if first is None or second is None:
        return False
    return (first.author is None) != (second.author is None) and (first.published is None) != (
        second.published is None
    )


@dataclass
class _Item:
    """An item being assembled from labelled units."""

    title: Unit
    bodies: list[str] = field(default_factory=list)
    byline: Byline | None = None
    body_block: int = -1  # the block of the last standfirst line

    def add_body(self, unit: Unit) -> None:
        """A standfirst line: lines with no blank line between them make one paragraph."""
        if self.bodies and unit.block == self.body_block:
            self.bodies[-1] = f"{self.bodies[-1]} {unit.text}"
        else:
            self.bodies.append(unit.text)
        self.body_block = unit.block


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
            items[-1].add_body(unit)
        elif items and label in ("byline", "signed", "date"):
            items[-1].byline = _merge(items[-1].byline, _byline(unit, label, name))
    return [_draft(item) for item in items]


def _byline(unit: Unit, label: str, name: str | None) -> Byline | None:
    """The byline a unit labelled "byline", "signed" (a bare name) or "date" gives."""
    if label == "signed":
        return Byline(unit.text, None)
    if label == "date" and unit.byline is not None:
        return Byline(name, unit.byline.published)
    return unit.byline


def _merge(first: Byline | None, second: Byline | None) -> Byline | None:
    """One byline from two lines, the first line winning where both say something."""
    if first is None or second is None:
        return first or second
    return Byline(first.author or second.author, first.published or second.published)


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
