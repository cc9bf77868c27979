"""Items -> the static HTML archive, OPML and stylesheet, through the operator's templates.

Seed text is plain text: templates receive it split into paragraph and bullet blocks and
Jinja's autoescape escapes every string, so no seed can become markup. Navigation links
are relative (the archive works from file://); canonical and feed links are absolute.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, TemplateError

from publisher.core.errors import PublishError
from publisher.core.models import Item
from publisher.core.site_paths import FEED_FORMATS as FEED_FORMATS
from publisher.core.site_paths import Block as Block
from publisher.core.site_paths import item_page_path as item_page_path
from publisher.core.site_paths import text_blocks as text_blocks
from publisher.ingest import identity

STYLESHEET = "style.css"
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SLUG_MAX = 80


@dataclass(frozen=True)
class SiteContext:
    """Site-wide facts every page needs; ``url`` is absolute and ends with "/"."""

    title: str
    url: str
    description: str = ""
    language: str | None = None
    source_names: Mapping[str, str] = field(default_factory=dict)

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
    """An item as templates show it: links relative to the page, text split into blocks."""

    id: str
    title: str
    href: str
    original_url: str | None
    source: Link
    author: Link | None
    published: str
    published_text: str
    summary: tuple[Block, ...]
    content: tuple[Block, ...]


@dataclass(frozen=True)
class OpmlFeed:
    """One OPML outline: the feed's title, its RSS URL and its page URL."""

    title: str
    xml_url: str
    html_url: str


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


def render_index(
    env: Environment,
    site: SiteContext,
    items: Sequence[Item],
    *,
    sources: Sequence[str] = (),
    authors: Sequence[str] = (),
) -> bytes:
    """The front page: the newest items and links to every source and author page."""
    page = _page(site, site.title, "index.html", (main_feed(site),))
    return _render(
        env,
        "index.html",
        site=site,
        page=page,
        items=_item_views(site, items, page.root),
        sources=tuple(
            _feed_link(source_feed(site, s), site.source_name(s), page.root) for s in sources
        ),
        authors=tuple(_feed_link(author_feed(site, a), a, page.root) for a in authors),
    )


def render_item_page(env: Environment, site: SiteContext, item: Item) -> bytes:
    """One item's permanent page, advertising the main feed and its source's feed."""
    feeds = (main_feed(site), source_feed(site, item.source))
    page = _page(site, f"{item.title} — {site.title}", item_page_path(item), feeds)
    return _render(env, "item.html", site=site, page=page, item=_item_view(site, item, page.root))


def render_source_page(
    env: Environment, site: SiteContext, source: str, items: Sequence[Item]
) -> bytes:
    """A source's page listing its newest items, advertising its feed first."""
    ref = source_feed(site, source)
    name = site.source_name(source)
    page = _page(site, f"{name} — {site.title}", ref.page_path, (ref, main_feed(site)))
    views = _item_views(site, items, page.root)
    return _render(env, "source.html", site=site, page=page, source=name, items=views)


def render_author_page(
    env: Environment, site: SiteContext, author: str, items: Sequence[Item]
) -> bytes:
    """An author's page listing their newest items, advertising their feed first."""
    ref = author_feed(site, author)
    page = _page(site, f"{author} — {site.title}", ref.page_path, (ref, main_feed(site)))
    views = _item_views(site, items, page.root)
    return _render(env, "author.html", site=site, page=page, author=author, items=views)


def render_opml(env: Environment, site: SiteContext, feeds: Sequence[FeedRef]) -> bytes:
    """OPML 2.0 listing every feed's RSS file, so a reader can subscribe to all at once."""
    groups: dict[str, list[OpmlFeed]] = {"": [], "sources": [], "authors": []}
    for ref in feeds:
        groups.setdefault(ref.path.partition("/")[0], []).append(_opml_feed(site, ref))
    return _render(
        env,
        "opml.xml",
        site=site,
        main=groups[""],
        sources=groups["sources"],
        authors=groups["authors"],
    )


def render_stylesheet(env: Environment) -> bytes:
    """The stylesheet as the operator's templates hold it (copied verbatim, not templated)."""
    if env.loader is None:
        raise PublishError(f"no template loader to read {STYLESHEET} from")
    try:
        source, _, _ = env.loader.get_source(env, STYLESHEET)
    except TemplateError as exc:
        raise PublishError(f"template {STYLESHEET} cannot be read: {exc}") from exc
    return source.encode("utf-8")


def _render(env: Environment, name: str, **context: Any) -> bytes:
    """Render one template; an operator's template mistake names the template."""
    try:
        return env.get_template(name).render(**context).encode("utf-8")
    except TemplateError as exc:
        raise PublishError(f"template {name} failed: {exc}; check templates/{name}") from exc


def _page(site: SiteContext, title: str, path: str, feeds: Sequence[FeedRef]) -> Page:
    """Page metadata for a page at ``path`` (relative to the output root)."""
    canonical = site.url + path.removesuffix("index.html")
    links = tuple(
        FeedLink(f"{ref.title} ({label})", _feed_url(site, ref, filename), media_type, label)
        for ref in feeds
        for filename, media_type, label in FEED_FORMATS
    )
    return Page(title, path, canonical, "../" * path.count("/"), links)


def _feed_url(site: SiteContext, ref: FeedRef, filename: str) -> str:
    """The absolute URL of one of a feed's files."""
    folder = f"{ref.path}/" if ref.path else ""
    return f"{site.url}{folder}{filename}"


def _feed_link(ref: FeedRef, text: str, root: str) -> Link:
    """A relative navigation link to a feed's page."""
    return Link(text, root + ref.page_path)


def _opml_feed(site: SiteContext, ref: FeedRef) -> OpmlFeed:
    """An outline for the feed's RSS file and its page."""
    page = site.url + ref.page_path.removesuffix("index.html")
    return OpmlFeed(ref.title, _feed_url(site, ref, FEED_FORMATS[0][0]), page)


def _item_views(site: SiteContext, items: Sequence[Item], root: str) -> tuple[ItemView, ...]:
    """Views of several items for a page whose way back to the root is ``root``."""
    return tuple(_item_view(site, item, root) for item in items)


def _item_view(site: SiteContext, item: Item, root: str) -> ItemView:
    """One item prepared for templates; only http(s) originals become links."""
    published = item.published.astimezone(UTC)
    original = item.url if item.url and urlsplit(item.url).scheme in ("http", "https") else None
    source_name = site.source_name(item.source)
    author = _feed_link(author_feed(site, item.author), item.author, root) if item.author else None
    return ItemView(
        id=item.id,
        title=item.title,
        href=root + item_page_path(item),
        original_url=original,
        source=_feed_link(source_feed(site, item.source), source_name, root),
        author=author,
        published=_iso(published),
        published_text=f"{published.day} {_MONTHS[published.month - 1]} {published.year}",
        summary=text_blocks(item.summary),
        content=() if item.content == item.summary else text_blocks(item.content),
    )


def _iso(moment: datetime) -> str:
    """An RFC 3339 UTC timestamp for <time datetime>."""
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
