"""Every table in one place; migrations in ``database`` create and change them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from publisher.core.errors import StoreError


def as_utc(value: datetime) -> datetime:
    """An aware datetime in UTC; a naive one is refused, since its zone would be a guess."""
    if value.tzinfo is None:
        raise StoreError(f"naive datetime {value!r} cannot be stored; use UTC")
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def utc_text(value: datetime | None) -> str | None:
    """The stored form of a datetime on SQLite: ISO 8601 in UTC with microseconds."""
    if value is None:
        return None
    return as_utc(value).isoformat(timespec="microseconds")


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Aware UTC datetimes: timestamptz on PostgreSQL, sortable ISO 8601 text on SQLite."""

    impl = sa.String(32)
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(sa.DateTime(timezone=True))
        return dialect.type_descriptor(sa.String(32))

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> Any:
        if dialect.name == "postgresql":
            return None if value is None else as_utc(value)
        return utc_text(value)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):  # timestamptz arrives in the session's time zone
            return value.astimezone(UTC)
        return datetime.fromisoformat(value)


class UTCMonth(sa.sql.functions.FunctionElement[str]):
    """The UTC month of a UTCDateTime column as "2022-09", in each database's own terms."""

    type = sa.String()
    inherit_cache = True


@compiles(UTCMonth)
def _utc_month_of_text(element: UTCMonth, compiler: SQLCompiler, **kw: Any) -> str:
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"  # ISO 8601 text


@compiles(UTCMonth, "postgresql")
def _utc_month_of_timestamptz(element: UTCMonth, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM')"


metadata = sa.MetaData()

# Messages still to send, as literal SQL: a partial index on it keeps claiming fast however
# long the history of sent messages grows (SQLite matches a partial index only on literals).
OPEN_MESSAGES = "status IN ('queued', 'deferred', 'sending')"


def open_index(name: str) -> sa.Index:
    where = sa.text(OPEN_MESSAGES)
    return sa.Index(name, "id", sqlite_where=where, postgresql_where=where)


schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("applied_at", UTCDateTime, nullable=False),
)

seed_files = sa.Table(
    "seed_files",
    metadata,
    sa.Column("path", sa.String, primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("mtime_ns", sa.BigInteger, nullable=False),  # nanoseconds since 1970: past 2**31
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("error", sa.String),
    sa.Column("layout", sa.String(32)),
    sa.Column("scanned_at", UTCDateTime, nullable=False),
    # The parser version that last read the file (NULL: before versions were recorded).
    sa.Column("parser_version", sa.Integer),
)

# Which items each seed file yielded when last parsed: an item no present file yields
# is an orphan (``publisher items orphans``). Written only for files actually parsed.
seed_items = sa.Table(
    "seed_items",
    metadata,
    sa.Column("seed_path", sa.String, primary_key=True),
    sa.Column("item_id", sa.String, primary_key=True),
    sa.Index("ix_seed_items_item_id", "item_id"),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("slug", sa.String, primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("url", sa.String),
    # A renamed source's new slug: its old feed URLs redirect there for good.
    sa.Column("moved_to", sa.String),
)

items = sa.Table(
    "items",
    metadata,
    # Insertion order, numbered by the database (SQLite's rowid, a PostgreSQL identity):
    # new items append to the table, and digests send each subscriber the items past
    # their watermark.
    sa.Column("seq", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("id", sa.String, nullable=False, unique=True),
    sa.Column("source", sa.String, nullable=False),
    sa.Column("title", sa.String, nullable=False),
    sa.Column("summary", sa.String),
    sa.Column("content", sa.String),
    sa.Column("author", sa.String),
    sa.Column("published", UTCDateTime, nullable=False),
    sa.Column("dated", sa.Boolean, nullable=False),
    sa.Column("first_seen", UTCDateTime, nullable=False),
    sa.Column("updated", UTCDateTime, nullable=False),
    sa.Column("url", sa.String),
    sa.Column("seed_path", sa.String),
    sa.Column("seed_line", sa.Integer),
    sa.Column("fingerprint", sa.String(20), nullable=False),
    sa.Column("title_key", sa.String(20), nullable=False),
    sa.Column("summary_key", sa.String(20)),
    # Taken out of feeds, pages and digests by the operator; never touched by ingest.
    sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_items_fingerprint", "fingerprint"),
    sa.Index("ix_items_title_key", "title_key", "source"),
    sa.Index("ix_items_summary_key", "summary_key", "source"),
    sa.Index("ix_items_updated", "updated"),
    sa.Index("ix_items_source_updated", "source", "updated"),
    sa.Index("ix_items_author_updated", "author", "updated"),
)

# Added by migration 8 (listings page by ``seq``, month archives by ``published``).
LISTING_INDEXES = (
    sa.Index("ix_items_published", items.c.published),
    sa.Index("ix_items_source_seq", items.c.source, items.c.seq),
    sa.Index("ix_items_author_seq", items.c.author, items.c.seq),
)

ITEM_COLUMNS = (
    "id", "source", "title", "summary", "content", "author", "published", "first_seen",
    "updated", "url", "seed_path", "seed_line", "dated",
)  # fmt: skip


# Outputs (feeds and pages) made stale by an item change, written in the same transaction as
# the change, and cleared by the build that rewrote them: a crash between the two loses nothing.
stale_outputs = sa.Table(
    "stale_outputs",
    metadata,
    sa.Column("kind", sa.String(16), primary_key=True),  # main, source, author, item
    sa.Column("key", sa.String, primary_key=True),
)

subscribers = sa.Table(
    "subscribers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("email", sa.String, nullable=False),
    sa.Column("email_key", sa.String, nullable=False, unique=True),
    sa.Column("name", sa.String),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("cadence", sa.String(16), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("created", UTCDateTime, nullable=False),
    sa.Column("changed", UTCDateTime, nullable=False),
    # The highest item ``seq`` this subscriber has been sent (or deliberately skipped).
    sa.Column("sent_through", sa.Integer),
    sa.Column("last_sent", UTCDateTime),
    # The last scheduled digest slot (in the subscriber's zone) this subscriber was planned for.
    sa.Column("last_slot", UTCDateTime),
    sa.Column("hard_failures", sa.Integer, nullable=False, server_default="0"),
    # What the reader chose to receive: JSON lists of source slugs and author names, NULL = all.
    sa.Column("sources", sa.Text),
    sa.Column("authors", sa.Text),
)

editions = sa.Table(
    "editions",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("created", UTCDateTime, nullable=False),
    sa.Column("item_ids", sa.Text, nullable=False),  # JSON list, newest first
    sa.Column("more_count", sa.Integer, nullable=False),
)

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("edition_key", sa.String(40), sa.ForeignKey("editions.key"), nullable=False),
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id"), nullable=False),
    # queued, sending (claimed by a sender), sent, deferred, failed
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("through_seq", sa.Integer, nullable=False),
    sa.Column("message_id", sa.String, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error", sa.String),
    sa.Column("queued_at", UTCDateTime, nullable=False),
    sa.Column("next_attempt", UTCDateTime),
    sa.Column("sent_at", UTCDateTime),
    # Who is sending it (host:pid:random) and until when; an expired claim is due again.
    sa.Column("claimed_by", sa.String(120)),
    sa.Column("claimed_until", UTCDateTime),
    sa.UniqueConstraint("edition_key", "subscriber_id", name="uq_delivery_edition_subscriber"),
    sa.Index("ix_deliveries_status", "status"),
    open_index("ix_deliveries_open"),
)

# One-off messages to one address (confirmation links, test digests), stored rendered and
# sent through the same claims as digests, never on a web request's thread.
notices = sa.Table(
    "notices",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),  # confirm, test
    sa.Column("subscriber_id", sa.Integer, sa.ForeignKey("subscribers.id")),
    sa.Column("recipient", sa.String, nullable=False),
    sa.Column("sender", sa.String, nullable=False),
    sa.Column("message", sa.LargeBinary, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # as deliveries.status
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error", sa.String),
    sa.Column("queued_at", UTCDateTime, nullable=False),
    sa.Column("next_attempt", UTCDateTime),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("claimed_by", sa.String(120)),
    sa.Column("claimed_until", UTCDateTime),
    sa.Index("ix_notices_status", "status"),
    open_index("ix_notices_open"),
)
