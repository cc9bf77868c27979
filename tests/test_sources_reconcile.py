"""Reconciling sources with the config moves items whose seed file now belongs to another
source; an item stored without a seed file (an import, a hand-made row) has no file that
could have moved it, and stays where it is."""

from __future__ import annotations

from conftest import NOW

from publisher import store
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.ingest.matching import keys_for
from publisher.ingest.sources import reconcile_sources


def _stored_without_seed_file(db: store.Store) -> None:
    item = Item(
        id="stored-by-hand", source="desk", title="A story stored without its page",
        summary="Nothing on disk yielded it.", content=None, author=None,
        published=NOW, first_seen=NOW, updated=NOW, dated=True,
    )  # fmt: skip
    with db.transaction() as conn:
        store.upsert_sources(conn, [("desk", "Desk", None)])
        store.insert_items(conn, [(item, keys_for(item.title, item.summary))])


def test_an_item_without_a_seed_file_is_not_moved(settings: Settings, db: store.Store) -> None:
    _stored_without_seed_file(db)
    assert reconcile_sources(settings, db) == []
    assert store.list_item_sources(db) == [("", "desk")]
