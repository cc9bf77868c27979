"""Bounces reported after the server accepted a message: which delivery, and how many in a row."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from publisher.core.models import Delivery
from publisher.store.deliveries import DELIVERY_COLUMNS
from publisher.store.tables import deliveries

FINISHED = ("sent", "failed")


def _delivery(row: sa.Row[tuple[object, ...]]) -> Delivery:
    return Delivery(**{name: row._mapping[name] for name in DELIVERY_COLUMNS})


def find_delivery_by_message_id(conn: Connection, message_id: str) -> Delivery | None:
    """The message a bounce or report quotes, by its Message-ID (unique per delivery)."""
    row = conn.execute(
        sa.select(deliveries).where(deliveries.c.message_id == message_id).limit(1)
    ).first()
    return None if row is None else _delivery(row)


def find_latest_sent_delivery(conn: Connection, subscriber_id: int) -> Delivery | None:
    """The last message the server accepted for a reader: what a bounce naming only them means."""
    row = conn.execute(
        sa.select(deliveries)
        .where(deliveries.c.subscriber_id == subscriber_id, deliveries.c.status == "sent")
        .order_by(deliveries.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _delivery(row)


def mark_delivery_bounced(conn: Connection, delivery: Delivery, *, error: str) -> bool:
    """A sent message bounced after all: failed. False if it was already (a second report)."""
    result = conn.execute(
        deliveries.update()
        .where(deliveries.c.id == delivery.id, deliveries.c.status == "sent")
        .values(status="failed", error=error[:500])
    )
    return bool(result.rowcount)


def count_failures_in_a_row(conn: Connection, subscriber_id: int, *, limit: int) -> int:
    """How many of a reader's latest finished messages failed, counting back to a success."""
    statuses = conn.scalars(
        sa.select(deliveries.c.status)
        .where(deliveries.c.subscriber_id == subscriber_id, deliveries.c.status.in_(FINISHED))
        .order_by(deliveries.c.id.desc())
        .limit(limit)
    )
    count = 0
    for status in statuses:
        if status != "failed":
            break
        count += 1
    return count
