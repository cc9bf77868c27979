"""Planning is per reader: one reader's conflict or refusal never holds up anyone else's digest."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import NOW, write_seed
from smtp_sink import Recorder
from test_sending import (
    ROUND_ONE,
    ROUND_TWO,
    SECRET,
    by_recipient,
    smtp_settings,
    subscribe_all,
)

from publisher import store
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.ingest.pipeline import ingest
from publisher.mail.links import confirm, unsubscribe
from publisher.mail.outbound import CONFIRM, UNSUBSCRIBE, make_mailer, make_sender
from publisher.mail.sending import SendReport, send_due_digests
from publisher.mail.subscriptions import SubscriberInput, add_subscriber, subscribe
from publisher.mail.tokens import sign_reference

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL


def scheduled(settings: Settings, db: store.Store, now: datetime, slot: datetime) -> SendReport:
    """One run of the daemon's digest job at ``now``, with ``slot`` the latest scheduled time."""
    mailer = make_mailer(settings, {})
    try:
        return send_due_digests(
            settings, db, mailer, now=now, secret=SECRET, slots=lambda zone, cadence: slot
        )
    finally:
        mailer.close()


def texts(recorder: Recorder, email: str) -> list[str]:
    return [
        message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        for message in by_recipient(recorder).get(email, [])
    ]


def test_a_refused_reader_does_not_stop_a_new_readers_digest(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    recorder.refuse = {"bob@example.org"}
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    subscribe_all(db)  # ann, bob, cat, subscribed at NOW
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    first = scheduled(settings, db, NOW + timedelta(hours=2), NOW + timedelta(hours=1))
    assert (first.messages_sent, first.messages_failed) == (2, 1)
    # Bob's refused edition is planned again with the next slot (same items, same edition):
    # only Bob is skipped; Dan, who joined since, gets his digest.
    add_subscriber(db, SubscriberInput("dan@example.org"), now=NOW + timedelta(hours=3))
    second = scheduled(settings, db, NOW + timedelta(hours=6), NOW + timedelta(hours=5))
    assert (second.messages_sent, second.messages_failed, second.errors) == (1, 0, [])
    assert len(texts(recorder, "dan@example.org")) == 1
    # Bob's mailbox works again: the next edition with something new reaches everyone once.
    recorder.refuse = set()
    write_seed(settings.paths.seeds, "round2.txt", ROUND_TWO)
    ingest(settings, db, now=NOW + timedelta(days=1))
    third = scheduled(settings, db, NOW + timedelta(days=1, hours=2), NOW + timedelta(days=1))
    assert third.messages_sent == 4
    (bob,) = texts(recorder, "bob@example.org")
    assert "Bridge Repairs Begin" in bob
    ann = texts(recorder, "ann@example.org")
    assert len(ann) == 2 and "Tram Line Reopens" not in ann[1]
    db.close()


def test_a_reader_who_leaves_and_returns_the_same_day_gets_the_next_new_edition(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    subscribe_all(db)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    assert (
        scheduled(
            settings, db, NOW + timedelta(minutes=2), NOW + timedelta(minutes=1)
        ).messages_sent
        == 3
    )
    cat = store.get_subscriber(db, "cat@example.org")
    later = NOW + timedelta(hours=1)
    unsubscribe(db, SECRET, sign_reference(SECRET, UNSUBSCRIBE, cat.id, cat.email), now=later)
    subscribe(
        db, make_sender(settings, SECRET), make_environment(settings.paths.templates),
        SubscriberInput(cat.email), now=later, confirm_url_base="https://news.example.org/",
    )  # fmt: skip
    token = sign_reference(SECRET, CONFIRM, cat.id, cat.email, issued=later)
    confirm(db, SECRET, token, now=later, max_age=timedelta(days=7))
    add_subscriber(db, SubscriberInput("dan@example.org"), now=later)
    # The same day's slot again: Cat already has exactly this edition, Dan is new.
    report = scheduled(settings, db, NOW + timedelta(hours=3), NOW + timedelta(hours=2))
    assert (report.messages_sent, report.errors) == (1, [])
    assert len(texts(recorder, "cat@example.org")) == 1
    assert len(texts(recorder, "dan@example.org")) == 1
    write_seed(settings.paths.seeds, "round2.txt", ROUND_TWO)
    ingest(settings, db, now=NOW + timedelta(days=1))
    scheduled(settings, db, NOW + timedelta(days=1, hours=2), NOW + timedelta(days=1))
    second = texts(recorder, "cat@example.org")[1]
    assert "Bridge Repairs Begin" in second and "Tram Line Reopens" not in second
    db.close()
