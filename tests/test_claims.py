"""Claims on the ledger, on real SQLite: disjoint batches, expiry, checked marks, migration."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import NOW

from publisher import store
from publisher.core.models import Delivery, Edition
from publisher.store.deliveries import DELIVERY_COLUMNS
from publisher.store.migrations import MIGRATIONS
from publisher.store.tables import deliveries, metadata

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL


def queued_ledger(db: store.Store, count: int) -> None:
    """``count`` queued messages of one edition, one per subscriber."""
    with db.transaction() as conn:
        store.upsert_edition(conn, Edition("e1", NOW, ("a",), 0))
        rows = []
        for n in range(count):
            sub = store.insert_subscriber(
                conn, email=f"r{n}@example.org", name=None, status="active", cadence="daily",
                timezone="UTC", now=NOW,
            )  # fmt: skip
            rows.append({
                "edition_key": "e1", "subscriber_id": sub.id, "status": "queued",
                "through_seq": 1, "message_id": f"<m{n}@x>", "attempts": 0, "queued_at": NOW,
            })  # fmt: skip
        store.queue_deliveries(conn, rows)
        store.queue_deliveries(conn, rows)  # queued twice: the second is a no-op


def claim(db: store.Store, worker: str, minutes: float = 0, limit: int = 20) -> list[int]:
    now = NOW + timedelta(minutes=minutes)
    until = now + timedelta(minutes=5)
    found = store.claim_deliveries(db, worker=worker, now=now, until=until, limit=limit)
    return [delivery.id for delivery in found]


def test_claims_are_disjoint_and_expire_back_into_the_queue(db: store.Store) -> None:
    queued_ledger(db, 30)
    first, second = claim(db, "a"), claim(db, "b")
    assert (len(first), len(second), set(first) & set(second)) == (20, 10, set())
    assert claim(db, "c", minutes=4) == []  # nothing due while both claims hold
    assert sorted(claim(db, "c", minutes=6, limit=50)) == sorted(first + second)  # expired
    # The first claimant wakes up late: its mark changes nothing, the new holder's counts.
    victim = next(delivery for delivery in ledger(db) if delivery.id == first[0])
    with db.transaction() as conn:
        assert not store.mark_delivery_sent(conn, victim, worker="a", now=NOW)
        assert store.mark_delivery_sent(conn, victim, worker="c", now=NOW)
    assert store.count_deliveries_by_status(db) == {"sent": 1, "sending": 29}


def test_renewal_keeps_a_slow_batch_and_release_gives_back_the_rest(db: store.Store) -> None:
    queued_ledger(db, 5)
    ids = claim(db, "a")
    held = store.renew_claims(db, "deliveries", worker="a", until=NOW + timedelta(hours=1))
    assert held == set(ids)
    assert claim(db, "b", minutes=30) == []  # renewed: not expired at 30 minutes
    assert store.release_claims(db, "deliveries", worker="a") == 5
    assert sorted(claim(db, "b")) == sorted(ids)
    assert store.release_claims(db, "deliveries", worker=None) == 5
    assert store.count_deliveries_by_status(db) == {"queued": 5}


def ledger(db: store.Store) -> list[Delivery]:
    with db.reading() as conn:
        rows = conn.execute(sa.select(deliveries))
        return [Delivery(**{name: row._mapping[name] for name in DELIVERY_COLUMNS}) for row in rows]


def test_migration_3_adds_claims_to_a_database_made_before_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # the schema as versions 1 and 2 left it
        metadata.tables["schema_migrations"].create(conn)
        for version, name, step in MIGRATIONS[:2]:
            step(conn)
            conn.execute(
                metadata.tables["schema_migrations"]
                .insert()
                .values(version=version, name=name, applied_at=NOW)
            )
        conn.exec_driver_sql("DROP INDEX ix_deliveries_open")
        conn.exec_driver_sql("ALTER TABLE deliveries DROP COLUMN claimed_by")
        conn.exec_driver_sql("ALTER TABLE deliveries DROP COLUMN claimed_until")
    engine.dispose()
    db = store.open_store(url, now=NOW)
    try:
        assert 3 in store.list_migrations(db)
        with db.reading() as conn:
            indexes = {index["name"] for index in sa.inspect(conn).get_indexes("deliveries")}
        assert "ix_deliveries_open" in indexes
        queued_ledger(db, 2)
        assert len(claim(db, "a")) == 2
    finally:
        db.close()
