"""A first scan into an empty store: one bulk transaction, indexes built after, ids unchanged."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import NOW, use_database, write_seed

from publisher import store
from publisher.core.settings import Settings, load_settings
from publisher.ingest.pipeline import BATCH_FILES, ingest

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

PAGES = BATCH_FILES + 250  # more than one batch: the load spans several of them
# the killed load: long enough (seconds, not a fraction of one) that the kill lands inside it
KILLED_PAGES = 6 * BATCH_FILES
SHARED = (
    "Tenants Win Rent Freeze\n\nThe tenants' union won a rent freeze for every flat in the block.\n"
)


def page(number: int, pages: int = PAGES) -> str:
    """Two stories a page; the first and last pages share one, and two pages share a title."""
    first = (
        SHARED
        if number in (0, pages - 1)
        else f"Ward {number} Budget Agreed\n\nThe council agreed the budget of ward {number}.\n"
    )
    title = "Weekly Roundup" if number in (3, pages - 3) else f"Bus Route {number} Saved"
    return f"{first}\n{title}\n\nPassengers kept the bus route of ward {number} after a petition.\n"


def expected_ids(pages: int = PAGES) -> set[str]:
    wards = {f"ward-{n}-budget-agreed" for n in range(1, pages - 1)}
    routes = {f"bus-route-{n}-saved" for n in range(pages) if n not in (3, pages - 3)}
    return wards | routes | {"tenants-win-rent-freeze", "weekly-roundup", "weekly-roundup-2"}


@pytest.fixture
def bulk_site(tmp_path: Path, database_url: str | None) -> Path:
    return _site(tmp_path, database_url, PAGES)


@pytest.fixture
def killed_site(tmp_path: Path, database_url: str | None) -> Path:
    return _site(tmp_path, database_url, KILLED_PAGES)


def _site(folder: Path, database_url: str | None, pages: int) -> Path:
    for number in range(pages):
        write_seed(folder / "seeds", f"page_{number:04d}.txt", page(number, pages))
    (folder / "publisher.toml").write_text("")
    use_database(folder, database_url)
    return folder


@pytest.fixture
def bulk_settings(bulk_site: Path) -> Settings:
    return load_settings(None, {}, cwd=bulk_site)


@pytest.fixture
def bulk_db(bulk_settings: Settings) -> Iterator[store.Store]:
    db = store.open_store(bulk_settings.database.url, now=NOW)
    yield db
    db.close()


def index_names(db: store.Store) -> set[str]:
    inspector = sa.inspect(db.engine)
    return {
        str(i["name"]) for table in ("items", "seed_items") for i in inspector.get_indexes(table)
    }


def test_first_scan_loads_in_bulk_keeping_ids_shared_stories_and_indexes(
    bulk_settings: Settings, bulk_db: store.Store
) -> None:
    indexes = index_names(bulk_db)
    report = ingest(bulk_settings, bulk_db, now=NOW)
    assert (report.files_new, report.files_failed, report.items_new) == (PAGES, 0, 2 * PAGES - 1)
    stored = store.list_items(bulk_db)
    assert {item.id for item in stored} == expected_ids()
    assert index_names(bulk_db) == indexes and len(indexes) >= 10
    # Listed newest first as found, a batch at a time: its pages' first stories, then seconds.
    newest = {item.title for item in stored[: PAGES - BATCH_FILES - 1]}
    assert newest == {f"Ward {n} Budget Agreed" for n in range(BATCH_FILES, PAGES - 1)}


def test_after_a_bulk_load_new_pages_match_stored_stories(
    bulk_site: Path, bulk_settings: Settings, bulk_db: store.Store
) -> None:
    ingest(bulk_settings, bulk_db, now=NOW)
    write_seed(bulk_site / "seeds", "late.txt", SHARED + "\nWeekly Roundup\n\nA third roundup.\n")
    later = NOW.replace(hour=13)
    report = ingest(bulk_settings, bulk_db, now=later)
    assert (report.files_new, report.files_unchanged, report.items_new) == (1, PAGES, 1)
    assert "weekly-roundup-3" in {item.id for item in store.list_items(bulk_db, limit=1)}
    again = ingest(bulk_settings, bulk_db, now=later)
    assert (again.files_unchanged, again.items_new, again.items_updated) == (PAGES + 1, 0, 0)


def loading(db: store.Store) -> bool:
    """Whether another process is inside a bulk load of this store right now.

    On PostgreSQL its dropped indexes hold the items table locked; on SQLite it holds the
    write lock, taken here for a moment only by the brief migration check at its start.
    """
    if db.engine.dialect.name == "postgresql":
        query = (
            "SELECT count(*) FROM pg_locks WHERE relation = 'items'::regclass"
            " AND mode = 'AccessExclusiveLock' AND granted"
        )
        with db.reading() as conn:
            return bool(conn.exec_driver_sql(query).scalar())
    assert db.path is not None
    probe = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        for _ in range(3):  # held throughout 0.2 s: the load, not the migration check
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # "database is locked"
                time.sleep(0.1)
                continue
            probe.execute("ROLLBACK")
            return False
        return True
    finally:
        probe.close()


def test_ingest_killed_during_a_bulk_load_loses_nothing(killed_site: Path) -> None:
    """SIGKILL a ``publisher ingest`` while it loads: the store is left as it was."""
    bulk_site = killed_site
    bulk_settings = load_settings(None, {}, cwd=killed_site)
    db = store.open_store(bulk_settings.database.url, now=NOW)
    indexes = index_names(db)
    command = [sys.executable, "-m", "publisher", "ingest", "--json"]
    killed = subprocess.Popen(command, cwd=bulk_site, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not loading(db) and killed.poll() is None:
            assert time.monotonic() < deadline, "the ingest never began its load"
            time.sleep(0.02)
        killed.send_signal(signal.SIGKILL)
        assert killed.wait(timeout=10) == -signal.SIGKILL, "the load ended before the kill"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(killed.pid, signal.SIGKILL)  # its parse workers
        db.close()
    db = store.open_store(bulk_settings.database.url, now=NOW)
    try:
        assert (store.count_items(db), index_names(db)) == (0, indexes)
        report = ingest(bulk_settings, db, now=NOW)
        assert report.files_failed == 0
        assert {item.id for item in store.list_items(db)} == expected_ids(KILLED_PAGES)
    finally:
        db.close()
