"""``publisher run`` as a real subprocess: HTTP over a socket, SMTP to aiosmtpd, signals."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import SAMPLE_SEEDS, database_config, write_seed
from smtp_sink import Recorder, free_port

from publisher import store
from publisher.core.settings import load_settings
from publisher.mail.subscriptions import SubscriberInput, add_subscriber

# Tests that take database_url run on SQLite and PostgreSQL; the others are about HTTP.
pytestmark = pytest.mark.each_database

NEW_PAGE = "Ferry Service Restored\n\nThe island ferry runs again after the storm damage.\n"


def get(
    port: int, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_until(predicate: object, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(interval)
    return False


def healthy(port: int) -> bool:
    try:
        return get(port, "/healthz")[0] == 200
    except OSError:
        return False


class Site:
    """A temporary site folder configured for one test run of the daemon."""

    def __init__(
        self, root: Path, smtp_port: int, schedule: str, database_url: str | None = None
    ) -> None:
        self.root = root
        self.http_port = free_port()
        (root / "seeds").mkdir()
        for sample in sorted(SAMPLE_SEEDS.glob("00[02]_*.txt")):
            write_seed(root / "seeds", sample.name, sample.read_bytes())
        (root / "publisher.toml").write_text(
            f'[site]\nurl = "http://127.0.0.1:{self.http_port}/"\n'
            f"[http]\nport = {self.http_port}\n"
            f'[digest]\nschedule = "{schedule}"\nfrom_address = "digest@news.example.org"\n'
            f'[delivery]\ntransport = "smtp"\n[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\n'
            "[schedule]\ndigest_check_seconds = 1\n" + database_config(database_url)
        )
        self.env = {**os.environ, "PUBLISHER_SECRET_KEY": "daemon-test-secret-0123456789"}

    def start(self) -> subprocess.Popen[bytes]:
        """Start ``publisher run``; its log goes to daemon.log in the site folder."""
        with (self.root / "daemon.log").open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "publisher", "run"], cwd=self.root, env=self.env,
                stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
        assert wait_until(lambda: healthy(self.http_port) or process.poll() is not None, 30)
        assert process.poll() is None, self.log()
        return process

    def log(self) -> str:
        return (self.root / "daemon.log").read_text(encoding="utf-8", errors="replace")


def stop(process: subprocess.Popen[bytes]) -> tuple[int, float]:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=15)
    return code, time.monotonic() - started


@pytest.fixture
def next_minute() -> Iterator[str]:
    """A cron expression for the next whole minute (UTC), leaving time to start first."""
    now = datetime.now(UTC)
    if now.second > 45:
        time.sleep(61 - now.second)
        now = datetime.now(UTC)
    due = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    yield f"{due.minute} {due.hour} * * *"


def test_run_serves_watches_sends_once_and_stops_cleanly(
    tmp_path: Path, smtp_server: tuple[Recorder, int], next_minute: str, database_url: str | None
) -> None:
    recorder, smtp_port = smtp_server
    site = Site(tmp_path, smtp_port, next_minute, database_url)
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url)
    add_subscriber(db, SubscriberInput("reader@example.org"), now=datetime.now(UTC))
    db.close()
    daemon = site.start()
    try:
        assert wait_until(lambda: get(site.http_port, "/rss.xml")[0] == 200, 20)
        # A second daemon on the same site refuses to start, naming the first.
        second = subprocess.run(
            [sys.executable, "-m", "publisher", "run"], cwd=tmp_path, env=site.env,
            capture_output=True, timeout=30,
        )  # fmt: skip
        assert second.returncode != 0 and b"already running" in second.stderr
        assert f"pid {daemon.pid}".encode() in second.stderr
        # A manual send would race the daemon's own deliveries over one ledger: refused.
        manual = subprocess.run(
            [sys.executable, "-m", "publisher", "digest", "send"], cwd=tmp_path, env=site.env,
            capture_output=True, timeout=30,
        )  # fmt: skip
        assert manual.returncode == 1 and b"already running" in manual.stderr
        # A seed file written into the folder is in the served feed within 2 seconds.
        written = time.monotonic()
        (tmp_path / "seeds" / "ferry.txt").write_text(NEW_PAGE, encoding="utf-8")
        assert wait_until(
            lambda: b"Ferry Service Restored" in get(site.http_port, "/rss.xml")[2], 2
        )
        latency = time.monotonic() - written
        # The digest due at the next minute reaches the SMTP server, once.
        assert wait_until(lambda: len(recorder.accepted) >= 1, 90, interval=0.5)
        assert [rcpt for _, rcpts, _ in recorder.accepted for rcpt in rcpts] == [
            "reader@example.org"
        ]
    finally:
        code, took = stop(daemon)
    assert (code, took < 10) == (0, True), site.log()
    assert latency < 2
    restarted = site.start()
    try:
        time.sleep(3)  # several digest checks
        assert len(recorder.accepted) == 1
    finally:
        code, _ = stop(restarted)
    assert code == 0


def test_conditional_get_answers_304_then_200_after_a_new_seed(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    site = Site(tmp_path, smtp_server[1], "0 7 * * *")
    daemon = site.start()
    try:
        assert wait_until(lambda: get(site.http_port, "/atom.xml")[0] == 200, 20)
        status, headers, _ = get(site.http_port, "/atom.xml")
        etag = headers["etag"]
        assert headers["content-type"].startswith("application/atom+xml")
        assert get(site.http_port, "/atom.xml", {"If-None-Match": etag})[0] == 304
        # Written elsewhere, then renamed in with a fresh mtime: served once it has settled.
        outside = tmp_path / "ferry.txt"
        outside.write_text(NEW_PAGE, encoding="utf-8")
        outside.rename(tmp_path / "seeds" / "ferry.txt")
        assert wait_until(
            lambda: get(site.http_port, "/atom.xml", {"If-None-Match": etag})[0] == 200, 5
        )
        status, headers, body = get(site.http_port, "/atom.xml", {"If-None-Match": etag})
        assert status == 200 and headers["etag"] != etag and b"Ferry Service Restored" in body
    finally:
        code, _ = stop(daemon)
    assert code == 0


def test_a_taken_port_stops_the_daemon_at_once_naming_it(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    site = Site(tmp_path, smtp_server[1], "0 7 * * *")
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", site.http_port))
        squatter.listen(1)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "publisher", "run"], cwd=tmp_path, env=site.env,
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    assert result.returncode == 1 and time.monotonic() - started < 20
    assert f"cannot listen on 127.0.0.1:{site.http_port}" in result.stderr
    assert "http.port" in result.stderr


NEWS = """Ferry Service Restored

The island ferry runs again after the storm damage.

Library Opens On Sundays

The central library will open on Sundays from next month.
"""


def due_readers(site: Site, count: int) -> list[str]:
    """``count`` readers who joined yesterday and a new seed page: all due at the first check."""
    settings = load_settings(None, {}, cwd=site.root)
    db = store.open_store(settings.database.url)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    readers = [f"reader{n}@example.org" for n in range(count)]
    for email in readers:
        add_subscriber(db, SubscriberInput(email), now=yesterday)
    db.close()
    write_seed(site.root / "seeds", "news.txt", NEWS)
    return readers


def received(recorder: Recorder) -> Counter[str]:
    return Counter(rcpt for _, recipients, _ in list(recorder.accepted) for rcpt in recipients)


def test_killed_twice_while_sending_600_readers_each_gets_one_copy(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, smtp_port = smtp_server
    recorder.delay = 0.01
    site = Site(tmp_path, smtp_port, "* * * * *")
    readers = due_readers(site, 600)
    kills = 0
    for threshold in (150, 350):
        daemon = site.start()
        assert wait_until(lambda n=threshold: len(recorder.accepted) >= n, 60), site.log()
        daemon.send_signal(signal.SIGKILL)
        daemon.wait(timeout=10)
        kills += 1
    daemon = site.start()
    try:
        assert wait_until(lambda: set(received(recorder)) == set(readers), 60), site.log()
        time.sleep(2)  # several more digest checks: nothing more arrives
    finally:
        code, _ = stop(daemon)
    copies = received(recorder)
    lost = len(set(readers) - set(copies))
    duplicated = sum(count - 1 for count in copies.values())
    print(f"kills {kills}, messages {sum(copies.values())}, lost {lost}, duplicated {duplicated}")
    assert (code, lost, set(copies) <= set(readers)) == (0, 0, True)
    assert duplicated <= kills and max(copies.values()) <= 2


def test_a_silent_smtp_server_never_slows_the_web_and_sigterm_still_stops_at_once(
    tmp_path: Path, silent_server: int
) -> None:
    site = Site(tmp_path, silent_server, "* * * * *")
    with (tmp_path / "publisher.toml").open("a") as config:
        config.write("[subscriptions]\nper_client_per_hour = 0\nper_address_per_day = 0\n")
    due_readers(site, 3)  # the digest job meets the silence too
    daemon = site.start()
    slowest, stopping = 0.0, threading.Event()

    def watch_health() -> None:
        nonlocal slowest
        while not stopping.is_set():
            started = time.monotonic()
            try:
                status = get(site.http_port, "/healthz")[0]
            except OSError:
                status = 0
            slowest = max(slowest, time.monotonic() - started if status == 200 else 99.0)
            time.sleep(0.05)

    watcher = threading.Thread(target=watch_health)
    watcher.start()
    try:
        for n in range(50):  # more confirmation requests than the web server has threads
            assert post_subscribe(site.http_port, f"new{n}@example.org") == 200
        time.sleep(4)
    finally:
        stopping.set()
        watcher.join()
        code, took = stop(daemon)
    print(f"slowest /healthz {slowest:.3f}s; SIGTERM to exit {took:.1f}s")
    assert slowest < 1.0
    assert (code, took < 10) == (0, True), site.log()
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url)
    try:
        assert store.count_subscribers_by_status(db)["pending"] == 50  # all recorded, none lost
    finally:
        db.close()


def post_subscribe(port: int, email: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        headers = {"content-type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/subscribe", urlencode({"email": email}), headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def health_of(port: int) -> tuple[int, dict[str, object]]:
    status, _, body = get(port, "/healthz")
    return status, json.loads(body)


def test_sighup_never_stops_the_daemon(tmp_path: Path, smtp_server: tuple[Recorder, int]) -> None:
    site = Site(tmp_path, smtp_server[1], "0 7 * * *")
    daemon = site.start()
    try:
        assert wait_until(lambda: get(site.http_port, "/rss.xml")[0] == 200, 20)
        for _ in range(3):
            daemon.send_signal(signal.SIGHUP)
            time.sleep(0.2)
        assert daemon.poll() is None, site.log()
        (tmp_path / "seeds" / "ferry.txt").write_text(NEW_PAGE, encoding="utf-8")
        assert wait_until(lambda: b"Ferry Service" in get(site.http_port, "/rss.xml")[2], 5)
        assert health_of(site.http_port)[0] == 200
    finally:
        code, took = stop(daemon)
    assert (code, took < 10) == (0, True), site.log()
    assert site.log().count("received SIGHUP") == 3


def test_sighup_reopens_the_log_file(tmp_path: Path, smtp_server: tuple[Recorder, int]) -> None:
    site = Site(tmp_path, smtp_server[1], "0 7 * * *")
    with (tmp_path / "publisher.toml").open("a") as config:
        config.write('[logging]\nfile = "publisher.log"\n')
    log, rotated = tmp_path / "publisher.log", tmp_path / "publisher.log.1"
    daemon = site.start()
    try:
        assert wait_until(lambda: "watching" in log.read_text(), 10)
        log.rename(rotated)  # what logrotate does, then it sends SIGHUP
        daemon.send_signal(signal.SIGHUP)
        assert wait_until(lambda: log.is_file() and "received SIGHUP" in log.read_text(), 5)
        (tmp_path / "seeds" / "ferry.txt").write_text(NEW_PAGE, encoding="utf-8")
        assert wait_until(lambda: "build (file event)" in log.read_text(), 5)
    finally:
        code, _ = stop(daemon)
    assert code == 0
    assert "stopped" in log.read_text() and "SIGHUP" not in rotated.read_text()
    assert "serving" in rotated.read_text() and "file event" not in rotated.read_text()


def test_a_database_removed_or_replaced_under_the_daemon_is_reported(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    site = Site(tmp_path, smtp_server[1], "0 7 * * *")
    database = tmp_path / "var" / "publisher.db"
    daemon = site.start()
    try:
        assert wait_until(lambda: get(site.http_port, "/rss.xml")[0] == 200, 20)
        assert post_subscribe(site.http_port, "ann@example.org") == 200
        assert health_of(site.http_port)[0] == 200
        for suffix in ("", "-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        status, verdict = health_of(site.http_port)
        assert (status, verdict["problems"]) == (
            503, [f"the database file {database} was removed"]
        )  # fmt: skip
        assert post_subscribe(site.http_port, "bob@example.org") == 503
        store.open_store(f"sqlite:///{database}").close()  # a new file in its place
        status, verdict = health_of(site.http_port)
        assert status == 503 and f"the database file {database} was replaced" in verdict["problems"]
        assert post_subscribe(site.http_port, "cat@example.org") == 503
    finally:
        code, took = stop(daemon)
    assert (code, took < 10) == (0, True), site.log()
    assert "Traceback" not in site.log()


def test_the_daemon_skips_unreadable_seeds_and_keeps_publishing(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    site = Site(tmp_path, smtp_server[1], "0 7 * * *")
    seeds = tmp_path / "seeds"
    (seeds / "loop_a.txt").symlink_to("loop_b.txt")
    (seeds / "loop_b.txt").symlink_to("loop_a.txt")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "nested").mkdir()
    (seeds / "nested" / "back").symlink_to("..")
    os.mkfifo(seeds / "pipe.txt")
    daemon = site.start()
    try:
        assert wait_until(lambda: get(site.http_port, "/rss.xml")[0] == 200, 20), site.log()
        assert health_of(site.http_port)[0] == 200  # skipped files are reported, not a failure
        (seeds / "ferry.txt").write_text(NEW_PAGE, encoding="utf-8")
        assert wait_until(lambda: b"Ferry Service" in get(site.http_port, "/rss.xml")[2], 5)
        assert b"nologin" not in get(site.http_port, "/rss.xml")[2]
    finally:
        code, _ = stop(daemon)
    assert code == 0
    log = site.log()
    assert "loop_a.txt: skipped: a symbolic link loop" in log
    assert "pipe.txt: skipped: not a regular file (a FIFO)" in log
    assert "passwd.txt: skipped: a link leading out of the seed folder" in log
    assert "Traceback" not in log and "Exception in thread" not in log
