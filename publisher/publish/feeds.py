"""Items -> RSS 2.0, Atom 1.0 and JSON Feed 1.1 bytes; the only module that imports feedgen.

Every function is pure: the same spec and items give the same bytes, so an unchanged
store rewrites nothing (feedgen's "now" defaults are always overridden).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from publisher.core.errors import PublishError
from publisher.core.models import Item
from publisher.core.site_paths import ATOM_FILE as ATOM_FILE
from publisher.core.site_paths import ATOM_TYPE as ATOM_TYPE
from publisher.core.site_paths import JSON_FILE as JSON_FILE
from publisher.core.site_paths import JSON_TYPE as JSON_TYPE
from publisher.core.site_paths import RSS_FILE as RSS_FILE
from publisher.core.site_paths import RSS_TYPE as RSS_TYPE
from publisher.core.site_paths import item_page_path as item_page_path
from publisher.core.site_paths import text_blocks

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# The date of an empty feed: fixed, so an empty feed is as byte-stable as a full one.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)

_ATOM_NS = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot carry; lxml refuses them, so they are dropped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Something that looks like an HTML tag: readers render some plain-text fields as HTML.
_TAG_LIKE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_TAG_PCHARS = "-._~!$&'()*+,;=:@/"
_RSS_END = b"  </channel>\n</rss>\n"
_ATOM_END = b"</feed>\n"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class FeedSpec:
    """One feed's metadata: where it lives and how it describes itself."""

    title: str
    description: str
    site_url: str
    path: str
    page_path: str
    language: str | None = None
    websub_hub: str | None = None
    full_content: bool = True
    generator: str = "publisher"
    author: str | None = None  # feed-level author name; defaults to the title
    archive_url: str | None = None  # every item, by month: a feed holds only the newest

    def __post_init__(self) -> None:
        """Feeds must carry absolute URLs; a bad site URL would make every link wrong."""
        parts = urlsplit(self.site_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PublishError(f"site.url must be an absolute http(s) URL, got {self.site_url!r}")
        if not self.site_url.endswith("/"):
            raise PublishError(f"site.url must end with '/', got {self.site_url!r}")

    def url(self, filename: str) -> str:
        """The absolute URL of one of this feed's files (rss.xml, atom.xml, feed.json)."""
        folder = f"{self.path}/" if self.path else ""
        return f"{self.site_url}{folder}{filename}"

    @property
    def page_url(self) -> str:
        """The absolute URL of the HTML page showing the same items; folders for index pages."""
        page = self.page_path.removesuffix("index.html")
        return f"{self.site_url}{page}"


def entry_id(site_url: str, item: Item) -> str:
    """A tag: URI (RFC 4151) minted from the item's stored id; identical in every feed."""
    host = urlsplit(site_url).hostname or "localhost"
    day = item.first_seen.astimezone(UTC).date().isoformat()
    return f"tag:{host},{day}:{quote(item.id, safe=_TAG_PCHARS)}"


def item_url(site_url: str, item: Item) -> str:
    """The original article when its URL is a web address, else the item's archive page."""
    if item.url and urlsplit(item.url).scheme in ("http", "https"):
        return item.url
    return f"{site_url}{item_page_path(item)}"


class FeedEntries:
    """Each item's RSS item, Atom entry and JSON Feed item, made once for every feed listing it.

    An item is in up to three feeds (everything, its source, its author), and an entry
    depends only on the item, the site's URL, ``full_content`` and the source names: the
    same for every feed of one build. RSS and Atom entries are written straight as XML,
    exactly as feedgen and lxml would write them, so a feed is its channel (made by
    feedgen) with the entries' text spliced in.
    """

    def __init__(self, spec: FeedSpec, source_names: Mapping[str, str]) -> None:
        self.spec = spec  # only its site_url and full_content shape an entry
        self.source_names = source_names
        self._made: dict[str, tuple[Item, _Entry]] = {}

    def rss_item(self, item: Item) -> str:
        """The RSS <item> of an item, indented as inside a pretty-printed <channel>."""
        return self._made_for(item).rss

    def atom_entry(self, item: Item) -> str:
        """The Atom <entry> of an item, indented as inside a pretty-printed <feed>."""
        return self._made_for(item).atom

    def json_item(self, item: Item) -> str:
        """The JSON Feed item of an item, as compact JSON text."""
        return self._made_for(item).json

    def _made_for(self, item: Item) -> _Entry:
        made = self._made.get(item.id)
        if made is None or (made[0] is not item and made[0] != item):
            texts = _EntryTexts.of(self.spec, item, self.source_names)
            entry = _Entry(_rss_item(texts), _atom_entry(texts), _json_text(_json_item(texts)))
            made = (item, entry)
            self._made[item.id] = made
        return made[1]


def render_rss(spec: FeedSpec, items: Sequence[Item], source_names: Mapping[str, str]) -> bytes:
    """RSS 2.0 with atom:link rel=self (and rel=hub), dc:creator and non-permalink guids."""
    entries = FeedEntries(spec, source_names)
    return _rss_bytes(_generator(spec, items, entries), spec, items, entries)


def render_atom(spec: FeedSpec, items: Sequence[Item], source_names: Mapping[str, str]) -> bytes:
    """Atom 1.0 (RFC 4287) with self, alternate and hub links and a feed-level author."""
    entries = FeedEntries(spec, source_names)
    return _atom_bytes(_generator(spec, items, entries), spec, items, entries)


def render_json_feed(
    spec: FeedSpec,
    items: Sequence[Item],
    source_names: Mapping[str, str],
    entries: FeedEntries | None = None,
) -> bytes:
    """JSON Feed 1.1, compact, with a fixed key order, so equal input gives equal bytes."""
    entries = entries or FeedEntries(spec, source_names)
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": _plain(spec.title),
        "home_page_url": spec.page_url,
        "feed_url": spec.url(JSON_FILE),
        "description": _plain(spec.description),
    }
    if spec.language:
        feed["language"] = spec.language
    if spec.websub_hub:
        feed["hubs"] = [{"type": "WebSub", "url": spec.websub_hub}]
    feed["authors"] = [{"name": _plain(spec.author or spec.title)}]
    # "items" comes last: the items' text, each encoded once per build, goes in before the
    # closing brace, exactly where json.dumps would write the list.
    items_text = ",".join([entries.json_item(item) for item in items])
    text = f'{_json_text(feed)[:-1]},"items":[{items_text}]}}\n'
    return text.encode("utf-8")


def render_feeds(
    spec: FeedSpec,
    items: Sequence[Item],
    source_names: Mapping[str, str],
    entries: FeedEntries | None = None,
) -> dict[str, bytes]:
    """All three formats of one feed, keyed by their path relative to the output root.

    RSS and Atom come from one generator holding the feed's own fields; only the feed's
    links change between the two, and each item's entries are written once. Pass the
    build's ``entries`` to share each item's entries between the feeds that list it.
    """
    folder = f"{spec.path}/" if spec.path else ""
    entries = entries or FeedEntries(spec, source_names)
    fg = _generator(spec, items, entries)
    return {
        f"{folder}{RSS_FILE}": _rss_bytes(fg, spec, items, entries),
        f"{folder}{ATOM_FILE}": _atom_bytes(fg, spec, items, entries),
        f"{folder}{JSON_FILE}": render_json_feed(spec, items, source_names, entries),
    }


def text_to_html(text: str, *, headings: bool = False) -> str:
    """Plain seed text as escaped HTML: <p> paragraphs, <ul> for "• " lines, <h3> headings."""
    parts: list[str] = []
    for block in text_blocks(_XML_INVALID.sub("", text), headings=headings):
        escaped = [html.escape(line) for line in block.lines]
        if block.kind == "h":
            parts.append("<h3>" + " ".join(escaped) + "</h3>")
        elif block.kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{line}</li>" for line in escaped) + "</ul>")
        else:
            parts.append("<p>" + "\n".join(escaped) + "</p>")
    return "\n".join(parts)


def _plain(text: str) -> str:
    """A short text field with tag-like runs removed: titles and names carry no markup."""
    valid = _XML_INVALID.sub("", text)
    return " ".join(_TAG_LIKE.sub(" ", valid).split()) or " ".join(valid.split()).replace("<", "‹")


def _summary_text(item: Item) -> str:
    """The summary, else the content's first paragraph, else the title: Atom wants some text."""
    if item.summary and item.summary.strip():
        return item.summary
    if item.content and item.content.strip():
        return re.split(r"\n\s*\n", item.content.strip(), maxsplit=1)[0]
    return item.title


def _content_text(spec: FeedSpec, item: Item) -> str | None:
    """Full content only when configured and when it says more than the summary."""
    if not spec.full_content or not item.content:
        return None
    if len(item.content.strip()) <= len(_summary_text(item).strip()):
        return None
    return item.content


def _utc(moment: datetime) -> datetime:
    """Dates are written in UTC so the same instant always gives the same text."""
    return moment.astimezone(UTC)


def _feed_updated(items: Sequence[Item]) -> datetime:
    """The newest item's update time, never the clock."""
    return max((_utc(item.updated) for item in items), default=EMPTY_FEED_DATE)


def _generator(spec: FeedSpec, items: Sequence[Item], entries: FeedEntries) -> Any:
    """A FeedGenerator for both formats with every field set, including those feedgen dates now.

    It holds no entries: ``_rss_bytes`` and ``_atom_bytes`` splice in the items' entries,
    which feedgen would append last. The dc and hub extensions are for RSS only; the links
    differ by format and are set just before writing.
    """
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    if spec.websub_hub:
        fg.register_extension("websub", _RssHubLink, None, atom=False, rss=True)
        fg.websub.href = spec.websub_hub
    fg.id(spec.url(ATOM_FILE))  # Atom's feed id; RSS has none
    fg.title(_plain(spec.title))
    fg.description(_plain(spec.description) or _plain(spec.title))
    fg.author(name=_plain(spec.author or spec.title))
    fg.generator(spec.generator)
    if spec.language:
        fg.language(spec.language)
    updated = _feed_updated(items)
    fg.updated(updated)  # also lastBuildDate
    if items:
        fg.pubDate(updated)
    return fg


def _rss_bytes(fg: Any, spec: FeedSpec, items: Sequence[Item], entries: FeedEntries) -> bytes:
    """The RSS document: its own self link, the page last (feedgen's RSS <link> is the last)."""
    _set_links(fg, spec, {"href": spec.url(RSS_FILE), "rel": "self", "type": RSS_TYPE})
    channel = _to_bytes(fg.rss_str(pretty=True))
    return _spliced(channel, _RSS_END, [entries.rss_item(item) for item in items])


def _atom_bytes(fg: Any, spec: FeedSpec, items: Sequence[Item], entries: FeedEntries) -> bytes:
    """The Atom document: its own self link, the hub and the archive as links, then the page."""
    links = [{"href": spec.url(ATOM_FILE), "rel": "self", "type": ATOM_TYPE}]
    if spec.websub_hub:
        links.append({"href": spec.websub_hub, "rel": "hub"})
    if spec.archive_url:
        related = {"rel": "related", "type": "text/html", "title": "Archive"}
        links.append({"href": spec.archive_url, **related})
    _set_links(fg, spec, *links)
    feed = _to_bytes(fg.atom_str(pretty=True))
    return _spliced(feed, _ATOM_END, [entries.atom_entry(item) for item in items])


def _spliced(document: bytes, end: bytes, entries: list[str]) -> bytes:
    """The entries' XML put in before the document's closing tags, where feedgen puts them."""
    if not document.endswith(end):
        raise PublishError("feedgen wrote a feed that does not end as expected")
    head = document[: len(document) - len(end)]
    return b"".join((head, "".join(entries).encode("utf-8"), end))


def _set_links(fg: Any, spec: FeedSpec, *links: dict[str, str]) -> None:
    page = {"href": spec.page_url, "rel": "alternate", "type": "text/html"}
    fg.link([*links, page], replace=True)


@dataclass(frozen=True)
class _EntryTexts:
    """What a feed says of one item, worked out once for its feed entry and JSON item."""

    id: str
    url: str
    title: str
    summary: str
    summary_html: str
    content: str | None
    content_html: str | None
    author: str | None
    category: str
    published: datetime | None
    updated: datetime

    @classmethod
    def of(cls, spec: FeedSpec, item: Item, source_names: Mapping[str, str]) -> _EntryTexts:
        summary = _summary_text(item)
        content = _content_text(spec, item)
        published = item.publication_date
        return cls(
            id=entry_id(spec.site_url, item),
            url=_XML_INVALID.sub("", item_url(spec.site_url, item)),
            title=_plain(item.title),
            summary=summary,
            summary_html=text_to_html(summary),
            content=content,
            content_html=text_to_html(content, headings=True) if content else None,
            author=_plain(item.author) if item.author else None,
            category=_plain(source_names.get(item.source, item.source)),
            published=None if published is None else _utc(published),
            updated=_utc(item.updated),
        )


@dataclass(frozen=True)
class _Entry:
    """One item's entries in the three formats."""

    rss: str
    atom: str
    json: str  # compact JSON text


def _rss_item(texts: _EntryTexts) -> str:
    """An RSS <item> as feedgen builds it (content:encoded beside the description, a guid
    that is no permalink, dc:creator for the author) and lxml pretty-prints it."""
    lines = ["    <item>\n"]
    if texts.title:
        lines.append(f"      <title>{_text(texts.title)}</title>\n")
    lines.append(f"      <link>{_text(texts.url)}</link>\n")
    if texts.summary_html:
        lines.append(f"      <description>{_text(texts.summary_html)}</description>\n")
        if texts.content_html is not None:
            lines.append(f"      <content:encoded>{_text(texts.content_html)}</content:encoded>\n")
    elif texts.content_html is not None:
        lines.append(f"      <description>{_text(texts.content_html)}</description>\n")
    lines.append(f'      <guid isPermaLink="false">{_text(texts.id)}</guid>\n')
    lines.append(f"      <category>{_text(texts.category)}</category>\n")
    if texts.published is not None:
        lines.append(f"      <pubDate>{_rfc2822(texts.published)}</pubDate>\n")
    if texts.author:
        lines.append(f"      <dc:creator>{_text(texts.author)}</dc:creator>\n")
    lines.append("    </item>\n")
    return "".join(lines)


def _atom_entry(texts: _EntryTexts) -> str:
    """An Atom <entry> as feedgen builds it (the link without rel, html summary and content)
    and lxml pretty-prints it."""
    lines = [
        "  <entry>\n",
        f"    <id>{_text(texts.id)}</id>\n",
        f"    <title>{_text(texts.title)}</title>\n",
        f"    <updated>{texts.updated.isoformat()}</updated>\n",
    ]
    if texts.author:
        lines.append(f"    <author>\n      <name>{_text(texts.author)}</name>\n    </author>\n")
    if texts.content_html is not None:
        lines.append(_text_element("content", texts.content_html))
    lines.append(f'    <link href="{_attribute(texts.url)}"/>\n')
    lines.append(_text_element("summary", texts.summary_html))
    lines.append(f'    <category term="{_attribute(texts.category)}"/>\n')
    if texts.published is not None:
        lines.append(f"    <published>{texts.published.isoformat()}</published>\n")
    lines.append("  </entry>\n")
    return "".join(lines)


def _text_element(name: str, html_text: str) -> str:
    """An Atom text construct of type html; lxml closes an empty one on itself."""
    if not html_text:
        return f'    <{name} type="html"/>\n'
    return f'    <{name} type="html">{_text(html_text)}</{name}>\n'


def _text(text: str) -> str:
    """Text content escaped as libxml2 writes it (the texts hold no character XML forbids)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _attribute(text: str) -> str:
    """An attribute value escaped as libxml2 writes it (double quotes around it)."""
    text = _text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def _rfc2822(moment: datetime) -> str:
    """RSS's date, as feedgen writes it in the C locale ("Mon, 02 Mar 2026 11:30:00 +0000")."""
    day, month = _DAYS[moment.weekday()], _MONTHS[moment.month - 1]
    return f"{day}, {moment:%d} {month} {moment:%Y %H:%M:%S %z}"


def _json_item(texts: _EntryTexts) -> dict[str, Any]:
    """One JSON Feed item; content_text and content_html say the same thing."""
    text = texts.content or texts.summary
    entry: dict[str, Any] = {
        "id": texts.id,
        "url": texts.url,
        "title": texts.title,
        "content_html": texts.summary_html if texts.content_html is None else texts.content_html,
        "content_text": _XML_INVALID.sub("", text),
    }
    entry["summary"] = _XML_INVALID.sub("", texts.summary)
    if texts.published is not None:
        entry["date_published"] = texts.published.isoformat()
    entry["date_modified"] = texts.updated.isoformat()
    if texts.author:
        entry["authors"] = [{"name": texts.author}]
    entry["tags"] = [texts.category]
    return entry


def _json_text(value: dict[str, Any]) -> str:
    """Compact JSON: its separators keep json on its C encoder (indent forces the Python one)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _to_bytes(xml: bytes | str) -> bytes:
    """lxml returns bytes for an explicit encoding; keep the type honest for callers."""
    return xml if isinstance(xml, bytes) else xml.encode("utf-8")


class _RssHubLink:
    """feedgen extension: an atom:link rel="hub" in the RSS channel (feedgen writes only self)."""

    def __init__(self) -> None:
        self.href = ""

    def extend_ns(self) -> dict[str, str]:
        """The atom prefix is already declared by feedgen's RSS writer."""
        return {}

    def extend_rss(self, rss_feed: Any) -> Any:
        """Add the hub link to the channel, next to feedgen's self link."""
        channel = rss_feed[0]
        xml_elem(f"{{{_ATOM_NS}}}link", channel, href=self.href, rel="hub")
        return rss_feed

    def extend_atom(self, atom_feed: Any) -> Any:
        """Atom feeds carry the hub as an ordinary link; nothing to add."""
        return atom_feed
