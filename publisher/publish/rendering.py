"""Rendering one build's listings, months and item pages to bytes: no store, no files.

A ``Renderer`` holds what every page of a build shares (the templates, the site, each
item's view and feed entry, made once); the functions here turn items already read into
``Output``s. ``archive`` writes them as the store says what changed; ``workers`` renders
a full build's in several processes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jinja2 import Environment, FileSystemBytecodeCache

from publisher import __version__
from publisher.core import site_paths
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.publish import feeds, pages

# One rendered file: its path relative to the output folder, its bytes, whether a feed.
Output = tuple[str, bytes, bool]
TEMPLATE_CACHE = "templates-compiled"  # in the state folder


@dataclass(frozen=True)
class FrontLinks:
    """What the front page links besides its items: every author and month of the archive."""

    authors: Sequence[str]
    months: Sequence[tuple[str, int]]


@dataclass(frozen=True)
class Renderer:
    """The templates, site and per-item caches that every page of one build shares."""

    settings: Settings
    env: Environment
    site: pages.SiteContext
    views: pages.ItemViews
    listed: pages.ListedItems
    entries: feeds.FeedEntries

    @classmethod
    def create(cls, settings: Settings, site: pages.SiteContext) -> Renderer:
        """Templates loaded once for the build (no reload checks), empty caches.

        Compiled templates are kept in the state folder (Jinja2 checks each against its
        source), so a build, or a worker process, does not compile them again.
        """
        env = make_environment(settings.paths.templates, auto_reload=False)
        compiled = settings.paths.state / TEMPLATE_CACHE
        compiled.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        entries = feeds.FeedEntries(feed_spec(settings, pages.main_feed(site)), site.source_names)
        views = pages.ItemViews(site)
        return cls(settings, env, site, views, pages.ListedItems(env, views), entries)


def render_listing(
    renderer: Renderer,
    kind: str,
    key: str,
    paging: pages.Paging,
    shown: Mapping[int, Sequence[Item]],
    *,
    newest: Sequence[Item] | None = None,
    front: FrontLinks | None = None,
) -> list[Output]:
    """Pages of a listing (``shown``: page number to its items, newest first) and, given
    its ``newest`` items, its feeds; the main listing's front page needs ``front``."""
    ref = listing_ref(renderer.site, kind, key)
    outputs: list[Output] = []
    if newest is not None:
        spec = feed_spec(renderer.settings, ref)
        names = renderer.site.source_names
        rendered = feeds.render_feeds(spec, newest, names, renderer.entries)
        outputs.extend((relative, data, True) for relative, data in rendered.items())
    for number in sorted(shown):
        path = pages.listing_page_path(ref.path, paging, number)
        data = _listing_page(renderer, kind, key, shown[number], paging, number, front)
        outputs.append((path, data, False))
    return outputs


def _listing_page(
    renderer: Renderer,
    kind: str,
    key: str,
    shown: Sequence[Item],
    paging: pages.Paging,
    number: int,
    front: FrontLinks | None,
) -> bytes:
    env, site, listed = renderer.env, renderer.site, renderer.listed
    if kind == "source":
        return pages.render_source_page(
            env, site, key, shown, paging=paging, number=number, listed=listed
        )
    if kind == "author":
        return pages.render_author_page(
            env, site, key, shown, paging=paging, number=number, listed=listed
        )
    is_front = number == paging.count
    links = front if is_front and front is not None else FrontLinks((), ())
    return pages.render_index(
        env,
        site,
        shown,
        paging=paging,
        number=number,
        sources=sorted(site.source_names) if is_front else (),
        authors=links.authors,
        months=links.months,
        listed=listed,
    )


def render_month(
    renderer: Renderer, month: str, paging: pages.Paging, top: Sequence[Item], numbers: range
) -> list[Output]:
    """Pages ``numbers`` of a month; ``top`` holds its newest items, down to those pages."""
    folder = pages.month_path(month).removesuffix("/index.html")
    outputs: list[Output] = []
    for number in numbers:
        data = pages.render_month_page(
            renderer.env,
            renderer.site,
            month,
            page_of(top, paging, number),
            paging,
            number,
            listed=renderer.listed,
        )
        outputs.append((pages.listing_page_path(folder, paging, number), data, False))
    return outputs


def render_items(renderer: Renderer, items: Sequence[Item]) -> list[Output]:
    """Item pages of visible items already given their original links."""
    env, site, views = renderer.env, renderer.site, renderer.views
    return [
        (site_paths.item_page_path(item), pages.render_item_page(env, site, item, views), False)
        for item in items
    ]


def listing_ref(site: pages.SiteContext, kind: str, key: str) -> pages.FeedRef:
    """The feed (and page folder) of a listing: "main", "source" or "author"."""
    if kind == "source":
        return pages.source_feed(site, key)
    if kind == "author":
        return pages.author_feed(site, key)
    return pages.main_feed(site)


def feed_spec(settings: Settings, ref: pages.FeedRef) -> feeds.FeedSpec:
    """How one of the site's feeds describes itself."""
    return feeds.FeedSpec(
        title=ref.title,
        description=settings.site.description,
        site_url=settings.site.url,
        path=ref.path,
        page_path=ref.page_path,
        language=settings.site.language,
        websub_hub=settings.feeds.websub_hub,
        full_content=settings.feeds.full_content,
        generator=f"publisher {__version__}",
        author=settings.site.title,
        archive_url=settings.site.url + pages.ARCHIVE_PAGE.removesuffix("index.html"),
    )


def newer_than(paging: pages.Paging, number: int) -> int:
    """How many of a listing's items are on page ``number`` or a newer one."""
    return paging.total - paging.span(number)[0]


def page_of(listed: Sequence[Item], paging: pages.Paging, number: int) -> Sequence[Item]:
    """Page ``number`` (counted from the oldest) cut from a listing's newest items, newest first."""
    skip, limit = paging.span(number)
    newer = paging.total - skip - limit  # items on newer pages, which come first in ``listed``
    return listed[newer : newer + limit]
