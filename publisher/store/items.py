"""Queries on seed files, sources and items, returning models."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from publisher.errors import StoreError
from publisher.models import Item, SeedFile
from publisher.store.database import Store
from publisher.store.tables import ITEM_COLUMNS, items, seed_files, sources

# --- seed files -------------------------------------------------------------------------------


def list_seed_files(store: Store) -> dict[str, SeedFile]:
    """Every recorded seed file by path: one query, so a scan never asks per file."""
    columns = (
        seed_files.c[name]
        for name in ("path", "size", "mtime_ns", "sha256", "status", "error", "layout")
    )
    with store.reading() as conn:
        return {row.path: SeedFile(**row._mapping) for row in conn.execute(sa.select(*columns))}


def upsert_seed_file(conn: Connection, seed: SeedFile, *, now: datetime) -> None:
    values = {
        "path": seed.path, "size": seed.size, "mtime_ns": seed.mtime_ns, "sha256": seed.sha256,
        "status": seed.status, "error": seed.error, "layout": seed.layout, "scanned_at": now,
    }  # fmt: skip
    updated = conn.execute(seed_files.update().where(seed_files.c.path == seed.path).values(values))
    if updated.rowcount == 0:
        conn.execute(seed_files.insert().values(values))


# --- sources ----------------------------------------------------------------------------------


def upsert_source(conn: Connection, slug: str, name: str, url: str | None) -> None:
    row = conn.execute(sa.select(sources).where(sources.c.slug == slug)).first()
    if row is None:
        conn.execute(sources.insert().values(slug=slug, name=name, url=url))
    elif (row.name, row.url) != (name, url):
        conn.execute(sources.update().where(sources.c.slug == slug).values(name=name, url=url))


def list_sources(store: Store) -> dict[str, str]:
    """Source slug → display name."""
    with store.reading() as conn:
        return {row.slug: row.name for row in conn.execute(sa.select(sources))}


# --- items ------------------------------------------------------------------------------------


def item_from_row(row: Any) -> Item:
    mapping = row._mapping
    return Item(**{name: mapping[name] for name in ITEM_COLUMNS})


def _item_values(item: Item, fingerprint: str, title_key: str) -> dict[str, Any]:
    values = {name: getattr(item, name) for name in ITEM_COLUMNS}
    values.update(fingerprint=fingerprint, title_key=title_key)
    return values


def find_items_by_fingerprint(conn: Connection, fingerprints: Iterable[str]) -> dict[str, Item]:
    """Existing items keyed by fingerprint (the same story on any page)."""
    found: dict[str, Item] = {}
    for chunk in _chunks(sorted(set(fingerprints))):
        query = sa.select(items).where(items.c.fingerprint.in_(chunk)).order_by(items.c.first_seen)
        for row in conn.execute(query):
            found.setdefault(row.fingerprint, item_from_row(row))
    return found


def find_items_by_title(
    conn: Connection, source: str, title_keys: Iterable[str]
) -> dict[str, Item]:
    """Existing items of one source keyed by normalised title (an edited standfirst)."""
    found: dict[str, Item] = {}
    for chunk in _chunks(sorted(set(title_keys))):
        query = (
            sa.select(items)
            .where(items.c.source == source, items.c.title_key.in_(chunk))
            .order_by(items.c.first_seen)
        )
        for row in conn.execute(query):
            found.setdefault(row.title_key, item_from_row(row))
    return found


def find_taken_ids(conn: Connection, candidates: Iterable[str]) -> set[str]:
    """Which of these ids exist already, plus any numbered variants of the taken ones."""
    taken: set[str] = set()
    for chunk in _chunks(sorted(set(candidates))):
        taken.update(conn.scalars(sa.select(items.c.id).where(items.c.id.in_(chunk))))
    for base in list(taken):
        pattern = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"
        taken.update(
            conn.scalars(sa.select(items.c.id).where(items.c.id.like(pattern, escape="\\")))
        )
    return taken


def insert_items(conn: Connection, rows: Sequence[tuple[Item, str, str]]) -> None:
    """Insert new items given as (item, fingerprint, title_key), in one executemany."""
    if not rows:
        return
    last = conn.scalar(sa.select(sa.func.coalesce(sa.func.max(items.c.seq), 0))) or 0
    values = [_item_values(*row) | {"seq": last + n} for n, row in enumerate(rows, 1)]
    conn.execute(items.insert(), values)


def update_item(conn: Connection, item: Item, fingerprint: str, title_key: str) -> None:
    values = _item_values(item, fingerprint, title_key)
    conn.execute(items.update().where(items.c.id == item.id).values(values))


def get_item(store: Store, item_id: str) -> Item:
    with store.reading() as conn:
        row = conn.execute(sa.select(items).where(items.c.id == item_id)).first()
    if row is None:
        raise StoreError(f"no item with id {item_id!r}")
    return item_from_row(row)


def list_items(
    store: Store, *, limit: int | None = None, source: str | None = None, author: str | None = None
) -> list[Item]:
    """Items newest first (by ``updated``, then ``published``), optionally of one source/author."""
    query = sa.select(items).order_by(items.c.updated.desc(), items.c.published.desc(), items.c.id)
    if source is not None:
        query = query.where(items.c.source == source)
    if author is not None:
        query = query.where(items.c.author == author)
    if limit is not None:
        query = query.limit(limit)
    with store.reading() as conn:
        return [item_from_row(row) for row in conn.execute(query)]


def count_items(store: Store) -> int:
    with store.reading() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(items)) or 0)


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
