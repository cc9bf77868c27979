"""Planning editions: who gets which items next, recorded in the ledger before anything is sent.

A subscriber's watermark (the last item sequence sent to them) decides what is new for
them; subscribers with the same watermark share one edition, rendered once.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from datetime import datetime, timedelta

from jinja2 import Environment

from publisher import store
from publisher.core import site_paths
from publisher.core.models import Edition, Item, Subscriber
from publisher.core.settings import Settings
from publisher.ingest import identity
from publisher.ingest.sources import original_link, source_directory
from publisher.mail import compose
from publisher.mail.outbound import sender_domain

log = logging.getLogger(__name__)
PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
Choices = tuple[tuple[str, ...] | None, tuple[str, ...] | None]


def plan_editions(
    settings: Settings,
    db: store.Store,
    env: Environment,
    *,
    now: datetime,
    subscriber_ids: Collection[int] | None = None,
    record: bool = True,
) -> list[tuple[Edition, list[Subscriber]]]:
    """Group active subscribers by what they have not been sent; queue one message each.

    Subscribers with nothing new have their watermark moved past what was skipped
    (old back catalogues), so the same items are never weighed again.
    """
    # One planner at a time, across processes: each sees the messages another queued.
    with db.transaction(exclusive="planning") as conn:
        return plan_in(conn, settings, env, now=now, subscriber_ids=subscriber_ids, record=record)


def plan_in(
    conn: store.Connection,
    settings: Settings,
    env: Environment,
    *,
    now: datetime,
    subscriber_ids: Collection[int] | None,
    record: bool,
) -> list[tuple[Edition, list[Subscriber]]]:
    busy = store.subscribers_with_open_delivery(conn)
    current = store.current_item_seq(conn)
    groups: dict[tuple[int | None, datetime | None, Choices], list[Subscriber]] = {}
    for sub, sent_through in store.list_active_watermarks(conn, subscriber_ids):
        if sub.id in busy:
            continue
        since = None if sent_through is not None else now - PERIODS[sub.cadence]
        groups.setdefault((sent_through, since, (sub.sources, sub.authors)), []).append(sub)
    plans: list[tuple[Edition, list[Subscriber]]] = []
    for (after, since, choices), members in groups.items():
        items = chosen_items(digest_items(conn, settings, after, since), *choices)
        if not items:
            if record:
                store.move_watermarks(conn, [m.id for m in members], current)
            continue
        edition = edition_for(settings, env, items, now)
        if record:
            members = _queue(conn, edition, members, current, settings, now)
        if members:
            plans.append((edition, members))
    return plans


def digest_items(
    conn: store.Connection, settings: Settings, after: int | None, since: datetime | None
) -> list[Item]:
    """New items, newest first, leaving out old articles discovered late (not news)."""
    max_age = timedelta(days=settings.digest.max_age_days)
    found = store.list_items_for_digest(conn, after_seq=after, first_seen_since=since)
    return [item for _, item in found if item.published >= item.first_seen - max_age]


def chosen_items(
    items: list[Item], sources: tuple[str, ...] | None, authors: tuple[str, ...] | None
) -> list[Item]:
    """What a reader chose on their preferences page: these sources, these authors (None: all).

    An edition left with nothing is not sent; the watermark still moves past what was skipped.
    """
    return [
        item
        for item in items
        if (sources is None or item.source in sources)
        and (authors is None or (item.author is not None and item.author in authors))
    ]


def edition_for(settings: Settings, env: Environment, items: list[Item], now: datetime) -> Edition:
    """Fit the items into the size budget; the key names exactly this content."""
    content = compose.fit_entries(
        env, edition_content(settings, "", items, now, {}), limit=settings.digest.max_html_bytes
    )
    shown = tuple(entry.item_id for entry in content.entries)
    key = identity.digest("\n".join(shown) + f"\n{content.more_count}")[:24]
    return Edition(key, now, shown, content.more_count)


def _queue(
    conn: store.Connection,
    edition: Edition,
    members: list[Subscriber],
    through_seq: int,
    settings: Settings,
    now: datetime,
) -> list[Subscriber]:
    """Queue one message per reader; returns those queued. A conflict skips only that reader.

    A reader who already has a message of this very edition is skipped: one who was sent
    it (who left and came back the same day) has these items, so their watermark moves on;
    one whose message failed (refused, or given up) waits for an edition with something new.
    """
    store.upsert_edition(conn, edition)
    store.mark_stale(conn, [("edition", edition.key)])  # its public page: "view in browser"
    had = store.list_edition_recipients(conn, edition.key)
    for sub in members:
        if sub.id in had:
            log.info("%s already has edition %s (%s): skipped", sub.email, edition.key, had[sub.id])
    store.move_watermarks(
        conn, [sub.id for sub in members if had.get(sub.id) == "sent"], through_seq
    )
    fresh = [sub for sub in members if sub.id not in had]
    domain = sender_domain(settings)
    rows = (
        {
            "edition_key": edition.key,
            "subscriber_id": sub.id,
            "status": "queued",
            "through_seq": through_seq,
            "message_id": compose.message_id_for(edition.key, sub.email, domain),
            "attempts": 0,
            "queued_at": now,
        }
        for sub in fresh
    )
    store.queue_deliveries(conn, rows)
    return fresh


def edition_content(
    settings: Settings,
    key: str,
    items: list[Item],
    now: datetime,
    source_names: Mapping[str, str],
    more_count: int = 0,
) -> compose.EditionContent:
    directory = source_directory(settings, source_names)
    entries = tuple(
        compose.DigestEntry(
            title=item.title,
            link=original_link(item, directory.get(item.source))
            or settings.site.url + site_paths.item_page_path(item),
            author=item.author,
            published=item.published,
            summary=item.summary,
            source_name=directory[item.source].name if item.source in directory else item.source,
            item_id=item.id,
            dated=item.dated,
        )
        for item in items
    )
    return compose.EditionContent(
        key=key,
        site_title=settings.site.title,
        site_url=settings.site.url,
        archive_url=settings.site.url + "archive/",
        entries=entries,
        more_count=more_count,
        date=now,
        edition_url=settings.site.url + site_paths.edition_page_path(key) if key else "",
        postal_address=settings.digest.postal_address,
    )
