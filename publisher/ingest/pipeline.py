"""Use case: turn new or changed seed files into stored items whose ids never change."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import multiprocessing
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.engine import Connection

from publisher import store
from publisher.core.errors import SeedError
from publisher.core.models import Item, PageHints, ParseResult, SeedFile
from publisher.core.settings import Settings
from publisher.ingest.matching import Batch, Clock, PageItems
from publisher.ingest.parsing import PARSER_VERSION, decode_seed, parse_page
from publisher.ingest.scanning import SeedEntry, read_seed, scan_seed_dir
from publisher.ingest.sources import SourceInfo, source_for, with_publication

__all__ = ["IngestReport", "Progress", "SourceInfo", "ingest", "parse_seed_bytes", "source_for"]

log = logging.getLogger(__name__)
BATCH_FILES = 500  # files stored per transaction
PARALLEL_FILES = 400  # below this, starting worker processes costs more than it saves
PARALLEL_CHUNK = 25
MAX_WORKERS = 4
WORKER_NICENESS = 5  # the main process, which writes the store, is the critical path
Progress = Callable[[int, int], None]
_Task = tuple[SeedEntry, SeedFile | None]


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


@dataclass
class _Prepared:
    """A file read, hashed and parsed (in a worker process for large scans)."""

    entry: SeedEntry
    record: SeedFile | None
    sha256: str = ""
    layout: str | None = None
    page: PageItems | None = None
    source: SourceInfo | None = None
    error: str | None = None
    same_bytes: bool = False


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
    prepare = functools.partial(_prepare, settings=settings, reparse=reparse)
    with _parallel_map(len(todo)) as mapper:
        prepared = mapper(prepare, tasks)
        for start in range(0, len(todo), BATCH_FILES):
            batch = list(itertools.islice(prepared, BATCH_FILES))
            # One batch at a time across processes: matching must see the items another
            # ingest stored, and items are numbered in the order they become visible.
            with db.transaction(exclusive="ingest") as conn:
                _store_batch(conn, batch, clock, report)
            if progress is not None:
                progress(start + len(batch), len(todo))
    return report


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


Mapper = Callable[[Callable[[_Task], _Prepared], Sequence[_Task]], Iterator[_Prepared]]


@contextmanager
def _parallel_map(files: int) -> Iterator[Mapper]:
    """Parse in worker processes when there is much to do (the main one writes to the store).

    forkserver, not fork: the daemon has threads, and forking those is unsafe.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if files < PARALLEL_FILES or workers < 2:
        yield lambda fn, tasks: map(fn, tasks)
        return
    context = multiprocessing.get_context("forkserver")
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


def _prepare(task: _Task, *, settings: Settings, reparse: bool) -> _Prepared:
    """Read, hash, decode and parse a file outside any transaction."""
    entry, record = task
    prepared = _Prepared(entry, record)
    current = record is not None and record.parser_version == PARSER_VERSION and not reparse
    try:
        data, prepared.sha256 = read_seed(entry, max_bytes=settings.ingest.max_file_bytes)
        if current and record and record.sha256 == prepared.sha256 and record.status == "ok":
            prepared.same_bytes = True
            return prepared
        source = source_for(settings, entry.path)
        saved = datetime.fromtimestamp(entry.mtime_ns / 1e9, UTC)
        result = parse_seed_bytes(data, name=entry.path, hints=source.hints, saved=saved)
    except SeedError as exc:
        prepared.error = exc.at(entry.path).reason
        return prepared
    source = with_publication(settings, entry.path, source, result)
    prepared.source, prepared.layout = source, result.layout
    reread = record is not None and record.sha256 == prepared.sha256
    prepared.page = PageItems.of(source.slug, entry.path, result.items, reread=reread)
    return prepared


def _store_batch(
    conn: Connection, batch: Sequence[_Prepared], clock: Clock, report: IngestReport
) -> None:
    """Store a batch of prepared files in one transaction, with a few statements in all."""
    sources = {p.source.slug: p.source for p in batch if p.source is not None}
    store.upsert_sources(conn, [(s.slug, s.name, s.url) for s in sources.values()])
    report.changed_sources.update(sources)
    matcher = Batch(conn, clock)
    matcher.preload([p.page for p in batch if p.page is not None])
    seeds = [_apply(matcher, prepared, report) for prepared in batch]
    matcher.flush()
    store.upsert_seed_files(conn, seeds, now=clock.now)
    read = [p.entry.path for p in batch if not p.same_bytes]
    store.replace_seed_items(conn, {path: matcher.yields.get(path, []) for path in read})


def _apply(matcher: Batch, prepared: _Prepared, report: IngestReport) -> SeedFile:
    """Match one prepared file's items; returns the file's record for the batch to store."""
    entry, record = prepared.entry, prepared.record
    seed = SeedFile(
        entry.path, entry.size, entry.mtime_ns, prepared.sha256, "ok", parser_version=PARSER_VERSION
    )
    if prepared.same_bytes and record is not None:
        report.files_unchanged += 1
        return dataclasses.replace(seed, layout=record.layout)
    if prepared.page is None:
        error = prepared.error or "no items"
        log.warning("%s: %s", entry.path, error)
        report.files_failed += 1
        report.errors.append({"path": entry.path, "error": error})
        return dataclasses.replace(seed, status="failed", error=error)
    new, updated = matcher.add(prepared.page)
    if record is None:
        report.files_new += 1
    elif record.sha256 == prepared.sha256:
        report.files_reparsed += 1
    else:
        report.files_changed += 1
    report.items_new += new
    report.items_updated += updated
    return dataclasses.replace(seed, layout=prepared.layout)
