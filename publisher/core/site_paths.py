"""The shape of the published site, shared by the feeds and the archive pages.

Where an item's page lives, what the feed files are called, and how plain seed
text splits into paragraphs and bullet lists: one definition, so every feed link
points at a page that exists and both renderings of a text agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from publisher.core.models import Item

RSS_FILE = "rss.xml"
ATOM_FILE = "atom.xml"
JSON_FILE = "feed.json"
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
FEED_FORMATS = (
    (RSS_FILE, RSS_TYPE, "RSS"),
    (ATOM_FILE, ATOM_TYPE, "Atom"),
    (JSON_FILE, JSON_TYPE, "JSON Feed"),
)
FEED_FILES = (RSS_FILE, ATOM_FILE, JSON_FILE)
BULLET = "• "


@dataclass(frozen=True)
class Block:
    """A run of text: a paragraph (``kind`` "p", its lines) or a bullet list ("ul", its items)."""

    kind: str
    lines: tuple[str, ...]


def item_page_path(item: Item) -> str:
    """The item's page in the archive, relative to the output root."""
    return f"items/{quote(item.id, safe='-._~')}.html"


def text_blocks(text: str | None) -> tuple[Block, ...]:
    """Split plain text into paragraph and bullet-list runs; paragraphs end at blank lines."""
    blocks: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", text or ""):
        run_kind = ""
        run: list[str] = []
        for raw in paragraph.splitlines():
            line = raw.strip()
            if not line:
                continue
            kind = "ul" if line.startswith(BULLET) else "p"
            if kind != run_kind and run:
                blocks.append(Block(run_kind, tuple(run)))
                run = []
            run_kind = kind
            run.append(line.removeprefix(BULLET).strip() if kind == "ul" else line)
        if run:
            blocks.append(Block(run_kind, tuple(run)))
    return tuple(blocks)
