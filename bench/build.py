"""Full build rate beside Hugo's and a raw feedgen + Jinja2 floor; rebuild cost after one new item.

Usage: python -P bench/build.py [--items 20000] [--sources 500] [--rounds 3]
                                 [--rebuild-items 100000] [--profile]

Full build, ``--rounds`` times, side by side in each round (median printed at the end):
- publisher: a store filled with N items over S sources and S authors (straight into the
  database, not through seed files), then one timed ``build``: files/s and pages/s (HTML),
  rendered in worker processes as the build chooses on this machine;
- publisher, 1 process (or, where the build renders in one process on this machine,
  publisher, 2 workers): the same, rendered the other way (does parallel rendering pay
  here?);
- hugo, when the ``hugo`` command is installed (Debian's ``hugo`` package): the same N
  items as minimal Markdown pages with one-line layouts, one timed ``hugo`` run; the column
  is left out when it is not installed.
- floor: the same pages and feeds rendered (not written) with bare Jinja2 templates and
  bare feedgen generators: what the libraries alone cost.

Then, unless ``--rebuild-items 0``: a store of that many items built once, one new seed
file with one new item, the timed rebuild (target <= 500 ms), and the naive baseline that
re-renders every feed as a tool without change tracking would.

``--profile``: first, one full build in one process under cProfile, its top entries.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from feedgen.feed import FeedGenerator
from jinja2 import Environment

from publisher import store
from publisher.core.models import Item
from publisher.core.settings import Settings, load_settings
from publisher.ingest.matching import keys_for
from publisher.publish import feeds, pages
from publisher.publish.build import build
from publisher.publish.workers import workers_for

NOW = datetime(2026, 11, 1, tzinfo=UTC)
FEED_ITEMS = 50  # feeds.max_items' default
HUGO_CONFIG = 'baseURL = "http://127.0.0.1:8000/"\ntitle = "bench"\n'
HUGO_CONFIG += 'disableKinds = ["taxonomy", "term"]\n'
PAGE = (
    "<!doctype html><html><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1>{{ body }}</body></html>"
)
HUGO_SINGLE = PAGE.replace("{{ title }}", "{{ .Title }}").replace("{{ body }}", "{{ .Content }}")
HUGO_LIST = HUGO_SINGLE.replace(
    "{{ .Content }}", '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
)
LISTING = (
    "<!doctype html><html><head><title>{{ title }}</title></head><body><h1>{{ title }}</h1>"
    '{% for item in items %}<a href="{{ item.id }}.html">{{ item.title }}</a>'
    "<p>{{ item.summary }}</p>{% endfor %}</body></html>"
)


@dataclass(frozen=True)
class Rate:
    files: int
    pages: int
    seconds: float

    @property
    def files_per_second(self) -> float:
        return self.files / self.seconds

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def synthetic_items(items: int, sources: int) -> Iterator[Item]:
    """The same N items every time: titles, summaries, one author per source."""
    for n in range(items):
        title = f"Synthetic story number {n} about the council"
        summary = f"What happened in ward {n % 97} on day {n} of the year, and why it matters."
        stamp = NOW - timedelta(seconds=items - n)
        yield Item(
            id=f"synthetic-story-{n}", source=f"source-{n % sources:03d}", title=title,
            summary=summary, content=None, author=f"Author Number{n % sources:03d}",
            published=stamp, first_seen=stamp, updated=stamp, dated=False,
        )  # fmt: skip


def fill(db: store.Store, items: int, sources: int) -> None:
    """Insert synthetic items in batches, as many ingests would have."""
    with db.transaction() as conn:
        rows = [(f"source-{n:03d}", f"source-{n:03d}", None) for n in range(sources)]
        store.upsert_sources(conn, rows)
    batch: list[tuple[Item, store.ItemKeys]] = []
    for item in synthetic_items(items, sources):
        batch.append((item, keys_for(item.title, item.summary)))
        if len(batch) == 5000:
            with db.transaction() as conn:
                store.insert_items(conn, batch)
            batch = []
    if batch:
        with db.transaction() as conn:
            store.insert_items(conn, batch)


def site_settings(site: Path) -> Settings:
    (site / "seeds").mkdir()
    return load_settings(None, {"PUBLISHER_INGEST_SETTLE_SECONDS": "0"}, cwd=site)


def publisher_round(items: int, sources: int, workers: int | None = None) -> Rate:
    """One first full build of a filled store, timed alone."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = site_settings(Path(tmp))
        db = store.open_store(settings.database.url, now=NOW)
        fill(db, items, sources)
        started = time.perf_counter()
        report = build(settings, db, now=NOW, workers=workers)
        seconds = time.perf_counter() - started
        db.close()
    html = sum(path.endswith(".html") for path in report.written)
    return Rate(len(report.written), html, seconds)


def hugo_round(hugo: str, items: int, sources: int) -> Rate:
    """The same items as minimal Hugo pages; Hugo's own page count, our clock."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "config.toml").write_text(HUGO_CONFIG)
        layouts = site / "layouts" / "_default"
        layouts.mkdir(parents=True)
        (layouts / "single.html").write_text(HUGO_SINGLE)
        (layouts / "list.html").write_text(HUGO_LIST)
        posts = site / "content" / "posts"
        posts.mkdir(parents=True)
        for item in synthetic_items(items, sources):
            front = f"---\ntitle: {json.dumps(item.title)}\ndate: {item.published.isoformat()}\n"
            (posts / f"{item.id}.md").write_text(f"{front}---\n{item.summary}\n")
        command = [hugo, "--source", str(site), "--cacheDir", str(site / "cache")]
        started = time.perf_counter()
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        seconds = time.perf_counter() - started
        files = sum(len(names) for _, _, names in os.walk(site / "public"))
    found = re.search(r"^\s*Pages\s*\|\s*(\d+)", output, re.MULTILINE)
    return Rate(files, int(found.group(1)) if found else items, seconds)


def floor_round(items: int, sources: int) -> Rate:
    """The same pages and feeds from bare Jinja2 templates and bare feedgen, rendered only.

    Writing is left out: creating files costs every tool the same, and on a virtual disk
    it varies too much from run to run to be part of a floor.
    """
    env = Environment(autoescape=True)
    page, listing = env.from_string(PAGE), env.from_string(LISTING)
    everything = list(synthetic_items(items, sources))[::-1]  # newest first, as the build
    groups: dict[str, list[Item]] = {"": everything[:FEED_ITEMS]}
    for item in everything:
        author = (item.author or "").lower().replace(" ", "-")
        for folder in (f"sources/{item.source}", f"authors/{author}"):
            group = groups.setdefault(folder, [])
            if len(group) < FEED_ITEMS:
                group.append(item)
    rendered = 0
    started = time.perf_counter()
    for item in everything:
        rendered += len(page.render(title=item.title, body=item.summary))
    for folder, members in groups.items():
        rendered += sum(len(data) for data in _raw_feeds(folder, members).values())
        rendered += len(listing.render(title=folder or "bench", items=members))
    seconds = time.perf_counter() - started
    return Rate(len(everything) + 4 * len(groups), len(everything) + len(groups), seconds)


def _raw_feeds(folder: str, members: list[Item]) -> dict[str, bytes]:
    """RSS and Atom from one bare FeedGenerator, JSON Feed from one json.dumps."""
    base = f"http://127.0.0.1:8000/{folder}"
    fg = FeedGenerator()
    fg.id(base)
    fg.title(folder or "bench")
    fg.link(href=base, rel="alternate")
    fg.description("bench")
    fg.updated(members[0].updated)
    for item in members:
        entry = fg.add_entry(order="append")
        entry.id(f"{base}/{item.id}")
        entry.title(item.title)
        entry.link(href=f"http://127.0.0.1:8000/items/{item.id}.html")
        entry.summary(item.summary)
        entry.published(item.published)
        entry.updated(item.updated)
    entries = [
        {"id": item.id, "title": item.title, "summary": item.summary, "url": item.id}
        for item in members
    ]
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": entries})
    return {
        "rss.xml": fg.rss_str(),
        "atom.xml": fg.atom_str(),
        "feed.json": json_feed.encode(),
    }


def full_builds(args: argparse.Namespace) -> None:
    hugo = shutil.which("hugo")
    version = _hugo_version(hugo) if hugo else "not installed: column left out"
    print(f"full build of {args.items:,} items over {args.sources} sources and authors; "
          f"hugo: {version}")  # fmt: skip
    other = 2 if workers_for(args.items) == 1 else 1  # the way the build does not choose
    other_name = "publisher, 1 process" if other == 1 else "publisher, 2 workers"
    results: dict[str, list[Rate]] = {
        "publisher": [], other_name: [], "hugo": [], "floor (render)": []
    }  # fmt: skip
    for number in range(args.rounds):
        results["publisher"].append(publisher_round(args.items, args.sources))
        results[other_name].append(publisher_round(args.items, args.sources, other))
        if hugo:
            results["hugo"].append(hugo_round(hugo, args.items, args.sources))
        results["floor (render)"].append(floor_round(args.items, args.sources))
        line = " | ".join(
            f"{name} {rates[-1].files:,} files in {rates[-1].seconds:.1f} s"
            for name, rates in results.items()
            if rates
        )
        print(f"round {number + 1}: {line}")
    print(f"median of {args.rounds}:             files/s    pages/s")
    medians = {
        name: (
            statistics.median(r.files_per_second for r in rates),
            statistics.median(r.pages_per_second for r in rates),
        )
        for name, rates in results.items()
        if rates
    }
    for name, (files, pages_rate) in medians.items():
        print(f"  {name:<20} {files:>9,.0f} {pages_rate:>10,.0f}")
    if "hugo" in medians:
        ratio = medians["publisher"][1] / medians["hugo"][1]
        print(f"publisher/hugo pages/s: {ratio:.2f} (target >= 0.80)")


def _hugo_version(hugo: str) -> str:
    output = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    found = re.search(r"v(\d+\.\d+\.\d+)", output)
    return found.group(1) if found else output.strip()


def rebuild_after_one_new_item(items: int, sources: int) -> None:
    """A large built store, one new seed with one new item, the timed rebuild."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        settings = site_settings(site)
        db = store.open_store(settings.database.url, now=NOW)
        started = time.perf_counter()
        fill(db, items, sources)
        print(f"filled {items:,} items over {sources} sources and authors "
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
        count = naive_feed_rebuild(settings, db)
        naive = time.perf_counter() - started
        print(f"naive baseline (re-render all {count} feeds): {naive:.2f} s; "
              f"change tracking is {naive / incremental:.0f}x faster")  # fmt: skip
        db.close()


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


def profile_build(items: int, sources: int) -> None:
    """One full build in one process under cProfile: where the time goes, top entries."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = site_settings(Path(tmp))
        db = store.open_store(settings.database.url, now=NOW)
        fill(db, items, sources)
        profiler = cProfile.Profile()
        profiler.runcall(build, settings, db, now=NOW, workers=1)
        db.close()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rebuild-items", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.profile:
        profile_build(args.items, args.sources)
    if args.rounds > 0:
        full_builds(args)
    if args.rebuild_items > 0:
        rebuild_after_one_new_item(args.rebuild_items, args.sources)


if __name__ == "__main__":
    main()
