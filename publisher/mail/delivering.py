"""Delivering what the ledgers hold: claim a small batch, send each message, mark each result.

A sender (one ``Lease``: a worker id and how long its claims last) claims due messages,
renews its claims while it works so a slow batch never loses them, and records each result
with an update that checks the claim is still its own: two senders, in one process or in
two, never send one message twice, and a sender that dies leaves its claims to expire back
into the queue. A message still undeliverable after ``delivery.give_up_hours`` fails, so
its reader moves on to newer editions.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from jinja2 import Environment

from publisher import store
from publisher.core.errors import (
    DeliveryError,
    PermanentDeliveryError,
    SubscriberNotFoundError,
    TemporaryDeliveryError,
    UnreachableServerError,
)
from publisher.core.models import Delivery, Notice, Subscriber
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.mail import compose
from publisher.mail.outbound import Sender
from publisher.mail.planning import edition_content
from publisher.mail.transports import Mailer

log = logging.getLogger(__name__)
BATCH = 20  # small, so that several senders share a long queue
MARGIN_SECONDS = 5.0  # rendering and database writes around one message


@dataclass
class SendReport:
    editions: int = 0
    messages_sent: int = 0
    messages_failed: int = 0
    messages_deferred: int = 0
    messages_planned: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "editions": self.editions,
            "messages_sent": self.messages_sent,
            "messages_failed": self.messages_failed,
            "messages_deferred": self.messages_deferred,
            "messages_planned": self.messages_planned,
        }


def new_worker_id() -> str:
    """Who holds a claim: host, process and a random part (two senders in one process differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass
class Lease:
    """One sender's claims: who it is, the longest one message may take, and their expiry."""

    worker: str
    budget: timedelta
    clock: Callable[[], datetime]
    until: datetime | None = None
    held: set[int] = field(default_factory=set)

    def renewed(self) -> datetime:
        """A fresh expiry: room for two messages, renewed before one could outlast it."""
        self.until = self.clock() + 2 * self.budget
        return self.until

    def keeps(self, db: store.Store, ledger: store.Ledger, message_id: int) -> bool:
        """Whether the claim on this message still holds for at least one message's time."""
        if self.until is None or self.clock() + self.budget >= self.until:
            self.held = store.renew_claims(db, ledger, worker=self.worker, until=self.renewed())
        return message_id in self.held


def lease_for(settings: Settings, clock: Callable[[], datetime]) -> Lease:
    """The longest one message may take: every attempt's deadline, the pauses and the rate."""
    delivery, smtp = settings.delivery, settings.smtp
    pauses = delivery.backoff_base * (2 ** (delivery.max_attempts - 1) - 1)
    spacing = 1 / smtp.rate_per_second if smtp.rate_per_second else 0.0
    seconds = delivery.max_attempts * smtp.timeout + pauses + spacing + MARGIN_SECONDS
    return Lease(new_worker_id(), timedelta(seconds=seconds), clock)


class _Claimed(Protocol):
    @property
    def id(self) -> int: ...


Claimed = TypeVar("Claimed", bound=_Claimed)


def run_claims(
    db: store.Store,
    ledger: store.Ledger,
    lease: Lease,
    claim: Callable[[datetime, datetime], Sequence[Claimed]],
    handle: Callable[[Claimed], bool],
    should_stop: Callable[[], bool],
) -> None:
    """Claim batches until nothing is due; ``handle`` returns False to stop (server down).

    Whatever is still claimed when this returns or raises goes back to the queue.
    """
    try:
        while not should_stop():
            batch = claim(lease.clock(), lease.renewed())
            lease.held = {message.id for message in batch}
            if not batch:
                return
            for message in batch:
                if should_stop():
                    return
                if lease.keeps(db, ledger, message.id) and not handle(message):
                    return
    finally:
        store.release_claims(db, ledger, worker=lease.worker)


# --- digests ----------------------------------------------------------------------------------


@dataclass
class _Renderer:
    """Renders each edition once per run, however many readers it goes to."""

    settings: Settings
    db: store.Store
    env: Environment
    source_names: Mapping[str, str]
    cache: dict[str, compose.RenderedEdition] = field(default_factory=dict)

    def rendered(self, key: str) -> compose.RenderedEdition:
        if key not in self.cache:
            edition = store.get_edition(self.db, key)
            items = store.get_items(self.db, edition.item_ids)
            content = edition_content(
                self.settings, key, items, edition.created, self.source_names, edition.more_count
            )
            self.cache[key] = compose.render_edition(self.env, content)
        return self.cache[key]


@dataclass
class _DigestRun:
    settings: Settings
    db: store.Store
    mailer: Mailer
    sender: Sender
    lease: Lease
    report: SendReport
    renderer: _Renderer

    def deliver(self, delivery: Delivery) -> bool:
        """Send one claimed message and record the result; False when the server is down."""
        try:
            sub = store.get_subscriber_by_id(self.db, delivery.subscriber_id)
        except SubscriberNotFoundError:
            return True  # erased meanwhile, with their ledger rows
        if sub.status != "active":
            self._mark_failed(delivery, sub, f"subscriber is {sub.status}", hard=False)
            return True
        rendered = self.renderer.rendered(delivery.edition_key)
        message = personalise(rendered, sub, self.sender, delivery)
        envelope = self.sender.envelope_sender(sub.id, sub.email)  # VERP: a bounce names its reader
        try:
            self.mailer.send(message.as_bytes(), sender=envelope, recipient=sub.email)
        except PermanentDeliveryError as exc:
            self._mark_failed(delivery, sub, str(exc), hard=True)
        except TemporaryDeliveryError as exc:
            self._defer(delivery, sub, exc)
            return not isinstance(exc, UnreachableServerError)
        else:
            with self.db.transaction() as conn:
                kept = store.mark_delivery_sent(
                    conn, delivery, worker=self.lease.worker, now=self.lease.clock()
                )
            self._count(kept, "sent", sub)
        return True

    def _defer(self, delivery: Delivery, sub: Subscriber, exc: TemporaryDeliveryError) -> None:
        now, hours = self.lease.clock(), self.settings.delivery.give_up_hours
        give_up = (delivery.queued_at or now) + timedelta(hours=hours)
        if now >= give_up:
            self._mark_failed(delivery, sub, f"gave up after {hours:g} hours: {exc}", hard=True)
            return
        wait = timedelta(minutes=self.settings.delivery.retry_minutes * 2**delivery.attempts)
        with self.db.transaction() as conn:
            kept = store.mark_delivery_deferred(
                conn, delivery, worker=self.lease.worker, error=str(exc),
                next_attempt=min(now + wait, give_up),
            )  # fmt: skip
        self._count(kept, "deferred", sub)

    def _mark_failed(self, delivery: Delivery, sub: Subscriber, error: str, *, hard: bool) -> None:
        """Failed; a refusal (or giving up) counts towards ``bounce_after``."""
        bounced = False
        with self.db.transaction() as conn:
            kept = store.mark_delivery_failed(conn, delivery, worker=self.lease.worker, error=error)
            if kept and hard:
                bounced = store.record_hard_failure(
                    conn, sub.id, bounce_after=self.settings.delivery.bounce_after,
                    now=self.lease.clock(),
                )  # fmt: skip
        if hard:
            self._count(kept, "failed", sub)
            self.report.errors.append(f"{sub.email}: {error}")
        if bounced:
            log.warning("%s marked bounced after repeated hard failures", sub.email)

    def _count(self, kept: bool, outcome: str, sub: Subscriber) -> None:
        if not kept:
            log.warning("message to %s: claim lost before it was marked %s", sub.email, outcome)
            return
        name = f"messages_{outcome}"
        setattr(self.report, name, getattr(self.report, name) + 1)


def deliver_due(
    settings: Settings,
    db: store.Store,
    mailer: Mailer,
    sender: Sender,
    *,
    clock: Callable[[], datetime],
    report: SendReport,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    """Send every due digest message this sender can claim, recording each result as it happens.

    ``should_stop`` is asked between messages: a shutdown leaves the rest queued. A server
    that cannot be reached stops the run (the rest stay queued for the next one).
    """
    lease = lease_for(settings, clock)
    env = make_environment(settings.paths.templates)
    renderer = _Renderer(settings, db, env, store.list_sources(db))
    run = _DigestRun(settings, db, mailer, sender, lease, report, renderer)
    total, done = store.count_due(db, "deliveries", now=clock()), 0

    def handle(delivery: Delivery) -> bool:
        nonlocal done
        going = run.deliver(delivery)
        done += 1
        if progress is not None:
            progress(done, max(total, done))
        return going

    def claim(now: datetime, until: datetime) -> list[Delivery]:
        return store.claim_deliveries(db, worker=lease.worker, now=now, until=until, limit=BATCH)

    try:
        run_claims(db, "deliveries", lease, claim, handle, should_stop)
    except DeliveryError as exc:
        if not should_stop():
            raise  # the operator's problem (login, TLS, sender refused): the rest stay queued
        log.info("digest sending stopped for shutdown: %s", exc)


def personalise(
    rendered: compose.RenderedEdition, sub: Subscriber, sender: Sender, delivery: Delivery
) -> compose.DigestMessage:
    return compose.personalise(
        rendered,
        to_email=sub.email,
        to_name=sub.name,
        from_address=sender.address,
        from_name=sender.name,
        unsubscribe_url=sender.unsubscribe_url(sub.id, sub.email),
        unsubscribe_mailto=sender.unsubscribe_mailto(),
        preferences_url=sender.preferences_url(sub.id, sub.email),
        list_id=sender.list_id,
        message_id=delivery.message_id,
        dkim=sender.dkim,
    )


# --- notices ----------------------------------------------------------------------------------


def send_notice(
    settings: Settings, db: store.Store, mailer: Mailer, lease: Lease, notice: Notice
) -> DeliveryError | None:
    """Send one claimed notice and record the result; the error, if it was not sent.

    Test digests are not retried (the operator is watching); confirmation links are.
    """
    try:
        mailer.send(notice.message, sender=notice.sender, recipient=notice.recipient)
    except (PermanentDeliveryError, TemporaryDeliveryError) as exc:
        now, hours = lease.clock(), settings.delivery.give_up_hours
        give_up = notice.queued_at + timedelta(hours=hours)
        retry = isinstance(exc, TemporaryDeliveryError) and notice.kind != "test" and now < give_up
        wait = timedelta(minutes=settings.delivery.retry_minutes * 2**notice.attempts)
        with db.transaction() as conn:
            store.mark_notice(
                conn, notice, worker=lease.worker, now=now, error=str(exc),
                **({"status": "deferred", "next_attempt": min(now + wait, give_up)}
                   if retry else {"status": "failed"}),
            )  # fmt: skip
        return exc
    with db.transaction() as conn:
        store.mark_notice(conn, notice, worker=lease.worker, status="sent", now=lease.clock())
    return None


def deliver_notices(
    settings: Settings,
    db: store.Store,
    mailer: Mailer,
    *,
    clock: Callable[[], datetime],
    should_stop: Callable[[], bool] = lambda: False,
) -> SendReport:
    """Send every due notice (confirmation links) this sender can claim."""
    lease, report = lease_for(settings, clock), SendReport()

    def handle(notice: Notice) -> bool:
        error = send_notice(settings, db, mailer, lease, notice)
        if error is None:
            report.messages_sent += 1
            return True
        log.warning("%s message to %s not sent: %s", notice.kind, notice.recipient, error)
        report.errors.append(f"{notice.recipient}: {error}")
        return not isinstance(error, UnreachableServerError)

    def claim(now: datetime, until: datetime) -> list[Notice]:
        return store.claim_notices(db, worker=lease.worker, now=now, until=until, limit=BATCH)

    try:
        run_claims(db, "notices", lease, claim, handle, should_stop)
    except DeliveryError as exc:
        if not should_stop():
            raise
        log.info("notice sending stopped for shutdown: %s", exc)
    return report
