"""Use case: ``build`` — ingest, then rewrite exactly the feeds and pages whose content changed."""

from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from publisher import __version__, store
from publisher.core import site_paths
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.core.templating import packaged_templates_dir
from publisher.ingest.pipeline import IngestReport, Progress, ingest
from publisher.ingest.sources import SourceMove, reconcile_sources, source_directory
from publisher.publish import archive, pages, websub
from publisher.publish.atomic import Batch, marked_build, write_if_changed
from publisher.publish.rendering import Renderer
from publisher.publish.workers import Plan, render_everything

log = logging.getLogger(__name__)
MANIFEST = "build.json"
NGINX_REDIRECTS = "nginx-redirects.conf"


@dataclass
class BuildReport:
    """What a build wrote; ``written`` lists paths relative to the output folder."""

    feeds_written: int = 0
    feeds_unchanged: int = 0
    pages_written: int = 0
    pages_unchanged: int = 0
    full: bool = False
    written: list[str] = field(default_factory=list)
    ingest: IngestReport | None = None
    # Sources renamed by this build, as (old folder, new folder): old feed URLs redirect.
    renamed: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        data = {
            key: value
            for key, value in asdict(self).items()
            if key not in {"ingest", "written", "renamed"}
        }
        data["renamed"] = [list(pair) for pair in self.renamed]
        if self.ingest is not None:
            data["ingest"] = self.ingest.as_dict()
        return data


def build(
    settings: Settings,
    db: store.Store,
    *,
    now: datetime,
    full: bool = False,
    progress: Progress | None = None,
    ready: Collection[str] = (),
    workers: int | None = None,
) -> BuildReport:
    """Ingest, then publish what the ingest (or an interrupted earlier build) left stale.

    ``workers``: processes a full build renders in (None: as many as pay on this machine).
    """
    with marked_build(settings.paths.state, settings.paths.output):
        return _build(
            settings, db, now=now, full=full, progress=progress, ready=ready, workers=workers
        )


def _build(
    settings: Settings,
    db: store.Store,
    *,
    now: datetime,
    full: bool,
    progress: Progress | None,
    ready: Collection[str],
    workers: int | None,
) -> BuildReport:
    ingested = ingest(settings, db, now=now, progress=progress, ready=ready)
    fingerprint = build_fingerprint(settings, store.list_sources(db))
    manifest = _read_manifest(settings)
    recorded = manifest.get("built_seq")
    built_seq = recorded if isinstance(recorded, int) else 0
    moves = reconcile_sources(settings, db) if manifest.get("fingerprint") != fingerprint else []
    if moves:  # sources renamed: record the names the output now shows
        fingerprint = build_fingerprint(settings, store.list_sources(db))
    newest_seq = store.max_item_seq(db)
    full = full or bool(moves) or _needs_full_build(settings, manifest, fingerprint, newest_seq)
    stale = store.list_stale(db)
    report = BuildReport(full=full, ingest=ingested)
    if not full and not stale and newest_seq == built_seq:
        return report
    with Batch(settings.paths.output) as batch:
        writer = _writer(settings, db, report, batch)
        if full:
            _build_everything(writer, workers)
        else:
            _build_stale(writer, stale, store.list_items_after(db, built_seq))
        _retire_sources(writer, moves, report)
    _store_tally(writer.tally, report)
    store.clear_stale(db, stale)
    _write_manifest(settings, {"fingerprint": fingerprint, "built_seq": newest_seq})
    _ping_hub(settings, report.written)
    return report


def publish_editions(settings: Settings, db: store.Store) -> list[str]:
    """Write the public page of every digest edition planned since the last build.

    Called right after digests are sent, so "view in browser" works before the next build.
    """
    marks = {mark for mark in store.list_stale(db) if mark[0] == "edition"}
    if not marks:
        return []
    report = BuildReport()
    with Batch(settings.paths.output) as batch:
        archive.write_editions(_writer(settings, db, report, batch), {key for _, key in marks})
    store.clear_stale(db, marks)
    return report.written


def _writer(
    settings: Settings, db: store.Store, report: BuildReport, batch: Batch
) -> archive.Writer:
    directory = source_directory(settings, store.list_sources(db))
    site = pages.SiteContext(
        title=settings.site.title,
        url=settings.site.url,
        description=settings.site.description,
        language=settings.site.language,
        source_names={slug: info.name for slug, info in directory.items()},
        source_homes={slug: info.url for slug, info in directory.items() if info.url},
        page_size=settings.site.page_size,
    )
    renderer = Renderer.create(settings, site)
    tally = archive.Tally(written=report.written)
    return archive.Writer(settings, db, renderer, directory, tally, batch)


def _store_tally(tally: archive.Tally, report: BuildReport) -> None:
    report.feeds_written, report.feeds_unchanged = tally.feeds_written, tally.feeds_unchanged
    report.pages_written, report.pages_unchanged = tally.pages_written, tally.pages_unchanged


def _build_everything(writer: archive.Writer, workers: int | None) -> None:
    """Every page and feed from one read of the visible items, cut into listings in memory."""
    listed = writer.linked(store.list_items(writer.db))  # newest first
    plan = Plan.of(listed, list(writer.site.source_names), writer.settings.site.page_size)
    for outputs in render_everything(writer.settings, writer.renderer, plan, workers):
        writer.write_all(outputs)
    for folder, count in plan.folders(writer.site):
        archive.prune_pages(writer, folder, count)
    archive.write_archive_index(writer)
    archive.write_editions(writer, store.list_edition_keys(writer.db))
    writer.write(pages.STYLESHEET, pages.render_stylesheet(writer.env))
    writer.write(pages.SCRIPT, pages.render_stylesheet(writer.env, pages.SCRIPT))
    _write_opml(writer)


def _build_stale(writer: archive.Writer, stale: set[store.Mark], new_items: Sequence[Item]) -> None:
    """Rebuild what changed items marked, and the pages of items new since the last build."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for kind, key in stale:
        kinds[kind].add(key)
    new: dict[tuple[str, str], int] = defaultdict(int)
    new_by_month: dict[str, list[Item]] = defaultdict(list)
    for item in new_items:
        new[("main", "")] += 1
        new[("source", item.source)] += 1
        if item.author:
            new[("author", item.author)] += 1
        new_by_month[store.month_key(item.published)].append(item)
    edited = sorted(kinds["item"] - {item.id for item in new_items})
    for kind in ("main", "source", "author"):
        keys = kinds[kind] | kinds[f"{kind}-all"] | {k for (n, k) in new if n == kind}
        if kind == "main":
            keys = {""}
        for key in sorted(keys):
            archive.write_listing(
                writer,
                kind=kind,
                key=key,
                new_items=new[(kind, key)],
                edited=edited,
                everything=key in kinds[f"{kind}-all"],
            )
    for month in sorted(kinds["month"] | set(new_by_month)):
        archive.write_month(writer, month, None if month in kinds["month"] else new_by_month[month])
    archive.write_archive_index(writer)
    archive.write_items(writer, [*new_items, *store.get_items(writer.db, edited)])
    archive.write_editions(writer, kinds["edition"])
    _write_opml(writer)


def _write_opml(writer: archive.Writer) -> None:
    """OPML: every feed, so a reader can subscribe to all at once."""
    site = writer.site
    refs = [pages.main_feed(site)] + [pages.source_feed(site, s) for s in sorted(site.source_names)]
    refs += [pages.author_feed(site, a) for a in writer.front_links.authors]
    writer.write("opml.xml", pages.render_opml(writer.env, site, refs))


def _retire_sources(
    writer: archive.Writer, moves: Sequence[SourceMove], report: BuildReport
) -> None:
    """Take down the feeds of sources renamed away, and say where their readers now go."""
    for move in moves:
        old = f"sources/{pages.slugify(move.old)}"
        new = f"sources/{pages.slugify(move.new)}"
        if move.old not in writer.site.source_names:
            archive.remove_listing(writer, old)
        report.renamed.append((old, new))
        log.info("source %s renamed to %s: %s redirects to %s", move.old, move.new, old, new)
    if moves:
        write_if_changed(
            writer.settings.paths.state / NGINX_REDIRECTS,
            nginx_redirects(writer.settings, store.list_source_moves(writer.db)),
        )


def nginx_redirects(settings: Settings, moves: dict[str, str]) -> bytes:
    """nginx lines that answer a renamed source's old feed URLs with 301 to the new ones."""
    prefix = urlsplit(settings.site.url).path or "/"
    lines = ["# publisher: renamed sources; include this in your server { } block"]
    for old, new in sorted(moves.items()):
        lines.append(
            f"rewrite ^{prefix}sources/{pages.slugify(old)}/(.*)$ "
            f"{prefix}sources/{pages.slugify(new)}/$1 permanent;"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_fingerprint(settings: Settings, source_names: Mapping[str, str]) -> str:
    """Everything besides the items that shapes the output: a change means a full rebuild.

    That includes each source's stored display name (the name its page states, unless
    the config names it), which every feed entry, listing and item page shows.
    """
    digest = hashlib.sha256()
    shaping = {
        "version": __version__,
        "site": asdict(settings.site),
        "feeds": asdict(settings.feeds),
        "sources": [asdict(rule) for rule in settings.sources],
        "source_names": dict(source_names),
        "output": str(settings.paths.output),
    }
    digest.update(json.dumps(shaping, sort_keys=True).encode())
    for folder in (settings.paths.templates, packaged_templates_dir()):
        for path in _template_files(folder):
            digest.update(f"{folder.name}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _template_files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".py")


def _read_manifest(settings: Settings) -> dict[str, object]:
    """What the last build recorded; an unreadable manifest means "build everything"."""
    try:
        data = json.loads((settings.paths.state / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _needs_full_build(
    settings: Settings, manifest: dict[str, object], fingerprint: str, newest_seq: int
) -> bool:
    """No output yet, another config or templates, or a store older than the output."""
    if not (settings.paths.output / "index.html").is_file():
        return True
    built_seq = manifest.get("built_seq")
    if not isinstance(built_seq, int) or built_seq > newest_seq:
        return True
    return manifest.get("fingerprint") != fingerprint


def _write_manifest(settings: Settings, manifest: dict[str, object]) -> None:
    data = json.dumps(manifest, indent=2, sort_keys=True).encode() + b"\n"
    write_if_changed(settings.paths.state / MANIFEST, data)


def _ping_hub(settings: Settings, written: Sequence[str]) -> None:
    hub = settings.feeds.websub_hub
    changed = [path for path in written if path.endswith(site_paths.FEED_FILES)]
    if hub and changed:
        websub.ping_hub(hub, [settings.site.url + path for path in changed])
