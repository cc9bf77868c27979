"""Writing the archive as the store says what changed: listings, months, items, editions.

A listing's pages are counted from its oldest item (``views.Paging``), so a new item
rewrites its front page (and, when the front page fills, the page that splits off);
``everything=True`` re-renders every page of a listing, after a hide or a rename.
Rendering is ``rendering``'s; this module reads the store and writes through the batch.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from jinja2 import Environment

from publisher import store
from publisher.core import site_paths
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.ingest.sources import SourceInfo, with_original_links
from publisher.publish import pages
from publisher.publish.atomic import Batch
from publisher.publish.rendering import (
    FrontLinks,
    Output,
    Renderer,
    listing_ref,
    newer_than,
    page_of,
    render_items,
    render_listing,
    render_month,
)


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
    """Writes one build's outputs through its batch, counting what changed."""

    settings: Settings
    db: store.Store
    renderer: Renderer
    directory: dict[str, SourceInfo]
    tally: Tally
    batch: Batch

    @property
    def env(self) -> Environment:
        return self.renderer.env

    @property
    def site(self) -> pages.SiteContext:
        return self.renderer.site

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

    def write_all(self, outputs: Iterable[Output]) -> None:
        for relative, data, is_feed in outputs:
            self.write(relative, data, is_feed=is_feed)

    def remove(self, relative: str) -> None:
        """Delete an output that must no longer be served (a hidden item, a renamed source)."""
        removed = self.batch.remove(self.settings.paths.output / relative)
        if removed and self.tally.written is not None:
            self.tally.written.append(relative)

    def linked(self, items: list[Item]) -> list[Item]:
        return with_original_links(items, self.directory)

    @cached_property
    def front_links(self) -> FrontLinks:
        """Every author and month, as the store holds them: read once per build."""
        return FrontLinks(store.list_authors(self.db), store.list_months(self.db))


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
    top = writer.linked(store.list_items(db, limit=newer_than(paging, lowest), **where))
    shown = {number: page_of(top, paging, number) for number in range(lowest, paging.count + 1)}
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
    front = writer.front_links if kind == "main" and paging.count in shown else None
    writer.write_all(
        render_listing(writer.renderer, kind, key, paging, shown, newest=newest, front=front)
    )
    if everything:
        prune_pages(writer, listing_ref(writer.site, kind, key).path, paging.count)


def prune_pages(writer: Writer, folder: str, count: int) -> None:
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
    if paging.total == 0:  # every item moved out or hidden: the month is gone
        remove_listing(writer, pages.month_path(month).removesuffix("/index.html"))
        return
    first = 1
    if new_items:
        oldest = min(store.count_older_in_month(writer.db, i, start, end) for i in new_items)
        first = max(1, paging.number_of(oldest) - 1)
    top = writer.linked(store.list_month(writer.db, start, end, limit=newer_than(paging, first)))
    numbers = range(first, paging.count + 1)
    writer.write_all(render_month(writer.renderer, month, paging, top, numbers))
    if new_items is None:
        prune_pages(writer, pages.month_path(month).removesuffix("/index.html"), paging.count)


def _month_span(month: str) -> tuple[datetime, datetime]:
    year, number = (int(part) for part in month.split("-"))
    start = datetime(year, number, 1, tzinfo=UTC)
    return start, datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)


def write_archive_index(writer: Writer) -> None:
    months = writer.front_links.months
    writer.write(pages.ARCHIVE_PAGE, pages.render_archive_index(writer.env, writer.site, months))


def write_items(writer: Writer, items: Sequence[Item]) -> None:
    """Item pages; a hidden item's page is taken down."""
    hidden = store.find_hidden(writer.db, [item.id for item in items])
    shown = [item for item in writer.linked(list(items)) if item.id not in hidden]
    for item in items:
        if item.id in hidden:
            writer.remove(site_paths.item_page_path(item))
    writer.write_all(render_items(writer.renderer, shown))


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


def state_path(settings: Settings, name: str) -> Path:
    return settings.paths.state / name
