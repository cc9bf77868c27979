"""Inbound mail applied to the list: digests really sent, bounces and reports in a real Maildir.

Each test sends digests through the real SMTP server on 127.0.0.1, builds what a
remote server would send back from what it really received (its envelope sender,
headers and body), drops that into a Maildir in tmp_path as a mail server
delivers it, and runs the inbound pass on it.
"""

from __future__ import annotations

import logging
import mailbox
from pathlib import Path
from string import Template

import pytest
from conftest import NOW, use_database, write_seed
from smtp_sink import Recorder
from test_inbound import DATA
from test_sending import READERS, ROUND_ONE, ROUND_TWO, SECRET, parsed, send, smtp_settings

from publisher import store
from publisher.core.errors import InboundError
from publisher.core.settings import Settings
from publisher.ingest.pipeline import ingest
from publisher.mail import tokens
from publisher.mail.mailboxes import MaildirMailbox
from publisher.mail.outbound import BOUNCE
from publisher.mail.returns import InboundReport, check_inbound
from publisher.mail.subscriptions import SubscriberInput, add_subscriber

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

BOUNCES = "bounces@news.example.org"
UNSUBSCRIBE_TO = "bounces+unsubscribe@news.example.org"


@pytest.fixture(autouse=True)
def site_database(tmp_path: Path, database_url: str | None) -> None:
    """Each test's site is tmp_path: point it at the database under test."""
    use_database(tmp_path, database_url)


def inbound_settings(site: Path, port: int, **extra: str) -> Settings:
    """SMTP to the sink, and an [inbound] Maildir with VERP (as the environment sets it)."""
    (site / "seeds").mkdir(exist_ok=True)
    mailbox.Maildir(site / "bounces", create=True)
    env = {
        "PUBLISHER_INBOUND_MAILDIR": str(site / "bounces"),
        "PUBLISHER_INBOUND_ADDRESS": BOUNCES,
        "PUBLISHER_INBOUND_VERP": "true",
        **extra,
    }
    return smtp_settings(site, port, **env)


class Outbox:
    """What the sink received, by recipient: envelope sender and the message as it arrived."""

    def __init__(self, recorder: Recorder) -> None:
        self.by_recipient = {
            rcpt[0]: (mail_from, content.replace(b"\r\n", b"\n").decode("utf-8"))
            for mail_from, rcpt, content in recorder.accepted
        }

    def reply(self, name: str, reader: str, **values: str) -> bytes:
        """A message from tests/data/inbound answering what ``reader`` was sent."""
        envelope_sender, content = self.by_recipient[reader]
        original = f"Return-Path: <{envelope_sender}>\n{content}"
        defaults = {
            "bounce_to": envelope_sender,  # a bounce goes to the envelope sender
            "report_to": BOUNCES,  # a feedback loop reports to the address registered
            "unsubscribe_to": UNSUBSCRIBE_TO,
            "envelope_sender": envelope_sender,
            "recipient": reader,
            "sender": reader,
            "original_headers": original.split("\n\n", 1)[0],
            "original_message": original,
        }
        text = Template((DATA / name).read_text()).substitute({**defaults, **values})
        return text.encode("utf-8")


def deliver(settings: Settings, *messages: bytes) -> None:
    """As the mail server does: through tmp/ into new/."""
    assert settings.inbound.maildir is not None
    box = mailbox.Maildir(settings.inbound.maildir, create=False)
    for message in messages:
        box.add(message)


def inbound_pass(settings: Settings, db: store.Store) -> InboundReport:
    assert settings.inbound.maildir is not None
    box = MaildirMailbox(settings.inbound.maildir)
    return check_inbound(settings, db, box, secret=SECRET, now=NOW)


def statuses(db: store.Store) -> dict[str, str]:
    return {sub.email: sub.status for sub in store.list_subscribers(db)}


def first_round(settings: Settings, readers: tuple[str, ...]) -> store.Store:
    db = store.open_store(settings.database.url, now=NOW)
    for email in readers:
        add_subscriber(db, SubscriberInput(email), now=NOW)
    write_seed(settings.paths.seeds, "round1.txt", ROUND_ONE)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_sent"] == len(readers)
    return db


@pytest.mark.parametrize("verp", ["true", "false"])
def test_one_pass_bounces_complains_and_unsubscribes_then_the_next_digest_skips_them(
    tmp_path: Path, smtp_server: tuple[Recorder, int], verp: str
) -> None:
    """Issue 9, acceptance 4 (finding 13); without VERP the bounces name their readers."""
    recorder, port = smtp_server
    readers = ("ann@example.org", "dan@example.org", "quinn@example.org", "carl@example.org",
               "una@example.org", "rhea@example.org")  # fmt: skip
    settings = inbound_settings(
        tmp_path, port, PUBLISHER_DELIVERY_BOUNCE_AFTER="1", PUBLISHER_INBOUND_VERP=verp
    )
    db = first_round(settings, readers)
    sent = Outbox(recorder)
    deliver(
        settings,
        sent.reply("postfix_dsn_user_unknown.eml", "dan@example.org"),
        sent.reply("qmail_failure_notice.eml", "quinn@example.org"),
        sent.reply("yahoo_arf_abuse.eml", "carl@example.org"),
        sent.reply("gmail_unsubscribe_mailto.eml", "una@example.org"),
        sent.reply("reply_unsubscribe.eml", "rhea@example.org", bounce_to=BOUNCES),
        # Ann stays: her delay notice, her out-of-office reply and her question change nothing.
        sent.reply("postfix_dsn_delayed.eml", "ann@example.org"),
        sent.reply("vacation_autoreply.eml", "ann@example.org"),
        sent.reply("reader_question.eml", "ann@example.org", bounce_to=BOUNCES),
    )
    report = inbound_pass(settings, db)
    assert report.as_dict() | {"changes": sorted(report.changes)} == {
        "read": 8, "bounces": 2, "complaints": 1, "unsubscribes": 2, "other": 2,
        "unrecognised": 1,
        "changes": ["carl@example.org: complained", "dan@example.org: bounced",
                    "quinn@example.org: bounced", "rhea@example.org: unsubscribed",
                    "una@example.org: unsubscribed"],
    }  # fmt: skip
    expected = {"ann@example.org": "active", "dan@example.org": "bounced",
                "quinn@example.org": "bounced", "carl@example.org": "complained",
                "una@example.org": "unsubscribed", "rhea@example.org": "unsubscribed"}  # fmt: skip
    assert statuses(db) == expected
    # Every message is out of new/: seven marked seen, the question flagged, unread, for a person.
    maildir = tmp_path / "bounces"
    assert list((maildir / "new").iterdir()) == []
    flags = sorted(path.name.rsplit(":2,", 1)[1] for path in (maildir / "cur").iterdir())
    assert flags == ["F"] + ["S"] * 7

    again = inbound_pass(settings, db)
    assert (again.read, again.changes, statuses(db)) == (0, [], expected)

    recorder.accepted.clear()
    write_seed(settings.paths.seeds, "round2.txt", ROUND_TWO)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_sent"] == 1
    assert [rcpt for _, rcpt, _ in recorder.accepted] == [["ann@example.org"]]
    db.close()


def test_applying_the_same_mail_twice_changes_nothing_the_second_time(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    """A crash after the change was stored but before the message moved: it comes again."""
    recorder, port = smtp_server
    settings = inbound_settings(tmp_path, port, PUBLISHER_DELIVERY_BOUNCE_AFTER="2")
    db = first_round(settings, READERS)
    sent = Outbox(recorder)
    messages = (
        sent.reply("postfix_dsn_user_unknown.eml", "ann@example.org"),
        sent.reply("yahoo_arf_abuse.eml", "bob@example.org"),
        sent.reply("gmail_unsubscribe_mailto.eml", "cat@example.org"),
    )
    deliver(settings, *messages)
    first = inbound_pass(settings, db)
    assert sorted(first.changes) == [
        "ann@example.org: bounce counted", "bob@example.org: complained",
        "cat@example.org: unsubscribed",
    ]  # fmt: skip
    before = (statuses(db), store.count_deliveries_by_status(db))
    deliver(settings, *messages)
    second = inbound_pass(settings, db)
    assert sorted(second.changes) == [
        "ann@example.org: bounce already counted",
        "bob@example.org: already complained",
    ]  # cat is no longer subscribed: her second request finds nobody to change
    assert (statuses(db), store.count_deliveries_by_status(db)) == before
    db.close()


def test_bounce_after_counts_bounced_digests_in_a_row(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = inbound_settings(tmp_path, port, PUBLISHER_DELIVERY_BOUNCE_AFTER="2")
    db = first_round(settings, ("ann@example.org",))
    deliver(settings, Outbox(recorder).reply("exim_mail_delivery_failed.eml", "ann@example.org"))
    assert inbound_pass(settings, db).changes == ["ann@example.org: bounce counted"]
    assert statuses(db) == {"ann@example.org": "active"}
    recorder.accepted.clear()
    write_seed(settings.paths.seeds, "round2.txt", ROUND_TWO)
    ingest(settings, db, now=NOW)
    assert send(settings, db)["messages_sent"] == 1
    deliver(settings, Outbox(recorder).reply("exim_mail_delivery_failed.eml", "ann@example.org"))
    assert inbound_pass(settings, db).changes == ["ann@example.org: bounced"]
    assert statuses(db) == {"ann@example.org": "bounced"}
    db.close()


def test_verp_names_the_reader_of_a_bounce_that_names_nobody(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = inbound_settings(tmp_path, port, PUBLISHER_DELIVERY_BOUNCE_AFTER="1")
    db = first_round(settings, READERS)
    sent = Outbox(recorder)
    bob_sender, _ = sent.by_recipient["bob@example.org"]
    assert bob_sender.startswith("bounces+r") and bob_sender.endswith("@news.example.org")
    deliver(settings, sent.reply("malformed_undeliverable.eml", "bob@example.org"))
    assert inbound_pass(settings, db).changes == ["bob@example.org: bounced"]
    assert statuses(db)["bob@example.org"] == "bounced"
    db.close()


def test_a_forged_verp_token_names_nobody(
    tmp_path: Path, smtp_server: tuple[Recorder, int], caplog: pytest.LogCaptureFixture
) -> None:
    recorder, port = smtp_server
    settings = inbound_settings(tmp_path, port, PUBLISHER_DELIVERY_BOUNCE_AFTER="1")
    db = first_round(settings, READERS)
    bob = store.get_subscriber(db, "bob@example.org")
    forged = tokens.sign_mailbox_reference(b"not-our-secret-at-all", BOUNCE, bob.id, bob.email)
    address = f"bounces+{forged}@news.example.org"
    message = Outbox(recorder).reply("malformed_undeliverable.eml", "bob@example.org",
                                     bounce_to=address)  # fmt: skip
    deliver(settings, message)
    with caplog.at_level(logging.WARNING, logger="publisher.mail.returns"):
        report = inbound_pass(settings, db)
    assert (report.bounces, report.changes) == (1, [])
    assert "refused" in caplog.text
    assert statuses(db)["bob@example.org"] == "active"
    db.close()


def test_a_redacted_abuse_report_finds_its_reader_through_the_tokens_it_quotes(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = inbound_settings(tmp_path, port)
    db = first_round(settings, READERS)
    sent = Outbox(recorder)
    envelope_sender, content = sent.by_recipient["cat@example.org"]
    redacted = content.replace("cat@example.org", "redacted")
    original = f"Return-Path: <{envelope_sender}>\n{redacted}"
    deliver(settings, sent.reply("aol_arf_redacted.eml", "cat@example.org",
                                 original_message=original))  # fmt: skip
    assert inbound_pass(settings, db).changes == ["cat@example.org: complained"]
    db.close()


def test_with_inbound_the_list_headers_name_the_mailbox(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = inbound_settings(tmp_path, port)
    db = first_round(settings, ("ann@example.org",))
    ((mail_from, _, content),) = recorder.accepted
    message = parsed(content)
    https_url = message["List-Unsubscribe"].split(",")[0].strip(" <>")
    assert message["List-Unsubscribe"] == (
        f"<{https_url}>, <mailto:{UNSUBSCRIBE_TO}?subject=unsubscribe>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = mail_from.split("+", 1)[1].split("@")[0]
    ann = store.get_subscriber(db, "ann@example.org")
    assert tokens.mailbox_token_reference(token.upper()) == ann.id
    tokens.verify_mailbox_reference(SECRET, BOUNCE, token.upper(), ann.email)  # case survives
    db.close()


def test_without_verp_bounces_return_to_the_inbound_address(
    tmp_path: Path, smtp_server: tuple[Recorder, int]
) -> None:
    recorder, port = smtp_server
    settings = inbound_settings(tmp_path, port, PUBLISHER_INBOUND_VERP="false")
    first_round(settings, ("ann@example.org",)).close()
    assert [mail_from for mail_from, _, _ in recorder.accepted] == [BOUNCES]


def test_a_folder_that_is_not_a_maildir_is_named(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(InboundError, match=r"plain is not a Maildir.*inbound\.maildir"):
        MaildirMailbox(tmp_path / "plain")
