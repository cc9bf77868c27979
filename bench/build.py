"""Rebuild cost after one new item in a large store.

Usage: python bench/build.py [--items 100000] [--sources 500]

Fills a store with N items spread over S sources and S authors (straight into the
database, not through seed files), builds everything once, then adds one seed file
with one new item and times the rebuild. The naive baseline, run in the same
process, re-renders every feed (main, per source, per author) as a tool without
change tracking would.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from publisher import store
from publisher.core.models import Item
from publisher.core.settings import Settings, load_settings
from publisher.ingest.matching import keys_for
from publisher.publish import feeds, pages
from publisher.publish.build import build

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def fill(db: store.Store, items: int, sources: int) -> None:
    """Insert synthetic items in batches, as many ingests would have."""
    with db.transaction() as conn:
        rows = [(f"source-{n:03d}", f"source-{n:03d}", None) for n in range(sources)]
        store.upsert_sources(conn, rows)
    batch: list[tuple[Item, store.ItemKeys]] = []
    for n in range(items):
        title = f"Synthetic story number {n} about the council"
        summary = f"What happened in ward {n % 97} on day {n} of the year, and why it matters."
        stamp = NOW - timedelta(seconds=items - n)
        item = Item(
            id=f"synthetic-story-{n}", source=f"source-{n % sources:03d}", title=title,
            summary=summary, content=None, author=f"Author Number{n % sources:03d}",
            published=stamp, first_seen=stamp, updated=stamp, dated=False,
        )  # fmt: skip
        batch.append((item, keys_for(title, summary)))
        if len(batch) == 5000:
            with db.transaction() as conn:
                store.insert_items(conn, batch)
            batch = []
    if batch:
        with db.transaction() as conn:
            store.insert_items(conn, batch)


def naive_feed_rebuild(settings: Settings, db: store.Store) -> int:
    """Re-render every feed from the store, as a tool without change tracking would."""
    context = pages.SiteContext(
        settings.site.title, settings.site.url, source_names=store.list_sources(db)
    )
    refs = [(pages.main_feed(context), {})]
    refs += [(pages.source_feed(context, s), {"source": s}) for s in context.source_names]
    refs += [(pages.author_feed(context, a), {"author": a}) for a in store.list_authors(db)]
    for ref, query in refs:
        items = store.list_items(db, limit=settings.feeds.max_items, **query)
        spec = feeds.FeedSpec(
            title=ref.title, description="", site_url=settings.site.url, path=ref.path,
            page_path=ref.page_path,
        )  # fmt: skip
        feeds.render_feeds(spec, items, context.source_names)
    return len(refs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "seeds").mkdir()
        settings = load_settings(None, {"PUBLISHER_INGEST_SETTLE_SECONDS": "0"}, cwd=site)
        db = store.open_store(settings.database.url, now=NOW)
        started = time.perf_counter()
        fill(db, args.items, args.sources)
        print(f"filled {args.items:,} items over {args.sources} sources and authors "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        started = time.perf_counter()
        first = build(settings, db, now=NOW)
        print(f"first full build: {time.perf_counter() - started:.1f} s, "
              f"{len(first.written):,} files written")  # fmt: skip
        seed = site / "seeds" / "source-042.txt"
        seed.write_text(
            "Harbour Strike Enters Second Week\n\n"
            "Dock workers stayed out for a second week, writes Author Number042.\n",
            encoding="utf-8",
        )
        os.utime(seed, (NOW.timestamp() - 60, NOW.timestamp() - 60))
        started = time.perf_counter()
        report = build(settings, db, now=NOW + timedelta(minutes=1))
        incremental = time.perf_counter() - started
        print(f"rebuild after one new item: {incremental * 1000:.0f} ms "
              f"(target <= 500 ms); rewrote {len(report.written)} files:")  # fmt: skip
        for path in sorted(report.written):
            print(f"  {path}")
        started = time.perf_counter()
        feeds = naive_feed_rebuild(settings, db)
        naive = time.perf_counter() - started
        print(f"naive baseline (re-render all {feeds} feeds): {naive:.2f} s; "
              f"change tracking is {naive / incremental:.0f}x faster")  # fmt: skip
        db.close()


if __name__ == "__main__":
    main()
