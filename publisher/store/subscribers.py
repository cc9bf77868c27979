"""Queries on subscribers: unique per address (case-insensitively), with a sent-items watermark."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from publisher.core.errors import StoreError, SubscriberNotFoundError
from publisher.core.models import Subscriber
from publisher.store.database import Store
from publisher.store.tables import UTCDateTime, deliveries, notices, subscribers

SUBSCRIBER_COLUMNS = ("id", "email", "name", "status", "cadence", "timezone", "created")


def _subscriber(row: Any) -> Subscriber:
    mapping = row._mapping
    return Subscriber(
        **{name: mapping[name] for name in SUBSCRIBER_COLUMNS},
        sources=_choice(mapping["sources"]),
        authors=_choice(mapping["authors"]),
    )


def _choice(stored: str | None) -> tuple[str, ...] | None:
    """A stored JSON list of chosen sources or authors; NULL (everything) stays None."""
    return None if stored is None else tuple(str(value) for value in json.loads(stored))


def set_subscriber_choices(
    conn: Connection,
    subscriber_id: int,
    now: datetime,
    *,
    sources: Sequence[str] | None,
    authors: Sequence[str] | None,
) -> None:
    """Record which sources and authors a reader wants (None: all of them, new ones too)."""
    values = {
        "sources": None if sources is None else json.dumps(sorted(sources)),
        "authors": None if authors is None else json.dumps(sorted(authors)),
    }
    update_subscriber(conn, subscriber_id, now, **values)


def email_key(email: str) -> str:
    """Addresses are unique case-insensitively (local parts too, as every mailbox provider does)."""
    return email.casefold()


def find_subscriber(conn: Connection, email: str) -> Subscriber | None:
    row = conn.execute(
        sa.select(subscribers).where(subscribers.c.email_key == email_key(email))
    ).first()
    return None if row is None else _subscriber(row)


def get_subscriber(store: Store, email: str) -> Subscriber:
    with store.reading() as conn:
        found = find_subscriber(conn, email)
    if found is None:
        raise SubscriberNotFoundError(f"no subscriber with address {email}")
    return found


def find_subscriber_by_id(conn: Connection, subscriber_id: int) -> Subscriber | None:
    row = conn.execute(sa.select(subscribers).where(subscribers.c.id == subscriber_id)).first()
    return None if row is None else _subscriber(row)


def get_subscriber_by_id(store: Store, subscriber_id: int) -> Subscriber:
    with store.reading() as conn:
        row = conn.execute(sa.select(subscribers).where(subscribers.c.id == subscriber_id)).first()
    if row is None:
        raise SubscriberNotFoundError(f"no subscriber with id {subscriber_id}")
    return _subscriber(row)


def insert_subscriber(
    conn: Connection,
    *,
    email: str,
    name: str | None,
    status: str,
    cadence: str,
    timezone: str,
    now: datetime,
) -> Subscriber:
    values = {
        "email": email,
        "email_key": email_key(email),
        "name": name,
        "status": status,
        "cadence": cadence,
        "timezone": timezone,
        "created": now,
        "changed": now,
        "hard_failures": 0,
    }
    result = conn.execute(subscribers.insert().values(values))
    key = result.inserted_primary_key
    if key is None:
        raise StoreError(f"could not store subscriber {email}")
    return Subscriber(int(key[0]), email, name, status, cadence, timezone, now)


def update_subscriber(conn: Connection, subscriber_id: int, now: datetime, **values: Any) -> None:
    """Change fields of one subscriber; a status change back to active resets bounces."""
    if values.get("status") == "active":
        values.setdefault("hard_failures", 0)
    conn.execute(
        subscribers.update().where(subscribers.c.id == subscriber_id).values(changed=now, **values)
    )


def list_subscribers(store: Store, *, status: str | None = None) -> list[Subscriber]:
    query = sa.select(subscribers).order_by(subscribers.c.email_key)
    if status is not None:
        query = query.where(subscribers.c.status == status)
    with store.reading() as conn:
        return [_subscriber(row) for row in conn.execute(query)]


def count_subscribers_by_status(store: Store) -> dict[str, int]:
    with store.reading() as conn:
        rows = conn.execute(
            sa.select(subscribers.c.status, sa.func.count()).group_by(subscribers.c.status)
        )
        return dict(Counter({str(status): int(count) for status, count in rows}))


def record_hard_failure(
    conn: Connection, subscriber_id: int, *, bounce_after: int, now: datetime
) -> bool:
    """Count a refused message; returns True when the subscriber is now marked bounced."""
    conn.execute(
        subscribers.update()
        .where(subscribers.c.id == subscriber_id)
        .values(hard_failures=subscribers.c.hard_failures + 1, changed=now)
    )
    failures = conn.scalar(
        sa.select(subscribers.c.hard_failures).where(subscribers.c.id == subscriber_id)
    )
    if failures is not None and failures >= bounce_after:
        update_subscriber(conn, subscriber_id, now, status="bounced")
        return True
    return False


def delete_subscriber(conn: Connection, subscriber_id: int) -> None:
    """Erase a subscriber and their ledger rows (the operator's "forget me")."""
    conn.execute(deliveries.delete().where(deliveries.c.subscriber_id == subscriber_id))
    conn.execute(notices.delete().where(notices.c.subscriber_id == subscriber_id))
    conn.execute(subscribers.delete().where(subscribers.c.id == subscriber_id))


def list_active_watermarks(
    conn: Connection, ids: Collection[int] | None = None
) -> list[tuple[Subscriber, int | None]]:
    """Active subscribers (optionally only these ids) with the highest item seq sent to each.

    One query whatever the count: ids are filtered here, not in an IN list that could
    outgrow SQLite's limit on parameters.
    """
    query = (
        sa.select(subscribers).where(subscribers.c.status == "active").order_by(subscribers.c.id)
    )
    wanted = None if ids is None else set(ids)
    return [
        (_subscriber(row), row.sent_through)
        for row in conn.execute(query)
        if wanted is None or row.id in wanted
    ]


def move_watermarks(conn: Connection, subscriber_ids: Sequence[int], seq: int) -> None:
    """Mark items up to ``seq`` as handled for these subscribers (sent or deliberately skipped)."""
    for start in range(0, len(subscriber_ids), 500):
        chunk = list(subscriber_ids[start : start + 500])
        conn.execute(
            subscribers.update().where(subscribers.c.id.in_(chunk)).values(sent_through=seq)
        )


def list_schedules(conn: Connection) -> list[tuple[str, str]]:
    """The distinct (timezone, cadence) pairs of active subscribers."""
    query = (
        sa.select(subscribers.c.timezone, subscribers.c.cadence)
        .where(subscribers.c.status == "active")
        .distinct()
    )
    return [(str(tz), str(cadence)) for tz, cadence in conn.execute(query)]


def claim_due_subscribers(
    conn: Connection, timezone: str, cadence: str, slot: datetime
) -> list[int]:
    """Active subscribers whose latest slot has not been handled; record it as handled.

    A subscriber who joined after the slot waits for the next one.
    """
    handled = sa.func.coalesce(subscribers.c.last_slot, subscribers.c.created, type_=UTCDateTime)
    query = sa.select(subscribers.c.id).where(
        subscribers.c.status == "active",
        subscribers.c.timezone == timezone,
        subscribers.c.cadence == cadence,
        handled < slot,
    )
    ids = list(conn.scalars(query))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(subscribers.update().where(subscribers.c.id.in_(chunk)).values(last_slot=slot))
    return ids
