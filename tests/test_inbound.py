"""Classifying inbound mail: real-world-shaped bounces, reports and replies in, verdicts out."""

from __future__ import annotations

from pathlib import Path
from string import Template

import pytest

from publisher.mail.inbound import InboundAddresses, Kind, classify_message

DATA = Path(__file__).parent / "data" / "inbound"
ADDRESSES = InboundAddresses("bounces@news.example.org", "bounces+unsubscribe@news.example.org")
VERP = "bounces+r5.abcdefghijklmnopqrstuvwx@news.example.org"
MESSAGE_ID = "<digest.0123456789abcdef0123456789abcdef@news.example.org>"
UNSUBSCRIBE_TOKEN = "r5.0.AbCdEfGhIjKlMnOpQrStUv"


def inbound_message(name: str, **values: str) -> bytes:
    """A message from tests/data/inbound with its gaps filled, as a Maildir file holds it."""
    recipient = values.get("recipient", "dan@example.org")
    original = Template((DATA / "original_digest.eml").read_text()).substitute(
        envelope_sender=values.get("envelope_sender", VERP),
        recipient=recipient,
        message_id=MESSAGE_ID,
        unsubscribe_url=f"https://news.example.org/unsubscribe/{UNSUBSCRIBE_TOKEN}",
    )
    defaults = {
        "bounce_to": VERP,
        "report_to": "bounces@news.example.org",
        "unsubscribe_to": ADDRESSES.unsubscribe_address,
        "envelope_sender": VERP,
        "recipient": recipient,
        "sender": "una@example.org",
        "original_headers": original.split("\n\n", 1)[0],
        "original_message": original,
    }
    text = Template((DATA / name).read_text()).substitute({**defaults, **values})
    return text.encode("utf-8")


@pytest.mark.parametrize(
    ("name", "kind", "addresses"),
    [
        ("postfix_dsn_user_unknown.eml", Kind.BOUNCE, ("dan@example.org",)),
        ("qmail_failure_notice.eml", Kind.BOUNCE, ("dan@example.org",)),
        ("exim_mail_delivery_failed.eml", Kind.BOUNCE, ("dan@example.org",)),
        ("malformed_undeliverable.eml", Kind.BOUNCE, ()),
        ("postfix_dsn_delayed.eml", Kind.DELAY, ()),
        ("yahoo_arf_abuse.eml", Kind.COMPLAINT, ("dan@example.org",)),
        ("aol_arf_redacted.eml", Kind.COMPLAINT, ()),
        ("gmail_unsubscribe_mailto.eml", Kind.UNSUBSCRIBE, ("una@example.org",)),
        ("reply_unsubscribe.eml", Kind.UNSUBSCRIBE, ("una@example.org",)),
        ("vacation_autoreply.eml", Kind.AUTO_REPLY, ()),
        ("reader_question.eml", Kind.UNKNOWN, ()),
    ],
)
def test_each_kind_of_inbound_mail_is_recognised(
    name: str, kind: Kind, addresses: tuple[str, ...]
) -> None:
    redacted = {"recipient": "redacted"} if name.startswith("aol_") else {}
    verdict = classify_message(inbound_message(name, **redacted), ADDRESSES)
    assert (verdict.kind, verdict.addresses) == (kind, addresses)


def test_a_bounce_names_the_verp_token_and_the_quoted_message() -> None:
    for name in ("postfix_dsn_user_unknown.eml", "qmail_failure_notice.eml"):
        verdict = classify_message(inbound_message(name), ADDRESSES)
        assert verdict.verp_tokens == ("r5.abcdefghijklmnopqrstuvwx",), name
        assert verdict.message_ids == (MESSAGE_ID,), name


def test_a_lower_cased_verp_address_still_names_its_token() -> None:
    data = inbound_message("malformed_undeliverable.eml", bounce_to=VERP.upper())
    verdict = classify_message(data, ADDRESSES)
    assert (verdict.kind, verdict.verp_tokens) == (Kind.BOUNCE, ("r5.abcdefghijklmnopqrstuvwx",))


def test_a_redacted_abuse_report_is_traced_through_the_original_it_quotes() -> None:
    data = inbound_message("aol_arf_redacted.eml", recipient="redacted")  # as AOL sends it
    verdict = classify_message(data, ADDRESSES)
    assert verdict.kind is Kind.COMPLAINT and verdict.addresses == ()
    assert verdict.unsubscribe_tokens == (UNSUBSCRIBE_TOKEN,)
    assert verdict.verp_tokens == ("r5.abcdefghijklmnopqrstuvwx",)
    assert verdict.message_ids == (MESSAGE_ID,)


def test_a_failure_notice_without_verp_or_recipient_is_left_for_a_person() -> None:
    data = inbound_message("malformed_undeliverable.eml", bounce_to="bounces@news.example.org")
    assert classify_message(data, ADDRESSES).kind is Kind.UNKNOWN


def test_a_question_to_the_unsubscribe_address_still_unsubscribes() -> None:
    data = inbound_message("reader_question.eml", bounce_to=ADDRESSES.unsubscribe_address)
    verdict = classify_message(data, ADDRESSES)
    assert (verdict.kind, verdict.addresses) == (Kind.UNSUBSCRIBE, ("una@example.org",))


@pytest.mark.parametrize(
    ("subject", "leaving"),
    [
        ("Unsubscribe", True),
        ("RE: unsubscribe me please!", True),
        ("Remove me from this list", True),
        ("STOP", True),
        ("Please don't unsubscribe me", False),
        ("Could you add the Gazette?", False),
        ("", False),
    ],
)
def test_a_reply_asks_to_leave_only_in_plain_words(subject: str, leaving: bool) -> None:
    data = inbound_message("reply_unsubscribe.eml").replace(
        b"Subject: Unsubscribe please", f"Subject: {subject}".encode()
    )
    kind = classify_message(data, ADDRESSES).kind
    assert kind is (Kind.UNSUBSCRIBE if leaving else Kind.UNKNOWN)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\xff" * 300,
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\n",
        b"Content-Type: multipart/report; report-type=feedback-report\n\nno parts",
        b"Content-Type: message/delivery-status\n\nAction: failed\nFinal-Recipient: ;;;\n",
        b"From: =?utf-8?q?=FF?= <\xff@\xfe>\nSubject: \xff\n\n\xff",
    ],
)
def test_broken_mail_gives_a_verdict_never_an_exception(data: bytes) -> None:
    assert classify_message(data, ADDRESSES).kind in set(Kind)


def test_parts_nested_thousands_deep_are_left_for_a_person() -> None:
    nested = b"".join(
        b"--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n" % (level, level + 1)
        for level in range(3000)
    )
    data = b"From: x@example.org\nContent-Type: multipart/mixed; boundary=b0\n\n" + nested
    assert classify_message(data, ADDRESSES).kind is Kind.UNKNOWN
