"""The notices ledger: one-off messages (confirmation links, test digests), stored rendered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from publisher.core.errors import StoreError
from publisher.core.models import Notice
from publisher.store.claims import SENDING, claim_rows, mark_claimed
from publisher.store.database import Store
from publisher.store.tables import notices

NOTICE_COLUMNS = ("id", "kind", "recipient", "sender", "message", "attempts", "queued_at")


def _notice(row: Any) -> Notice:
    values = {name: row._mapping[name] for name in NOTICE_COLUMNS}
    return Notice(**{**values, "message": bytes(values["message"])})


def queue_notice(
    conn: Connection,
    *,
    kind: str,
    subscriber_id: int | None,
    recipient: str,
    sender: str,
    message: bytes,
    now: datetime,
    claim: tuple[str, datetime] | None = None,
) -> Notice:
    """Record a message to send; with ``claim`` (worker, until) it is born claimed by its sender."""
    values: dict[str, Any] = {
        "kind": kind, "subscriber_id": subscriber_id, "recipient": recipient, "sender": sender,
        "message": message, "status": "queued", "attempts": 0, "queued_at": now,
    }  # fmt: skip
    if claim is not None:
        values.update(status=SENDING, claimed_by=claim[0], claimed_until=claim[1])
    key = conn.execute(notices.insert().values(values)).inserted_primary_key
    if key is None:
        raise StoreError(f"could not record a {kind} message to {recipient}")
    return Notice(int(key[0]), kind, recipient, sender, message, 0, now)


def claim_notices(
    store: Store, *, worker: str, now: datetime, until: datetime, limit: int
) -> list[Notice]:
    """Claim up to ``limit`` due notices for ``worker`` until ``until`` (see ``claims``)."""
    rows = claim_rows(store, "notices", worker=worker, now=now, until=until, limit=limit)
    return [_notice(row) for row in rows]


def mark_notice(
    conn: Connection, notice: Notice, *, worker: str, status: str, now: datetime, **values: Any
) -> bool:
    """Record sent, deferred (with ``next_attempt``) or failed, if ``worker`` holds the claim."""
    if status == "sent":
        values["sent_at"] = now
    if "error" in values and values["error"] is not None:
        values["error"] = str(values["error"])[:500]
    return mark_claimed(conn, "notices", notice.id, worker=worker, status=status, **values)
