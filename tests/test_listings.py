"""Listing reads without OFFSET: a page found by one of its items, a month's newest items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import NOW

from publisher import store
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.ingest.matching import keys_for

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL


def fill(db: store.Store, count: int) -> list[Item]:
    """``count`` items over two sources, dates out of the order found; newest found first."""
    made = []
    for n in range(count):
        stamp = NOW - timedelta(days=(n * 7) % 45)
        title, summary = f"Story number {n}", f"What happened {n}."
        made.append(
            Item(f"story-{n}", f"source-{n % 2}", title, summary, None, None, stamp, stamp, stamp)
        )
    with db.transaction() as conn:
        store.upsert_sources(conn, [("source-0", "Zero", None), ("source-1", "One", None)])
        store.insert_items(conn, [(item, keys_for(item.title, item.summary)) for item in made])
    return made[::-1]


def test_a_page_read_by_key_is_the_page_cut_from_the_whole_listing(
    settings: Settings, db: store.Store
) -> None:
    fill(db, 23)
    store.set_hidden(db, ["story-4"], True)
    for source in (None, "source-1"):
        listed = [item.id for item in store.list_items(db, source=source)]  # newest first
        for position, item_id in enumerate(listed):
            oldest_first = len(listed) - 1 - position
            start = oldest_first - oldest_first % 5  # the page of 5 holding it
            older, newer = oldest_first - start, min(start + 5, len(listed)) - oldest_first - 1
            page = store.list_listed_around(db, item_id, older=older, newer=newer, source=source)
            assert [item.id for item in page] == listed[position - newer : position + older + 1]
            assert store.count_older(db, item_id, source=source) == oldest_first


def test_a_month_lists_its_newest_items_by_date_then_order_found(
    settings: Settings, db: store.Store
) -> None:
    made = fill(db, 40)
    start = datetime(NOW.year, NOW.month, 1, tzinfo=UTC)
    end = datetime(NOW.year + NOW.month // 12, NOW.month % 12 + 1, 1, tzinfo=UTC)
    month = [item for item in made if start <= item.published < end]  # newest found first
    expected = sorted(month, key=lambda item: item.published, reverse=True)  # stable
    assert [i.id for i in store.list_month(db, start, end)] == [i.id for i in expected]
    assert [i.id for i in store.list_month(db, start, end, limit=3)] == [i.id for i in expected[:3]]
    assert store.count_month(db, start, end) == len(month)
