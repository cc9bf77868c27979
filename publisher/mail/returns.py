"""The inbound use case: apply what came back (bounces, abuse reports, unsubscribe mails).

Each message is classified (``inbound``), the readers it names are checked against the
store (signed VERP and unsubscribe tokens first, then our Message-IDs, then plain
addresses), the change is written in one short transaction, and only then is the
message moved out of the way: a crash in between applies it again, which changes
nothing the second time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from publisher import store
from publisher.core.errors import TokenError
from publisher.core.models import Delivery, Subscriber
from publisher.core.settings import Settings
from publisher.mail import tokens
from publisher.mail.inbound import InboundAddresses, Kind, Verdict, classify_message
from publisher.mail.mailboxes import Mailbox
from publisher.mail.outbound import BOUNCE, UNSUBSCRIBE, unsubscribe_address

log = logging.getLogger(__name__)
BOUNCED_ERROR = "bounced after the server accepted it"
_COUNTS = {Kind.BOUNCE: "bounces", Kind.COMPLAINT: "complaints", Kind.UNSUBSCRIBE: "unsubscribes"}


@dataclass
class InboundReport:
    read: int = 0
    bounces: int = 0
    complaints: int = 0
    unsubscribes: int = 0
    other: int = 0  # recognised, nothing to do: delay notices, auto-replies
    unrecognised: int = 0  # left in the mailbox for a person
    changes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "bounces": self.bounces,
            "complaints": self.complaints,
            "unsubscribes": self.unsubscribes,
            "other": self.other,
            "unrecognised": self.unrecognised,
            "changes": list(self.changes),
        }


def inbound_addresses(settings: Settings) -> InboundAddresses:
    """The bounce and unsubscribe addresses [inbound] names (it must be configured)."""
    bounce = settings.inbound.address or ""
    return InboundAddresses(bounce, unsubscribe_address(settings) or bounce)


def check_inbound(
    settings: Settings,
    db: store.Store,
    mailbox: Mailbox,
    *,
    secret: bytes,
    now: datetime,
    should_stop: Callable[[], bool] = lambda: False,
) -> InboundReport:
    """One pass over the mailbox's unread messages; each is applied once, then moved."""
    addresses = inbound_addresses(settings)
    report = InboundReport()
    for message in mailbox.unread():
        if should_stop():
            break
        report.read += 1
        verdict = classify_message(message.data, addresses)
        if not verdict.recognised:
            log.info("inbound message %s left for a person: %s", message.key, verdict.reason)
            report.unrecognised += 1
            mailbox.mark_skipped(message.key)
            continue
        with db.transaction() as conn:
            changes = _apply(conn, settings, secret, verdict, now)
        mailbox.mark_processed(message.key)
        counter = _COUNTS.get(verdict.kind, "other")
        setattr(report, counter, getattr(report, counter) + 1)
        report.changes += changes
        log.info("inbound message %s: %s; %s", message.key, verdict.reason,
                 "; ".join(changes) or "no change")  # fmt: skip
    return report


def _apply(
    conn: store.Connection, settings: Settings, secret: bytes, verdict: Verdict, now: datetime
) -> list[str]:
    if verdict.kind is Kind.BOUNCE:
        bounce_after = settings.delivery.bounce_after
        named = _named(conn, secret, verdict)
        return [_bounce(conn, sub, found, bounce_after, now) for sub, found in named]
    if verdict.kind is Kind.COMPLAINT:
        named = _named(conn, secret, verdict)
        return [_set_status(conn, sub, "complained", now) for sub, _ in named]
    if verdict.kind is Kind.UNSUBSCRIBE:
        senders = [store.find_subscriber(conn, address) for address in verdict.addresses]
        return [
            _set_status(conn, sub, "unsubscribed", now)
            for sub in senders
            if sub is not None and sub.status in ("active", "pending")
        ]
    return []


def _set_status(conn: store.Connection, sub: Subscriber, status: str, now: datetime) -> str:
    if sub.status == status:
        return f"{sub.email}: already {status}"
    store.update_subscriber(conn, sub.id, now, status=status)
    return f"{sub.email}: {status}"


def _bounce(
    conn: store.Connection,
    sub: Subscriber,
    delivery: Delivery | None,
    bounce_after: int,
    now: datetime,
) -> str:
    """Count a hard bounce against the message it reports; bounced after ``bounce_after``."""
    delivery = delivery or store.find_latest_sent_delivery(conn, sub.id)
    if sub.status not in ("active", "pending"):
        return f"{sub.email}: bounce ignored ({sub.status})"
    if delivery is None:  # no message in the ledger (a confirmation mail): count it plainly
        bounced = store.record_hard_failure(conn, sub.id, bounce_after=bounce_after, now=now)
    elif store.mark_delivery_bounced(conn, delivery, error=BOUNCED_ERROR):
        bounced = store.count_failures_in_a_row(conn, sub.id, limit=bounce_after) >= bounce_after
    else:
        return f"{sub.email}: bounce already counted"
    if not bounced:
        return f"{sub.email}: bounce counted"
    store.update_subscriber(conn, sub.id, now, status="bounced")
    return f"{sub.email}: bounced"


def _named(
    conn: store.Connection, secret: bytes, verdict: Verdict
) -> list[tuple[Subscriber, Delivery | None]]:
    """Whom a report concerns: signed tokens first, then our Message-IDs, then addresses."""
    found: dict[int, tuple[Subscriber, Delivery | None]] = {}
    for sub in _token_subscribers(conn, secret, verdict):
        found[sub.id] = (sub, None)
    for message_id in verdict.message_ids:
        delivery = store.find_delivery_by_message_id(conn, message_id)
        if delivery is None or (found and delivery.subscriber_id not in found):
            continue
        owner = store.find_subscriber_by_id(conn, delivery.subscriber_id)
        if owner is not None:
            found[owner.id] = (owner, delivery)
    if not found:
        for address in verdict.addresses:
            named = store.find_subscriber(conn, address)
            if named is not None:
                found[named.id] = (named, None)
    return list(found.values())


def _token_subscribers(conn: store.Connection, secret: bytes, verdict: Verdict) -> list[Subscriber]:
    checks = [
        (token, tokens.mailbox_token_reference,
         partial(tokens.verify_mailbox_reference, secret, BOUNCE, token))
        for token in verdict.verp_tokens
    ] + [
        (token, tokens.token_reference,
         partial(tokens.verify_reference, secret, UNSUBSCRIBE, token))
        for token in verdict.unsubscribe_tokens
    ]  # fmt: skip
    named = (_checked(conn, token, reference, verify) for token, reference, verify in checks)
    return [sub for sub in named if sub is not None]


def _checked(
    conn: store.Connection,
    token: str,
    reference: Callable[[str], int],
    verify: Callable[[str], None],
) -> Subscriber | None:
    """The subscriber a genuine token names; a forged or stale one names nobody."""
    try:
        number = reference(token)
        sub = store.find_subscriber_by_id(conn, number) if number < 2**63 else None
        if sub is not None:
            verify(sub.email)
    except TokenError as exc:
        log.warning("inbound token %s refused: %s", token, exc)
        return None
    return sub
