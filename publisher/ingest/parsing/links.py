"""Links to the original articles: link markup taken out of a page line for line, and
each item's URL read back from its title's line once the page has been parsed.

Three forms are read: the numbered references of ``lynx -dump`` / ``w3m -dump``
("[12]Title" or "Title[12]", resolved through the "References" list at the foot),
Markdown links ("## [Title](https://…)"), and a bare URL under a title or after it
("Title — https://…", "<https://…>").  Only http(s) links that can be an article count:
no share or mail links, no site root, section or pagination links.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Final
from urllib.parse import urlsplit

from publisher.core.models import ParsedItem
from publisher.ingest.parsing.longpage import LONG_PAGE

_HEADING: Final = re.compile(r"\s*(?:references|visible links|hidden links)\s*:?\s*", re.IGNORECASE)
_HEADING_MAX: Final = 24
_REFERENCE: Final = re.compile(r"\s*(?:(\d{1,4})\.|\[(\d{1,4})\])\s+(\S+)\s*")
_MARKER: Final = re.compile(r"\[(\d{1,4})\]")
_MD_LINK: Final = re.compile(r"(!?)\[([^\]\n]{0,300})\]\(([^)\s]{0,500})(?:\s\"[^\"]*\")?\)")
_BARE: Final = re.compile(r"\s*(?:[-*•]\s+)?<?(https?://[^\s<>]+)>?\s*")
_AFTER: Final = re.compile(
    r"\s+(?:[—–|-]\s+)?<(https?://[^\s<>]+)>\s*$|\s+[—–|-]\s+(https?://[^\s<>]+)\s*$"
)
_SKIP: Final = re.compile(r"(?:skip|jump|aller|springe|spring|saltar|salta|zum|zur|ir|vai)\b", re.I)
_SHARE: Final = re.compile(
    r"(?:facebook\.com/(?:sharer|share|dialog)|(?:twitter|x)\.com/(?:intent|share)"
    r"|linkedin\.com/(?:share|cws)|reddit\.com/submit|t\.me/share|wa\.me/|api\.whatsapp\.com"
    r"|/share\?|pinterest\.\w+/pin/create|bsky\.app/intent)",
    re.IGNORECASE,
)
_PAGING: Final = re.compile(r"(?:/page/\d+/?$|[?&](?:page|paged)=\d+)", re.IGNORECASE)
_NOT_ALNUM: Final = re.compile(r"[\W_]+")  # what str.isalnum() rejects: \w is alnum and "_"
_TRACKING: Final = re.compile(r"(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid)=", re.IGNORECASE)
_TRAILING: Final = ".,;:!?'\"”’"
_COLUMN_GAP: Final = re.compile(r"(?<=\S)\s{3,}(?=\S)")
_MATCH_MIN: Final = 12  # a link's text and a title overlap this much to be the same words
_SECTION_CHILDREN: Final = 2  # a URL that prefixes this many others on the page is a section
_BARE_REACH: Final = 4  # a URL alone on a line is an item's when at most this many lines below it
_NO_STOP: Final = 1 << 30


@dataclass(frozen=True)
class Link:
    """One link on a line: where it goes and the words it is on."""

    url: str
    text: str


@dataclass(frozen=True)
class PageLinks:
    """A page with its link markup removed (same lines, same numbers) and its links.

    ``lines`` maps a 1-based line number to the article links on it; ``bare`` maps the
    number of a line that is only a URL to that URL and the first line of its paragraph;
    ``home`` is the page's own address when a "skip to content" link gives it away.
    """

    text: str
    lines: Mapping[int, tuple[Link, ...]]
    bare: Mapping[int, tuple[int, str]] = field(default_factory=dict)
    home: str | None = None


def parse_links(text: str) -> PageLinks:
    """The page without link markup, line for line, and the article links of each line."""
    if "http" not in text:  # most pages: nothing to read (a link without http is no article's)
        return PageLinks(text, {})
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    end = _references_start(raw)
    references = _references(raw[end:])
    found: dict[int, list[Link]] = defaultdict(list)
    bare: dict[int, tuple[int, str]] = {}
    after = bool(references) and _markers_after(raw[:end])
    out: list[str] = []
    start = 1  # the first line of the current paragraph
    for number, line in enumerate(raw[:end], start=1):
        on_line = found[number]
        if references and "[" in line:
            line = _strip_markers(line, references, after, on_line)
        if "](" in line:
            line = _MD_LINK.sub(partial(_markdown, found=on_line), line)
        alone = _BARE.fullmatch(line) if "http" in line else None
        if alone:
            bare[number] = (start, _clean(alone.group(1)))
            line = line.replace(f"<{alone.group(1)}>", alone.group(1))
        out.append(line if alone else _after_title(line, on_line))
        start = start if line.strip() else number + 1
    article = _article_links(found, bare)
    lines = {n: tuple(link for link in links if link.url in article) for n, links in found.items()}
    bare = {n: at for n, at in bare.items() if at[1] in article}
    text = "\n".join(out + raw[end:])
    return PageLinks(text, {n: v for n, v in lines.items() if v}, bare, _home(found))


def attach_links(
    items: tuple[ParsedItem, ...], links: PageLinks, layout: str
) -> tuple[ParsedItem, ...]:
    """``items`` with each one's URL, from its title's line or the next, when it has none.

    A page read as one article takes the page's own address when no line links its title.
    """
    stops = [item.line for item in items[1:]] + [_NO_STOP]
    linked = tuple(_linked(item, links, stop) for item, stop in zip(items, stops, strict=True))
    if layout == LONG_PAGE and len(linked) == 1 and linked[0].url is None and links.home:
        linked = (replace(linked[0], url=links.home),)
    return linked


# ---------------------------------------------------------------- the references list


def _references_start(raw: list[str]) -> int:
    """Where the reference list at the foot begins (its heading), or the page's end."""
    for index, line in enumerate(raw):
        if (
            len(line) <= _HEADING_MAX
            and _HEADING.fullmatch(line)
            and _looks_listed(raw[index + 1 : index + 6])
        ):
            return index
    return len(raw)


def _looks_listed(lines: list[str]) -> bool:
    """Whether the first non-blank lines under a heading are numbered references (or a
    second heading, as lynx writes "References" over "Visible links")."""
    shown = [line for line in lines if line.strip()]
    return bool(shown) and all(
        _REFERENCE.fullmatch(line) or _HEADING.fullmatch(line) for line in shown[:2]
    )


def _references(lines: list[str]) -> dict[str, str]:
    """Reference number to URL ("  12. https://…" or "[12] https://…")."""
    found = {}
    for line in lines:
        match = _REFERENCE.fullmatch(line)
        if match:
            found[match.group(1) or match.group(2)] = match.group(3)
    return found


def _markers_after(lines: list[str]) -> bool:
    """Whether the page writes its markers after the link text ("Title[12]", as some w3m
    settings do) rather than before it ("[12]Title", as lynx does)."""
    before = after = 0
    for line in lines:
        for match in _MARKER.finditer(line):
            start, end = match.span()
            before += end < len(line) and not line[end].isspace() and line[end] != "["
            after += start > 0 and not line[start - 1].isspace() and line[start - 1] != "]"
    return after > before


def _strip_markers(line: str, references: dict[str, str], after: bool, found: list[Link]) -> str:
    """``line`` without its reference markers; each marker's link is added to ``found``."""
    pieces = _MARKER.split(line)  # text, number, text, number, …, text
    kept = [pieces[0]]
    for at in range(1, len(pieces), 2):
        number, following = pieces[at], pieces[at + 1]
        if number not in references:
            kept.append(f"[{number}]{following}")
            continue
        # a link's words end at a table's column gap ("[10]Title    Maureen Kelly")
        words = _COLUMN_GAP.split(kept[-1])[-1] if after else _COLUMN_GAP.split(following)[0]
        found.append(Link(references[number], _words(words)))
        kept.append(following)
    return "".join(kept)


def _words(text: str) -> str:
    """A link's words: its text without surrounding spaces or list and separator marks."""
    return text.strip(" *•·|>-–—#\t")


# ---------------------------------------------------------------- markdown and bare URLs


def _markdown(match: re.Match[str], found: list[Link]) -> str:
    """A Markdown link (or image) as its text; a link's URL is added to ``found``."""
    image, words, url = match.groups()
    if not image:
        found.append(Link(url, _words(words)))
    return words


def _after_title(line: str, found: list[Link]) -> str:
    """``line`` without a URL written after its title ("Title — https://…"), which is
    added to ``found`` as the title's link."""
    after = _AFTER.search(line) if "http" in line else None
    if after is None or not line[: after.start()].strip():
        return line
    title = line[: after.start()]
    found.append(Link(_clean(after.group(1) or after.group(2)), _words(title)))
    return title


def _clean(url: str) -> str:
    """A URL without the punctuation of the sentence around it."""
    url = url.rstrip(_TRAILING)
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


# ---------------------------------------------------------------- which links are articles


def _article_links(
    found: Mapping[int, list[Link]], bare: Mapping[int, tuple[int, str]]
) -> set[str]:
    """The URLs on the page that can be an article: http(s), not a share or mail link, not
    the site's root, a section (the start of several other links) or a further page."""
    urls = {link.url for links in found.values() for link in links}
    urls.update(url for _, url in bare.values())
    paths = Counter(_parent for url in urls for _parent in _parents(url))
    return {
        url
        for url in urls
        if url.startswith(("http://", "https://"))
        and not _SHARE.search(url)
        and not _PAGING.search(url)
        and _is_article_path(url)
        and paths[_key(url)] < _SECTION_CHILDREN
    }


def _key(url: str) -> str:
    """A URL's host and path without the trailing slash, query or fragment."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _parents(url: str) -> Iterator[str]:
    """The keys of the folders above ``url`` ("host/news" above "host/news/story")."""
    key = _key(url)
    while "/" in key:
        key = key.rsplit("/", 1)[0]
        yield key


def _is_article_path(url: str) -> bool:
    """Whether a URL's path can name an article: not the root, not one plain word
    ("/news/", "/about") — an article's slug has a hyphen, a digit or an extension."""
    try:
        path = urlsplit(url).path.strip("/")
    except ValueError:
        return False
    if not path:
        return False
    return "/" in path or any(c.isdigit() or c in "-_." for c in path)


def _home(found: Mapping[int, list[Link]]) -> str | None:
    """The page's own address, from a "skip to content" link (its URL without the "#…")."""
    for number in sorted(n for n, links in found.items() if links)[:3]:
        for link in found[number]:
            if _SKIP.match(link.text) and "#" in link.url:
                home = link.url.split("#", 1)[0]
                if home.startswith(("http://", "https://")) and _is_article_path(home):
                    return home
    return None


# ---------------------------------------------------------------- items


def _linked(item: ParsedItem, links: PageLinks, stop: int) -> ParsedItem:
    """``item`` with the first link on its title's line (or the next) that is on its title,
    else the first URL alone on a line below the title in its paragraph (a few lines on,
    before the next item's line ``stop``)."""
    if item.url is not None:
        return item
    near = (*links.lines.get(item.line, ()), *links.lines.get(item.line + 1, ()))
    title = _plain(item.title) if near else ""
    for link in near:
        if _same_words(_plain(link.text), title):
            return replace(item, url=_untracked(link.url))
    for number in range(item.line + 1, min(item.line + _BARE_REACH, stop - 1) + 1):
        start, url = links.bare.get(number, (_NO_STOP, ""))
        if start <= item.line:
            return replace(item, url=_untracked(url))
    return item


def _plain(text: str) -> str:
    """Text to compare: casefolded, letters and digits only, single spaces."""
    return " ".join(_NOT_ALNUM.sub(" ", unicodedata.normalize("NFKC", text.casefold())).split())


def _same_words(words: str, title: str) -> bool:
    """Whether a link's words are its item's title (or a wrapped or cut part of it)."""
    if len(words) < 3 or not title:
        return False
    if title.startswith(words) or words.startswith(title):
        return True
    shorter, longer = sorted((words, title), key=len)
    return len(shorter) >= _MATCH_MIN and shorter in longer


def _untracked(url: str) -> str:
    """``url`` without campaign-tracking parameters (utm_*, fbclid, …), otherwise as written."""
    if "?" not in url or not _TRACKING.search(url):
        return url
    base, _, rest = url.partition("?")
    query, hash_mark, fragment = rest.partition("#")
    kept = [p for p in query.split("&") if p and not _TRACKING.match(p)]
    return base + ("?" + "&".join(kept) if kept else "") + hash_mark + fragment
