"""Many processes, one ledger: ``publisher worker``, a leader among daemons, ``digest send``
beside a running service. Real subprocesses, signals, aiosmtpd and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_SEEDS, database_config, write_seed
from smtp_sink import Recorder, free_port
from test_daemon import NEW_PAGE, Site, received, stop, wait_until

from publisher import store
from publisher.core.settings import load_settings
from publisher.core.templating import make_environment
from publisher.mail.planning import plan_editions
from publisher.mail.subscriptions import SubscriberInput, add_subscriber, import_csv
from publisher.service.web import RateLimiter

pytestmark = pytest.mark.each_database


def publisher(root: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=root, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def start_worker(site: Site, name: str) -> subprocess.Popen[bytes]:
    with (site.root / f"{name}.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "publisher", "worker"], cwd=site.root, env=site.env,
            stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip


def queue_edition(site: Site, count: int) -> list[str]:
    """``count`` readers and an edition queued for each of them (planned, not sent)."""
    publisher(site.root, "ingest", env=site.env).check_returncode()
    settings = load_settings(None, {}, cwd=site.root)
    db = store.open_store(settings.database.url)
    try:
        readers = [f"reader{n}@example.org" for n in range(count)]
        text = "email\n" + "".join(f"{email}\n" for email in readers)
        import_csv(db, text, now=datetime.now(UTC) - timedelta(days=1))
        env = make_environment(settings.paths.templates)
        plans = plan_editions(settings, db, env, now=datetime.now(UTC))
        assert sum(len(members) for _, members in plans) == count
    finally:
        db.close()
    return readers


def sent_count(site: Site) -> int:
    settings = load_settings(None, {}, cwd=site.root)
    db = store.open_store(settings.database.url)
    try:
        return store.count_deliveries_by_status(db).get("sent", 0)
    finally:
        db.close()


@pytest.mark.each_database("postgresql")
def test_four_workers_two_killed_mid_send_each_reader_gets_the_edition_once(
    tmp_path: Path, smtp_server: tuple[Recorder, int], database_url: str | None
) -> None:
    recorder, smtp_port = smtp_server
    recorder.delay = 0.005
    site = Site(tmp_path, smtp_port, "0 7 * * *", database_url)
    site.env |= {"PUBLISHER_DELIVERY_LEASE_SECONDS": "3", "PUBLISHER_SERVICE_POLL_SECONDS": "0.5"}
    readers = queue_edition(site, 2000)
    workers = [start_worker(site, f"worker{n}") for n in range(4)]
    try:
        assert wait_until(lambda: len(recorder.accepted) >= 400, 60), site.log()
        for killed in workers[:2]:
            killed.send_signal(signal.SIGKILL)
            killed.wait(timeout=10)
        assert wait_until(lambda: set(received(recorder)) == set(readers), 60)
        time.sleep(1)  # several more polls: nothing more arrives
    finally:
        stopped = [stop(worker) for worker in workers[2:]]
    copies = received(recorder)
    duplicated = sum(count - 1 for count in copies.values())
    print(f"messages {sum(copies.values())}, duplicated {duplicated}, stops {stopped}")
    assert all(code == 0 and took < 10 for code, took in stopped)
    assert set(copies) == set(readers) and duplicated <= 2 and max(copies.values()) <= 2
    assert sent_count(site) == len(copies)


def test_digest_send_beside_a_running_service_delivers_the_edition_once(
    tmp_path: Path, smtp_server: tuple[Recorder, int], database_url: str | None
) -> None:
    recorder, smtp_port = smtp_server
    recorder.delay = 0.005
    site = Site(tmp_path, smtp_port, "0 7 * * *", database_url)
    with (tmp_path / "publisher.toml").open("a") as config:
        config.write("[service]\npoll_seconds = 0.2\n")
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url)
    readers = [f"reader{n}@example.org" for n in range(300)]
    import_csv(db, "email\n" + "\n".join(readers) + "\n", now=datetime.now(UTC))
    db.close()
    daemon = site.start()
    try:
        # Readers who joined today are not due before 07:00: only the manual send plans.
        manual = publisher(tmp_path, "digest", "send", "--json", env=site.env)
        assert manual.returncode == 0, manual.stderr
        assert json.loads(manual.stdout)["messages_planned"] == len(readers)
        assert wait_until(lambda: set(received(recorder)) == set(readers), 30)
        time.sleep(1)
    finally:
        code, _ = stop(daemon)
    copies = received(recorder)
    assert code == 0 and max(copies.values()) == 1 and sent_count(site) == len(readers)


class SharedSite(Site):
    """One of several daemons sharing seeds and feeds (shared storage), each its own state."""

    def __init__(self, root: Path, shared: Path, smtp_port: int, url: str | None) -> None:
        root.mkdir()
        self.root, self.http_port = root, free_port()
        (root / "publisher.toml").write_text(
            f'[site]\nurl = "http://127.0.0.1:{self.http_port}/"\n'
            f"[http]\nport = {self.http_port}\n"
            f'[paths]\nseeds = "{shared}/seeds"\noutput = "{shared}/feeds"\n'
            '[digest]\nschedule = "* * * * *"\nfrom_address = "digest@news.example.org"\n'
            f'[delivery]\ntransport = "smtp"\n[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\n'
            "[schedule]\ndigest_check_seconds = 1\nrescan_seconds = 1\n"
            "[service]\nheartbeat_seconds = 1\npoll_seconds = 0.5\n" + database_config(url)
        )
        self.env = {**os.environ, "PUBLISHER_SECRET_KEY": "daemon-test-secret-0123456789"}


def status(site: Site) -> dict[str, Any]:
    shown = publisher(site.root, "status", "--json", env=site.env)
    assert shown.returncode == 0, shown.stderr
    return dict(json.loads(shown.stdout))


def roles(site: Site) -> Counter[str]:
    return Counter("gone" if p["gone"] else p["role"] for p in status(site)["processes"])


@pytest.mark.each_database("postgresql")
def test_two_daemons_one_leads_and_the_other_takes_over_when_it_is_killed(
    tmp_path: Path, smtp_server: tuple[Recorder, int], database_url: str | None
) -> None:
    recorder, smtp_port = smtp_server
    shared = tmp_path / "shared"
    for sample in sorted(SAMPLE_SEEDS.glob("00[02]_*.txt")):
        write_seed(shared / "seeds", sample.name, sample.read_bytes())
    sites = [SharedSite(tmp_path / name, shared, smtp_port, database_url) for name in "ab"]
    publisher(sites[0].root, "ingest", env=sites[0].env).check_returncode()
    db = store.open_store(load_settings(None, {}, cwd=sites[0].root).database.url)
    joined = datetime.now(UTC) - timedelta(hours=1)  # due at the slot just gone: at once
    add_subscriber(db, SubscriberInput("reader@example.org"), now=joined)
    db.close()
    running = [site.start() for site in sites]
    try:
        assert wait_until(lambda: roles(sites[0]) == {"leader": 1, "standby": 1}, 10)
        leader = status(sites[0])["leader"]["pid"]
        assert wait_until(lambda: len(recorder.accepted) == 1, 20), sites[0].log()
        # SIGKILL the leader; a new page arrives; the next minute's digest is due.
        next(p for p in running if p.pid == leader).send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        write_seed(shared / "seeds", "ferry.txt", NEW_PAGE, mtime=time.time() - 60)
        survivor = next(s for s, p in zip(sites, running, strict=True) if p.pid != leader)
        assert wait_until(lambda: roles(survivor) == {"leader": 1, "gone": 1}, 30)
        took_over = time.monotonic() - killed_at
        now = datetime.now(UTC)
        slot = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        assert wait_until(lambda: len(recorder.accepted) >= 2, 90), survivor.log()
        late = datetime.now(UTC) - slot
        time.sleep(2)  # more digest checks by the new leader: nothing more arrives
    finally:
        for process in running:
            if process.poll() is None:
                stop(process)
    print(f"takeover {took_over:.1f}s; second digest {late.total_seconds():.1f}s after its slot")
    assert took_over < 30 and late < timedelta(seconds=60)
    copies = [content for _, _, content in recorder.accepted]
    assert len(copies) == 2 and b"Ferry Service Restored" in copies[1]
    assert b"Ferry Service Restored" not in copies[0]


def test_subscribe_rate_limits_are_shared_by_every_process(
    database_url: str | None, tmp_path: Path
) -> None:
    url = database_url or f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = store.open_store(url), store.open_store(url)  # as two machines would
    try:
        now = datetime.now(UTC)
        limiters = [RateLimiter(db, "client", 3, timedelta(hours=1)) for db in (first, second)]
        allowed = [limiters[n % 2].allow("192.0.2.7", now) for n in range(6)]
        assert allowed == [True, True, True, False, False, False]
        assert limiters[0].allow("192.0.2.8", now)  # another client counts on its own
        assert limiters[1].allow("192.0.2.7", now + timedelta(hours=1, seconds=1))
    finally:
        first.close()
        second.close()
