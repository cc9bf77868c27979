"""The queue of stale outputs between an item change and the build that publishes it."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from publisher.store.database import Store, insert_ignoring_duplicates
from publisher.store.tables import items, stale_outputs

Mark = tuple[str, str]


def mark_stale(conn: Connection, marks: Iterable[Mark]) -> None:
    """Queue outputs to rebuild; marking one twice is a no-op."""
    rows = [{"kind": kind, "key": key} for kind, key in sorted(set(marks))]
    insert_ignoring_duplicates(conn, stale_outputs, rows)


def list_stale(store: Store) -> set[Mark]:
    with store.reading() as conn:
        return {(row.kind, row.key) for row in conn.execute(sa.select(stale_outputs))}


def clear_stale(store: Store, marks: Iterable[Mark]) -> None:
    """Forget marks a build has published (marks added meanwhile stay queued)."""
    done = list(marks)
    with store.transaction() as conn:
        for kind, key in done:
            conn.execute(
                stale_outputs.delete().where(
                    stale_outputs.c.kind == kind, stale_outputs.c.key == key
                )
            )


def list_authors(store: Store) -> list[str]:
    with store.reading() as conn:
        query = (
            sa.select(items.c.author)
            .where(items.c.author.is_not(None), items.c.hidden.is_(False))
            .distinct()
        )
        return sorted(author for author in conn.scalars(query) if author)


def list_item_ids(store: Store) -> list[str]:
    with store.reading() as conn:
        return list(conn.scalars(sa.select(items.c.id).order_by(items.c.id)))
