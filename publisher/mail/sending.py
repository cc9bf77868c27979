"""Use cases for digests: plan editions (``planning``), deliver what the ledger holds, preview.

Every message is recorded (queued) before it is sent and marked sent only after the
transport accepted it, with the subscriber's watermark moved in the same transaction:
a crash at any moment re-sends at most the one message in flight.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from jinja2 import Environment

from publisher import store
from publisher.core.errors import (
    DeliveryError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from publisher.core.models import Delivery, Edition, Subscriber
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.mail import compose
from publisher.mail.outbound import Sender, make_sender
from publisher.mail.planning import (
    PERIODS,
    digest_items,
    edition_content,
    edition_for,
    plan_editions,
    plan_in,
)
from publisher.mail.transports import Mailer

log = logging.getLogger(__name__)


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


# --- delivering -------------------------------------------------------------------------------


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


def deliver_due(
    settings: Settings,
    db: store.Store,
    mailer: Mailer,
    sender: Sender,
    *,
    now: datetime,
    report: SendReport,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    """Send every queued (or due deferred) message, recording each result as it happens.

    ``should_stop`` is asked between messages: a shutdown leaves the rest queued.
    """
    renderer = _Renderer(settings, db, _environment(settings), store.list_sources(db))
    due = store.list_due_deliveries(db, now=now)
    for number, delivery in enumerate(due, 1):
        if should_stop():
            break
        _deliver_one(settings, db, mailer, sender, renderer, delivery, now, report)
        if progress is not None:
            progress(number, len(due))


def _deliver_one(
    settings: Settings,
    db: store.Store,
    mailer: Mailer,
    sender: Sender,
    renderer: _Renderer,
    delivery: Delivery,
    now: datetime,
    report: SendReport,
) -> None:
    sub = store.get_subscriber_by_id(db, delivery.subscriber_id)
    if sub.status != "active":
        with db.transaction() as conn:
            store.mark_delivery_failed(conn, delivery, error=f"subscriber is {sub.status}")
        return
    message = personalise(renderer.rendered(delivery.edition_key), sub, sender, delivery)
    try:
        envelope = sender.envelope_sender(sub.id, sub.email)  # VERP: a bounce names its reader
        mailer.send(message.as_bytes(), sender=envelope, recipient=sub.email)
    except PermanentDeliveryError as exc:
        _record_failure(settings, db, delivery, sub, str(exc), now, report)
    except TemporaryDeliveryError as exc:
        retry = now + timedelta(minutes=settings.delivery.retry_minutes * 2**delivery.attempts)
        with db.transaction() as conn:
            store.mark_delivery_deferred(conn, delivery, error=str(exc), next_attempt=retry)
        report.messages_deferred += 1
    except DeliveryError:
        raise  # the operator's problem (login, TLS, sender refused): stop, keep it queued
    else:
        with db.transaction() as conn:
            store.mark_delivery_sent(conn, delivery, now=now)
        report.messages_sent += 1


def _record_failure(
    settings: Settings,
    db: store.Store,
    delivery: Delivery,
    sub: Subscriber,
    error: str,
    now: datetime,
    report: SendReport,
) -> None:
    with db.transaction() as conn:
        store.mark_delivery_failed(conn, delivery, error=error)
        bounced = store.record_hard_failure(
            conn, sub.id, bounce_after=settings.delivery.bounce_after, now=now
        )
    report.messages_failed += 1
    report.errors.append(f"{sub.email}: {error}")
    if bounced:
        log.warning("%s marked bounced after repeated hard failures", sub.email)


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


def _environment(settings: Settings) -> Environment:
    return make_environment(settings.paths.templates)


# --- the operator's commands ------------------------------------------------------------------


def send_digests(
    settings: Settings,
    db: store.Store,
    mailer: Mailer,
    *,
    now: datetime,
    secret: bytes,
    subscriber_ids: Collection[int] | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> SendReport:
    """Plan an edition for everyone with new items (or just ``subscriber_ids``), then send."""
    env = _environment(settings)
    plans = plan_editions(
        settings, db, env, now=now, subscriber_ids=subscriber_ids, record=not dry_run
    )
    report = SendReport(editions=len(plans), messages_planned=sum(len(m) for _, m in plans))
    if not dry_run:
        sender = make_sender(settings, secret)
        deliver_due(settings, db, mailer, sender, now=now, report=report, progress=progress)
    return report


def send_due_digests(
    settings: Settings,
    db: store.Store,
    mailer: Mailer,
    *,
    now: datetime,
    secret: bytes,
    slots: Callable[[str, str], datetime | None],
    should_stop: Callable[[], bool] = lambda: False,
) -> SendReport:
    """The scheduled run: who is due by their own zone's schedule gets an edition, once.

    ``slots(timezone, cadence)`` gives the latest scheduled instant at or before now; a
    subscriber is due when that slot is newer than the last one handled for them, so a
    machine that slept through several slots sends one digest, and a restart sends none.
    """
    report = SendReport()
    env = _environment(settings)
    with (
        db.transaction() as conn
    ):  # claiming a slot and queueing its messages stand or fall together
        due: list[int] = []
        for timezone, cadence in store.list_schedules(conn):
            slot = slots(timezone, cadence)
            if slot is not None:
                due += store.claim_due_subscribers(conn, timezone, cadence, slot)
        if due:
            plans = plan_in(conn, settings, env, now=now, subscriber_ids=due, record=True)
            report.editions, report.messages_planned = len(plans), sum(len(m) for _, m in plans)
    sender = make_sender(settings, secret)
    deliver_due(settings, db, mailer, sender, now=now, report=report, should_stop=should_stop)
    return report


def preview(
    settings: Settings,
    db: store.Store,
    *,
    now: datetime,
    secret: bytes,
    email: str | None,
    sample_to: str = "reader@example.org",
) -> compose.DigestMessage | None:
    """What one subscriber (or a sample new one) would get now; nothing is recorded."""
    env = _environment(settings)
    if email is None:
        sub = Subscriber(0, sample_to, None, "active", "daily", "UTC", now)
        plan = _preview_plan(settings, db, env, now)
    else:
        sub = store.get_subscriber(db, email)
        plans = plan_editions(settings, db, env, now=now, subscriber_ids=[sub.id], record=False)
        plan = plans[0][0] if plans else None
    if plan is None:
        return None
    items = store.get_items(db, plan.item_ids)
    names = store.list_sources(db)
    content = edition_content(settings, plan.key, items, now, names, plan.more_count)
    rendered = compose.render_edition(env, content)
    sender = make_sender(settings, secret)
    message_id = compose.message_id_for(plan.key, sub.email, sender.domain)
    return personalise(
        rendered, sub, sender, Delivery(0, plan.key, sub.id, "preview", 0, message_id, 0)
    )


def _preview_plan(
    settings: Settings, db: store.Store, env: Environment, now: datetime
) -> Edition | None:
    """A sample reader gets the last day's items, or else the newest twenty."""
    with db.reading() as conn:
        items = digest_items(conn, settings, None, now - PERIODS["daily"])
    items = items or store.list_items(db, limit=20)
    return edition_for(settings, env, items, now) if items else None
