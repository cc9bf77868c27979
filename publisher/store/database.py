"""Opening the database and migrating it: numbered steps, each recorded once in the database."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
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
from publisher.store.tables import (
    LISTING_INDEXES,
    UTCDateTime,
    deliveries,
    editions,
    items,
    notices,
    schema_migrations,
    seed_files,
    sources,
    stale_outputs,
    subscribers,
    utc_text,
)


def _migration_1(conn: Connection) -> None:
    """Seed files, sources and items."""
    for table in (seed_files, sources, items, stale_outputs):
        table.create(conn)


def _migration_2(conn: Connection) -> None:
    """Subscribers, digest editions and the send ledger."""
    for table in (subscribers, editions, deliveries):
        table.create(conn)


def _migration_3(conn: Connection) -> None:
    """Claims on the ledger (who sends a message, until when) and the notices ledger.

    A database created by this version already has the columns (step 2 builds the table
    from ``tables.py``): add only what is missing.
    """
    present = {column["name"] for column in sa.inspect(conn).get_columns("deliveries")}
    for name in ("claimed_by", "claimed_until"):
        if name not in present:
            kind = deliveries.c[name].type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE deliveries ADD COLUMN {name} {kind}")
    for index in deliveries.indexes:
        index.create(conn, checkfirst=True)
    notices.create(conn, checkfirst=True)


def _migration_8(conn: Connection) -> None:
    """Hidden items, source renames, readers' choices, and the archive's indexes.

    Migrations 1 and 2 create tables from today's definitions, so a fresh database has
    these columns already: add each only where it is missing.
    """
    inspector = sa.inspect(conn)
    wanted = {
        items: (items.c.hidden,),
        sources: (sources.c.moved_to,),
        subscribers: (subscribers.c.sources, subscribers.c.authors),
    }
    for table, columns in wanted.items():
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in columns:
            if column.name not in present:
                _add_column(conn, table, column)
    indexes = {index["name"] for index in inspector.get_indexes(items.name)}
    for index in LISTING_INDEXES:
        if index.name not in indexes:
            index.create(conn)


def _add_column(conn: Connection, table: sa.Table, column: sa.Column[Any]) -> None:
    kind = column.type.compile(dialect=conn.dialect)
    default = " NOT NULL DEFAULT false" if column.name == "hidden" else ""
    conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}{default}")


# Append only: a released step is never edited, a change is a new step.
MIGRATIONS: tuple[tuple[int, str, Callable[[Connection], None]], ...] = (
    (1, "seed files, sources and items", _migration_1),
    (2, "subscribers, editions and deliveries", _migration_2),
    (3, "claims on deliveries, and notices", _migration_3),
    (8, "hidden items, source renames, reader choices, archive indexes", _migration_8),
)


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
    def transaction(self) -> Iterator[Connection]:
        """One short write transaction; any database error becomes a StoreError."""
        problem = self.file_problem()
        if problem is not None:
            self.write_error = problem
            raise StoreError(f"{problem} while in use; restart publisher to open the new one")
        try:
            with self.engine.begin() as conn:
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


def open_store(url: str, *, now: datetime | None = None) -> Store:
    """Open (creating if needed) and migrate the database at ``url``."""
    path = None
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url[len("sqlite:///") :])
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = sa.create_engine(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot open database.url {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine, path)
    migrate(store, now=now or datetime.now(UTC))
    store.remember_file()
    return store


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB at most: hashed keys thrash a small cache
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def migrate(store: Store, *, now: datetime) -> list[int]:
    """Apply every migration not yet recorded; returns the versions applied."""
    applied: list[int] = []
    with store.transaction() as conn:
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
    conn.exec_driver_sql(sql, [_driver_values(row, dated) for row in rows])


def _driver_values(row: Sequence[Any], dated: list[int]) -> tuple[Any, ...]:
    """A row as the driver takes it: datetimes in their stored text form."""
    if not dated:
        return tuple(row)
    values = list(row)
    for index in dated:
        values[index] = utc_text(values[index])
    return tuple(values)


def list_migrations(store: Store) -> list[int]:
    with store.reading() as conn:
        return list(conn.scalars(sa.select(schema_migrations.c.version).order_by("version")))
