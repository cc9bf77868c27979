"""The inbound pass as people run it: ``publisher inbound check`` and the daemon's schedule."""

from __future__ import annotations

import json
import mailbox
import subprocess
import sys
from pathlib import Path

from smtp_sink import Recorder
from test_daemon import Site, stop, wait_until
from test_inbound import inbound_message

from publisher import store
from publisher.core.settings import load_settings

INBOUND = '[inbound]\nmaildir = "var/bounces"\naddress = "bounces@news.example.org"\n'


def publisher(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True,
        timeout=60, env={"PATH": "/usr/bin:/bin", "PUBLISHER_SECRET_KEY": "x" * 32},
    )  # fmt: skip


def deliver(site: Path, *messages: bytes) -> None:
    box = mailbox.Maildir(site / "var" / "bounces", create=True)
    for message in messages:
        box.add(message)


def statuses(site: Path) -> dict[str, str]:
    db = store.open_store(load_settings(None, {}, cwd=site).database.url)
    try:
        return {sub.email: sub.status for sub in store.list_subscribers(db)}
    finally:
        db.close()


def test_inbound_check_prints_what_it_did(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text(INBOUND)
    for email in ("una@example.org", "ann@example.org"):
        assert publisher("subscribers", "add", email, cwd=tmp_path).returncode == 0
    deliver(
        tmp_path,
        inbound_message("gmail_unsubscribe_mailto.eml"),
        inbound_message("reader_question.eml", bounce_to="bounces@news.example.org"),
    )
    first = publisher("inbound", "check", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "read 2 messages: 0 bounces, 0 abuse reports, 1 unsubscribe requests, "
        "0 with nothing to do, 1 left for a person",
        "  una@example.org: unsubscribed",
    ]
    again = json.loads(publisher("inbound", "check", "--json", cwd=tmp_path).stdout)
    assert (again["read"], again["changes"]) == (0, [])
    assert statuses(tmp_path) == {"ann@example.org": "active", "una@example.org": "unsubscribed"}


def test_inbound_check_without_a_mailbox_says_what_to_set(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text("")
    result = publisher("inbound", "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "set inbound.maildir or inbound.imap_host" in result.stderr


def test_the_daemon_reads_the_mailbox_on_its_schedule(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    _, smtp_port = smtp_server
    site = Site(tmp_path, smtp_port, "0 7 * * *")
    with (tmp_path / "publisher.toml").open("a") as config:
        config.write(INBOUND + "check_minutes = 0.02\n")  # every 1.2 s
    for email in ("una@example.org", "rhea@example.org"):
        assert publisher("subscribers", "add", email, cwd=tmp_path).returncode == 0
    deliver(tmp_path, inbound_message("gmail_unsubscribe_mailto.eml"))
    daemon = site.start()
    try:
        assert wait_until(lambda: statuses(tmp_path)["una@example.org"] == "unsubscribed", 10)
        # Mail arriving while it runs is read at the next check.
        deliver(tmp_path, inbound_message("reply_unsubscribe.eml", sender="rhea@example.org",
                                          bounce_to="bounces@news.example.org"))  # fmt: skip
        assert wait_until(lambda: statuses(tmp_path)["rhea@example.org"] == "unsubscribed", 10)
        manual = publisher("inbound", "check", cwd=tmp_path)
        assert manual.returncode == 1 and "already running" in manual.stderr
    finally:
        code, _ = stop(daemon)
    assert code == 0, site.log()
    assert list((tmp_path / "var" / "bounces" / "new").iterdir()) == []
