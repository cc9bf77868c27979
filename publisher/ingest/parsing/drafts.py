"""Items as layouts first build them, and what each layout made of a page."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Final

from publisher.core.models import ParsedItem
from publisher.ingest.parsing.dates import to_utc
from publisher.ingest.parsing.names import leading_by, trailing_author
from publisher.ingest.parsing.text import derive_title

_TITLE_MAX: Final = 100
_HEADLINE_MAX: Final = 240  # an article's own headline, kept whole (a long one over its byline)
_SAVED_SLACK: Final = timedelta(days=1)  # time zones and late saves
_ELIDED: Final = re.compile(r"\s*\[(?:…|\.\.\.)\]$")
# a flash teaser's time of day before a dash: "ore 11:20 – …", "kl. 9.05 — …", "à 18h47 - …"
_CLOCK_OPENING: Final = re.compile(
    r"\A(?:(?:ore|ora|om|um|kl\.?|klo|godz\.?|às|a las|à|at)\s+)?"
    r"[0-2]?\d[:.h][0-5]\d(?:\s*(?:Uhr|h|hrs|Hs))?\s*[–—-]\s+(?=\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Draft:
    """An item before time zones and per-source overrides are applied."""

    title: str
    line: int
    summary: str | None = None
    content: str | None = None
    author: str | None = None
    published: datetime | None = None
    headline: bool = False  # the title is an article's headline as written: not cut at 100


@dataclass(frozen=True)
class Candidate:
    """One layout's reading of a page: how well it explains the text, and its items.

    Items are built only for the reading that wins (``build``), which keeps parsing fast.
    """

    layout: str
    count: int
    fit: float
    reason: str
    build: Callable[[], list[Draft]]


def read_standfirst(text: str) -> tuple[str, str | None]:
    """A standfirst as a summary, and the author it names ("By Name …", "…, argues Name.").

    The "By Name" opening and a time of day before a dash ("ore 11:20 – …") are taken
    off the summary; a closing "[…]" becomes "…".
    """
    author = None
    clock = _CLOCK_OPENING.match(text)  # anchored: one try, where a search tries every place
    if clock is not None:
        text = text[clock.end() :]
    opening = leading_by(text)
    if opening is not None:
        author, text = opening
    if text.endswith(("]", "]\n")):  # the cheap test: the pattern scans the whole line
        text = _ELIDED.sub("…", text)
    return text, author or trailing_author(text)


def _after_saved(value: datetime, zone: tzinfo, saved: datetime | None) -> bool:
    """Whether ``value`` is later than the page was saved: a date as the page writes it
    (naive) against the save time's own clock, a moment with an offset against the moment."""
    if saved is None:
        return False
    if value.tzinfo is None:
        saved = saved.replace(tzinfo=None)
    return to_utc(value, zone) > to_utc(saved, zone) + _SAVED_SLACK


def finalise(
    draft: Draft, zone: tzinfo, author: str | None, saved: datetime | None = None
) -> ParsedItem:
    """The public item: a safe one-line title, UTC date, forced author if the source has one.

    A date after the page was saved (``saved``) is no publication date (an event's, a
    deadline's): the item is left undated.
    """
    title = draft.title
    limit = _HEADLINE_MAX if draft.headline else _TITLE_MAX
    if not title or len(title) > limit or "\n" in title:
        title = derive_title(title)
    published = None
    if draft.published is not None and not _after_saved(draft.published, zone, saved):
        published = to_utc(draft.published, zone)
    return ParsedItem(
        title=title,
        summary=draft.summary or None,
        content=draft.content or None,
        author=author or draft.author,
        published=published,
        line=draft.line,
    )
