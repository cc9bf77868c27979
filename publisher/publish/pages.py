"""Views -> the static HTML archive, OPML and stylesheet, through the operator's templates.

Listings (the front page, sources, authors) are paged from their oldest item
(``views.Paging``); the archive by month pages each month newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, overload

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from publisher.core.errors import PublishError
from publisher.core.models import Item
from publisher.core.site_paths import FEED_FORMATS, edition_page_path
from publisher.core.site_paths import Block as Block
from publisher.core.site_paths import item_page_path as item_page_path
from publisher.core.site_paths import text_blocks as text_blocks
from publisher.publish.views import (
    FeedLink,
    FeedRef,
    ItemView,
    ItemViews,
    Link,
    Page,
    Pager,
    Paging,
    SiteContext,
    author_feed,
    feed_link,
    feed_url,
    item_view,
    listing_page_path,
    listing_pager,
    main_feed,
    make_page,
    month_name,
    slugify,
    source_feed,
)

__all__ = [
    "FEED_FORMATS", "SCRIPT", "STYLESHEET", "Block", "FeedLink", "FeedRef", "ItemView", "ItemViews",
    "Link", "ListedItems",
    "MonthLink", "OpmlFeed", "Page", "Pager", "Paging", "SiteContext", "author_feed",
    "item_page_path", "listing_page_path", "main_feed", "month_path", "render_archive_index",
    "render_author_page", "render_edition_page", "render_index", "render_item_page",
    "render_month_page", "render_opml", "render_source_page", "render_stylesheet", "slugify",
    "source_feed", "text_blocks",
]  # fmt: skip

STYLESHEET = "style.css"
MACROS = "macros.html"
LISTED_ITEM = "listed_item"  # the macro rendering one item's entry in a listing
_ROOT = Markup("<\0root>")  # stands for a page's way back to the root in listing entries
SCRIPT = "timezone.js"  # preselects the reader's time zone on the sign-up form
ARCHIVE_PAGE = "archive/index.html"


@dataclass(frozen=True)
class OpmlFeed:
    """One OPML outline: the feed's title, its RSS URL and its page URL."""

    title: str
    xml_url: str
    html_url: str


@dataclass(frozen=True)
class MonthLink:
    """A month of the archive as the index and the archive page link to it."""

    month: str
    text: str
    href: str
    count: int


@dataclass(frozen=True)
class EditionView:
    """A digest edition as its public page shows it: no greeting, no personal link."""

    key: str
    date: datetime
    subject: str
    groups: tuple[tuple[str, tuple[ItemView, ...]], ...]
    more_count: int


class ListedItems:
    """Listing entries for one build: each item's ``listed_item`` (macros.html) rendered once.

    An item is listed on four pages (the index, its source, its author and its month), at
    three depths; only the way back to the root differs. Its entry is rendered once with
    links relative to a placeholder, which each page's joined entries get replaced by its
    own root: a listing page costs a join, not a render per item. The placeholder is
    markup, so no escaped text can hold it.
    """

    def __init__(self, env: Environment, views: ItemViews) -> None:
        self.env = env
        self.views = views
        self._macro: Any = None
        self._made: dict[str, tuple[ItemView, str]] = {}

    def of(self, items: Sequence[Item], root: str) -> tuple[Sequence[ItemView], Markup]:
        """The items' views (made only if a template reads them) and their entries joined,
        for a page whose way back to the root is ``root``."""
        joined = "".join([self._entry(item) for item in items])
        return _PageViews(self.views, items, root), Markup(joined.replace(_ROOT, root))

    def _entry(self, item: Item) -> str:
        view = self.views.view(item, _ROOT)
        made = self._made.get(item.id)
        if made is None or made[0] is not view:
            made = self._made[item.id] = (view, self._render(view))
        return made[1]

    def _render(self, view: ItemView) -> str:
        try:
            if self._macro is None:
                self._macro = getattr(self.env.get_template(MACROS).module, LISTED_ITEM)
            return str(self._macro(view))
        except AttributeError as exc:
            problem = f"it has no {LISTED_ITEM} macro"
            raise PublishError(f"template {MACROS}: {problem}; check templates/{MACROS}") from exc
        except TemplateError as exc:
            raise PublishError(
                f"template {MACROS} failed: {exc}; check templates/{MACROS}"
            ) from exc


class _PageViews(Sequence[ItemView]):
    """A listing page's item views, made when a template reads them: ours only test for any."""

    def __init__(self, views: ItemViews, items: Sequence[Item], root: str) -> None:
        self._views, self._items, self._root = views, items, root

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> ItemView: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ItemView]: ...
    def __getitem__(self, index: int | slice) -> ItemView | Sequence[ItemView]:
        if isinstance(index, slice):
            return self._views.of(self._items[index], self._root)
        return self._views.view(self._items[index], self._root)


def month_path(month: str) -> str:
    """A month's archive front page, "archive/2022/09/index.html" (older pages: page/N.html)."""
    year, moon = month.split("-")
    return f"archive/{year}/{moon}/index.html"


def edition_path(key: str) -> str:
    """The public page of one digest edition."""
    return edition_page_path(key)


def render_index(
    env: Environment,
    site: SiteContext,
    items: Sequence[Item],
    *,
    paging: Paging | None = None,
    number: int | None = None,
    sources: Sequence[str] = (),
    authors: Sequence[str] = (),
    months: Sequence[tuple[str, int]] = (),
    listed: ListedItems | None = None,
) -> bytes:
    """A page of the whole listing; the front page also links every source, author and month."""
    paging = paging or Paging(len(items), max(1, len(items)))
    number = paging.count if number is None else number
    path = listing_page_path("", paging, number)
    title = site.title if number == paging.count else f"{site.title} — page {number}"
    page = make_page(site, title, path, (main_feed(site),))
    front = number == paging.count
    shown, entries = (listed or ListedItems(env, ItemViews(site))).of(items, page.root)
    return _render(
        env,
        "index.html",
        site=site,
        page=page,
        items=shown,
        entries=entries,
        pager=listing_pager("", paging, number, page.root),
        front=front,
        sources=tuple(
            feed_link(source_feed(site, s), site.source_name(s), page.root) for s in sources
        )
        if front
        else (),
        authors=tuple(feed_link(author_feed(site, a), a, page.root) for a in authors)
        if front
        else (),
        years=_years(months, page.root) if front else (),
        archive=page.root + ARCHIVE_PAGE,
    )


def render_item_page(
    env: Environment, site: SiteContext, item: Item, views: ItemViews | None = None
) -> bytes:
    """One item's permanent page, advertising the main feed and its source's feed."""
    feeds = (main_feed(site), source_feed(site, item.source))
    page = make_page(site, f"{item.title} — {site.title}", item_page_path(item), feeds)
    shown = (views or ItemViews(site)).view(item, page.root)
    return _render(env, "item.html", site=site, page=page, item=shown)


def render_source_page(
    env: Environment,
    site: SiteContext,
    source: str,
    items: Sequence[Item],
    *,
    paging: Paging | None = None,
    number: int | None = None,
    listed: ListedItems | None = None,
) -> bytes:
    """A page of a source's listing, advertising its feed first."""
    ref = source_feed(site, source)
    heading, home = site.source_name(source), site.source_homes.get(source)
    return _listing(env, site, ref, heading, items, paging, number, home=home, listed=listed)


def render_author_page(
    env: Environment,
    site: SiteContext,
    author: str,
    items: Sequence[Item],
    *,
    paging: Paging | None = None,
    number: int | None = None,
    listed: ListedItems | None = None,
) -> bytes:
    """A page of an author's listing, advertising their feed first."""
    ref = author_feed(site, author)
    return _listing(env, site, ref, author, items, paging, number, listed=listed)


def _listing(
    env: Environment,
    site: SiteContext,
    ref: FeedRef,
    heading: str,
    items: Sequence[Item],
    paging: Paging | None,
    number: int | None,
    home: str | None = None,
    listed: ListedItems | None = None,
) -> bytes:
    paging = paging or Paging(len(items), max(1, len(items)))
    number = paging.count if number is None else number
    path = listing_page_path(ref.path, paging, number)
    suffix = "" if number == paging.count else f" — page {number}"
    page = make_page(site, f"{heading}{suffix} — {site.title}", path, (ref, main_feed(site)))
    shown, entries = (listed or ListedItems(env, ItemViews(site))).of(items, page.root)
    return _render(
        env,
        "listing.html",
        site=site,
        page=page,
        heading=heading,
        home=home,
        items=shown,
        entries=entries,
        pager=listing_pager(ref.path, paging, number, page.root),
    )


def render_month_page(
    env: Environment,
    site: SiteContext,
    month: str,
    items: Sequence[Item],
    paging: Paging | None = None,
    number: int | None = None,
    listed: ListedItems | None = None,
) -> bytes:
    """One page of a month of the archive: items dated (or, undated, found) that month."""
    paging = paging or Paging(len(items), max(1, len(items)))
    number = paging.count if number is None else number
    folder = month_path(month).removesuffix("/index.html")
    path = listing_page_path(folder, paging, number)
    heading = month_name(month)
    suffix = "" if number == paging.count else f" — page {number}"
    page = make_page(site, f"{heading}{suffix} — {site.title}", path, (main_feed(site),))
    shown, entries = (listed or ListedItems(env, ItemViews(site))).of(items, page.root)
    return _render(
        env,
        "month.html",
        site=site,
        page=page,
        heading=heading,
        items=shown,
        entries=entries,
        pager=listing_pager(folder, paging, number, page.root),
        archive=page.root + ARCHIVE_PAGE,
    )


def render_archive_index(
    env: Environment, site: SiteContext, months: Sequence[tuple[str, int]]
) -> bytes:
    """Every month of the archive, grouped by year, newest first."""
    page = make_page(site, f"Archive — {site.title}", ARCHIVE_PAGE, (main_feed(site),))
    return _render(env, "archive.html", site=site, page=page, years=_years(months, page.root))


def render_edition_page(
    env: Environment,
    site: SiteContext,
    key: str,
    date: datetime,
    items: Sequence[Item],
    more_count: int,
) -> bytes:
    """A digest edition's public page ("view in browser"): the items, nothing personal."""
    page = make_page(
        site, f"Digest of {date:%d %B %Y} — {site.title}", edition_path(key), (main_feed(site),)
    )
    groups: dict[str, list[ItemView]] = {}
    for item in items:
        groups.setdefault(site.source_name(item.source), []).append(
            item_view(site, item, page.root)
        )
    edition = EditionView(
        key, date, page.title, tuple((n, tuple(v)) for n, v in groups.items()), more_count
    )
    return _render(env, "edition.html", site=site, page=page, edition=edition)


def _years(
    months: Sequence[tuple[str, int]], root: str
) -> tuple[tuple[str, tuple[MonthLink, ...]], ...]:
    """Months grouped by year, newest first, as links relative to a page."""
    years: dict[str, list[MonthLink]] = {}
    for month, count in months:
        link = MonthLink(month, month_name(month).split()[0], root + month_path(month), count)
        years.setdefault(month[:4], []).append(link)
    return tuple((year, tuple(links)) for year, links in years.items())


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


def render_stylesheet(env: Environment, name: str = STYLESHEET) -> bytes:
    """The stylesheet (or script) as the operator's templates hold it, copied verbatim."""
    if env.loader is None:
        raise PublishError(f"no template loader to read {name} from")
    try:
        source, _, _ = env.loader.get_source(env, name)
    except TemplateError as exc:
        raise PublishError(f"template {name} cannot be read: {exc}") from exc
    return source.encode("utf-8")


def _render(env: Environment, name: str, **context: Any) -> bytes:
    """Render one template; an operator's template mistake names the template."""
    try:
        return env.get_template(name).render(**context).encode("utf-8")
    except TemplateError as exc:
        raise PublishError(f"template {name} failed: {exc}; check templates/{name}") from exc


def _opml_feed(site: SiteContext, ref: FeedRef) -> OpmlFeed:
    """An outline for the feed's RSS file and its page."""
    page = site.url + ref.page_path.removesuffix("index.html")
    return OpmlFeed(ref.title, feed_url(site, ref, FEED_FORMATS[0][0]), page)
