"""Use cases for the subscriber list: add, remove, import / export, and the web's double opt-in."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from jinja2 import Environment

from publisher import store
from publisher.core.errors import (
    StoreError,
    SubscriberError,
    SubscriberNotFoundError,
)
from publisher.core.models import Subscriber
from publisher.mail import compose, tokens
from publisher.mail.outbound import CONFIRM, Sender

CADENCES = ("daily", "weekly")
OPTED_OUT = ("unsubscribed", "bounced", "complained")  # no import brings these back unasked
STATUSES = ("pending", "active", *OPTED_OUT)
CSV_COLUMNS = ("email", "name", "cadence", "timezone", "status")


@dataclass(frozen=True)
class SubscriberInput:
    """A subscriber as typed by an operator or a web form, before validation."""

    email: str
    name: str | None = None
    cadence: str = "daily"
    timezone: str = "UTC"
    status: str = "active"


@dataclass
class ImportReport:
    """Each row counts once: added, updated, unchanged, a status change, or left opted out."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    status_changes: Counter[str] = field(default_factory=Counter)  # new status, or reactivated
    left_opted_out: int = 0
    errors: list[str] = field(default_factory=list)


def normalise_email(email: str) -> str:
    """A syntactically valid, normalised address (no DNS look-up: it must work offline)."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise SubscriberError(f"invalid email address {email!r}: {exc}") from exc


def check_schedule(cadence: str, timezone: str) -> None:
    """A cadence we send on and a time zone Python knows, or a SubscriberError naming it."""
    if cadence not in CADENCES:
        raise SubscriberError(f"invalid cadence {cadence!r} (daily or weekly)")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise SubscriberError(f"invalid timezone {timezone!r}") from exc


def validate_input(raw: SubscriberInput) -> SubscriberInput:
    """Check every field; names lose control characters so they can never reach a header."""
    check_schedule(raw.cadence, raw.timezone)
    if raw.status not in STATUSES:
        raise SubscriberError(f"invalid status {raw.status!r} ({', '.join(STATUSES)})")
    name = " ".join("".join(ch if ch.isprintable() else " " for ch in raw.name or "").split())
    return SubscriberInput(
        normalise_email(raw.email), name[:200] or None, raw.cadence, raw.timezone, raw.status
    )


def add_subscriber(db: store.Store, raw: SubscriberInput, *, now: datetime) -> Subscriber:
    """Add a new subscriber; an address already on the list is an error naming it."""
    clean = validate_input(raw)
    with db.transaction() as conn:
        if store.find_subscriber(conn, clean.email) is not None:
            raise SubscriberError(f"{clean.email} is already a subscriber")
        return _insert(conn, clean, now)


def _insert(conn: store.Connection, clean: SubscriberInput, now: datetime) -> Subscriber:
    return store.insert_subscriber(
        conn,
        email=clean.email,
        name=clean.name,
        status=clean.status,
        cadence=clean.cadence,
        timezone=clean.timezone,
        now=now,
    )


def remove_subscriber(db: store.Store, email: str) -> None:
    with db.transaction() as conn:
        found = store.find_subscriber(conn, email)
        if found is None:
            raise SubscriberNotFoundError(f"no subscriber with address {email}")
        store.delete_subscriber(conn, found.id)


def import_csv(
    db: store.Store, text: str, *, now: datetime, reactivate: bool = False
) -> ImportReport:
    """Add or update subscribers from CSV; bad rows are reported by line and skipped.

    A row saying unsubscribed, bounced or complained applies to an existing address (a
    suppression list from another tool). No import re-activates someone who opted out
    or bounced unless ``reactivate``: their status is theirs, not the spreadsheet's.
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    columns = set(reader.fieldnames or ())
    if "email" not in columns:
        raise SubscriberError("CSV needs a header row with at least an 'email' column")
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank line, or one of only commas
        try:
            _import_row(db, _row_input(row), now, report, columns=columns, reactivate=reactivate)
        except SubscriberError as exc:
            report.errors.append(f"line {reader.line_num}: {exc}")
    return report


def _row_input(row: dict[str, str | None]) -> SubscriberInput:
    def cell(name: str, default: str) -> str:
        return (row.get(name) or "").strip() or default

    return SubscriberInput(
        email=cell("email", ""),
        name=cell("name", "") or None,
        cadence=cell("cadence", "daily"),
        timezone=cell("timezone", "UTC"),
        status=cell("status", "active"),
    )


def _import_row(
    db: store.Store,
    raw: SubscriberInput,
    now: datetime,
    report: ImportReport,
    *,
    columns: set[str],
    reactivate: bool,
) -> None:
    """Apply one row; for a known address, only the columns the file has change anything."""
    clean = validate_input(raw)
    with db.transaction() as conn:
        found = store.find_subscriber(conn, clean.email)
        if found is None:
            _insert(conn, clean, now)
            report.added += 1
            return
        if clean.status in OPTED_OUT:  # a suppression row: only the status changes
            if found.status == clean.status:
                report.unchanged += 1
            else:
                store.update_subscriber(conn, found.id, now, status=clean.status)
                report.status_changes[clean.status] += 1
            return
        wanted = {"name": clean.name, "cadence": clean.cadence, "timezone": clean.timezone}
        changes = {
            key: value
            for key, value in wanted.items()
            if key in columns and getattr(found, key) != value
        }
        if found.status in OPTED_OUT and reactivate:
            # Like a reader who subscribes again: recent items, not everything since they left.
            changes.update(status=clean.status, sent_through=None, last_sent=None)
            report.status_changes["reactivated"] += 1
        elif found.status in OPTED_OUT:
            report.left_opted_out += 1
        elif changes:
            report.updated += 1
        else:
            report.unchanged += 1
        if changes:
            store.update_subscriber(conn, found.id, now, **changes)


def export_csv(subscribers: Iterable[Subscriber]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for sub in subscribers:
        writer.writerow([sub.email, sub.name or "", sub.cadence, sub.timezone, sub.status])
    return buffer.getvalue()


# --- the web's double opt-in ------------------------------------------------------------------


def subscribe(
    db: store.Store,
    sender: Sender,
    env: Environment,
    raw: SubscriberInput,
    *,
    now: datetime,
    confirm_url_base: str,
    site_title: str | None = None,
) -> bool:
    """Ask an address to confirm; the caller learns nothing about whether it was known.

    New, pending, unsubscribed and bounced addresses become pending and a message with a
    link ``confirm_url_base + token`` is queued in the ledger (a sender delivers it); an
    active subscriber is left alone and mailed nothing. Returns whether a message was
    queued. Raises SubscriberError for bad input, StoreError if it cannot be stored.
    """
    pending = store_pending(db, raw, now=now)
    if pending is None:
        return False
    queue_confirmation(
        db, sender, env, pending,
        now=now, confirm_url_base=confirm_url_base, site_title=site_title,
    )  # fmt: skip
    return True


def store_pending(db: store.Store, raw: SubscriberInput, *, now: datetime) -> Subscriber | None:
    """The first half of ``subscribe``: the address, stored as pending; None if already active.

    Raises StoreError when it cannot be stored, so no one is told to check their inbox
    for a link that will never come.
    """
    clean = validate_input(dataclasses.replace(raw, status="pending"))
    try:
        return _make_pending(db, clean, now)
    except StoreError:
        if db.write_error is not None:
            raise  # the database failed, not a race
        # Two requests for one new address (a double click) race to insert it; the
        # loser finds the winner's row on a second try.
        return _make_pending(db, clean, now)


def queue_confirmation(
    db: store.Store,
    sender: Sender,
    env: Environment,
    pending: Subscriber,
    *,
    now: datetime,
    confirm_url_base: str,
    site_title: str | None = None,
) -> None:
    """The second half of ``subscribe``: queue the confirmation link in the notices ledger.

    A sender (the service's, woken at once) claims and delivers it: no mail server is
    spoken to here, so a slow one never holds the caller (a web request's thread).
    """
    token = tokens.sign_reference(sender.secret, CONFIRM, pending.id, pending.email, issued=now)
    message = compose.render_confirmation(
        env,
        site_title=site_title or sender.name,
        site_url=sender.site_url,
        confirm_url=confirm_url_base + token,
        to_email=pending.email,
        to_name=pending.name,
        from_address=sender.address,
        from_name=sender.name,
        date=now,
        message_id=_confirmation_id(pending.email, now, sender.domain),
    )
    data = message.data if sender.dkim is None else compose.sign_message(message.data, sender.dkim)
    with db.transaction() as conn:
        store.queue_notice(
            conn, kind="confirm", subscriber_id=pending.id, recipient=pending.email,
            sender=sender.address, message=data, now=now,
        )  # fmt: skip


def _make_pending(db: store.Store, clean: SubscriberInput, now: datetime) -> Subscriber | None:
    """The subscriber, now pending; None for an active one, who is left as they are."""
    with db.transaction() as conn:
        found = store.find_subscriber(conn, clean.email)
        if found is not None and found.status == "active":
            return None
        return _store_pending(conn, clean, found, now)


def _store_pending(
    conn: store.Connection, clean: SubscriberInput, found: Subscriber | None, now: datetime
) -> Subscriber:
    """Insert or re-open a subscriber as pending; a returning reader starts a fresh watermark."""
    if found is None:
        return _insert(conn, dataclasses.replace(clean, status="pending"), now)
    # Whoever returns after leaving gets recent items, not everything since they left.
    restart = {"sent_through": None, "last_sent": None} if found.status != "pending" else {}
    name = clean.name or found.name
    store.update_subscriber(
        conn,
        found.id,
        now,
        status="pending",
        name=name,
        cadence=clean.cadence,
        timezone=clean.timezone,
        **restart,
    )
    return dataclasses.replace(
        found, status="pending", name=name, cadence=clean.cadence, timezone=clean.timezone
    )


def _confirmation_id(email: str, now: datetime, domain: str) -> str:
    """A Message-ID unique to one request, revealing nothing of the address."""
    digest_ = hashlib.sha256(f"{email.casefold()}\x00{now.isoformat()}".encode()).hexdigest()
    return f"<confirm.{digest_[:32]}@{domain}>"
