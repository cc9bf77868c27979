"""Who is running: a heartbeat row per process, the leader's lock, shared rate limits.

Several ``publisher run`` and ``publisher worker`` processes, on several machines, share
one database. Each refreshes its row in ``processes`` every heartbeat, and rows that
stopped being refreshed are shown as gone, then removed. One daemon leads: it holds a
PostgreSQL session-level advisory lock on a connection of its own, which the server
releases the moment that connection dies (the process killed, the machine gone).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from publisher.core.errors import StoreError
from publisher.store.claims import LEDGERS, SENDING, Ledger
from publisher.store.database import Store, insert_ignoring_duplicates
from publisher.store.tables import processes, rate_hits

log = logging.getLogger(__name__)
LEADER_LOCK = "leader"


@dataclass(frozen=True)
class ProcessRow:
    id: str
    host: str
    pid: int
    role: str
    started: datetime
    last_seen: datetime


def beat(store: Store, row: ProcessRow, *, stale_before: datetime) -> None:
    """Record that ``row``'s process is alive in its role; forget processes long silent."""
    with store.transaction() as conn:
        updated = conn.execute(
            processes.update()
            .where(processes.c.id == row.id)
            .values(role=row.role, last_seen=row.last_seen)
        )
        if not updated.rowcount:
            insert_ignoring_duplicates(conn, processes, [dataclasses.asdict(row)])
        conn.execute(processes.delete().where(processes.c.last_seen < stale_before))


def forget_process(store: Store, process_id: str) -> None:
    """A process that stops cleanly removes its row at once."""
    with store.transaction() as conn:
        conn.execute(processes.delete().where(processes.c.id == process_id))


def list_processes(store: Store) -> list[ProcessRow]:
    with store.reading() as conn:
        rows = conn.execute(sa.select(processes).order_by(processes.c.started, processes.c.id))
        return [ProcessRow(*row) for row in rows]


def list_claim_holders(store: Store, ledger: Ledger) -> set[str]:
    """The senders that hold claims on ``ledger`` now (their worker ids)."""
    table = LEDGERS[ledger]
    with store.reading() as conn:
        query = sa.select(table.c.claimed_by).where(table.c.status == SENDING).distinct()
        return {str(worker) for worker in conn.scalars(query) if worker is not None}


def hit_rate_limit(
    store: Store, scope: str, key: str, *, now: datetime, window: timedelta, limit: int
) -> bool:
    """Count one request for ``key`` unless it already has ``limit`` inside ``window``.

    Under a named lock, so that processes counting at once never let one more through.
    """
    start = now - window
    with store.transaction(exclusive=f"rate-{scope}") as conn:
        conn.execute(rate_hits.delete().where(rate_hits.c.scope == scope, rate_hits.c.at <= start))
        count = conn.scalar(
            sa.select(sa.func.count()).where(rate_hits.c.scope == scope, rate_hits.c.key == key)
        )
        if int(count or 0) >= limit:
            return False
        conn.execute(rate_hits.insert().values(scope=scope, key=key, at=now))
        return True


class LeaderLock:
    """The leader's lock: a session-level advisory lock on a connection held for it alone.

    On SQLite there is one daemon per database (the run lock's file), so it always leads.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn: Connection | None = None
        self._key: int | None = None

    @property
    def shared(self) -> bool:
        """Whether other machines may run daemons on this database (a database server)."""
        return self.store.engine.dialect.name == "postgresql"

    def try_acquire(self) -> bool:
        """Take the lock if no live process holds it; True if this process leads now."""
        if not self.shared:
            return True
        if self._conn is not None:
            return self.holding()
        try:
            conn = self.store.engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc.__class__.__name__}: {exc}") from exc
        try:
            schema = conn.scalar(sa.select(sa.func.current_schema()))
            key = _lock_key(f"{LEADER_LOCK}:{schema}")
            taken = bool(conn.scalar(sa.select(sa.func.pg_try_advisory_lock(key))))
            conn.commit()
        except SQLAlchemyError as exc:
            _drop(conn)
            raise StoreError(f"database error: {exc.__class__.__name__}: {exc}") from exc
        if not taken:
            _drop(conn)
            return False
        self._conn, self._key = conn, key
        return True

    def holding(self) -> bool:
        """Whether the lock's connection is still alive (and so the lock still held)."""
        if not self.shared:
            return True
        if self._conn is None:
            return False
        try:
            self._conn.execute(sa.select(1))
            self._conn.commit()
        except SQLAlchemyError as exc:
            log.warning("the leader's database connection was lost: %s", exc)
            self.release()
            return False
        return True

    def release(self) -> None:
        """Close the lock's connection: the server drops the lock with it."""
        conn, self._conn = self._conn, None
        if conn is not None:
            _drop(conn)


def _drop(conn: Connection) -> None:
    """Close a connection for good (not back to the pool, where the lock would live on)."""
    try:
        conn.invalidate()
        conn.close()
    except SQLAlchemyError as exc:  # already broken: nothing more to release
        log.debug("closing a broken connection: %s", exc)


def _lock_key(name: str) -> int:
    digest = hashlib.blake2b(f"publisher:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
