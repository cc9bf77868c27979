"""The store on SQLite and PostgreSQL: first opens and ingests at once, old schemas, parity."""

from __future__ import annotations

import mailbox
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import NOW, SAMPLE_SEEDS, use_database, write_seed
from smtp_sink import free_port

from publisher import store
from publisher.core.errors import StoreError
from publisher.core.settings import Settings, load_settings
from publisher.ingest.pipeline import ingest
from publisher.mail.outbound import make_mailer
from publisher.mail.sending import send_digests
from publisher.mail.subscriptions import SubscriberInput, add_subscriber
from publisher.publish.build import build
from publisher.store.migrations import MIGRATIONS
from publisher.store.tables import UTCDateTime, metadata

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

VERSIONS = [version for version, _, _ in MIGRATIONS]
# Each process waits for the same instants, then does its work: the starts coincide.
OPEN_AT_ONCE = """
import sys, time
from publisher import store
if sys.argv[1].startswith("postgresql"):
    import psycopg  # imported before the start, as a long-running process has it
for url, start in zip(sys.argv[1::2], sys.argv[2::2]):
    time.sleep(max(0.0, float(start) - time.time()))
    store.open_store(url).close()
"""
INGEST_AT_ONCE = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from publisher import store
from publisher.core.errors import StoreError
from publisher.core.settings import load_settings
from publisher.ingest.pipeline import ingest
settings = load_settings(None, {}, cwd=Path(sys.argv[1]))
db = store.open_store(settings.database.url)
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
print(ingest(settings, db, now=datetime.now(UTC)).as_dict())
"""
OWN_PAGE = "{title}\n\nA story that only the {name} machine has in its seed folder today.\n"


@pytest.fixture
def empty_database(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[], str]:
    """Makes URLs of new, empty databases on the backend under test."""
    if backend == "postgresql":
        make: Callable[[], str] = request.getfixturevalue("postgres_schemas")
        return make
    files = iter(range(1000))
    return lambda: f"sqlite:///{tmp_path / f'empty{next(files)}.db'}"


def run_at_once(script: str, argument_lists: list[list[str]]) -> list[str]:
    """Run ``script`` in one process per argument list at once; each must succeed."""
    command = [sys.executable, "-c", script]
    processes = [
        subprocess.Popen([*command, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for arguments in argument_lists
    ]
    results = [process.communicate(timeout=120) for process in processes]
    failures = [err for p, (_, err) in zip(processes, results, strict=True) if p.returncode]
    assert not failures, b"\n".join(failures).decode()
    return [out.decode() for out, _ in results]


def test_processes_opening_a_new_database_at_once_migrate_it_once(
    empty_database: Callable[[], str],
) -> None:
    urls = [empty_database() for _ in range(4)]
    first = time.time() + 3.0  # time enough for every process to start and import
    arguments = [value for n, url in enumerate(urls) for value in (url, str(first + n * 0.5))]
    run_at_once(OPEN_AT_ONCE, [arguments] * 3)
    for url in urls:
        opened = store.open_store(url)
        try:
            assert store.list_migrations(opened) == VERSIONS
        finally:
            opened.close()


def machine(folder: Path, url: str, name: str) -> Path:
    """A site folder as on one machine: the sample seeds, one page of its own, a shared database."""
    for sample in sorted(SAMPLE_SEEDS.glob("*.txt")):
        write_seed(folder / "seeds", sample.name, sample.read_bytes())
    write_seed(folder / "seeds", f"{name}.txt", OWN_PAGE.format(title=f"{name} Story", name=name))
    (folder / "publisher.toml").write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    return folder


def test_two_machines_ingesting_into_one_database_at_once_store_each_story_once(
    tmp_path: Path, empty_database: Callable[[], str]
) -> None:
    url = empty_database()
    store.open_store(url).close()  # migrated, as by a first start
    sites = [machine(tmp_path / name, url, name) for name in ("Alpha", "Beta")]
    start = str(time.time() + 3.0)
    run_at_once(INGEST_AT_ONCE, [[str(site), start] for site in sites])
    alone = load_settings(None, {}, cwd=machine(tmp_path / "alone", empty_database(), "Alpha"))
    write_seed(alone.paths.seeds, "Beta.txt", OWN_PAGE.format(title="Beta Story", name="Beta"))
    reference, shared = store.open_store(alone.database.url), store.open_store(url)
    try:
        ingest(alone, reference, now=NOW)
        stored = store.list_items(shared)
        # The same stories and ids as one ingest of both folders: none stored twice.
        assert sorted(item.id for item in stored) == sorted(
            item.id for item in store.list_items(reference)
        )
        assert {"alpha-story", "beta-story"} <= {item.id for item in stored}
    finally:
        reference.close()
        shared.close()


def test_an_old_postgresql_schema_is_converted_keeping_its_rows(
    tmp_path: Path, postgres_url: str
) -> None:
    store.open_store(postgres_url, now=NOW).close()
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:  # back to what migrations 1-2 made before the types fitted
        for table in metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, UTCDateTime):
                    conn.exec_driver_sql(
                        f"ALTER TABLE {table.name} ALTER COLUMN {column.name} TYPE varchar(32)"
                        f" USING to_char({column.name} AT TIME ZONE 'UTC',"
                        ' \'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"\')'
                    )
        conn.exec_driver_sql("ALTER TABLE seed_files ALTER COLUMN mtime_ns TYPE integer")
        conn.exec_driver_sql("ALTER TABLE items ALTER COLUMN seq DROP IDENTITY")
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE version = 7")
        conn.exec_driver_sql(
            "INSERT INTO subscribers (email, email_key, status, cadence, timezone, created,"
            " changed, hard_failures) VALUES ('ann@example.org', 'ann@example.org', 'active',"
            " 'daily', 'UTC', '2026-01-02T03:04:05.000006+00:00',"
            " '2026-01-02T03:04:05.000006+00:00', 0)"
        )
        conn.exec_driver_sql(
            "INSERT INTO items (seq, id, source, title, published, dated, first_seen, updated,"
            " fingerprint, title_key) VALUES (41, 'old-story', 'old', 'Old Story',"
            " '2026-01-02T00:00:00.000000+00:00', true, '2026-01-02T00:00:00.000000+00:00',"
            " '2026-01-02T00:00:00.000000+00:00', 'f', 't')"
        )
    engine.dispose()
    db = store.open_store(postgres_url, now=NOW)
    try:
        assert store.list_migrations(db) == VERSIONS
        ann = store.get_subscriber(db, "ann@example.org")
        assert ann.created == datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)
        site = load_settings(None, {}, cwd=machine(tmp_path, postgres_url, "Gamma"))
        ingest(site, db, now=NOW)  # mtimes in nanoseconds, past 2**31
        assert store.max_item_seq(db) == 41 + store.count_items(db) - 1
    finally:
        db.close()


READERS = ("ann@example.org", "bob@example.org", "cat@example.org")
SECRET = b"parity-test-secret-0123456789"
TODAY = """Tram Line Reopens

The east tram line reopened this morning after three months of works.

Market Hall Saved

Councillors voted to keep the market hall open for another ten years.
"""


def publish_and_mail(site: Path, url: str | None) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Ingest and build the seeds, then mail a digest: the files written and the messages."""
    shutil.copytree(SAMPLE_SEEDS, site / "seeds")
    write_seed(site / "seeds", "today.txt", TODAY)  # undated: new today, so in the digests
    use_database(site, url)
    env = {"PUBLISHER_SITE_URL": "https://news.example.org/"}
    settings = load_settings(None, env, cwd=site)
    db = store.open_store(settings.database.url, now=NOW)
    try:
        build(settings, db, now=NOW)
        for email in READERS:
            add_subscriber(db, SubscriberInput(email, email[:3].title()), now=NOW - timedelta(1))
        mailer = make_mailer(settings, {})
        try:
            send_digests(settings, db, mailer, now=NOW + timedelta(hours=1), secret=SECRET)
        finally:
            mailer.close()
    finally:
        db.close()
    return files_under(settings.paths.output), messages_in(settings)


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def messages_in(settings: Settings) -> dict[str, bytes]:
    """Each recipient's message, without its Message-ID and Date lines."""
    found: dict[str, bytes] = {}
    for message in mailbox.Maildir(settings.delivery.outbox, create=False):
        kept = [
            line
            for line in message.as_bytes().split(b"\n")
            if not line.lower().startswith((b"message-id:", b"date:"))
        ]
        found[parseaddr(str(message["To"]))[1]] = b"\n".join(kept)
    return found


def test_the_same_seeds_give_the_same_feeds_pages_and_digests_on_both_databases(
    tmp_path: Path, postgres_url: str
) -> None:
    lite_files, lite_mail = publish_and_mail(tmp_path / "sqlite", None)
    pg_files, pg_mail = publish_and_mail(tmp_path / "postgresql", postgres_url)
    assert {"rss.xml", "atom.xml", "feed.json", "index.html"} <= set(lite_files)
    assert sorted(pg_files) == sorted(lite_files)
    assert [name for name in lite_files if pg_files[name] != lite_files[name]] == []
    assert len(lite_mail) == len(READERS) and b"List-Unsubscribe" in lite_mail[READERS[0]]
    assert pg_mail == lite_mail


def test_a_database_url_without_its_driver_says_what_to_install() -> None:
    with pytest.raises(StoreError) as raised:
        store.open_store("postgresql+pg8000://editor:hunter2@127.0.0.1/news")
    message = str(raised.value)
    assert "pip install 'publisher[postgres]'" in message and "postgresql+psycopg://" in message
    assert "hunter2" not in message and "editor:***@127.0.0.1" in message


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    closed = free_port()
    with pytest.raises(StoreError) as raised:
        store.open_store(f"postgresql+psycopg://editor:hunter2@127.0.0.1:{closed}/news")
    assert "hunter2" not in str(raised.value) and str(closed) in str(raised.value)


def test_postgresql_connections_give_up_on_a_silent_network(postgres_url: str) -> None:
    db = store.open_store(postgres_url, now=NOW)
    try:
        with db.engine.connect() as conn:
            params = conn.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
    finally:
        db.close()
    assert params["keepalives"] == "1" and params["tcp_user_timeout"] == "60000"
