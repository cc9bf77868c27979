"""What the published site lists: visible items by listing, page and month; hiding items.

Listings run newest first by ``seq`` (the order items were found, which never changes),
so a page of a listing counted from the oldest item keeps its items as new ones arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from publisher.core.errors import StoreError
from publisher.core.models import Item
from publisher.store.database import Store
from publisher.store.items import item_from_row
from publisher.store.outputs import Mark, mark_stale
from publisher.store.tables import UTCMonth, items

_MONTH = UTCMonth(items.c.published)  # "2022-09"


def _visible(source: str | None = None, author: str | None = None) -> list[Any]:
    """The conditions of a listing: every visible item, or one source's, or one author's."""
    conditions: list[Any] = [items.c.hidden.is_(False)]
    if source is not None:
        conditions.append(items.c.source == source)
    if author is not None:
        conditions.append(items.c.author == author)
    return conditions


def count_listed(store: Store, *, source: str | None = None, author: str | None = None) -> int:
    """How many visible items a listing holds."""
    query = sa.select(sa.func.count()).select_from(items).where(*_visible(source, author))
    with store.reading() as conn:
        return int(conn.scalar(query) or 0)


def list_listed_around(
    store: Store,
    item_id: str,
    *,
    older: int,
    newer: int,
    source: str | None = None,
    author: str | None = None,
) -> list[Item]:
    """A visible item with the ``older`` items before it and ``newer`` after it, newest first.

    A page found from one of its items by key (``seq``), not by skipping with OFFSET, so
    a page deep in a long listing costs what the front page does.
    """
    seq = sa.select(items.c.seq).where(items.c.id == item_id).scalar_subquery()
    conditions = _visible(source, author)
    before = sa.select(items).where(*conditions, items.c.seq < seq)
    since = sa.select(items).where(*conditions, items.c.seq >= seq)
    with store.reading() as conn:
        found = [
            item_from_row(row) for row in conn.execute(since.order_by(items.c.seq).limit(newer + 1))
        ][::-1]
        rows = conn.execute(before.order_by(items.c.seq.desc()).limit(older))
        found.extend(item_from_row(row) for row in rows)
    return found


def count_older(
    store: Store, item_id: str, *, source: str | None = None, author: str | None = None
) -> int | None:
    """How many visible items of a listing are older than this one (None: not in it)."""
    seq = sa.select(items.c.seq).where(items.c.id == item_id).scalar_subquery()
    query = (
        sa.select(sa.func.count())
        .select_from(items)
        .where(*_visible(source, author), items.c.seq < seq)
    )
    with store.reading() as conn:
        present = conn.scalar(
            sa.select(items.c.id).where(items.c.id == item_id, *_visible(source, author))
        )
        return None if present is None else int(conn.scalar(query) or 0)


def list_months(store: Store) -> list[tuple[str, int]]:
    """Every month ("2022-09") holding a visible item, newest first, with its count."""
    query = (
        sa.select(_MONTH.label("month"), sa.func.count())
        .where(*_visible())
        .group_by("month")
        .order_by(sa.desc("month"))
    )
    with store.reading() as conn:
        return [(str(month), int(count)) for month, count in conn.execute(query)]


def _in_month(start: datetime, end: datetime) -> list[Any]:
    return [*_visible(), items.c.published >= start, items.c.published < end]


def count_month(store: Store, start: datetime, end: datetime) -> int:
    """How many visible items are dated (or, undated, found) in [start, end)."""
    query = sa.select(sa.func.count()).select_from(items).where(*_in_month(start, end))
    with store.reading() as conn:
        return int(conn.scalar(query) or 0)


def list_month(
    store: Store, start: datetime, end: datetime, *, limit: int | None = None
) -> list[Item]:
    """The newest ``limit`` (or all) items of a month, by date then the order found, newest first.

    A month's pages are counted from its oldest item, so the pages a build rewrites are
    always its newest: one read from the top, never an OFFSET.
    """
    query = (
        sa.select(items)
        .where(*_in_month(start, end))
        .order_by(items.c.published.desc(), items.c.seq.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    with store.reading() as conn:
        return [item_from_row(row) for row in conn.execute(query)]


def count_older_in_month(store: Store, item: Item, start: datetime, end: datetime) -> int:
    """How many items of the month come before this one (by date, then the order found)."""
    seq = sa.select(items.c.seq).where(items.c.id == item.id).scalar_subquery()
    earlier = (items.c.published < item.published) | (
        (items.c.published == item.published) & (items.c.seq < seq)
    )
    query = sa.select(sa.func.count()).select_from(items).where(*_in_month(start, end), earlier)
    with store.reading() as conn:
        return int(conn.scalar(query) or 0)


def list_items_with_state(store: Store, *, limit: int | None = None) -> list[tuple[Item, bool]]:
    """Items newest first with whether each is hidden: what ``items list`` shows."""
    query = sa.select(items).order_by(items.c.seq.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.reading() as conn:
        return [(item_from_row(row), bool(row.hidden)) for row in conn.execute(query)]


def set_hidden(store: Store, item_ids: Sequence[str], hidden: bool) -> list[Item]:
    """Hide or show items again; ingest never touches the flag, so it survives re-scans."""
    with store.transaction() as conn:
        rows = list(conn.execute(sa.select(items).where(items.c.id.in_(list(item_ids)))))
        missing = sorted(set(item_ids) - {row.id for row in rows})
        if missing:
            raise StoreError(f"no item with id {missing[0]!r}; `publisher items list` shows ids")
        conn.execute(items.update().where(items.c.id.in_(list(item_ids))).values(hidden=hidden))
        found = [item_from_row(row) for row in rows]
        mark_stale(conn, [mark for item in found for mark in reflow_marks(item)])
    return found


def month_key(moment: datetime) -> str:
    """The archive month an instant falls in, as stored text sorts: "2022-09"."""
    return moment.astimezone(UTC).strftime("%Y-%m")


def reflow_marks(item: Item) -> list[Mark]:
    """Every output an item's arrival or departure re-paginates: its listings whole, its page."""
    marks: list[Mark] = [("main-all", ""), ("source-all", item.source), ("item", item.id)]
    marks.append(("month", month_key(item.published)))
    if item.author:
        marks.append(("author-all", item.author))
    return marks


def find_hidden(store: Store, item_ids: Sequence[str]) -> set[str]:
    """Which of these items are hidden."""
    hidden: set[str] = set()
    with store.reading() as conn:
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            query = sa.select(items.c.id).where(items.c.id.in_(chunk), items.c.hidden.is_(True))
            hidden.update(conn.scalars(query))
    return hidden
