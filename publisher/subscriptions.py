"""Use cases for the subscriber list: add, remove, list, and CSV import / export."""

from __future__ import annotations

import csv
import io
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from email_validator import EmailNotValidError, validate_email

from publisher import store
from publisher.errors import SubscriberError, SubscriberNotFoundError
from publisher.models import Subscriber

CADENCES = ("daily", "weekly")
STATUSES = ("pending", "active", "unsubscribed", "bounced")
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
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def normalise_email(email: str) -> str:
    """A syntactically valid, normalised address (no DNS look-up: it must work offline)."""
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise SubscriberError(f"invalid email address {email!r}: {exc}") from exc


def validate_input(raw: SubscriberInput) -> SubscriberInput:
    """Check every field; names lose control characters so they can never reach a header."""
    if raw.cadence not in CADENCES:
        raise SubscriberError(f"invalid cadence {raw.cadence!r} (daily or weekly)")
    if raw.status not in STATUSES:
        raise SubscriberError(f"invalid status {raw.status!r} ({', '.join(STATUSES)})")
    try:
        zoneinfo.ZoneInfo(raw.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise SubscriberError(f"invalid timezone {raw.timezone!r}") from exc
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


def import_csv(db: store.Store, text: str, *, now: datetime) -> ImportReport:
    """Add or update subscribers from CSV; bad rows are reported by line and skipped.

    An import never re-activates someone who unsubscribed or bounced: their
    status is theirs, not the spreadsheet's.
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    missing = {"email"} - set(reader.fieldnames or ())
    if missing:
        raise SubscriberError("CSV needs a header row with at least an 'email' column")
    for row in reader:
        try:
            _import_row(db, _row_input(row), now, report)
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


def _import_row(db: store.Store, raw: SubscriberInput, now: datetime, report: ImportReport) -> None:
    clean = validate_input(raw)
    with db.transaction() as conn:
        found = store.find_subscriber(conn, clean.email)
        if found is None:
            store.insert_subscriber(
                conn,
                email=clean.email,
                name=clean.name,
                status=clean.status,
                cadence=clean.cadence,
                timezone=clean.timezone,
                now=now,
            )
            report.added += 1
            return
        wanted = {"name": clean.name, "cadence": clean.cadence, "timezone": clean.timezone}
        changes = {key: value for key, value in wanted.items() if getattr(found, key) != value}
        if changes:
            store.update_subscriber(conn, found.id, now, **changes)
            report.updated += 1
        else:
            report.unchanged += 1


def export_csv(subscribers: Iterable[Subscriber]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for sub in subscribers:
        writer.writerow([sub.email, sub.name or "", sub.cadence, sub.timezone, sub.status])
    return buffer.getvalue()
