"""A full build's listings, months and item pages, rendered in worker processes when many.

The visible items are read once and cut into listings and months in memory (``Plan``).
The work is split into one share per worker by source, so an item's page, its source's
and (mostly) its author's listing, and so its view and feed entry, are made in one
process; each share is cut into small jobs, so the main process writes files while the
workers render. One worker, or a small site, renders the same jobs in this process:
the bytes never depend on how the work was split.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import zip_longest

from publisher import store
from publisher.core.errors import PublishError
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.publish import pages
from publisher.publish.rendering import (
    FrontLinks,
    Output,
    Renderer,
    page_of,
    render_items,
    render_listing,
    render_month,
)

PARALLEL_ITEMS = 2000  # below this, starting workers costs more than it saves
# Fewer cores than this render in the building process: on 2 cores, workers beside the
# process writing their files cost a third to a half more CPU than rendering here, and the
# build took longer (bench/build.py, 20,000 items).
PARALLEL_CORES = 3
MAX_WORKERS = 4
JOB_PAGES = 20  # listing or month pages per job
JOB_ITEMS = 200  # item pages per job
IN_FLIGHT = 4  # jobs queued per worker: bounds what waits in memory to be written

# (what, key, first, last): a listing's pages ("main", "source", "author"; feeds with the
# front page), a month's pages ("month") or a source's item pages ("items", by position).
Job = tuple[str, str, int, int]


@dataclass(frozen=True)
class Plan:
    """Every visible item (newest first, with its original link) cut into listings and months."""

    listed: Sequence[Item]
    sources: Sequence[str]  # every source has a listing, even one with no item left
    by_source: Mapping[str, Sequence[Item]]
    by_author: Mapping[str, Sequence[Item]]
    by_month: Mapping[str, Sequence[Item]]  # newest first by date, then by the order found
    page_size: int

    @classmethod
    def of(cls, listed: Sequence[Item], sources: Sequence[str], page_size: int) -> Plan:
        by_source: dict[str, list[Item]] = {source: [] for source in sources}
        by_author: dict[str, list[Item]] = defaultdict(list)
        by_month: dict[str, list[Item]] = defaultdict(list)
        for item in listed:
            by_source.setdefault(item.source, []).append(item)
            if item.author:
                by_author[item.author].append(item)
            by_month[store.month_key(item.published)].append(item)
        for found in by_month.values():  # a stable sort: equal dates stay newest found first
            found.sort(key=lambda item: item.published, reverse=True)
        months = {month: by_month[month] for month in sorted(by_month, reverse=True)}
        authors = {author: by_author[author] for author in sorted(by_author)}
        return cls(listed, sorted(sources), by_source, authors, months, page_size)

    @property
    def front(self) -> FrontLinks:
        return FrontLinks(list(self.by_author), [(m, len(i)) for m, i in self.by_month.items()])

    def members(self, what: str, key: str) -> Sequence[Item]:
        """The items of a listing, a month or a source's item pages, newest first."""
        if what == "main":
            return self.listed
        if what == "author":
            return self.by_author.get(key, ())
        if what == "month":
            return self.by_month.get(key, ())
        return self.by_source.get(key, ())  # "source", "items"

    def paging(self, what: str, key: str) -> pages.Paging:
        return pages.Paging(len(self.members(what, key)), self.page_size)

    def folders(self, site: pages.SiteContext) -> Iterator[tuple[str, int]]:
        """Each listing's and month's folder with its page count: older pages past it go."""
        yield "", self.paging("main", "").count
        for source in self.sources:
            yield pages.source_feed(site, source).path, self.paging("source", source).count
        for author in self.by_author:
            yield pages.author_feed(site, author).path, self.paging("author", author).count
        for month in self.by_month:
            folder = pages.month_path(month).removesuffix("/index.html")
            yield folder, self.paging("month", month).count


def render_everything(
    settings: Settings, renderer: Renderer, plan: Plan, workers: int | None = None
) -> Iterator[list[Output]]:
    """Every listing, month and item page of ``plan``, a job's outputs at a time, in order.

    ``workers``: processes to render in; None picks them from the machine and the size.
    """
    count = workers if workers is not None else workers_for(len(plan.listed))
    shares = split(plan, max(1, count))
    if len(shares) > 1:
        yield from _in_workers(settings, renderer.site, plan, shares)
        return
    for share in shares:
        for job in share:
            yield run_job(renderer, plan, job)


def workers_for(items: int) -> int:
    """How many processes a full build of ``items`` renders in on this machine."""
    cores = os.cpu_count() or 1
    return 1 if items < PARALLEL_ITEMS or cores < PARALLEL_CORES else min(cores, MAX_WORKERS)


def split(plan: Plan, count: int) -> list[list[Job]]:
    """Jobs for ``count`` workers, about equal in items shown; a source's work in one share."""
    shares: list[list[Job]] = [[] for _ in range(count)]
    load = [0] * count
    home: dict[str, int] = {}

    def give(share: int, jobs: list[Job], weight: int) -> None:
        shares[share].extend(jobs)
        load[share] += weight

    listings = set(plan.sources)
    for source, found in sorted(plan.by_source.items(), key=lambda pair: -len(pair[1])):
        home[source] = load.index(min(load))
        jobs = _listing_jobs(plan, "source", source) if source in listings else []
        give(home[source], jobs + _item_jobs(len(found), source), len(found))
    for author, found in plan.by_author.items():
        give(home.get(found[0].source, 0), _listing_jobs(plan, "author", author), len(found))
    for what, key in [("main", ""), *(("month", month) for month in plan.by_month)]:
        for job in _listing_jobs(plan, what, key):
            give(load.index(min(load)), [job], (job[3] - job[2] + 1) * plan.page_size)
    return [share for share in shares if share]


def _listing_jobs(plan: Plan, what: str, key: str) -> list[Job]:
    """A listing's pages in runs of ``JOB_PAGES``, the front page (and the feeds) first."""
    count = plan.paging(what, key).count
    return [(what, key, max(1, last - JOB_PAGES + 1), last) for last in range(count, 0, -JOB_PAGES)]


def _item_jobs(size: int, source: str) -> list[Job]:
    """A source's item pages in runs of ``JOB_ITEMS`` (positions in its listing)."""
    return [
        ("items", source, start, min(start + JOB_ITEMS, size))
        for start in range(0, size, JOB_ITEMS)
    ]


def run_job(renderer: Renderer, plan: Plan, job: Job) -> list[Output]:
    """Render one job of ``plan``: a run of a listing's or month's pages, or item pages."""
    what, key, first, last = job
    members = plan.members(what, key)
    if what == "items":
        return render_items(renderer, members[first:last])
    paging = plan.paging(what, key)
    numbers = range(first, last + 1)
    if what == "month":
        return render_month(renderer, key, paging, members, numbers)
    shown = {number: page_of(members, paging, number) for number in numbers}
    with_feeds = last == paging.count
    newest = members[: renderer.settings.feeds.max_items] if with_feeds else None
    front = plan.front if what == "main" and with_feeds else None
    return render_listing(renderer, what, key, paging, shown, newest=newest, front=front)


def _in_workers(
    settings: Settings, site: pages.SiteContext, plan: Plan, shares: list[list[Job]]
) -> Iterator[list[Output]]:
    """Each share in its own worker process (forkserver: the daemon has threads, fork is
    unsafe); outputs come back in job order, a few jobs ahead of the writing.

    The forkserver imports the program and this module (Jinja2, feedgen, ours) once before
    it forks the workers; otherwise each spends about half a CPU-second importing them
    again. A forkserver already running (the ingest's) keeps what it preloaded.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", __name__])
    pools = [
        ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_start, initargs=(settings, site, plan)
        )
        for _ in shares
    ]
    try:
        queues = [_queued(pool, share) for pool, share in zip(pools, shares, strict=True)]
        for futures in zip_longest(*queues):
            for future in futures:
                if future is not None:
                    yield future.result()
    except BrokenProcessPool as exc:
        raise PublishError(f"a rendering worker process died: {exc}; run the build again") from exc
    finally:
        for pool in pools:
            pool.shutdown(cancel_futures=True)


def _queued(pool: ProcessPoolExecutor, jobs: Sequence[Job]) -> Iterator[Future[list[Output]]]:
    """Futures of ``jobs`` in order, keeping ``IN_FLIGHT`` submitted ahead of the reader."""
    pending: list[Future[list[Output]]] = []
    for job in jobs:
        pending.append(pool.submit(_run, job))
        if len(pending) >= IN_FLIGHT:
            yield pending.pop(0)
    yield from pending


# A worker process's own renderer and plan, set once by ``_start`` when it begins.
_worker: tuple[Renderer, Plan] | None = None


def _start(settings: Settings, site: pages.SiteContext, plan: Plan) -> None:
    global _worker
    _worker = (Renderer.create(settings, site), plan)


def _run(job: Job) -> list[Output]:
    if _worker is None:
        raise PublishError("rendering worker used before it started")
    return run_job(*_worker, job)
