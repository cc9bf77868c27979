"""What a reader's signed links do: confirm a subscription, unsubscribe, choose what to receive.

Each link names a subscriber by number and is checked against their address; the sample
reader of test messages is named by none, so its links explain themselves and change nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

from publisher import store
from publisher.core.errors import (
    NotSubscribedError,
    SampleLinkError,
    TokenError,
)
from publisher.core.models import Subscriber
from publisher.mail import tokens
from publisher.mail.outbound import CONFIRM, PREFERENCES, UNSUBSCRIBE
from publisher.mail.subscriptions import check_schedule


def confirm(
    db: store.Store, secret: bytes, token: str, *, now: datetime, max_age: timedelta
) -> Subscriber:
    """Activate the pending subscriber a genuine, fresh confirmation link names.

    An active one stays active (links get clicked twice); someone who has since
    unsubscribed or bounced is not brought back by an old link: TokenError.
    """
    with db.transaction() as conn:
        found = _referenced(conn, secret, CONFIRM, token, now=now, max_age=max_age)
        if found.status not in ("pending", "active"):
            raise TokenError("this link is no longer valid; subscribe again for a new one")
        if found.status == "pending":
            store.update_subscriber(conn, found.id, now, status="active")
    return dataclasses.replace(found, status="active")


def unsubscribe(db: store.Store, secret: bytes, token: str, *, now: datetime) -> Subscriber:
    """Unsubscribe the address a genuine unsubscribe link names (those never expire); idempotent."""
    with db.transaction() as conn:
        found = _referenced(conn, secret, UNSUBSCRIBE, token)
        if found.status != "unsubscribed":
            store.update_subscriber(conn, found.id, now, status="unsubscribed")
    return dataclasses.replace(found, status="unsubscribed")


def unsubscribe_address(db: store.Store, secret: bytes, token: str) -> str:
    """The address a genuine unsubscribe link names, to show before the reader confirms."""
    with db.reading() as conn:
        return _referenced(conn, secret, UNSUBSCRIBE, token).email


def _referenced(
    conn: store.Connection,
    secret: bytes,
    purpose: str,
    token: str,
    *,
    now: datetime | None = None,
    max_age: timedelta | None = None,
) -> Subscriber:
    """The subscriber a genuine token names; a removed one reads as an invalid link."""
    reference = tokens.token_reference(token)
    if reference == tokens.SAMPLE_REFERENCE:
        tokens.verify_reference(secret, purpose, token, "", now=now, max_age=max_age)
        raise SampleLinkError("this link comes from a test message; it works in a real digest")
    found = store.find_subscriber_by_id(conn, reference)
    if found is None:
        raise TokenError("this link is no longer valid")
    tokens.verify_reference(secret, purpose, token, found.email, now=now, max_age=max_age)
    return found


# --- a reader's preferences -------------------------------------------------------------------


@dataclass(frozen=True)
class Preferences:
    """What a reader chose: cadence, time zone, sources and authors (None: all, new ones too)."""

    cadence: str
    timezone: str
    sources: tuple[str, ...] | None
    authors: tuple[str, ...] | None


def preferences_subscriber(db: store.Store, secret: bytes, token: str) -> Subscriber:
    """The subscriber a genuine preferences link names (those never expire)."""
    with db.reading() as conn:
        found = _referenced(conn, secret, PREFERENCES, token)
    check_still_subscribed(found)
    return found


def check_still_subscribed(sub: Subscriber) -> None:
    """A reader who left (unsubscribed, bounced, complained) has no page but the sign-up."""
    if sub.status not in ("active", "pending"):
        raise NotSubscribedError(f"{sub.email} is not subscribed any more; subscribe again")


def update_preferences(
    db: store.Store, secret: bytes, token: str, wanted: Preferences, *, now: datetime
) -> Subscriber:
    """Save a reader's choices; the next digest carries only what they chose."""
    check_schedule(wanted.cadence, wanted.timezone)
    with db.transaction() as conn:
        found = _referenced(conn, secret, PREFERENCES, token)
        check_still_subscribed(found)
        store.update_subscriber(conn, found.id, now, cadence=wanted.cadence,
                                timezone=wanted.timezone)  # fmt: skip
        store.set_subscriber_choices(
            conn, found.id, now, sources=wanted.sources, authors=wanted.authors
        )
    return dataclasses.replace(found, cadence=wanted.cadence, timezone=wanted.timezone,
                               sources=wanted.sources, authors=wanted.authors)  # fmt: skip


def unsubscribe_subscriber(db: store.Store, secret: bytes, token: str) -> Subscriber:
    """The subscriber a genuine unsubscribe link names, to show before the reader confirms."""
    with db.reading() as conn:
        return _referenced(conn, secret, UNSUBSCRIBE, token)
