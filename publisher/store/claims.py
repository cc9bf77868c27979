"""Claims on the ledgers: a sender takes due messages for a while, and only it may mark them.

A claim sets a message's status to ``sending`` with the sender's id (``claimed_by``) and an
expiry (``claimed_until``). The sender marks each result with an update that checks the
claim is still its own (``mark_claimed``); a claim that expires (its sender died or
stalled) makes the message due again. On PostgreSQL a claim is ``SELECT … FOR UPDATE SKIP
LOCKED``, so workers share the queue without waiting for each other; on SQLite, which has
one writer at a time, it is a conditional ``UPDATE`` that is the transaction's first
statement.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from publisher.store.database import Store
from publisher.store.tables import OPEN_MESSAGES, deliveries, notices

Ledger = Literal["deliveries", "notices"]
LEDGERS: dict[str, sa.Table] = {"deliveries": deliveries, "notices": notices}
SENDING = "sending"


def due(table: sa.Table, now: datetime) -> sa.ColumnElement[bool]:
    """Queued, deferred whose retry time has come, or claimed by someone whose claim expired."""
    return sa.and_(
        sa.text(OPEN_MESSAGES),  # the partial index: only open messages are looked at
        sa.or_(
            table.c.status == "queued",
            sa.and_(table.c.status == "deferred", table.c.next_attempt <= now),
            sa.and_(table.c.status == SENDING, table.c.claimed_until < now),
        ),
    )


def claim_rows(
    store: Store, ledger: Ledger, *, worker: str, now: datetime, until: datetime, limit: int
) -> list[Row[Any]]:
    """Claim up to ``limit`` due messages, oldest first, in one short transaction."""
    table = LEDGERS[ledger]
    oldest_due = sa.select(table.c.id).where(due(table, now)).order_by(table.c.id).limit(limit)
    claim = {"status": SENDING, "claimed_by": worker, "claimed_until": until}
    with store.transaction() as conn:
        if conn.dialect.name == "postgresql":
            ids = list(conn.scalars(oldest_due.with_for_update(skip_locked=True)))
            if not ids:
                return []
            conn.execute(table.update().where(table.c.id.in_(ids)).values(claim))
        else:
            taken = conn.execute(
                table.update().where(table.c.id.in_(oldest_due), due(table, now)).values(claim)
            )
            if not taken.rowcount:
                return []
        return list(conn.execute(_held(table, worker).order_by(table.c.id)))


def renew_claims(store: Store, ledger: Ledger, *, worker: str, until: datetime) -> set[int]:
    """Extend every claim ``worker`` still holds; returns the ids it holds."""
    table = LEDGERS[ledger]
    with store.transaction() as conn:
        conn.execute(
            table.update()
            .where(table.c.claimed_by == worker, table.c.status == SENDING)
            .values(claimed_until=until)
        )
        return set(conn.scalars(_held(table, worker).with_only_columns(table.c.id)))


def release_claims(store: Store, ledger: Ledger, *, worker: str | None) -> int:
    """Give back what ``worker`` (None: anyone) holds, unsent: it is due again at once."""
    table = LEDGERS[ledger]
    query = table.update().where(table.c.status == SENDING)
    if worker is not None:
        query = query.where(table.c.claimed_by == worker)
    back = sa.case((table.c.attempts > 0, "deferred"), else_="queued")
    with store.transaction() as conn:
        return int(conn.execute(query.values(status=back, claimed_until=None)).rowcount)


def mark_claimed(
    conn: Connection, ledger: Ledger, message_id: int, *, worker: str, **values: Any
) -> bool:
    """Record a result only if ``worker`` still holds the claim; False if it was lost."""
    table = LEDGERS[ledger]
    result = conn.execute(
        table.update()
        .where(table.c.id == message_id, table.c.status == SENDING, table.c.claimed_by == worker)
        .values(attempts=table.c.attempts + 1, **values)
    )
    return bool(result.rowcount)


def count_due(store: Store, ledger: Ledger, *, now: datetime) -> int:
    table = LEDGERS[ledger]
    with store.reading() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).where(due(table, now))) or 0)


def _held(table: sa.Table, worker: str) -> sa.Select[Any]:
    return sa.select(table).where(table.c.claimed_by == worker, table.c.status == SENDING)
