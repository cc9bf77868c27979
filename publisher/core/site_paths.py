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


# "click here to read our statement": the link was lost when the page was scraped.
_DEAD_LINK = re.compile(
    r"(?:\s*[,;–—-]\s*|(?<=[.!?])\s+|^)(?:please\s+)?click\s+here\b[^.!?]*(?:[.!?]|$)",
    re.IGNORECASE,
)
# Every dead link holds this: lines without it (nearly all) skip the slower pattern above.
_CLICK_HERE = re.compile(r"click\s+here", re.IGNORECASE)
_SPACE_BEFORE_STOP = re.compile(r"\s+\.")
_HEADING_MAX = 90
_SENTENCE_END = tuple('.!?…,;:"”’)]')


@dataclass(frozen=True)
class Block:
    """A run of text: a paragraph ("p", its lines), a bullet list ("ul", its items) or "h"."""

    kind: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The lines as one text: a paragraph's joined by line breaks, a heading's by spaces.

        Templates show ``block.text`` rather than ``block.lines|join(...)``: the same
        escaped text, without a filter call for every paragraph of every page.
        """
        return (" " if self.kind == "h" else "\n").join(self.lines)


def item_page_path(item: Item) -> str:
    """The item's page in the archive, relative to the output root."""
    return f"items/{quote(item.id, safe='-._~')}.html"


def without_dead_links(line: str) -> str:
    """A line without "click here …" clauses whose link the scrape lost."""
    cleaned = line
    if _CLICK_HERE.search(line):
        cleaned = _DEAD_LINK.sub(lambda m: "." if m.group(0).lstrip()[:1] in ",;–—-" else "", line)
    cleaned = _SPACE_BEFORE_STOP.sub(".", cleaned.strip())
    return cleaned if cleaned not in (".", "") else ""


def edition_page_path(key: str) -> str:
    """A digest edition's public page ("view in browser"), relative to the output root."""
    return f"digests/{quote(key, safe='-._~')}.html"


def text_blocks(text: str | None, *, headings: bool = False) -> tuple[Block, ...]:
    """Split plain text into paragraph and bullet-list runs; paragraphs end at blank lines.

    With ``headings``, a paragraph of one short line that is not a sentence, between two
    other paragraphs, is a heading (how long pages show sub-headings once scraped to text).
    """
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text or ""):
        lines = [without_dead_links(line.strip()) for line in paragraph.splitlines()]
        if any(lines):
            paragraphs.append([line for line in lines if line])
    blocks: list[Block] = []
    for number, lines in enumerate(paragraphs):
        inside = 0 < number < len(paragraphs) - 1
        if headings and inside and _is_heading(lines):
            blocks.append(Block("h", tuple(lines)))
        else:
            blocks.extend(_runs(lines))
    return tuple(blocks)


def _runs(lines: list[str]) -> list[Block]:
    """A paragraph's lines as runs of plain lines and bullet items."""
    blocks: list[Block] = []
    run_kind = ""
    run: list[str] = []
    for line in lines:
        kind = "ul" if line.startswith(BULLET) else "p"
        if kind != run_kind and run:
            blocks.append(Block(run_kind, tuple(run)))
            run = []
        run_kind = kind
        run.append(line.removeprefix(BULLET).strip() if kind == "ul" else line)
    if run:
        blocks.append(Block(run_kind, tuple(run)))
    return blocks


def _is_heading(lines: list[str]) -> bool:
    return (
        len(lines) == 1
        and len(lines[0]) <= _HEADING_MAX
        and lines[0][:1].isupper()
        and not lines[0].endswith(_SENTENCE_END)
    )
