"""Recognising items again: match a batch of parsed items to stored ones, mint ids for the rest.

A batch preloads every candidate match with a few queries, then resolves items in
memory (so the same story twice in one batch is still one item) and writes the
result with one INSERT, one UPDATE and one stale-output mark per batch. Into an
empty store nothing can match yet: a bulk load asks the database nothing and carries
what it stored from one batch to the next (``Batch.following``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy.engine import Connection

from publisher import store
from publisher.core.models import Item, ParsedItem
from publisher.ingest import identity

MIN_SUMMARY_KEY = 30  # shorter standfirsts ("Read the report.") are too common to identify a story
SAME_TITLE = 0.8  # title overlap at which a re-read page's leftover item is the one it read before


@dataclass
class Clock:
    """Hands out distinct, descending instants so items first seen together keep their order."""

    now: datetime
    issued: int = 0

    def next_stamp(self) -> datetime:
        stamp = self.now - timedelta(seconds=self.issued)
        self.issued += 1
        return stamp


class ParsedRow(NamedTuple):
    """One parsed item with the keys that recognise it and the id it would like.

    A plain tuple: parse workers send pages back as these, which pickle in a fraction
    of the bytes and time that dataclass instances take.
    """

    title: str
    summary: str | None
    content: str | None
    author: str | None
    published: datetime | None
    url: str | None
    line: int
    keys: store.ItemKeys
    slug: str


def parsed_rows(items: Sequence[ParsedItem]) -> tuple[ParsedRow, ...]:
    """A page's parsed items with their keys (this runs for every item of every page)."""
    rows = []
    for item in items:
        keys = keys_for(item.title, item.summary)
        slug = identity.base_id(item.title, keys.story)
        row = (item.title, item.summary, item.content, item.author, item.published, item.url)
        rows.append(ParsedRow(*row, item.line, keys, slug))
    return tuple(rows)


@dataclass(frozen=True)
class PageItems:
    """One parsed page's items, with where they came from and the keys to recognise them."""

    source: str
    seed_path: str
    rows: Sequence[ParsedRow]
    reread: bool = False  # the same bytes as last time, read again by a new parser

    @classmethod
    def of(
        cls, source: str, seed_path: str, items: Sequence[ParsedItem], *, reread: bool = False
    ) -> PageItems:
        return cls(source, seed_path, parsed_rows(items), reread)


def keys_for(title: str, summary: str | None) -> store.ItemKeys:
    """The three keys, normalising each text once (this runs for every item of every page)."""
    title_key, summary_key = identity.text_key(title), identity.text_key(summary)
    return store.ItemKeys(
        story=identity.digest(f"{title_key}\n{summary_key}"),
        title=identity.digest(title_key),
        summary=identity.digest(summary_key) if len(summary_key) >= MIN_SUMMARY_KEY else None,
    )


@dataclass
class Batch:
    """Items matched and minted for a batch of pages, written by ``flush``."""

    conn: Connection
    clock: Clock
    by_story: dict[str, str] = field(default_factory=dict)
    by_title: dict[tuple[str, str], str] = field(default_factory=dict)
    by_summary: dict[tuple[str, str], str] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    # (updated, published) of items an earlier batch of this load stored, not yet on the
    # Item in ``items``: set only when a later batch matches one (most never are).
    stamps: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)
    # Every stored item is known here already (a bulk load into an empty store, in one
    # transaction): ``preload`` has nothing to ask the database.
    complete: bool = False
    fresh: dict[str, tuple[Item, store.ItemKeys]] = field(default_factory=dict)
    changed: dict[str, tuple[Item, store.ItemKeys]] = field(default_factory=dict)
    marks: set[store.Mark] = field(default_factory=set)
    # The item ids each page yields, in page order: recorded so orphans can be found.
    yields: dict[str, list[str]] = field(default_factory=dict)
    # What re-read pages yielded before, for titles a new parser reads cleaned up.
    previous: dict[str, list[Item]] = field(default_factory=dict)
    # Where each new item stood: (its position on its page, the page's number in the batch).
    places: dict[str, tuple[int, int]] = field(default_factory=dict)
    pages_added: int = 0

    def preload(self, pages: Sequence[PageItems]) -> None:
        """Fetch every stored item any of these pages could match, in a few queries."""
        if self.complete:
            return
        keys = [row.keys for page in pages for row in page.rows]
        by_story = store.find_items_by_story(self.conn, (k.story for k in keys))
        by_title = store.find_items_by_title(self.conn, (k.title for k in keys))
        summaries = (k.summary for k in keys if k.summary)
        by_summary = store.find_items_by_summary(self.conn, summaries)
        for found in (by_story, by_title, by_summary):
            self.items.update((item.id, item) for item in found.values())
        self.by_story = {key: item.id for key, item in by_story.items()}
        self.by_title = {key: item.id for key, item in by_title.items()}
        self.by_summary = {key: item.id for key, item in by_summary.items()}
        slugs = (row.slug for page in pages for row in page.rows)
        self.taken = store.find_taken_ids(self.conn, slugs)
        reread = [page.seed_path for page in pages if page.reread]
        if reread:
            self.previous = store.find_items_yielded(self.conn, reread)
            for before in self.previous.values():
                self.items.update((i.id, i) for i in before if i.id not in self.items)

    def following(self) -> Batch:
        """The next batch in the same transaction of a bulk load: what this one stored (after
        ``flush``) stays known, so the next one need not ask the database either."""
        return Batch(
            self.conn, self.clock, self.by_story, self.by_title, self.by_summary, self.items,
            self.taken, self.stamps, complete=self.complete,
        )  # fmt: skip

    def add(self, page: PageItems) -> tuple[int, int]:
        """Match or mint each item of a page; returns (new items, items whose text changed)."""
        yielded = self.yields.setdefault(page.seed_path, [])
        new = updated = 0
        self.pages_added += 1
        found = self._resolve(page)
        for position, (row, existing) in enumerate(zip(page.rows, found, strict=True)):
            if existing is None:
                existing = self._mint(page, row)
                self.places[existing.id] = (position, self.pages_added)
                new += 1
            else:
                updated += self._merge(existing, row, same_source=existing.source == page.source)
            yielded.append(existing.id)
        if new:
            self.marks.update({("main", ""), ("source", page.source)})
        return new, updated

    def flush(self) -> None:
        store.insert_new_items(self.conn, self._interleaved())
        store.update_items(self.conn, list(self.changed.values()))
        store.mark_stale(self.conn, self.marks)

    def _interleaved(self) -> list[store.NewItem]:
        """New items stamped in turn across pages: every page's first, then every second, …

        A first scan of several sources then shows each source's newest items on the
        first page of the index and feeds, not one source's whole back catalogue first.
        Rows are returned oldest first, so insertion order (``seq``) agrees with the stamps.
        """
        order = sorted(self.fresh, key=lambda item_id: self.places.get(item_id, (0, 0)))
        rows: list[store.NewItem] = []
        for item_id in order:
            item, keys = self.fresh[item_id]
            stamp = self.clock.next_stamp()
            published = item.published if item.dated else stamp
            self.stamps[item_id] = (stamp, published)  # as stored, for a following batch
            rows.append(store.NewItem(item, keys, stamp, published))
        return rows[::-1]

    def _known(self, item_id: str) -> Item:
        """A known item as stored, with the stamps its batch gave it."""
        item = self.items[item_id]
        stamped = self.stamps.pop(item_id, None)
        if stamped is not None:
            item = dataclasses.replace(item, updated=stamped[0], published=stamped[1])
            self.items[item_id] = item
        return item

    def _resolve(self, page: PageItems) -> list[Item | None]:
        """The stored item each parsed item is (each claimed once per page), or None.

        On a page re-read unchanged, the item it yielded before under a cleaned-up title
        is a closer match than one that merely shares the standfirst, so it goes first.
        """
        claimed: set[str] = set()
        found: list[Item | None] = [None] * len(page.rows)
        passes = ("keys", "previous", "summary") if page.reread else ("all",)
        for kind in passes:
            if kind == "previous":
                self._rematch(page, found, claimed)
                continue
            for index, row in enumerate(page.rows):
                existing = None if found[index] else self._match(page.source, row.keys, kind)
                if existing is not None and existing.id not in claimed:
                    found[index] = existing
                    claimed.add(existing.id)
        return found

    def _rematch(self, page: PageItems, found: list[Item | None], claimed: set[str]) -> None:
        """On a page re-read unchanged, an unmatched item is the one the page yielded before
        under a title the new parser reads differently ("[14]Title" → "Title"), best first."""
        before = self.previous.get(page.seed_path, [])
        left = [item for item in before if item.id not in claimed and item.source == page.source]
        pairs = [
            (identity.title_overlap(parsed.title, old.title), index, old)
            for index, parsed in enumerate(page.rows)
            if found[index] is None
            for old in left
        ]
        for score, index, old in sorted(pairs, key=lambda pair: -pair[0]):
            if score >= SAME_TITLE and found[index] is None and old.id not in claimed:
                found[index] = self._known(old.id) if old.id in self.items else old
                claimed.add(old.id)

    def _match(self, source: str, keys: store.ItemKeys, kind: str = "all") -> Item | None:
        """By story or title ("keys"), by standfirst ("summary"), or both in turn ("all")."""
        found = None
        if kind != "summary":
            found = self.by_story.get(keys.story) or self.by_title.get((source, keys.title))
        if found is None and keys.summary and kind != "keys":
            found = self.by_summary.get((source, keys.summary))
        return None if found is None else self._known(found)

    def _mint(self, page: PageItems, row: ParsedRow) -> Item:
        if row.slug in self.taken and not self.complete:  # a stored "slug-2" may exist too
            self.taken.update(store.find_numbered_ids(self.conn, row.slug))
        item_id = identity.unique_id(row.slug, self.taken)
        self.taken.add(item_id)
        item = new_item(item_id, row, page.source, page.seed_path, self.clock)
        self._remember(item, row.keys, fresh=True)
        return item

    def _merge(self, existing: Item, parsed: ParsedRow, *, same_source: bool) -> bool:
        merged = merge_item(existing, parsed, same_source=same_source, clock=self.clock)
        if merged == existing:
            return False
        self.marks.update(stale_marks(existing))
        keys = keys_for(merged.title, merged.summary)
        self._remember(merged, keys, fresh=existing.id in self.fresh)
        return merged.updated != existing.updated

    def _remember(self, item: Item, keys: store.ItemKeys, *, fresh: bool) -> None:
        """Index an item for later pages of this batch and queue its write."""
        self.items[item.id] = item
        self.by_story.setdefault(keys.story, item.id)
        self.by_title.setdefault((item.source, keys.title), item.id)
        if keys.summary:
            self.by_summary.setdefault((item.source, keys.summary), item.id)
        (self.fresh if fresh else self.changed)[item.id] = (item, keys)
        if not fresh:
            self.marks.update(stale_marks(item))
        elif item.author:
            # A new item's own page is found by the build through its seq, and ``add``
            # marks the main and source feeds once per page; its author's feed remains.
            self.marks.add(("author", item.author))


def stale_marks(item: Item) -> set[store.Mark]:
    """The outputs that show this item: its page and month, the main, source and author feeds."""
    return feed_marks(item) | {("item", item.id), ("month", store.month_key(item.published))}


def feed_marks(item: Item) -> set[store.Mark]:
    """The feeds (and their pages) that list this item."""
    marks = {("main", ""), ("source", item.source)}
    if item.author:
        marks.add(("author", item.author))
    return marks


def new_item(item_id: str, parsed: ParsedRow, source: str, seed_path: str, clock: Clock) -> Item:
    """A new item, stamped ``now`` until ``Batch.flush`` gives it its place among the others."""
    stamp = clock.now
    return Item(
        id=item_id,
        source=source,
        title=parsed.title,
        summary=parsed.summary,
        content=parsed.content,
        author=parsed.author,
        published=parsed.published or stamp,
        first_seen=clock.now,
        updated=stamp,
        url=parsed.url,
        seed_path=seed_path,
        seed_line=parsed.line,
        dated=parsed.published is not None,
    )


def merge_item(existing: Item, parsed: ParsedRow, *, same_source: bool, clock: Clock) -> Item:
    """Fold a new sighting into a stored item; ``updated`` moves only when its text changed."""
    changes: dict[str, object] = {}
    if same_source:
        text = {"title": parsed.title, "summary": parsed.summary, "content": parsed.content}
        changes.update({k: v for k, v in text.items() if v != getattr(existing, k)})
        if parsed.url and parsed.url != existing.url:
            changes["url"] = parsed.url
    elif parsed.content and not existing.content:
        changes["content"] = parsed.content
    if parsed.author and (same_source or not existing.author) and parsed.author != existing.author:
        changes["author"] = parsed.author
    if parsed.published and (same_source or not existing.dated):
        if parsed.published != existing.published or not existing.dated:
            changes.update(published=parsed.published, dated=True)
    if not changes:
        return existing
    if {"title", "summary", "content"} & changes.keys():
        changes["updated"] = max(clock.next_stamp(), existing.updated + timedelta(seconds=1))
    return dataclasses.replace(existing, **changes)  # type: ignore[arg-type]
