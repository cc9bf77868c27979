"""Writing the archive: each listing's feeds and pages, the months, items and digest editions.

A listing's pages are counted from its oldest item (``views.Paging``), so a new item
rewrites its front page (and, when the front page fills, the page that splits off);
``everything=True`` re-renders every page of a listing, after a hide or a rename.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment

from publisher import __version__, store
from publisher.core import site_paths
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.ingest.sources import SourceInfo, with_original_links
from publisher.publish import feeds, pages
from publisher.publish.atomic import Batch


@dataclass
class Tally:
    """What a build wrote; ``written`` lists paths relative to the output folder."""

    feeds_written: int = 0
    feeds_unchanged: int = 0
    pages_written: int = 0
    pages_unchanged: int = 0
    written: list[str] | None = None


@dataclass(frozen=True)
class Writer:
    """Renders and writes outputs for one build through its batch, counting what changed."""

    settings: Settings
    db: store.Store
    env: Environment
    site: pages.SiteContext
    directory: dict[str, SourceInfo]
    tally: Tally
    batch: Batch
    views: pages.ItemViews
    entries: feeds.FeedEntries

    def write(self, relative: str, data: bytes, *, is_feed: bool = False) -> None:
        written = self.batch.write(self.settings.paths.output / relative, data)
        if written and self.tally.written is not None:
            self.tally.written.append(relative)
        if is_feed:
            self.tally.feeds_written += written
            self.tally.feeds_unchanged += not written
        else:
            self.tally.pages_written += written
            self.tally.pages_unchanged += not written

    def remove(self, relative: str) -> None:
        """Delete an output that must no longer be served (a hidden item, a renamed source)."""
        removed = self.batch.remove(self.settings.paths.output / relative)
        if removed and self.tally.written is not None:
            self.tally.written.append(relative)

    def linked(self, items: list[Item]) -> list[Item]:
        return with_original_links(items, self.directory)


def write_listing(
    writer: Writer,
    *,
    kind: str,
    key: str,
    new_items: int = 0,
    edited: Collection[str] = (),
    everything: bool = False,
) -> None:
    """A listing's feeds and the pages of it that new or edited items changed, read from the store.

    The pages from the lowest one a new item touches up to the front are one read of the
    listing's newest items; a page an edited item keeps deeper down is read by key.
    """
    where = {kind: key} if kind in ("source", "author") else {}  # the store's filter
    db, size = writer.db, writer.settings.site.page_size
    paging = pages.Paging(store.count_listed(db, **where), size)
    lowest = 1 if everything else max(1, max(0, paging.total - new_items) // size)
    top = writer.linked(store.list_items(db, limit=_newer_than(paging, lowest), **where))
    shown = {number: _page_of(top, paging, number) for number in range(lowest, paging.count + 1)}
    for item_id in edited:
        older = store.count_older(db, item_id, **where)
        if older is not None and paging.number_of(older) not in shown:
            skip, limit = paging.span(paging.number_of(older))
            around = store.list_listed_around(
                db, item_id, older=older - skip, newer=skip + limit - older - 1, **where
            )
            shown[paging.number_of(older)] = writer.linked(around)
    max_items = writer.settings.feeds.max_items
    if len(top) >= min(max_items, paging.total):
        newest = top[:max_items]
    else:
        newest = writer.linked(store.list_items(db, limit=max_items, **where))
    _write_listing(writer, kind, key, paging, shown, newest, prune=everything)


def write_listing_of(writer: Writer, kind: str, key: str, listed: Sequence[Item]) -> None:
    """A listing's feeds and every page of it, from all its items already read, newest first."""
    paging = pages.Paging(len(listed), writer.settings.site.page_size)
    shown = {number: _page_of(listed, paging, number) for number in range(1, paging.count + 1)}
    newest = listed[: writer.settings.feeds.max_items]
    _write_listing(writer, kind, key, paging, shown, newest, prune=True)


def _write_listing(
    writer: Writer,
    kind: str,
    key: str,
    paging: pages.Paging,
    shown: Mapping[int, Sequence[Item]],
    newest: Sequence[Item],
    *,
    prune: bool,
) -> None:
    ref = _ref(writer.site, kind, key)
    _write_feeds(writer, ref, newest)
    for number in sorted(shown):
        writer.write(
            pages.listing_page_path(ref.path, paging, number),
            _render_listing(writer, kind, key, shown[number], paging, number),
        )
    if prune:
        _prune_pages(writer, ref.path, paging.count)


def _newer_than(paging: pages.Paging, number: int) -> int:
    """How many of a listing's items are on page ``number`` or a newer one."""
    return paging.total - paging.span(number)[0]


def _page_of(listed: Sequence[Item], paging: pages.Paging, number: int) -> Sequence[Item]:
    """Page ``number`` (counted from the oldest) cut from a listing's newest items, newest first."""
    skip, limit = paging.span(number)
    newer = paging.total - skip - limit  # items on newer pages, which come first in ``listed``
    return listed[newer : newer + limit]


def _ref(site: pages.SiteContext, kind: str, key: str) -> pages.FeedRef:
    if kind == "source":
        return pages.source_feed(site, key)
    if kind == "author":
        return pages.author_feed(site, key)
    return pages.main_feed(site)


def _render_listing(
    writer: Writer, kind: str, key: str, shown: Sequence[Item], paging: pages.Paging, number: int
) -> bytes:
    env, site, views = writer.env, writer.site, writer.views
    if kind == "source":
        return pages.render_source_page(
            env, site, key, shown, paging=paging, number=number, views=views
        )
    if kind == "author":
        return pages.render_author_page(
            env, site, key, shown, paging=paging, number=number, views=views
        )
    front = number == paging.count
    return pages.render_index(
        env,
        site,
        shown,
        paging=paging,
        number=number,
        sources=sorted(site.source_names) if front else (),
        authors=store.list_authors(writer.db) if front else (),
        months=store.list_months(writer.db) if front else (),
        views=views,
    )


def _prune_pages(writer: Writer, folder: str, count: int) -> None:
    """Delete older pages past the listing's end (it shrank: items hidden or moved)."""
    page_dir = writer.settings.paths.output / (f"{folder}/page" if folder else "page")
    if not page_dir.is_dir():
        return
    for path in page_dir.glob("*.html"):
        if not path.stem.isdigit() or int(path.stem) >= count:
            writer.remove(path.relative_to(writer.settings.paths.output).as_posix())


def remove_listing(writer: Writer, folder: str) -> None:
    """Delete every file of a listing that no longer exists (a source renamed away)."""
    root = writer.settings.paths.output / folder
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file():
            writer.remove(path.relative_to(writer.settings.paths.output).as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(root.iterdir()):
        root.rmdir()


def write_month(writer: Writer, month: str, new_items: Sequence[Item] | None = None) -> None:
    """A month of the archive, paged from its oldest item like a listing, read from the store.

    With ``new_items`` (all in this month) only the pages from the oldest of them on are
    rewritten; without, every page (an edit may have moved an item out of the month).
    """
    start, end = _month_span(month)
    paging = pages.Paging(store.count_month(writer.db, start, end), writer.settings.site.page_size)
    first = 1
    if new_items:
        oldest = min(store.count_older_in_month(writer.db, i, start, end) for i in new_items)
        first = max(1, paging.number_of(oldest) - 1)
    top = store.list_month(writer.db, start, end, limit=_newer_than(paging, first))
    _write_month(writer, month, paging, writer.linked(top), first, prune=new_items is None)


def write_month_of(writer: Writer, month: str, listed: Sequence[Item]) -> None:
    """Every page of a month, from its items already read (newest first by date)."""
    paging = pages.Paging(len(listed), writer.settings.site.page_size)
    _write_month(writer, month, paging, listed, 1, prune=True)


def _month_span(month: str) -> tuple[datetime, datetime]:
    year, number = (int(part) for part in month.split("-"))
    start = datetime(year, number, 1, tzinfo=UTC)
    return start, datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)


def _write_month(
    writer: Writer,
    month: str,
    paging: pages.Paging,
    top: Sequence[Item],
    first: int,
    *,
    prune: bool,
) -> None:
    """Pages ``first`` to the front of a month; ``top`` holds its items on those pages."""
    folder = pages.month_path(month).removesuffix("/index.html")
    if paging.total == 0:  # every item moved out or hidden: the month is gone
        remove_listing(writer, folder)
        return
    for number in range(first, paging.count + 1):
        shown = _page_of(top, paging, number)
        data = pages.render_month_page(
            writer.env, writer.site, month, shown, paging, number, views=writer.views
        )
        writer.write(pages.listing_page_path(folder, paging, number), data)
    if prune:
        _prune_pages(writer, folder, paging.count)


def write_archive_index(writer: Writer) -> None:
    months = store.list_months(writer.db)
    writer.write(pages.ARCHIVE_PAGE, pages.render_archive_index(writer.env, writer.site, months))


def write_items(writer: Writer, items: Sequence[Item], *, linked: bool = False) -> None:
    """Item pages; a hidden item's page is taken down.

    ``linked``: the items are visible ones already given their original links.
    """
    hidden = set() if linked else store.find_hidden(writer.db, [item.id for item in items])
    for item in items if linked else writer.linked(list(items)):
        path = site_paths.item_page_path(item)
        if item.id in hidden:
            writer.remove(path)
        else:
            data = pages.render_item_page(writer.env, writer.site, item, writer.views)
            writer.write(path, data)


def write_editions(writer: Writer, keys: Collection[str]) -> None:
    """The public page of each digest edition ("view in browser")."""
    for key in sorted(keys):
        edition = store.find_edition(writer.db, key)
        if edition is None:
            continue
        shown = writer.linked(store.get_items(writer.db, edition.item_ids, visible=True))
        data = pages.render_edition_page(
            writer.env, writer.site, key, edition.created, shown, edition.more_count
        )
        writer.write(pages.edition_path(key), data)


def _write_feeds(writer: Writer, ref: pages.FeedRef, items: Sequence[Item]) -> None:
    spec = feed_spec(writer.settings, ref)
    rendered = feeds.render_feeds(spec, items, writer.site.source_names, writer.entries)
    for relative, data in rendered.items():
        writer.write(relative, data, is_feed=True)


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


def state_path(settings: Settings, name: str) -> Path:
    return settings.paths.state / name
