"""Use case: turn new or changed seed files into stored items whose ids never change."""

from __future__ import annotations

import dataclasses
import functools
import gc
import itertools
import logging
import multiprocessing
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy.engine import Connection

from publisher import store
from publisher.core.errors import SeedError
from publisher.core.models import Item, PageHints, ParseResult, SeedFile
from publisher.core.settings import Settings
from publisher.ingest.matching import Batch, Clock, PageItems, ParsedRow, parsed_rows
from publisher.ingest.parsing import PARSER_VERSION, decode_seed, parse_page
from publisher.ingest.scanning import SeedEntry, read_seed, scan_seed_dir
from publisher.ingest.sources import SourceInfo, source_for, with_publication

__all__ = [
    "IngestReport",
    "Prepared",
    "Progress",
    "Read",
    "SourceInfo",
    "ingest",
    "parse_seed_bytes",
    "prepare_file",
    "saved_at",
    "source_for",
    "store_prepared",
]

log = logging.getLogger(__name__)
BATCH_FILES = 500  # files stored per transaction
BULK_FILES = 10_000  # files a first scan loads into an empty store in one transaction
PARALLEL_FILES = 400  # below this, starting worker processes costs more than it saves
PARALLEL_CHUNK = 25
MAX_WORKERS = 4
WORKER_NICENESS = 5  # the main process, which writes the store, is the critical path
Progress = Callable[[int, int], None]
Task = tuple[SeedEntry, SeedFile | None]


@dataclass
class IngestReport:
    """What one scan did; ``errors`` holds one ``{path, error}`` per failed file."""

    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_waiting: int = 0
    files_reparsed: int = 0  # same bytes, read again by a new parser version (or --reparse)
    items_new: int = 0
    items_updated: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    changed_sources: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, object]:
        data = dataclasses.asdict(self)
        data.pop("changed_sources")
        return data


class Read(NamedTuple):
    """What reading one file gave, as a parse worker sends it back: plain tuples all the way
    down (its items as ``ParsedRow``), which pickle far smaller and faster than dataclasses."""

    sha256: str = ""
    same_bytes: bool = False  # unchanged since the current parser read it: nothing to store
    error: str | None = None
    layout: str | None = None
    source: tuple[str, str, str | None] | None = None  # slug, name, home page
    rows: tuple[ParsedRow, ...] | None = None


Prepared = tuple[Task, Read]


def saved_at(mtime_ns: int) -> datetime:
    """When a file was saved, on this machine's clock (its local offset then): the page's
    "12m ago" and "yesterday" are read on the clock of whoever saved it, not in UTC."""
    return datetime.fromtimestamp(mtime_ns / 1e9).astimezone()


def parse_seed_bytes(
    data: bytes, *, name: str, hints: PageHints, saved: datetime | None = None
) -> ParseResult:
    """Decode and parse one file's bytes; every failure is a SeedError naming the file.

    ``saved`` (the file's modification time) dates "2 hours ago" and "MAR 4".
    """
    text, warnings = decode_seed(data, name=name)
    result = parse_page(text, hints=hints, name=name, saved=saved)
    for warning in warnings:
        log.warning("%s: %s", name, warning)
    return result


def ingest(
    settings: Settings,
    db: store.Store,
    *,
    now: datetime,
    progress: Progress | None = None,
    ready: Collection[str] = (),
    reparse: bool = False,
) -> IngestReport:
    """Scan the seed folder and store what is new; work follows change, not corpus size.

    ``ready`` names files known to be complete (closed after writing, or renamed into
    the folder), which need not wait out the settle time. A file last read by another
    parser version is read again; ``reparse`` reads every file again. Stored items the
    new reading recognises are updated in place, keeping their ids.
    """
    report = IngestReport()
    known = store.list_seed_files(db)
    scan = scan_seed_dir(settings.paths.seeds, follow_symlinks=settings.ingest.follow_symlinks)
    for path, reason in scan.skipped:
        log.warning("%s: skipped: %s", path, reason)
        report.files_failed += 1
        report.errors.append({"path": path, "error": reason})
    todo = _select_work(scan.entries, known, settings, now, report, ready, reparse)
    clock = Clock(now)
    tasks = [(entry, known.get(entry.path)) for entry in todo]
    prepare = functools.partial(prepare_file, settings=settings, reparse=reparse)
    with _parallel_map(len(todo), settings.ingest.workers) as mapper:
        prepared = zip(tasks, mapper(prepare, tasks), strict=True)
        store_prepared(db, prepared, len(todo), clock, report, progress)
    return report


def store_prepared(
    db: store.Store,
    prepared: Iterator[Prepared],
    total: int,
    clock: Clock,
    report: IngestReport,
    progress: Progress | None = None,
) -> None:
    """Match and store prepared files, a transaction per batch (a bulk load into an empty
    store), one at a time across processes: matching must see the items another ingest
    stored, and items are numbered in the order they become visible."""
    stored = 0
    while stored < total:
        with db.transaction(exclusive="ingest") as conn:
            empty = not store.has_items(conn)
            if empty and total - stored > BATCH_FILES:
                stored += _load_bulk(conn, prepared, clock, report, (progress, stored, total))
                continue
            batch = list(itertools.islice(prepared, BATCH_FILES))
            _store_batch(conn, batch, Batch(conn, clock, complete=empty), report)
        stored += len(batch)
        if progress is not None:
            progress(stored, total)


def _load_bulk(
    conn: Connection,
    prepared: Iterator[Prepared],
    clock: Clock,
    report: IngestReport,
    progress: tuple[Progress | None, int, int],
) -> int:
    """A first scan into an empty store: up to BULK_FILES files in one transaction, with no
    look-ups (nothing can match but what this load stored, which it keeps in memory) and the
    items' indexes built once at the end, a third of the cost of keeping them up to date.

    One transaction, so a killed load leaves the store as it was: empty, indexes and all.
    """
    matcher = Batch(conn, clock, complete=True)
    loaded = 0
    with _collector_paused(), store.bulk_loading(conn):
        while loaded < BULK_FILES:
            batch = list(itertools.islice(prepared, BATCH_FILES))
            if not batch:
                break
            _store_batch(conn, batch, matcher, report)
            matcher = matcher.following()
            loaded += len(batch)
            tell, done, total = progress
            if tell is not None:
                tell(done + loaded, total)
    return loaded


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a bulk load builds its index of items: it makes
    hundreds of thousands of long-lived objects and no cycles, and each full collection
    would walk them all (a fifth of the store's time). It resumes after the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def list_orphans(settings: Settings, db: store.Store) -> list[Item]:
    """Stored items that no file in the seed folder yields any more, for review (never
    deleted): a story a new parser reads no more, or whose page was removed.

    A file or folder the scan skips as unreadable is still there: its items are no orphans.
    """
    scan = scan_seed_dir(settings.paths.seeds, follow_symlinks=settings.ingest.follow_symlinks)
    present = [entry.path for entry in scan.entries]
    skipped = [path for path, _ in scan.skipped]  # unreadable now, not gone: their items stay
    present += [
        path
        for path in store.list_seed_files(db)
        if any(path == gone or path.startswith(gone + "/") for gone in skipped)
    ]
    return store.list_orphan_items(db, present)


Mapper = Callable[[Callable[[Task], Read], Sequence[Task]], Iterator[Read]]


@contextmanager
def _parallel_map(files: int, workers: int | None) -> Iterator[Mapper]:
    """Parse in worker processes when there is much to do (the main one writes to the store).

    forkserver, not fork: the daemon has threads, and forking those is unsafe. The
    forkserver imports this module (the parser, the store) once, before it forks the
    workers: by itself it imports nothing of ours, and each worker would spend most of a
    CPU-second importing it when the first task arrives, while the main process waits.
    """
    if workers is None:  # one per core; a single core parses in this process
        cores = os.cpu_count() or 1
        workers = min(cores, MAX_WORKERS) if cores > 1 else 0
    if files < PARALLEL_FILES or workers < 1:
        yield lambda fn, tasks: map(fn, tasks)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])  # once the forkserver runs, it keeps its own
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=os.nice, initargs=(WORKER_NICENESS,)
    ) as pool:
        yield lambda fn, tasks: pool.map(fn, tasks, chunksize=PARALLEL_CHUNK)


def _select_work(
    entries: Sequence[SeedEntry],
    known: dict[str, SeedFile],
    settings: Settings,
    now: datetime,
    report: IngestReport,
    ready: Collection[str],
    reparse: bool,
) -> list[SeedEntry]:
    settle_ns = int(settings.ingest.settle_seconds * 1e9)
    now_ns = int(now.timestamp() * 1e9)
    todo = []
    for entry in entries:
        record = known.get(entry.path)
        if record and (record.size, record.mtime_ns) == (entry.size, entry.mtime_ns):
            if reparse or record.parser_version != PARSER_VERSION:
                todo.append(entry)
            else:
                report.files_unchanged += 1
        elif now_ns - entry.mtime_ns < settle_ns and entry.path not in ready:
            report.files_waiting += 1
        else:
            todo.append(entry)
    return todo


def prepare_file(task: Task, *, settings: Settings, reparse: bool) -> Read:
    """Read, hash, decode, parse and key a file outside any transaction (in a worker
    process for large scans)."""
    entry, record = task
    current = record is not None and record.parser_version == PARSER_VERSION and not reparse
    try:
        data, sha256 = read_seed(entry, max_bytes=settings.ingest.max_file_bytes)
        if current and record and record.sha256 == sha256 and record.status == "ok":
            return Read(sha256, same_bytes=True)
        source = source_for(settings, entry.path)
        saved = saved_at(entry.mtime_ns)
        result = parse_seed_bytes(data, name=entry.path, hints=source.hints, saved=saved)
    except SeedError as exc:
        return Read(error=exc.at(entry.path).reason)
    source = with_publication(settings, entry.path, source, result)
    named = (source.slug, source.name, source.url)
    return Read(sha256, layout=result.layout, source=named, rows=parsed_rows(result.items))


def _store_batch(
    conn: Connection, batch: Sequence[Prepared], matcher: Batch, report: IngestReport
) -> None:
    """Store a batch of prepared files in one transaction, with a few statements in all."""
    sources = {read.source[0]: read.source for _, read in batch if read.source is not None}
    store.upsert_sources(conn, list(sources.values()))
    report.changed_sources.update(sources)
    pages = {task[0].path: _page(task, read) for task, read in batch if read.rows is not None}
    matcher.preload(list(pages.values()))
    seeds = [_apply(matcher, task, read, pages.get(task[0].path), report) for task, read in batch]
    matcher.flush()
    clock = matcher.clock
    store.upsert_seed_files(conn, seeds, now=clock.now)
    parsed = [task[0].path for task, read in batch if not read.same_bytes]
    yields = {path: matcher.yields.get(path, []) for path in parsed}
    store.replace_seed_items(conn, yields, replace=not matcher.complete)


def _page(task: Task, read: Read) -> PageItems:
    entry, record = task
    slug = read.source[0] if read.source else ""
    reread = record is not None and record.sha256 == read.sha256
    return PageItems(slug, entry.path, read.rows or (), reread=reread)


def _apply(
    matcher: Batch, task: Task, read: Read, page: PageItems | None, report: IngestReport
) -> SeedFile:
    """Match one prepared file's items; returns the file's record for the batch to store."""
    entry, record = task
    seed = SeedFile(
        entry.path, entry.size, entry.mtime_ns, read.sha256, "ok", parser_version=PARSER_VERSION
    )
    if read.same_bytes and record is not None:
        report.files_unchanged += 1
        return dataclasses.replace(seed, layout=record.layout)
    if page is None:
        error = read.error or "no items"
        log.warning("%s: %s", entry.path, error)
        report.files_failed += 1
        report.errors.append({"path": entry.path, "error": error})
        return dataclasses.replace(seed, status="failed", error=error)
    new, updated = matcher.add(page)
    if record is None:
        report.files_new += 1
    elif record.sha256 == read.sha256:
        report.files_reparsed += 1
    else:
        report.files_changed += 1
    report.items_new += new
    report.items_updated += updated
    return dataclasses.replace(seed, layout=read.layout)
