"""The send ledger: editions, and one row per (edition, subscriber) recorded before sending."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from publisher.core.errors import StoreError
from publisher.core.models import Delivery, Edition, Item
from publisher.store.claims import claim_rows, mark_claimed
from publisher.store.database import Store, greater_of, insert_ignoring_duplicates
from publisher.store.items import item_from_row
from publisher.store.tables import deliveries, editions, items, subscribers

OPEN_STATUSES = ("queued", "sending", "deferred")
DELIVERY_COLUMNS = (
    "id", "edition_key", "subscriber_id", "status", "through_seq", "message_id", "attempts",
    "error", "queued_at",
)  # fmt: skip


def _delivery(row: Any) -> Delivery:
    return Delivery(**{name: row._mapping[name] for name in DELIVERY_COLUMNS})


def current_item_seq(conn: Connection) -> int:
    return int(conn.scalar(sa.select(sa.func.coalesce(sa.func.max(items.c.seq), 0))) or 0)


def list_items_for_digest(
    conn: Connection, *, after_seq: int | None, first_seen_since: datetime | None
) -> list[tuple[int, Item]]:
    """Items past a watermark (or, with none, first seen since a time), newest first."""
    query = (
        sa.select(items)
        .where(items.c.hidden.is_(False))
        .order_by(items.c.updated.desc(), items.c.seq.desc())
    )
    if after_seq is not None:
        query = query.where(items.c.seq > after_seq)
    if first_seen_since is not None:
        query = query.where(items.c.first_seen >= first_seen_since)
    return [(int(row.seq), item_from_row(row)) for row in conn.execute(query)]


def upsert_edition(conn: Connection, edition: Edition) -> None:
    exists = conn.scalar(sa.select(editions.c.key).where(editions.c.key == edition.key))
    if exists is None:
        conn.execute(
            editions.insert().values(
                key=edition.key,
                created=edition.created,
                item_ids=json.dumps(list(edition.item_ids)),
                more_count=edition.more_count,
            )
        )


def get_edition(store: Store, key: str) -> Edition:
    found = find_edition(store, key)
    if found is None:
        raise StoreError(f"no digest edition {key!r}")
    return found


def find_edition(store: Store, key: str) -> Edition | None:
    with store.reading() as conn:
        row = conn.execute(sa.select(editions).where(editions.c.key == key)).first()
    if row is None:
        return None
    return Edition(row.key, row.created, tuple(json.loads(row.item_ids)), row.more_count)


def list_edition_keys(store: Store) -> list[str]:
    with store.reading() as conn:
        return list(conn.scalars(sa.select(editions.c.key).order_by(editions.c.created)))


def get_items(store: Store, item_ids: Sequence[str], *, visible: bool = False) -> list[Item]:
    """Items by id, in the order asked (ids no longer stored, or hidden if asked, are skipped)."""
    query = sa.select(items).where(items.c.id.in_(list(item_ids)))
    if visible:
        query = query.where(items.c.hidden.is_(False))
    with store.reading() as conn:
        rows = conn.execute(query)
        found = {row.id: item_from_row(row) for row in rows}
    return [found[item_id] for item_id in item_ids if item_id in found]


def subscribers_with_open_delivery(conn: Connection) -> set[int]:
    query = sa.select(deliveries.c.subscriber_id).where(deliveries.c.status.in_(OPEN_STATUSES))
    return set(conn.scalars(query))


def queue_deliveries(conn: Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Record messages before any is sent; one already recorded (same edition and reader) stays.

    A thousand rows at a time: an edition for 100,000 readers never holds them all at once.
    """
    pending = iter(rows)
    while chunk := list(itertools.islice(pending, 1000)):
        insert_ignoring_duplicates(conn, deliveries, chunk)


def list_edition_recipients(conn: Connection, edition_key: str) -> dict[int, str]:
    """Who already has a message of this edition in the ledger, and its status."""
    query = sa.select(deliveries.c.subscriber_id, deliveries.c.status).where(
        deliveries.c.edition_key == edition_key
    )
    return {int(subscriber): str(status) for subscriber, status in conn.execute(query)}


def claim_deliveries(
    store: Store, *, worker: str, now: datetime, until: datetime, limit: int
) -> list[Delivery]:
    """Claim up to ``limit`` due messages for ``worker`` until ``until`` (see ``claims``)."""
    rows = claim_rows(store, "deliveries", worker=worker, now=now, until=until, limit=limit)
    return [_delivery(row) for row in rows]


def mark_delivery_sent(conn: Connection, delivery: Delivery, *, worker: str, now: datetime) -> bool:
    """The server accepted it: mark it sent and move the subscriber's watermark, together.

    False (and nothing changed) if ``worker`` no longer holds the claim.
    """
    if not mark_claimed(
        conn, "deliveries", delivery.id, worker=worker, status="sent", sent_at=now, error=None
    ):
        return False
    conn.execute(
        subscribers.update()
        .where(subscribers.c.id == delivery.subscriber_id)
        .values(
            sent_through=greater_of(
                sa.func.coalesce(subscribers.c.sent_through, 0), delivery.through_seq
            ),
            last_sent=now,
            hard_failures=0,
        )
    )
    return True


def mark_delivery_deferred(
    conn: Connection, delivery: Delivery, *, worker: str, error: str, next_attempt: datetime
) -> bool:
    return mark_claimed(
        conn, "deliveries", delivery.id, worker=worker,
        status="deferred", error=error[:500], next_attempt=next_attempt,
    )  # fmt: skip


def mark_delivery_failed(conn: Connection, delivery: Delivery, *, worker: str, error: str) -> bool:
    return mark_claimed(
        conn, "deliveries", delivery.id, worker=worker, status="failed", error=error[:500]
    )


def count_deliveries_by_status(store: Store) -> dict[str, int]:
    with store.reading() as conn:
        rows = conn.execute(
            sa.select(deliveries.c.status, sa.func.count()).group_by(deliveries.c.status)
        )
        return dict(Counter({str(status): int(count) for status, count in rows}))
