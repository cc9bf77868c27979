"""Digest use cases end to end: real SQLite, real templates, a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from conftest import NOW, write_seed
from lxml import html as lxml_html
from smtp_sink import Recorder

from publisher import store
from publisher.core.errors import TokenError
from publisher.core.settings import Settings, load_settings
from publisher.ingest.pipeline import ingest
from publisher.mail.outbound import UNSUBSCRIBE, make_mailer
from publisher.mail.sending import send_digests
from publisher.mail.subscriptions import SubscriberInput, add_subscriber
from publisher.mail.tokens import sign_reference, token_reference, verify_reference

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

SECRET = b"test-secret-0123456789abcdef"
READERS = ("ann@example.org", "bob@example.org", "cat@example.org")
ROUND_ONE = """Tram Line Reopens

The east tram line reopened this morning after three months of works.

Market Hall Saved

Councillors voted to keep the market hall open for another ten years.
"""
ROUND_TWO = """Bridge Repairs Begin

Repairs to the old river bridge begin on Monday and will last all summer.
"""


def smtp_settings(site: Path, port: int, **extra: str) -> Settings:
    env = {
        "PUBLISHER_DELIVERY_TRANSPORT": "smtp",
        "PUBLISHER_SMTP_HOST": "127.0.0.1",
        "PUBLISHER_SMTP_PORT": str(port),
        "PUBLISHER_SMTP_TIMEOUT": "5",
        "PUBLISHER_DELIVERY_BACKOFF_BASE": "0.01",
        "PUBLISHER_SITE_URL": "https://news.example.org/",
        "PUBLISHER_DIGEST_FROM_ADDRESS": "digest@news.example.org",
        **extra,
    }
    return load_settings(None, env, cwd=site)


def send(settings: Settings, db: store.Store, now: object = NOW) -> dict[str, object]:
    mailer = make_mailer(settings, {})
    try:
        return send_digests(settings, db, mailer, now=now, secret=SECRET).as_dict()  # type: ignore[arg-type]
    finally:
        mailer.close()


def parsed(content: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(content)
    assert isinstance(message, EmailMessage)
    return message


def by_recipient(recorder: Recorder) -> dict[str, list[EmailMessage]]:
    found: dict[str, list[EmailMessage]] = {}
    for _, recipients, content in recorder.accepted:
        for recipient in recipients:
            found.setdefault(recipient, []).append(parsed(content))
    return found


def subscribe_all(db: store.Store) -> None:
    for email in READERS:
        add_subscriber(db, SubscriberInput(email, email.split("@")[0].title()), now=NOW)


def test_each_reader_gets_each_item_once_one_message_per_round(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    subscribe_all(db)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_sent"] == 3
    write_seed(settings.paths.seeds, "round2.txt", ROUND_TWO)
    ingest(settings, db, now=NOW + timedelta(days=1))
    assert send(settings, db, NOW + timedelta(days=1))["messages_sent"] == 3
    assert send(settings, db, NOW + timedelta(days=2))["messages_sent"] == 0
    received = by_recipient(recorder)
    assert sorted(received) == sorted(READERS)
    for messages in received.values():
        texts = [m.get_body(preferencelist=("plain",)).get_content() for m in messages]  # type: ignore[union-attr]
        assert len(messages) == 2
        assert "Tram Line Reopens" in texts[0] and "Market Hall Saved" in texts[0]
        assert "Bridge Repairs Begin" not in texts[0]
        assert "Bridge Repairs Begin" in texts[1] and "Tram Line Reopens" not in texts[1]
    db.close()


def test_digest_message_is_well_formed_and_complete(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    add_subscriber(db, SubscriberInput("ann@example.org", "Ann"), now=NOW)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    send(settings, db)
    ((_, _, content),) = recorder.accepted
    message = parsed(content)
    assert message.defects == [] and all(part.defects == [] for part in message.walk())
    for header in ("From", "To", "Subject", "Date", "Message-ID", "List-Id", "List-Unsubscribe"):
        assert message[header], header
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_url = message["List-Unsubscribe"].split(",")[0].strip(" <>")
    assert https_url.startswith("https://news.example.org/unsubscribe/")
    # Without [inbound] nothing reads a mailto, so none is offered (issue 9, finding 13).
    assert message["List-Unsubscribe"] == f"<{https_url}>"
    token = https_url.rsplit("/", 1)[1]
    verify_reference(SECRET, UNSUBSCRIBE, token, "ann@example.org")
    assert token_reference(token) == store.get_subscriber(db, "ann@example.org").id
    assert "ann" not in https_url and "YW5u" not in https_url  # no address, plain or base64
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert len(html.encode()) < 100_000 and 'style="' in html
    for part in (text, html):
        assert "Tram Line Reopens" in part and "Market Hall Saved" in part
        assert "https://news.example.org/items/tram-line-reopens.html" in part
        assert https_url in part
    db.close()


def test_hostile_title_adds_no_header_and_no_markup(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    add_subscriber(db, SubscriberInput("ann@example.org"), now=NOW)
    hostile = "Bcc: victim@example.com <script>alert(1)</script> Title\r\n\r\nA standfirst.\r\n"
    write_seed(settings.paths.seeds, "hostile.txt", hostile)
    ingest(settings, db, now=NOW)
    send(settings, db)
    ((_, recipients, content),) = recorder.accepted
    message = parsed(content)
    assert recipients == ["ann@example.org"] and message["Bcc"] is None
    html = message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert not lxml_html.fromstring(html).xpath("//script")
    db.close()


def test_forged_or_altered_tokens_are_refused() -> None:
    token = sign_reference(SECRET, UNSUBSCRIBE, 1, "ann@example.org")
    forged = sign_reference(b"another-secret-0123456789", UNSUBSCRIBE, 1, "ann@example.org")
    other = sign_reference(SECRET, UNSUBSCRIBE, 2, "bob@example.org")
    # Forged, altered, renumbered, or another reader's token: none serves ann.
    for bad in (forged, token[:-2] + "xx", token.replace("r1.", "r2.", 1), other):
        with pytest.raises(TokenError):
            verify_reference(SECRET, UNSUBSCRIBE, bad, "ann@example.org")


def test_deferred_then_accepted_is_sent_once(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    recorder.replies = ["421 4.3.2 try again later", "451 4.3.0 temporary failure"]
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    add_subscriber(db, SubscriberInput("ann@example.org"), now=NOW)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_sent"] == 1
    assert len(recorder.accepted) == 1
    assert send(settings, db, NOW + timedelta(hours=1))["messages_sent"] == 0
    db.close()


def test_refused_recipient_fails_alone(mail_site: Path, smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    recorder.refuse = {"bob@example.org"}
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    subscribe_all(db)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    report = send(settings, db)
    assert (report["messages_sent"], report["messages_failed"]) == (2, 1)
    assert sorted(by_recipient(recorder)) == ["ann@example.org", "cat@example.org"]
    assert store.count_deliveries_by_status(db) == {"sent": 2, "failed": 1}
    db.close()


def test_dropped_connection_loses_nothing_and_doubles_nothing(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    recorder.drops = 1
    settings = smtp_settings(mail_site, port)
    db = store.open_store(settings.database.url, now=NOW)
    subscribe_all(db)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_sent"] == 3
    assert sorted(r for _, rs, _ in recorder.accepted for r in rs) == sorted(READERS)
    db.close()


def test_repeated_hard_failures_mark_the_reader_bounced(
    mail_site: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    recorder.refuse = {"bob@example.org"}
    settings = smtp_settings(mail_site, port, PUBLISHER_DELIVERY_BOUNCE_AFTER="2")
    db = store.open_store(settings.database.url, now=NOW)
    add_subscriber(db, SubscriberInput("bob@example.org"), now=NOW)
    for day, text in enumerate((ROUND_ONE, ROUND_TWO)):
        write_seed(settings.paths.seeds, f"round{day}.txt", text)
        ingest(settings, db, now=NOW + timedelta(days=day))
        send(settings, db, NOW + timedelta(days=day))
    assert store.get_subscriber(db, "bob@example.org").status == "bounced"
    db.close()


def test_old_back_catalogue_stays_out_of_digests(mail_site: Path) -> None:
    settings = load_settings(None, {}, cwd=mail_site)
    db = store.open_store(settings.database.url, now=NOW)
    add_subscriber(db, SubscriberInput("ann@example.org"), now=NOW)
    old = "Archive Story\n\nFrom the vaults of the paper.\n\nJo Bloggs · 12 September 2015\n"
    write_seed(settings.paths.seeds, "old.txt", old)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_sent"] == 0
    db.close()


SLOW_SINK = """
import asyncio, sys, time
from aiosmtpd.controller import Controller

class Slow:
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.3)
        with open(sys.argv[2], "a") as log:
            log.write(",".join(envelope.rcpt_tos) + "\\n")
        return "250 OK"

controller = Controller(Slow(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
time.sleep(60)
"""


# On a database server the claims of a killed sender expire rather than being taken back at
# once (another host may be sending): that case belongs with the workers that share a ledger.
@pytest.mark.each_database("sqlite")
def test_killed_during_send_then_restarted_sends_each_once(mail_site: Path, tmp_path: Path) -> None:
    from smtp_sink import free_port

    port = free_port()
    log = tmp_path / "received.log"
    sink = subprocess.Popen([sys.executable, "-c", SLOW_SINK, str(port), str(log)])
    try:
        readers = [f"reader{n}@example.org" for n in range(12)]
        env = {**os.environ, "PUBLISHER_SECRET_KEY": SECRET.decode()}
        env.update(
            PUBLISHER_DELIVERY_TRANSPORT="smtp", PUBLISHER_SMTP_HOST="127.0.0.1",
            PUBLISHER_SMTP_PORT=str(port), PUBLISHER_INGEST_SETTLE_SECONDS="0",
        )  # fmt: skip
        settings = load_settings(None, env, cwd=mail_site)
        db = store.open_store(settings.database.url, now=NOW)
        for email in readers:
            add_subscriber(db, SubscriberInput(email), now=NOW)
        db.close()
        write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
        command = [sys.executable, "-m", "publisher", "digest", "send"]
        subprocess.run(
            [sys.executable, "-m", "publisher", "ingest"], cwd=mail_site, env=env, check=True
        )
        first = subprocess.Popen(command, cwd=mail_site, env=env)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (
            not log.exists() or len(log.read_text().split()) < 4
        ):
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        subprocess.run(command, cwd=mail_site, env=env, check=True, timeout=60)
        received = log.read_text().split()
        assert sorted(set(received)) == sorted(readers)
        assert len(received) - len(set(received)) <= 1
    finally:
        sink.kill()
        sink.wait()
