"""Use case: turn new or changed seed files into stored items whose ids never change."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from sqlalchemy.engine import Connection

from publisher import identity, store
from publisher.config import Settings
from publisher.errors import SeedError
from publisher.models import Item, PageHints, ParsedItem, ParseResult, SeedFile
from publisher.parsing import decode_seed, parse_page
from publisher.seeds import SeedEntry, read_seed, scan_seed_dir

log = logging.getLogger(__name__)
BATCH_FILES = 200
Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What one scan did; ``errors`` holds one ``{path, error}`` per failed file."""

    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_failed: int = 0
    files_waiting: int = 0
    items_new: int = 0
    items_updated: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    changed_sources: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, object]:
        data = dataclasses.asdict(self)
        data.pop("changed_sources")
        return data


@dataclass(frozen=True)
class SourceInfo:
    slug: str
    name: str
    url: str | None
    hints: PageHints


@dataclass
class _Prepared:
    entry: SeedEntry
    is_new: bool
    sha256: str = ""
    result: ParseResult | None = None
    error: str | None = None
    same_bytes: bool = False


@dataclass
class _Clock:
    """Hands out distinct, descending instants so items first seen together keep page order."""

    now: datetime
    issued: int = 0

    def next_stamp(self) -> datetime:
        stamp = self.now - timedelta(seconds=self.issued)
        self.issued += 1
        return stamp


def source_for(settings: Settings, relative_path: str) -> SourceInfo:
    """The source a seed file belongs to: its ``[[sources]]`` rule, else the file's own name."""
    rule = settings.source_for(relative_path)
    stem = PurePosixPath(relative_path).stem
    name = (rule.name if rule and rule.name else None) or stem
    slug = identity.slugify(name) or "source-" + identity.fingerprint(name, None)[:8]
    if rule is None:
        return SourceInfo(slug, name, None, PageHints())
    hints = PageHints(
        layout=rule.layout,
        author=rule.author,
        timezone=rule.timezone,
        day_first=rule.date_order == "dmy",
    )
    return SourceInfo(slug, name, rule.url, hints)


def parse_seed_bytes(data: bytes, *, name: str, hints: PageHints) -> ParseResult:
    """Decode and parse one file's bytes; every failure is a SeedError naming the file."""
    text, warnings = decode_seed(data, name=name)
    result = parse_page(text, hints=hints, name=name)
    for warning in warnings:
        log.warning("%s: %s", name, warning)
    return result


def ingest(
    settings: Settings, db: store.Store, *, now: datetime, progress: Progress | None = None
) -> IngestReport:
    """Scan the seed folder and store what is new; work follows change, not corpus size."""
    report = IngestReport()
    known = store.list_seed_files(db)
    todo = _select_work(scan_seed_dir(settings.paths.seeds), known, settings, now, report)
    clock = _Clock(now)
    for start in range(0, len(todo), BATCH_FILES):
        batch = [_prepare(entry, known, settings) for entry in todo[start : start + BATCH_FILES]]
        with db.transaction() as conn:
            for prepared in batch:
                _apply(conn, prepared, settings, clock, report)
        if progress is not None:
            progress(min(start + BATCH_FILES, len(todo)), len(todo))
    return report


def _select_work(
    entries: Sequence[SeedEntry],
    known: dict[str, SeedFile],
    settings: Settings,
    now: datetime,
    report: IngestReport,
) -> list[SeedEntry]:
    settle_ns = int(settings.ingest.settle_seconds * 1e9)
    now_ns = int(now.timestamp() * 1e9)
    todo = []
    for entry in entries:
        record = known.get(entry.path)
        if record and (record.size, record.mtime_ns) == (entry.size, entry.mtime_ns):
            report.files_unchanged += 1
        elif now_ns - entry.mtime_ns < settle_ns:
            report.files_waiting += 1
        else:
            todo.append(entry)
    return todo


def _prepare(entry: SeedEntry, known: dict[str, SeedFile], settings: Settings) -> _Prepared:
    """Read, hash, decode and parse a file outside any transaction."""
    record = known.get(entry.path)
    prepared = _Prepared(entry, is_new=record is None)
    try:
        data, prepared.sha256 = read_seed(entry, max_bytes=settings.ingest.max_file_bytes)
        if record is not None and record.sha256 == prepared.sha256 and record.status == "ok":
            prepared.same_bytes = True
            return prepared
        hints = source_for(settings, entry.path).hints
        prepared.result = parse_seed_bytes(data, name=entry.path, hints=hints)
    except SeedError as exc:
        prepared.error = exc.at(entry.path).reason
    return prepared


def _apply(
    conn: Connection, prepared: _Prepared, settings: Settings, clock: _Clock, report: IngestReport
) -> None:
    entry = prepared.entry
    seed = SeedFile(entry.path, entry.size, entry.mtime_ns, prepared.sha256, "ok")
    if prepared.same_bytes:
        report.files_unchanged += 1
        store.upsert_seed_file(conn, seed, now=clock.now)
        return
    if prepared.error is not None or prepared.result is None:
        error = prepared.error or "no result"
        log.warning("%s: %s", entry.path, error)
        report.files_failed += 1
        report.errors.append({"path": entry.path, "error": error})
        store.upsert_seed_file(
            conn, dataclasses.replace(seed, status="failed", error=error), now=clock.now
        )
        return
    source = source_for(settings, entry.path)
    store.upsert_source(conn, source.slug, source.name, source.url)
    new, updated = _store_items(conn, prepared.result.items, source.slug, entry.path, clock)
    seed = dataclasses.replace(seed, layout=prepared.result.layout)
    store.upsert_seed_file(conn, seed, now=clock.now)
    report.files_new += prepared.is_new
    report.files_changed += not prepared.is_new
    report.items_new += new
    report.items_updated += updated
    if new or updated:
        report.changed_sources.add(source.slug)


def _store_items(
    conn: Connection, parsed: Sequence[ParsedItem], source: str, seed_path: str, clock: _Clock
) -> tuple[int, int]:
    """Match each parsed item to a stored one (by story, then by title); mint ids for the rest."""
    keys = [(identity.fingerprint(p.title, p.summary), identity.text_key(p.title)) for p in parsed]
    by_story = store.find_items_by_fingerprint(conn, (fp for fp, _ in keys))
    by_title = store.find_items_by_title(conn, source, (tk for _, tk in keys))
    claimed: set[str] = set()
    fresh: list[tuple[ParsedItem, str, str]] = []
    marks: set[store.Mark] = set()
    updated = 0
    for item, (fp, tk) in zip(parsed, keys, strict=True):
        existing = by_story.get(fp) or by_title.get(tk)
        if existing is None or existing.id in claimed:
            fresh.append((item, fp, tk))
            continue
        claimed.add(existing.id)
        merged = merge_item(existing, item, same_source=existing.source == source, clock=clock)
        if merged != existing:
            store.update_item(conn, merged, *_keys(merged))
            marks.update(stale_marks(existing) | stale_marks(merged))
            updated += merged.updated != existing.updated
    for inserted in _insert_fresh(conn, fresh, source, seed_path, clock):
        marks.update(stale_marks(inserted))
    store.mark_stale(conn, marks)
    return len(fresh), updated


def stale_marks(item: Item) -> set[store.Mark]:
    """The outputs that show this item: its page, the main feed, its source's and author's."""
    marks = {("item", item.id), ("main", ""), ("source", item.source)}
    if item.author:
        marks.add(("author", item.author))
    return marks


def _keys(item: Item) -> tuple[str, str]:
    return identity.fingerprint(item.title, item.summary), identity.text_key(item.title)


def _insert_fresh(
    conn: Connection,
    fresh: Sequence[tuple[ParsedItem, str, str]],
    source: str,
    seed_path: str,
    clock: _Clock,
) -> list[Item]:
    taken = store.find_taken_ids(
        conn, (identity.mint_id(p.title, p.summary, set()) for p, _, _ in fresh)
    )
    rows = []
    for parsed, fp, tk in fresh:
        item_id = identity.mint_id(parsed.title, parsed.summary, taken)
        taken.add(item_id)
        rows.append((new_item(item_id, parsed, source, seed_path, clock), fp, tk))
    store.insert_items(conn, rows)
    return [item for item, _, _ in rows]


def new_item(item_id: str, parsed: ParsedItem, source: str, seed_path: str, clock: _Clock) -> Item:
    stamp = clock.next_stamp()
    return Item(
        id=item_id,
        source=source,
        title=parsed.title,
        summary=parsed.summary,
        content=parsed.content,
        author=parsed.author,
        published=parsed.published or stamp,
        first_seen=clock.now,
        updated=stamp,
        url=parsed.url,
        seed_path=seed_path,
        seed_line=parsed.line,
        dated=parsed.published is not None,
    )


def merge_item(existing: Item, parsed: ParsedItem, *, same_source: bool, clock: _Clock) -> Item:
    """Fold a new sighting into a stored item; ``updated`` moves only when its text changed."""
    changes: dict[str, object] = {}
    if same_source:
        text = {"title": parsed.title, "summary": parsed.summary, "content": parsed.content}
        changes.update({k: v for k, v in text.items() if v != getattr(existing, k)})
        if parsed.url and parsed.url != existing.url:
            changes["url"] = parsed.url
    elif parsed.content and not existing.content:
        changes["content"] = parsed.content
    if parsed.author and (same_source or not existing.author) and parsed.author != existing.author:
        changes["author"] = parsed.author
    if (
        parsed.published
        and (same_source or not existing.dated)
        and parsed.published != existing.published
    ):
        changes.update(published=parsed.published, dated=True)
    if not changes:
        return existing
    if {"title", "summary", "content"} & changes.keys():
        changes["updated"] = max(clock.next_stamp(), existing.updated + timedelta(seconds=1))
    return dataclasses.replace(existing, **changes)  # type: ignore[arg-type]
