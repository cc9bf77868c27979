"""Which publication a seed file belongs to, and what readers are told about each one.

A source's slug comes from its name (``[[sources]] name``, else the file's stem); renaming
it in the config moves its items to the new slug at the next build (``reconcile_sources``),
and the old slug is kept as a redirect so feed readers subscribed to it follow.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote_plus, urlsplit

from publisher import store
from publisher.core.models import Item, PageHints, ParseResult
from publisher.core.settings import Settings
from publisher.ingest import identity


@dataclass(frozen=True)
class SourceInfo:
    """A source as the config describes it: slug, display name, home page, parse hints."""

    slug: str
    name: str
    url: str | None
    hints: PageHints
    link_template: str | None = None


@dataclass(frozen=True)
class SourceMove:
    """A source renamed in the config: its items moved from ``old`` to ``new``."""

    old: str
    new: str
    items: tuple[Item, ...]


def source_for(settings: Settings, relative_path: str) -> SourceInfo:
    """The source a seed file belongs to: its ``[[sources]]`` rule, else the file's own name."""
    rule = settings.source_for(relative_path)
    name = (rule.name if rule and rule.name else None) or PurePosixPath(relative_path).stem
    if rule is None:
        return SourceInfo(source_slug(name), name, None, PageHints())
    hints = PageHints(
        layout=rule.layout,
        author=rule.author,
        timezone=rule.timezone,
        day_first=rule.date_order == "dmy",
    )
    return SourceInfo(source_slug(name), name, rule.url, hints, rule.link_template)


def with_publication(
    settings: Settings, relative_path: str, source: SourceInfo, result: ParseResult
) -> SourceInfo:
    """A source no ``[[sources]]`` name names is shown by the name its page states.

    Only the display name changes: the slug (from the file's stem), which ``source_for``
    alone decides, and so every feed URL, item id and rename stay as they are.
    """
    rule = settings.source_for(relative_path)
    name = publication_of(result)
    if (rule is not None and rule.name) or name is None:
        return source
    return dataclasses.replace(source, name=name)


def publication_of(result: ParseResult) -> str | None:
    """The publication's name the parser found, unless it is an author or begins a title of
    the page (an archive's author or the first headline at the top is no masthead)."""
    key = (result.publication or "").strip().casefold()
    for item in result.items:
        if item.title.casefold().startswith(key) or key == (item.author or "").casefold():
            return None
    return result.publication.strip() if result.publication else None


def source_slug(name: str) -> str:
    """The slug of a source's name: its folder under ``sources/`` and its key in the store."""
    return identity.slugify(name) or "source-" + identity.fingerprint(name, None)[:8]


def source_directory(settings: Settings, stored: Mapping[str, str]) -> dict[str, SourceInfo]:
    """Every stored source by slug, as today's config describes it (name, home, link template)."""
    configured: dict[str, SourceInfo] = {}
    for rule in settings.sources:
        if rule.name:
            slug = source_slug(rule.name)
            info = SourceInfo(slug, rule.name, rule.url, PageHints(), rule.link_template)
            configured.setdefault(slug, info)
    return {
        slug: configured.get(slug) or SourceInfo(slug, name, None, PageHints())
        for slug, name in stored.items()
    }


def original_link(item: Item, source: SourceInfo | None) -> str | None:
    """The original article: the page's own URL, else the source's ``link_template`` filled in."""
    if item.url and urlsplit(item.url).scheme in ("http", "https"):
        return item.url
    if source is None or not source.link_template:
        return None
    return source.link_template.format(title=quote_plus(item.title))


def with_original_links(items: list[Item], directory: Mapping[str, SourceInfo]) -> list[Item]:
    """Items whose ``url`` is their original article wherever one is known."""
    return [
        dataclasses.replace(item, url=original_link(item, directory.get(item.source)))
        for item in items
    ]


def reconcile_sources(settings: Settings, db: store.Store) -> list[SourceMove]:
    """Move items whose seed file now belongs to a differently named source; one transaction."""
    wanted: dict[tuple[str, str], list[str]] = defaultdict(list)
    infos: dict[str, SourceInfo] = {}
    for seed_path, slug in store.list_item_sources(db):
        if not seed_path:  # an item stored without its seed file: no file moved it
            continue
        info = source_for(settings, seed_path)
        if info.slug != slug:
            wanted[(slug, info.slug)].append(seed_path)
            infos[info.slug] = info
    moves: list[SourceMove] = []
    if not wanted:
        return moves
    with db.transaction() as conn:
        store.upsert_sources(conn, [(i.slug, i.name, i.url) for i in infos.values()])
        for (old, new), paths in sorted(wanted.items()):
            moved = store.move_source(conn, old, new, paths)
            moves.append(SourceMove(old, new, tuple(moved)))
    return moves
