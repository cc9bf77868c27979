"""Opening the database and migrating it: numbered steps, each recorded once in the database."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from publisher.core.errors import StoreError
from publisher.store.migrations import MIGRATIONS
from publisher.store.tables import UTCDateTime, schema_migrations, utc_text

MIGRATION_LOCK = "migrations"


class Store:
    """A connection pool to one database, migrated to the newest schema on open.

    It remembers which SQLite file it opened (device and inode) and whether its last
    write failed, so a long-lived process can tell when it is writing into nothing.
    """

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self.write_error: str | None = None  # why the last write failed; None once one succeeds
        self._identity: tuple[int, int] | None = None

    def remember_file(self) -> None:
        """Note the SQLite file now open, to notice later if it is removed or replaced."""
        if self.path is not None:
            info = os.stat(self.path)
            self._identity = (info.st_dev, info.st_ino)

    def file_problem(self) -> str | None:
        """Why the database file is no longer the one opened, if it is not."""
        if self.path is None or self._identity is None:
            return None
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return f"the database file {self.path} was removed"
        except OSError as exc:
            return f"cannot check the database file {self.path}: {exc.strerror}"
        if (info.st_dev, info.st_ino) != self._identity:
            return f"the database file {self.path} was replaced"
        return None

    @contextmanager
    def transaction(self, *, exclusive: str | None = None) -> Iterator[Connection]:
        """One short write transaction; any database error becomes a StoreError.

        Transactions naming the same ``exclusive`` lock run one at a time, across processes
        and machines: on PostgreSQL under an advisory lock held until commit, on SQLite
        under the database's one write lock, taken at the start (BEGIN IMMEDIATE).
        """
        problem = self.file_problem()
        if problem is not None:
            self.write_error = problem
            raise StoreError(f"{problem} while in use; restart publisher to open the new one")
        try:
            with self.engine.begin() as conn:
                if exclusive is not None:
                    _lock(conn, exclusive)
                yield conn
        except IntegrityError as exc:  # a conflict between writers, not a failing database
            raise StoreError(f"database error: {exc.__class__.__name__}: {exc}") from exc
        except SQLAlchemyError as exc:
            reason = exc.orig if isinstance(exc, DBAPIError) else exc  # without the SQL
            self.write_error = f"database write failed: {reason}"
            raise StoreError(f"database error: {exc.__class__.__name__}: {exc}") from exc
        self.write_error = None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads; database errors become StoreError too."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc.__class__.__name__}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()


def _lock(conn: Connection, name: str) -> None:
    """Wait for the named lock; the transaction holds it until it ends."""
    if conn.dialect.name == "postgresql":
        digest = hashlib.blake2b(f"publisher:{name}".encode(), digest_size=8).digest()
        key = int.from_bytes(digest, "big", signed=True)
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the first statement: no implicit BEGIN yet


# Engine options by dialect: SQLite's driver knows nothing of libpq's, and the reverse.
ENGINE_OPTIONS: dict[str, dict[str, Any]] = {
    "postgresql": {
        "pool_pre_ping": True,  # a long-running service outlives server restarts
        "connect_args": {
            "connect_timeout": 10,
            "application_name": "publisher",
            # A server or network that goes silent fails a query within about a minute
            # instead of hanging it (the leader's lock check, a sender's claim) for good.
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            "tcp_user_timeout": 60_000,  # ms of unacknowledged data before giving up
        },
    },
}


def open_store(url: str, *, now: datetime | None = None) -> Store:
    """Open (creating if needed) and migrate the database at ``url``."""
    path = None
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url[len("sqlite:///") :])
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        backend = sa.engine.make_url(url).get_backend_name()
        engine = sa.create_engine(url, **ENGINE_OPTIONS.get(backend, {}))
    except ImportError as exc:
        raise StoreError(
            f"database.url {shown_url(url)!r} needs a driver that is not installed ({exc}); "
            "for PostgreSQL, pip install 'publisher[postgres]' and use postgresql+psycopg://"
        ) from exc
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot open database.url {shown_url(url)!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine, path)
    migrate(store, now=now or datetime.now(UTC))
    store.remember_file()
    return store


def shown_url(url: str) -> str:
    """A database URL fit for messages and logs: never its password."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return url.split("://", 1)[0] + "://…"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB at most: hashed keys thrash a small cache
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch a new file to WAL, trying again while another process opening it holds it.

    SQLite answers "locked" at once here, without waiting out busy_timeout.
    """
    deadline = time.monotonic() + 10
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def migrate(store: Store, *, now: datetime) -> list[int]:
    """Apply every migration not yet recorded; returns the versions applied.

    Under a lock, so that processes opening a new database at once migrate it once.
    """
    applied: list[int] = []
    with store.transaction(exclusive=MIGRATION_LOCK) as conn:
        schema_migrations.create(conn, checkfirst=True)
        done = set(conn.scalars(sa.select(schema_migrations.c.version)))
        for version, name, step in MIGRATIONS:
            if version in done:
                continue
            step(conn)
            conn.execute(
                schema_migrations.insert().values(version=version, name=name, applied_at=now)
            )
            applied.append(version)
    return applied


def insert_ignoring_duplicates(
    conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]
) -> None:
    """Insert many rows in one statement, skipping those whose key exists already."""
    if not rows:
        return
    name = conn.dialect.name
    if name == "sqlite":
        conn.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)
    elif name == "postgresql":
        conn.execute(postgresql_insert(table).on_conflict_do_nothing(), rows)
    else:
        for row in rows:
            with conn.begin_nested():
                try:
                    conn.execute(table.insert().values(row))
                except IntegrityError:
                    pass


def upsert_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows, or update those whose primary key exists: one executemany, no look-up."""
    if not rows:
        return
    insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table)
    keys = [column.name for column in table.primary_key]
    changed = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changed), rows)


def greater_of(first: Any, second: Any) -> sa.ColumnElement[Any]:
    """The larger of two values in SQL every database speaks (two-argument max is SQLite's)."""
    return sa.case((first >= second, first), else_=second)


def bulk_insert(
    conn: Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert many rows fast: on SQLite, straight to the driver's executemany.

    SQLAlchemy's per-row parameter processing costs more than SQLite's own insert for
    the large first scans of a seed folder; datetimes are converted here the same way.
    """
    if not rows:
        return
    dated = [n for n, name in enumerate(columns) if isinstance(table.c[name].type, UTCDateTime)]
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    texts: dict[datetime | None, str | None] = {}  # rows share many dates: convert each once
    conn.exec_driver_sql(sql, [_driver_values(row, dated, texts) for row in rows])


def _driver_values(
    row: Sequence[Any], dated: list[int], texts: dict[datetime | None, str | None]
) -> tuple[Any, ...]:
    """A row as the driver takes it: datetimes in their stored text form."""
    if not dated:
        return tuple(row)
    values = list(row)
    for index in dated:
        value = values[index]
        text = texts.get(value)
        if text is None:
            text = texts[value] = utc_text(value)
        values[index] = text
    return tuple(values)


def list_migrations(store: Store) -> list[int]:
    with store.reading() as conn:
        return list(conn.scalars(sa.select(schema_migrations.c.version).order_by("version")))
