"""Delivering from the ledger under faults: concurrent senders, refusals, deferrals and hangs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW, use_database, write_seed
from smtp_sink import Recorder, elapsed
from test_sending import ROUND_ONE, ROUND_TWO, SECRET, send, smtp_settings

from publisher import store
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.ingest.pipeline import ingest
from publisher.mail.outbound import make_mailer, make_sender
from publisher.mail.sending import send_due_digests
from publisher.mail.subscriptions import SubscriberInput, add_subscriber, subscribe

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL


def copies(recorder: Recorder) -> Counter[str]:
    return Counter(rcpt for _, recipients, _ in recorder.accepted for rcpt in recipients)


def readers_site(site: Path, port: int, count: int, **extra: str) -> tuple[Settings, list[str]]:
    """``count`` readers who joined yesterday, and a new seed: everyone is due an edition."""
    settings = smtp_settings(site, port, **extra)
    db = store.open_store(settings.database.url, now=NOW)
    readers = [f"reader{n}@example.org" for n in range(count)]
    for email in readers:
        add_subscriber(db, SubscriberInput(email), now=NOW - timedelta(days=1))
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW - timedelta(hours=1))
    db.close()
    return settings, readers


def test_digest_and_retry_jobs_at_once_send_each_reader_one_copy(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    recorder.delay = 0.005  # slow enough that both jobs are sending at the same time
    settings, readers = readers_site(mail_site, port, 80)
    db = store.open_store(settings.database.url, now=NOW)
    start = threading.Barrier(2)
    reports = []

    def job() -> None:  # what the daemon's digest job and retry job each run
        mailer = make_mailer(settings, {})
        start.wait()
        try:
            reports.append(
                send_due_digests(
                    settings, db, mailer, now=NOW, secret=SECRET, slots=lambda tz, c: NOW
                )
            )
        finally:
            mailer.close()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert copies(recorder) == dict.fromkeys(readers, 1)
    assert sorted(report.messages_sent for report in reports)[0] > 0  # both shared the work
    assert sum(report.messages_sent for report in reports) == len(readers)
    assert store.count_deliveries_by_status(db) == {"sent": len(readers)}
    db.close()


SENDER_PROCESS = """
import sys
from datetime import datetime
from pathlib import Path
from publisher import store
from publisher.core.settings import load_settings
from publisher.mail.outbound import make_mailer
from publisher.mail.sending import send_digests

settings = load_settings(None, {}, cwd=Path(sys.argv[1]))
db = store.open_store(settings.database.url)
mailer = make_mailer(settings, {})
report = send_digests(settings, db, mailer, now=datetime.fromisoformat(sys.argv[2]),
                      secret=b"s" * 32)
mailer.close()
print(report.messages_sent)
"""


def test_two_sender_processes_on_one_queue_send_each_reader_one_copy(
    mail_site: Path, smtp_server: tuple[Recorder, int], database_url: str | None
) -> None:
    recorder, port = smtp_server
    recorder.delay = 0.003
    _, readers = readers_site(mail_site, port, 150)
    (mail_site / "publisher.toml").write_text(
        '[site]\nurl = "https://news.example.org/"\n'
        f'[delivery]\ntransport = "smtp"\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
    )
    use_database(mail_site, database_url)
    command = [sys.executable, "-c", SENDER_PROCESS, str(mail_site), NOW.isoformat()]
    senders = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=60) for process in senders]
    assert [process.returncode for process in senders] == [0, 0], outputs
    assert copies(recorder) == dict.fromkeys(readers, 1)
    assert sum(int(out) for out, _ in outputs) == len(readers)


def test_a_hang_at_data_stops_the_run_after_one_timeout_and_keeps_the_rest_queued(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    recorder.hang = True
    settings, readers = readers_site(mail_site, port, 5, PUBLISHER_SMTP_TIMEOUT="1")
    db = store.open_store(settings.database.url, now=NOW)
    started = time.monotonic()
    report = send(settings, db)
    assert elapsed(started) < 4  # not 5 readers x 4 attempts x 1 s
    assert (report["messages_sent"], report["messages_deferred"]) == (0, 1)
    assert store.count_deliveries_by_status(db) == {"deferred": 1, "queued": 4}
    recorder.hang = False
    assert send(settings, db)["messages_sent"] == 4  # the deferred one waits its turn
    assert send(settings, db, NOW + timedelta(minutes=20))["messages_sent"] == 1
    assert copies(recorder) == dict.fromkeys(readers, 1)
    db.close()


def test_temporary_failures_give_up_and_the_reader_moves_on(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    recorder.defer = {"bob@example.org", "eve@example.org"}  # 451, every time
    settings = smtp_settings(mail_site, port, PUBLISHER_DELIVERY_BOUNCE_AFTER="2")
    db = store.open_store(settings.database.url, now=NOW)
    for email in ("ann@example.org", "bob@example.org", "eve@example.org"):
        add_subscriber(db, SubscriberInput(email), now=NOW)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_deferred"] == 2
    for hours in (1, 24, 48):  # retried, and still deferred
        assert send(settings, db, NOW + timedelta(hours=hours))["messages_failed"] == 0
    gave_up = send(settings, db, NOW + timedelta(hours=72))
    assert (gave_up["messages_failed"], gave_up["messages_deferred"]) == (2, 0)
    assert store.count_deliveries_by_status(db) == {"sent": 1, "failed": 2}
    # Bob's mailbox works again; the next edition with something new reaches him.
    recorder.defer = {"eve@example.org"}
    write_seed(settings.paths.seeds, "round2.txt", ROUND_TWO)
    later = NOW + timedelta(hours=73)
    ingest(settings, db, now=later)
    assert send(settings, db, later)["messages_sent"] == 2
    assert copies(recorder) == {"ann@example.org": 2, "bob@example.org": 1}
    # Eve's second message gives up too: with bounce_after = 2 she is bounced.
    send(settings, db, later + timedelta(hours=72))
    assert store.get_subscriber(db, "eve@example.org").status == "bounced"
    assert store.get_subscriber(db, "bob@example.org").status == "active"
    assert settings.delivery.give_up_hours == 72  # the default, as mail servers have it
    db.close()


def test_a_confirmation_mail_is_queued_claimed_and_retried(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    from publisher.mail.delivering import deliver_notices

    recorder, port = smtp_server
    recorder.defer = {"new@example.org"}
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    sender = make_sender(settings, SECRET)
    env = make_environment(settings.paths.templates)
    raw = SubscriberInput("new@example.org")
    assert subscribe(db, sender, env, raw, now=NOW, confirm_url_base="https://x.org/confirm/")
    assert recorder.accepted == []  # recorded only: a sender delivers it

    def deliver(minutes: int) -> int:
        mailer = make_mailer(settings, {})
        try:
            moment = NOW + timedelta(minutes=minutes)
            return deliver_notices(settings, db, mailer, clock=lambda: moment).messages_sent
        finally:
            mailer.close()

    assert deliver(0) == 0  # deferred
    recorder.defer = set()
    assert deliver(10) == 0  # not due yet
    assert deliver(16) == 1
    assert deliver(60) == 0
    assert copies(recorder) == {"new@example.org": 1}
    db.close()
