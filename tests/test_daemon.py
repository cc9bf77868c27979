"""``publisher run`` as a real subprocess: HTTP over a socket, SMTP to aiosmtpd, signals."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
