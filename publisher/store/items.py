"""Queries on seed files, sources and items, returning models."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from publisher.core.errors import StoreError
from publisher.core.models import Item, SeedFile
from publisher.store.database import Store, bulk_insert, upsert_rows
from publisher.store.tables import ITEM_COLUMNS, items, seed_files, seed_items, sources

K = TypeVar("K")

# --- seed files -------------------------------------------------------------------------------


def list_seed_files(store: Store) -> dict[str, SeedFile]:
    """Every recorded seed file by path: one query, so a scan never asks per file."""
    columns = (
        seed_files.c[name]
        for name in (
            "path", "size", "mtime_ns", "sha256", "status", "error", "layout", "parser_version",
        )
    )  # fmt: skip
    with store.reading() as conn:
        rows = conn.execute(sa.select(*columns))
        return {row[0]: SeedFile(*row) for row in rows}


def upsert_seed_files(conn: Connection, seeds: Sequence[SeedFile], *, now: datetime) -> None:
    """Record many scanned files at once: one INSERT … ON CONFLICT DO UPDATE executemany."""
    if not seeds:
        return
    upsert_rows(conn, seed_files, [_seed_values(seed, now) for seed in seeds])


def _seed_values(seed: SeedFile, now: datetime) -> dict[str, Any]:
    return {
        "path": seed.path, "size": seed.size, "mtime_ns": seed.mtime_ns, "sha256": seed.sha256,
        "status": seed.status, "error": seed.error, "layout": seed.layout, "scanned_at": now,
        "parser_version": seed.parser_version,
    }  # fmt: skip


def replace_seed_items(
    conn: Connection, yields: Mapping[str, Sequence[str]], *, replace: bool = True
) -> None:
    """Record the item ids each of these files yields now, replacing what they yielded
    (``replace=False``: they yielded nothing so far, as in a load into an empty store)."""
    if not yields:
        return
    for chunk in _chunks(list(yields)) if replace else ():
        conn.execute(seed_items.delete().where(seed_items.c.seed_path.in_(chunk)))
    rows = [(path, item_id) for path, ids in yields.items() for item_id in dict.fromkeys(ids)]
    bulk_insert(conn, seed_items, ("seed_path", "item_id"), rows)


def list_orphan_items(store: Store, present: Collection[str]) -> list[Item]:
    """Items that none of the ``present`` seed files yields any more, oldest first.

    A present file read before parser versions were recorded yields what was first found
    in it (its next scan re-reads it and records what it yields).
    """
    present = set(present)
    yields = sa.select(seed_items.c.seed_path, seed_items.c.item_id)
    unversioned = sa.select(seed_files.c.path).where(seed_files.c.parser_version.is_(None))
    with store.reading() as conn:
        yielded = {item_id for path, item_id in conn.execute(yields) if path in present}
        unrecorded = present.intersection(conn.scalars(unversioned))
        candidates = conn.execute(sa.select(items.c.id, items.c.seed_path).order_by(items.c.seq))
        orphans = [i for i, path in candidates if i not in yielded and path not in unrecorded]
        found: dict[str, Item] = {}
        for chunk in _chunks(orphans):
            rows = conn.execute(sa.select(items).where(items.c.id.in_(chunk)))
            found.update((row.id, item_from_row(row)) for row in rows)
    return [found[item_id] for item_id in orphans]


# --- sources ----------------------------------------------------------------------------------


def upsert_sources(conn: Connection, rows: Sequence[tuple[str, str, str | None]]) -> None:
    """Record (slug, name, url) of sources, changing only those that differ."""
    if not rows:
        return
    stored: dict[str, tuple[str, str | None]] = {}
    for chunk in _chunks([slug for slug, _, _ in rows]):
        query = sa.select(sources).where(sources.c.slug.in_(chunk))
        stored.update({row.slug: (row.name, row.url) for row in conn.execute(query)})
    fresh = [{"slug": s, "name": n, "url": u} for s, n, u in rows if s not in stored]
    if fresh:
        conn.execute(sources.insert(), fresh)
    for slug, name, url in rows:
        if slug in stored and stored[slug] != (name, url):
            conn.execute(sources.update().where(sources.c.slug == slug).values(name=name, url=url))


def list_sources(store: Store) -> dict[str, str]:
    """Source slug → display name, of the sources not renamed away."""
    query = sa.select(sources).where(sources.c.moved_to.is_(None))
    with store.reading() as conn:
        return {row.slug: row.name for row in conn.execute(query)}


def list_item_sources(store: Store) -> list[tuple[str, str]]:
    """The distinct (seed file, source) pairs items were first found under."""
    query = sa.select(items.c.seed_path, items.c.source).distinct()
    with store.reading() as conn:
        return [(str(path or ""), str(source)) for path, source in conn.execute(query)]


def move_source(conn: Connection, old: str, new: str, seed_paths: Sequence[str]) -> list[Item]:
    """Give a renamed source's items (from these seed files) the new slug; returns them moved.

    The old slug then redirects to the new one once no item is left under it.
    """
    query = sa.select(items).where(items.c.source == old, items.c.seed_path.in_(list(seed_paths)))
    moved = [item_from_row(row) for row in conn.execute(query)]
    conn.execute(
        items.update()
        .where(items.c.source == old, items.c.seed_path.in_(list(seed_paths)))
        .values(source=new)
    )
    left = conn.scalar(sa.select(items.c.id).where(items.c.source == old).limit(1))
    if left is None:
        conn.execute(sources.update().where(sources.c.moved_to == old).values(moved_to=new))
        conn.execute(sources.update().where(sources.c.slug == old).values(moved_to=new))
    conn.execute(sources.update().where(sources.c.slug == new).values(moved_to=None))
    return moved


def list_source_moves(store: Store) -> dict[str, str]:
    """Old source slug → the slug it was renamed to."""
    query = sa.select(sources.c.slug, sources.c.moved_to).where(sources.c.moved_to.is_not(None))
    with store.reading() as conn:
        return {str(old): str(new) for old, new in conn.execute(query)}


# --- items ------------------------------------------------------------------------------------


def item_from_row(row: Any) -> Item:
    mapping = row._mapping
    return Item(**{name: mapping[name] for name in ITEM_COLUMNS})


class ItemKeys(NamedTuple):
    """How an item is recognised again: the story, its title within a source, its standfirst.

    A plain tuple, since parse workers compute and send back one per item.
    """

    story: str
    title: str
    summary: str | None


def _item_values(item: Item, keys: ItemKeys) -> dict[str, Any]:
    values = {name: getattr(item, name) for name in ITEM_COLUMNS}
    values.update(fingerprint=keys.story, title_key=keys.title, summary_key=keys.summary)
    return values


def find_items_by_story(conn: Connection, stories: Iterable[str]) -> dict[str, Item]:
    """Existing items keyed by story fingerprint (the same title and standfirst on any page)."""
    return _find_by(conn, items.c.fingerprint, stories, lambda row: row.fingerprint)


def find_items_by_title(conn: Connection, titles: Iterable[str]) -> dict[tuple[str, str], Item]:
    """Existing items keyed by (source, title key): a standfirst edited on the same source."""
    return _find_by(conn, items.c.title_key, titles, lambda row: (row.source, row.title_key))


def find_items_by_summary(
    conn: Connection, summaries: Iterable[str]
) -> dict[tuple[str, str], Item]:
    """Existing items keyed by (source, summary key): a title edited (or derived anew)."""
    return _find_by(conn, items.c.summary_key, summaries, lambda row: (row.source, row.summary_key))


def _find_by(
    conn: Connection, column: sa.Column[Any], values: Iterable[str], key: Callable[[Any], K]
) -> dict[K, Item]:
    found: dict[K, Item] = {}
    # One expanding parameter: the statement is compiled once, not once per value.
    query = sa.select(items).where(column.in_(sa.bindparam("keys", expanding=True)))
    for chunk in _chunks(sorted(set(values))):
        for row in conn.execute(query.order_by(items.c.seq), {"keys": list(chunk)}):
            found.setdefault(key(row), item_from_row(row))
    return found


def find_items_yielded(conn: Connection, paths: Sequence[str]) -> dict[str, list[Item]]:
    """What each of these seed files yielded when last parsed (and the items first found in
    it, for files read before that was recorded), in insertion order."""
    found: dict[str, dict[str, Item]] = {path: {} for path in paths}
    joined = sa.select(seed_items.c.seed_path.label("yielded_by"), items).join(
        items, items.c.id == seed_items.c.item_id
    )
    for chunk in _chunks(list(paths)):
        queries = (
            joined.where(seed_items.c.seed_path.in_(chunk)),
            sa.select(items.c.seed_path.label("yielded_by"), items).where(
                items.c.seed_path.in_(chunk)
            ),
        )
        for query in queries:
            for row in conn.execute(query.order_by(items.c.seq)):
                found[row.yielded_by].setdefault(row.id, item_from_row(row))
    return {path: list(by_id.values()) for path, by_id in found.items()}


def find_taken_ids(conn: Connection, candidates: Iterable[str]) -> set[str]:
    """Which of these ids exist already (by the primary key: a few queries for any number)."""
    taken: set[str] = set()
    for chunk in _chunks(sorted(set(candidates))):
        taken.update(conn.scalars(sa.select(items.c.id).where(items.c.id.in_(chunk))))
    return taken


def find_numbered_ids(conn: Connection, base: str) -> set[str]:
    """The numbered variants of a taken id ("base-2", "base-3" …): asked only when one is
    about to be minted, since the pattern cannot use an index."""
    pattern = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"
    return set(conn.scalars(sa.select(items.c.id).where(items.c.id.like(pattern, escape="\\"))))


class NewItem(NamedTuple):
    """An item to insert, with the place in time its batch gave it."""

    item: Item
    keys: ItemKeys
    updated: datetime
    published: datetime


def insert_items(conn: Connection, rows: Sequence[tuple[Item, ItemKeys]]) -> None:
    """Insert new items as they are (their own ``updated`` and ``published``)."""
    insert_new_items(conn, [NewItem(i, keys, i.updated, i.published) for i, keys in rows])


def insert_new_items(conn: Connection, rows: Sequence[NewItem]) -> None:
    """Insert new items in one executemany; the database numbers them in insertion order.

    Numbers come from the database (the rowid, an identity), never from max + 1 here,
    so two ingests at once cannot pick the same one.
    """
    if not rows:
        return
    columns = (*ITEM_COLUMNS, "fingerprint", "title_key", "summary_key")
    bulk_insert(conn, items, columns, [_item_row(*row) for row in rows])


def _item_row(
    item: Item, keys: ItemKeys, updated: datetime, published: datetime
) -> tuple[Any, ...]:
    """An item as the columns ITEM_COLUMNS and its keys, in that order."""
    return (
        item.id, item.source, item.title, item.summary, item.content, item.author,
        published, item.first_seen, updated, item.url, item.seed_path,
        item.seed_line, item.dated, keys.story, keys.title, keys.summary,
    )  # fmt: skip


def update_items(conn: Connection, rows: Sequence[tuple[Item, ItemKeys]]) -> None:
    """Rewrite changed items in one executemany (their id and seq never change)."""
    if not rows:
        return
    values = [_item_values(*row) | {"b_id": row[0].id} for row in rows]
    for value in values:
        del value["id"]
    conn.execute(items.update().where(items.c.id == sa.bindparam("b_id")), values)


def has_items(conn: Connection) -> bool:
    """Whether any item is stored: nothing can match in an empty store (ingest loads in bulk)."""
    return conn.scalar(sa.select(items.c.seq).limit(1)) is not None


# Built after a bulk load instead of kept up to date row by row (the unique id stays).
BULK_INDEXES = (*sorted(items.indexes, key=lambda index: str(index.name)), *seed_items.indexes)


@contextmanager
def bulk_loading(conn: Connection) -> Iterator[None]:
    """Drop the secondary indexes of items for a bulk load in this transaction, build them after.

    Building an index once from sorted keys costs a fraction of inserting hashed keys into
    it one row at a time. Inside one transaction (SQLite and PostgreSQL both roll DDL back),
    a load that fails or is killed leaves every index in place. On PostgreSQL the dropped
    indexes hold the table locked until commit: readers wait for the load.
    """
    for index in BULK_INDEXES:
        index.drop(conn, checkfirst=True)
    yield
    for index in BULK_INDEXES:
        index.create(conn, checkfirst=True)


def get_item(store: Store, item_id: str) -> Item:
    with store.reading() as conn:
        row = conn.execute(sa.select(items).where(items.c.id == item_id)).first()
    if row is None:
        raise StoreError(f"no item with id {item_id!r}")
    return item_from_row(row)


def list_items(
    store: Store, *, limit: int | None = None, source: str | None = None, author: str | None = None
) -> list[Item]:
    """Visible items newest first (in the order found), optionally of one source or author."""
    query = sa.select(items).where(items.c.hidden.is_(False)).order_by(items.c.seq.desc())
    if source is not None:
        query = query.where(items.c.source == source)
    if author is not None:
        query = query.where(items.c.author == author)
    if limit is not None:
        query = query.limit(limit)
    with store.reading() as conn:
        return [item_from_row(row) for row in conn.execute(query)]


def max_item_seq(store: Store) -> int:
    """The newest item's insertion number (0 for an empty store)."""
    with store.reading() as conn:
        return int(conn.scalar(sa.select(sa.func.coalesce(sa.func.max(items.c.seq), 0))) or 0)


def list_items_after(store: Store, seq: int) -> list[Item]:
    """Items inserted after ``seq``, oldest first: the new ones since a watermark."""
    query = sa.select(items).where(items.c.seq > seq).order_by(items.c.seq)
    with store.reading() as conn:
        return [item_from_row(row) for row in conn.execute(query)]


def count_items(store: Store) -> int:
    with store.reading() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(items)) or 0)


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
