"""Use cases for digests: plan editions (``planning``), deliver them (``delivering``), preview.

Every message is recorded (queued) before it is sent and marked sent only after the
transport accepted it, with the subscriber's watermark moved in the same transaction:
a crash at any moment re-sends at most the one message in flight. Senders claim what
they send, so two of them never send one message twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import datetime

from jinja2 import Environment

from publisher import store
from publisher.core.errors import PublisherError, StoreError
from publisher.core.models import Delivery, Edition, Subscriber
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.mail import compose
from publisher.mail.delivering import (
    SendReport,
    deliver_due,
    lease_for,
    personalise,
    send_notice,
)
from publisher.mail.outbound import make_sender
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
__all__ = ["SendReport", "preview", "send_digests", "send_due_digests", "send_test"]


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
    clock: Callable[[], datetime] | None = None,
) -> SendReport:
    """Plan an edition for everyone with new items (or just ``subscriber_ids``), then send.

    ``clock`` times claims and results (default: ``now`` throughout).
    """
    env = _environment(settings)
    plans = plan_editions(
        settings, db, env, now=now, subscriber_ids=subscriber_ids, record=not dry_run
    )
    report = SendReport(editions=len(plans), messages_planned=sum(len(m) for _, m in plans))
    if not dry_run:
        sender = make_sender(settings, secret)
        deliver_due(
            settings, db, mailer, sender, clock=clock or (lambda: now), report=report,
            progress=progress,
        )  # fmt: skip
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
    clock: Callable[[], datetime] | None = None,
) -> SendReport:
    """The scheduled run: who is due by their own zone's schedule gets an edition, once.

    ``slots(timezone, cadence)`` gives the latest scheduled instant at or before now; a
    subscriber is due when that slot is newer than the last one handled for them, so a
    machine that slept through several slots sends one digest, and a restart sends none.
    """
    report = SendReport()
    try:
        _plan_due(settings, db, now, slots, report)
    except StoreError as exc:  # what is queued already still goes out
        log.error("digest planning failed: %s", exc)
        report.errors.append(f"planning failed: {exc}")
    sender = make_sender(settings, secret)
    deliver_due(
        settings, db, mailer, sender, clock=clock or (lambda: now), report=report,
        should_stop=should_stop,
    )  # fmt: skip
    return report


def _plan_due(
    settings: Settings,
    db: store.Store,
    now: datetime,
    slots: Callable[[str, str], datetime | None],
    report: SendReport,
) -> None:
    """Claim the due slots and queue their messages: the two stand or fall together."""
    env = _environment(settings)
    with db.transaction(exclusive="planning") as conn:  # one planner at a time, as plan_editions
        due: list[int] = []
        for timezone, cadence in store.list_schedules(conn):
            slot = slots(timezone, cadence)
            if slot is not None:
                due += store.claim_due_subscribers(conn, timezone, cadence, slot)
        if due:
            plans = plan_in(conn, settings, env, now=now, subscriber_ids=due, record=True)
            report.editions, report.messages_planned = len(plans), sum(len(m) for _, m in plans)


def send_test(
    settings: Settings,
    db: store.Store,
    mailer: Mailer,
    *,
    now: datetime,
    secret: bytes,
    to: str,
    clock: Callable[[], datetime] | None = None,
) -> None:
    """Send a sample digest to ``to`` through the ledger (born claimed, so no one else sends it).

    Raises PublisherError when there is nothing to show, or the DeliveryError that stopped it.
    """
    message = preview(settings, db, now=now, secret=secret, email=None, sample_to=to)
    if message is None:
        raise PublisherError("no items yet: run `publisher build` first")
    lease = lease_for(settings, clock or (lambda: now))
    with db.transaction() as conn:
        notice = store.queue_notice(
            conn, kind="test", subscriber_id=None, recipient=to,
            sender=make_sender(settings, secret).address, message=message.as_bytes(), now=now,
            claim=(lease.worker, lease.renewed()),
        )  # fmt: skip
    try:
        error = send_notice(settings, db, mailer, lease, notice)
    finally:
        store.release_claims(db, "notices", worker=lease.worker)
    if error is not None:
        raise error


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
