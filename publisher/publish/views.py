"""Items and listings as templates see them: links relative to each page, honest dates.

Seed text is plain text: templates receive it split into paragraph, heading and bullet
blocks, and Jinja's autoescape escapes every string, so no seed can become markup.
Navigation links are relative (the archive works from file://); canonical and feed links
are absolute.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from publisher.core.models import Item
from publisher.core.site_paths import FEED_FORMATS, Block, item_page_path, text_blocks
from publisher.ingest import identity

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SLUG_MAX = 80
_WEB = ("http", "https")


@dataclass(frozen=True)
class SiteContext:
    """Site-wide facts every page needs; ``url`` is absolute and ends with "/"."""

    title: str
    url: str
    description: str = ""
    language: str | None = None
    source_names: Mapping[str, str] = field(default_factory=dict)
    source_homes: Mapping[str, str] = field(default_factory=dict)
    page_size: int = 25
    postal_address: str | None = None

    def source_name(self, source: str) -> str:
        """A source's display name, falling back to its key."""
        return self.source_names.get(source, source)


@dataclass(frozen=True)
class FeedRef:
    """One feed: its title and the folder holding its rss.xml, atom.xml and feed.json."""

    title: str
    path: str  # "" for the main feed, "sources/<slug>", "authors/<slug>"

    @property
    def page_path(self) -> str:
        """The HTML page showing the same items, in the same folder as the feed files."""
        return f"{self.path}/index.html" if self.path else "index.html"


@dataclass(frozen=True)
class Link:
    """A labelled link as templates show it."""

    text: str
    href: str


@dataclass(frozen=True)
class FeedLink:
    """One autodiscovery ``<link rel="alternate">``: title, absolute href, media type."""

    title: str
    href: str
    type: str
    label: str


@dataclass(frozen=True)
class Page:
    """What base.html needs: title, canonical URL, the way back to the root, feeds to advertise."""

    title: str
    path: str
    canonical: str
    root: str
    feeds: tuple[FeedLink, ...]


@dataclass(frozen=True)
class ItemView:
    """An item as templates show it; ``date_label`` is "" for a date the page gave, "found" else."""

    id: str
    title: str
    href: str
    original_url: str | None
    source: Link
    source_home: str | None
    author: Link | None
    published: str
    published_text: str
    date_label: str
    summary: tuple[Block, ...]  # what listings show under the title
    lead: tuple[Block, ...]  # what the item's page shows above the content: the summary, once
    content: tuple[Block, ...]


@dataclass(frozen=True)
class Paging:
    """A listing's pages counted from its oldest item, so a page keeps its items for good.

    Page ``count`` (the newest) is the front page and holds between ``size`` and
    ``2 * size - 1`` items; a new item changes only it, until it fills and splits.
    """

    total: int
    size: int

    @property
    def count(self) -> int:
        return max(1, self.total // self.size)

    def span(self, number: int) -> tuple[int, int]:
        """(items older than the page, items on it) for page ``number`` (1 is the oldest)."""
        skip = (number - 1) * self.size
        return skip, (self.size if number < self.count else max(0, self.total - skip))

    def number_of(self, older: int) -> int:
        """The page of an item with ``older`` items before it."""
        return min(older // self.size + 1, self.count)


@dataclass(frozen=True)
class Pager:
    """Links between the pages of a listing, relative to the page showing them."""

    newer: str | None
    older: str | None
    label: str


def listing_page_path(folder: str, paging: Paging, number: int) -> str:
    """Where page ``number`` of the listing in ``folder`` lives: the front page is index.html."""
    prefix = f"{folder}/" if folder else ""
    return f"{prefix}index.html" if number >= paging.count else f"{prefix}page/{number}.html"


def listing_pager(folder: str, paging: Paging, number: int, root: str) -> Pager:
    """Newer and older links of one page of a listing."""
    newer = root + listing_page_path(folder, paging, number + 1) if number < paging.count else None
    older = root + listing_page_path(folder, paging, number - 1) if number > 1 else None
    # No "of N": the total changes with every split, and the old pages must not.
    label = "" if number == paging.count else f"Page {number}"
    return Pager(newer, older, label)


def slugify(name: str) -> str:
    """A stable, non-empty ASCII slug for paths; names with no ASCII letters get a hash."""
    slug = identity.slugify(name, limit=_SLUG_MAX)
    return slug or "x-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def main_feed(site: SiteContext) -> FeedRef:
    """The feed of every item."""
    return FeedRef(site.title, "")


def source_feed(site: SiteContext, source: str) -> FeedRef:
    """The feed (and page folder) of one source, keyed by its stable source key."""
    return FeedRef(f"{site.title}: {site.source_name(source)}", f"sources/{slugify(source)}")


def author_feed(site: SiteContext, author: str) -> FeedRef:
    """The feed (and page folder) of one author."""
    return FeedRef(f"{site.title}: {author}", f"authors/{slugify(author)}")


def make_page(site: SiteContext, title: str, path: str, feeds: Sequence[FeedRef]) -> Page:
    """Page metadata for a page at ``path`` (relative to the output root)."""
    canonical = site.url + path.removesuffix("index.html")
    if len(feeds) == 1:
        links = _feed_links(site.url, feeds[0])
    else:
        links = tuple(link for ref in feeds for link in _feed_links(site.url, ref))
    return Page(title, path, canonical, "../" * path.count("/"), links)


@lru_cache(maxsize=4096)
def _feed_links(site_url: str, ref: FeedRef) -> tuple[FeedLink, ...]:
    """A feed's autodiscovery links: the same on every page that advertises the feed."""
    folder = f"{ref.path}/" if ref.path else ""
    return tuple(
        FeedLink(f"{ref.title} ({label})", f"{site_url}{folder}{filename}", media_type, label)
        for filename, media_type, label in FEED_FORMATS
    )


def feed_url(site: SiteContext, ref: FeedRef, filename: str) -> str:
    """The absolute URL of one of a feed's files."""
    folder = f"{ref.path}/" if ref.path else ""
    return f"{site.url}{folder}{filename}"


def feed_link(ref: FeedRef, text: str, root: str) -> Link:
    """A relative navigation link to a feed's page."""
    return Link(text, root + ref.page_path)


def item_views(site: SiteContext, items: Sequence[Item], root: str) -> tuple[ItemView, ...]:
    """Views of several items for a page whose way back to the root is ``root``."""
    return tuple(item_view(site, item, root) for item in items)


class ItemViews:
    """Item views for one build: each item's text blocks, dates and names are made once.

    An item shows on up to five pages (its own, the index, its source, author and month);
    only the links, relative to each page, differ, and pages at one depth share one view.
    """

    def __init__(self, site: SiteContext) -> None:
        self.site = site
        self._made: dict[str, tuple[Item, dict[str, ItemView]]] = {}

    def of(self, items: Sequence[Item], root: str) -> tuple[ItemView, ...]:
        """Views of several items for a page whose way back to the root is ``root``."""
        return tuple([self.view(item, root) for item in items])

    def view(self, item: Item, root: str) -> ItemView:
        """One item's view from a page at ``root``, made from the item's first view."""
        made = self._made.get(item.id)
        if made is None or (made[0] is not item and made[0] != item):
            made = (item, {"": item_view(self.site, item, "")})
            self._made[item.id] = made
        by_root = made[1]
        found = by_root.get(root)
        if found is None:
            found = by_root[root] = _rerooted(by_root[""], root)
        return found


def _rerooted(view: ItemView, root: str) -> ItemView:
    """A view made for the root ("") with its page links relative to another depth."""
    author = view.author
    return ItemView(
        id=view.id,
        title=view.title,
        href=root + view.href,
        original_url=view.original_url,
        source=Link(view.source.text, root + view.source.href),
        source_home=view.source_home,
        author=None if author is None else Link(author.text, root + author.href),
        published=view.published,
        published_text=view.published_text,
        date_label=view.date_label,
        summary=view.summary,
        lead=view.lead,
        content=view.content,
    )


def item_view(site: SiteContext, item: Item, root: str) -> ItemView:
    """One item prepared for templates; ``item.url`` is already its original (or None)."""
    moment = item.published.astimezone(UTC)
    author = feed_link(author_feed(site, item.author), item.author, root) if item.author else None
    title, summary = _headline(item)
    content = text_blocks(item.content, headings=True) if item.content != item.summary else ()
    summary_blocks = text_blocks(summary)
    return ItemView(
        id=item.id,
        title=title,
        href=root + item_page_path(item),
        original_url=item.url if item.url and urlsplit(item.url).scheme in _WEB else None,
        source=feed_link(source_feed(site, item.source), site.source_name(item.source), root),
        source_home=site.source_homes.get(item.source),
        author=author,
        published=iso(moment),
        published_text=long_date(moment) if item.dated else short_date(moment),
        date_label="" if item.dated else "found",
        summary=summary_blocks,
        lead=() if _repeats(content, summary) else summary_blocks,
        content=content,
    )


def _headline(item: Item) -> tuple[str, str | None]:
    """Title and summary; a title cut from its one-sentence summary gives way to it whole."""
    summary = item.summary
    stem = item.title.rstrip("…").rstrip(". ").strip()
    if summary and stem and "\n" not in summary.strip() and summary.startswith(stem):
        return " ".join(summary.split()), None
    return item.title, summary


def _repeats(content: tuple[Block, ...], summary: str | None) -> bool:
    """Whether the content's first paragraph already says the summary (a long page's lead)."""
    if not summary or not content or content[0].kind != "p":
        return False
    first = " ".join(" ".join(content[0].lines).split())
    return first.startswith(" ".join(summary.split()))


def iso(moment: datetime) -> str:
    """An RFC 3339 UTC timestamp for <time datetime>."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def long_date(moment: datetime) -> str:
    """ "12 September 2022": a date the page gave."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def short_date(moment: datetime) -> str:
    """ "30 Nov 2026": when publisher found an undated item."""
    return f"{moment.day} {MONTHS[moment.month - 1][:3]} {moment.year}"


def month_name(month: str) -> str:
    """ "2022-09" as "September 2022"."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"
