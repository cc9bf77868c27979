"""Use case: ``build`` — ingest, then rewrite exactly the feeds and pages whose content changed."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from jinja2 import Environment

from publisher import __version__, store
from publisher.core import site_paths
from publisher.core.models import Item
from publisher.core.settings import Settings
from publisher.core.templating import make_environment, packaged_templates_dir
from publisher.ingest.pipeline import IngestReport, Progress, ingest
from publisher.publish import feeds, pages, websub
from publisher.publish.atomic import Batch, write_if_changed

log = logging.getLogger(__name__)
MANIFEST = "build.json"


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

    def as_dict(self) -> dict[str, object]:
        data = {
            key: value for key, value in asdict(self).items() if key not in {"ingest", "written"}
        }
        if self.ingest is not None:
            data["ingest"] = self.ingest.as_dict()
        return data


@dataclass(frozen=True)
class _Builder:
    settings: Settings
    db: store.Store
    env: Environment
    context: pages.SiteContext
    report: BuildReport
    batch: Batch

    def write(self, relative: str, data: bytes, *, is_feed: bool) -> None:
        written = self.batch.write(self.settings.paths.output / relative, data)
        if written:
            self.report.written.append(relative)
        if is_feed:
            self.report.feeds_written += written
            self.report.feeds_unchanged += not written
        else:
            self.report.pages_written += written
            self.report.pages_unchanged += not written


def build(
    settings: Settings,
    db: store.Store,
    *,
    now: datetime,
    full: bool = False,
    progress: Progress | None = None,
    ready: Collection[str] = (),
) -> BuildReport:
    """Ingest, then publish what the ingest (or an interrupted earlier build) left stale."""
    ingested = ingest(settings, db, now=now, progress=progress, ready=ready)
    fingerprint = build_fingerprint(settings)
    manifest = _read_manifest(settings)
    recorded = manifest.get("built_seq")
    built_seq = recorded if isinstance(recorded, int) else 0
    newest_seq = store.max_item_seq(db)
    full = full or _needs_full_build(settings, manifest, fingerprint, newest_seq)
    stale = store.list_stale(db)
    report = BuildReport(full=full, ingest=ingested)
    if not full and not stale and newest_seq == built_seq:
        return report
    with Batch(settings.paths.output) as batch:
        context = _site_context(settings, db)
        builder = _Builder(settings, db, _environment(settings), context, report, batch)
        if full:
            _build_everything(builder)
        else:
            _build_stale(builder, stale, store.list_items_after(db, built_seq))
    store.clear_stale(db, stale)
    _write_manifest(settings, {"fingerprint": fingerprint, "built_seq": newest_seq})
    _ping_hub(settings, report.written)
    return report


def _build_everything(builder: _Builder) -> None:
    authors = store.list_authors(builder.db)
    sources = sorted(builder.context.source_names)
    _build_main(builder, sources, authors)
    for source in sources:
        _build_source(builder, source)
    for author in authors:
        _build_author(builder, author)
    for item in store.list_items(builder.db):
        _build_item(builder, item)
    builder.write(pages.STYLESHEET, pages.render_stylesheet(builder.env), is_feed=False)


def _build_stale(builder: _Builder, stale: set[store.Mark], new_items: Sequence[Item]) -> None:
    """Rebuild what changed items marked, and the pages of items new since the last build."""
    kinds: dict[str, set[str]] = {"main": set(), "source": set(), "author": set(), "item": set()}
    for kind, key in stale:
        kinds.setdefault(kind, set()).add(key)
    for item in new_items:
        kinds["source"].add(item.source)
        if item.author:
            kinds["author"].add(item.author)
    _build_main(builder, sorted(builder.context.source_names), store.list_authors(builder.db))
    for source in sorted(kinds["source"]):
        _build_source(builder, source)
    for author in sorted(kinds["author"]):
        _build_author(builder, author)
    for item in new_items:
        _build_item(builder, item)
    for item_id in sorted(kinds["item"] - {item.id for item in new_items}):
        _build_item(builder, store.get_item(builder.db, item_id))


def _build_main(builder: _Builder, sources: Sequence[str], authors: Sequence[str]) -> None:
    """The main feeds, the front page and the OPML list of every feed."""
    items = store.list_items(builder.db, limit=builder.settings.feeds.max_items)
    ref = pages.main_feed(builder.context)
    _write_feeds(builder, ref, items)
    page = pages.render_index(builder.env, builder.context, items, sources=sources, authors=authors)
    builder.write(ref.page_path, page, is_feed=False)
    refs = [ref] + [pages.source_feed(builder.context, s) for s in sources]
    refs += [pages.author_feed(builder.context, a) for a in authors]
    builder.write("opml.xml", pages.render_opml(builder.env, builder.context, refs), is_feed=False)


def _build_source(builder: _Builder, source: str) -> None:
    items = store.list_items(builder.db, limit=builder.settings.feeds.max_items, source=source)
    page = pages.render_source_page(builder.env, builder.context, source, items)
    _write_listing(builder, pages.source_feed(builder.context, source), items, page)


def _build_author(builder: _Builder, author: str) -> None:
    items = store.list_items(builder.db, limit=builder.settings.feeds.max_items, author=author)
    page = pages.render_author_page(builder.env, builder.context, author, items)
    _write_listing(builder, pages.author_feed(builder.context, author), items, page)


def _write_listing(
    builder: _Builder, ref: pages.FeedRef, items: Sequence[Item], page: bytes
) -> None:
    """A feed's three formats and the HTML page beside them."""
    _write_feeds(builder, ref, items)
    builder.write(ref.page_path, page, is_feed=False)


def _build_item(builder: _Builder, item: Item) -> None:
    page = pages.render_item_page(builder.env, builder.context, item)
    builder.write(site_paths.item_page_path(item), page, is_feed=False)


def _write_feeds(builder: _Builder, ref: pages.FeedRef, items: Sequence[Item]) -> None:
    settings = builder.settings
    spec = feeds.FeedSpec(
        title=ref.title,
        description=settings.site.description,
        site_url=settings.site.url,
        path=ref.path,
        page_path=ref.page_path,
        language=settings.site.language,
        websub_hub=settings.feeds.websub_hub,
        full_content=settings.feeds.full_content,
        generator=f"publisher {__version__}",
        author=settings.site.title,
    )
    for relative, data in feeds.render_feeds(spec, items, builder.context.source_names).items():
        builder.write(relative, data, is_feed=True)


def _environment(settings: Settings) -> Environment:
    return make_environment(settings.paths.templates)


def _site_context(settings: Settings, db: store.Store) -> pages.SiteContext:
    return pages.SiteContext(
        title=settings.site.title,
        url=settings.site.url,
        description=settings.site.description,
        language=settings.site.language,
        source_names=store.list_sources(db),
    )


def build_fingerprint(settings: Settings) -> str:
    """Everything besides the items that shapes the output: a change means a full rebuild."""
    digest = hashlib.sha256()
    shaping = {
        "version": __version__,
        "site": asdict(settings.site),
        "feeds": asdict(settings.feeds),
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
