"""Plain, frozen data passed between modules; no behaviour beyond small derived values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ParsedItem:
    """One item as read from a seed page, before it has an identity.

    Every string is normalised plain text (never markup); ``content`` keeps
    paragraphs separated by blank lines and bullet lines starting with "• ".
    ``published`` is timezone-aware UTC, or None when the page gives no date.
    ``line`` is the 1-based line of the page where the item starts.
    """

    title: str
    summary: str | None = None
    content: str | None = None
    author: str | None = None
    published: datetime | None = None
    url: str | None = None
    line: int = 1


@dataclass(frozen=True)
class ParseResult:
    """What a page yielded, with the layout chosen and why (shown by ``publisher parse``)."""

    layout: str
    items: tuple[ParsedItem, ...]
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    publication: str | None = None
    lines: tuple[tuple[int, str, str], ...] = ()  # (line number, role, text) per non-blank line
    # (line number, probability) for each line whose title probability the labeller weighed
    title_p: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class PageHints:
    """Per-source overrides from ``[[sources]]``: forced layout and author, date order."""

    layout: str | None = None
    author: str | None = None
    timezone: str = "UTC"
    day_first: bool = True


@dataclass(frozen=True)
class SeedFile:
    """A file in the seed folder as last recorded in the store."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    status: str
    error: str | None = None
    layout: str | None = None
    parser_version: int | None = None  # None: read before parser versions were recorded


@dataclass(frozen=True)
class Item:
    """A stored item; ``id`` is minted once, the first time it is seen, and never changes."""

    id: str
    source: str
    title: str
    summary: str | None
    content: str | None
    author: str | None
    published: datetime
    first_seen: datetime
    updated: datetime
    url: str | None = None
    seed_path: str | None = None
    seed_line: int | None = None
    dated: bool = False

    @property
    def publication_date(self) -> datetime | None:
        """The date the page gave; None when it gave none (``published`` is then when found)."""
        return self.published if self.dated else None


@dataclass(frozen=True)
class Subscriber:
    """A digest reader; ``email`` is normalised, unique case-insensitively."""

    id: int
    email: str
    name: str | None
    status: str  # pending, active, unsubscribed, bounced, complained
    cadence: str  # daily, weekly
    timezone: str
    created: datetime
    # What the reader chose to receive (source slugs, author names); None means everything.
    sources: tuple[str, ...] | None = None
    authors: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Delivery:
    """One (edition, subscriber) message in the send ledger."""

    id: int
    edition_key: str
    subscriber_id: int
    status: str  # queued, sending, sent, deferred, failed
    through_seq: int
    message_id: str
    attempts: int
    error: str | None = None
    queued_at: datetime | None = None


@dataclass(frozen=True)
class Notice:
    """A one-off message to one address (a confirmation link, a test digest), stored rendered."""

    id: int
    kind: str  # confirm, test
    recipient: str
    sender: str
    message: bytes
    attempts: int
    queued_at: datetime


@dataclass(frozen=True)
class Edition:
    """A digest's content: the items (newest first) and how many were left out for size."""

    key: str
    created: datetime
    item_ids: tuple[str, ...]
    more_count: int
