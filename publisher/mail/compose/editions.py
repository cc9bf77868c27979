"""Digest entries -> one rendered, CSS-inlined edition; the only module that imports premailer.

Rendering and CSS inlining happen once per edition, with per-reader parts (greeting,
address, unsubscribe link) left as placeholders that ``publisher.mail.compose.messages`` fills.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from jinja2 import Environment
from premailer import Premailer

HTML_TEMPLATE = "digest.html"
TEXT_TEMPLATE = "digest.txt"
SUBJECT_TEMPLATE = "digest_subject.txt"
HTML_LIMIT = 100_000  # Gmail clips messages whose HTML passes about 102 KB
PERSONAL_FIELDS = ("greeting", "email", "unsubscribe_url", "preferences_url")
# The longest escaped value each placeholder may take; fit_entries budgets for these.
PERSONAL_BUDGET = {"greeting": 240, "email": 320, "unsubscribe_url": 900, "preferences_url": 900}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class DigestEntry:
    """One item as a digest shows it; ``link`` is the original article, else the item's page.

    ``dated`` says whether ``published`` is the date the page gave (else when it was found).
    """

    title: str
    link: str
    author: str | None
    published: datetime
    summary: str | None
    source_name: str
    item_id: str
    dated: bool = True


@dataclass(frozen=True)
class EditionContent:
    """What one edition holds, newest first; ``key`` identifies the edition for good."""

    key: str
    site_title: str
    site_url: str
    archive_url: str
    entries: tuple[DigestEntry, ...]
    more_count: int
    date: datetime
    edition_url: str = ""  # the edition's public page: "view in browser"
    postal_address: str | None = None


@dataclass(frozen=True)
class DigestGroup:
    """The entries of one source, in the order the digest lists them."""

    name: str
    entries: tuple[DigestEntry, ...]


@dataclass(frozen=True)
class RenderedEdition:
    """An edition rendered and inlined once; ``markers`` name the per-reader placeholders."""

    key: str
    date: datetime
    site_title: str
    subject: str
    text: str
    html: str
    markers: tuple[tuple[str, str], ...]


def one_line(text: str) -> str:
    """Text safe for a header or a title: no control characters, single spaces."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _multi_line(text: str) -> str:
    lines = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def group_entries(entries: tuple[DigestEntry, ...]) -> tuple[DigestGroup, ...]:
    """Entries by source, sources in order of first appearance, entries keeping their order."""
    groups: dict[str, list[DigestEntry]] = {}
    for entry in entries:
        clean = replace(
            entry,
            title=one_line(entry.title) or "(untitled)",
            author=one_line(entry.author) if entry.author else None,
            summary=_multi_line(entry.summary) if entry.summary else None,
            source_name=one_line(entry.source_name),
        )
        groups.setdefault(clean.source_name, []).append(clean)
    return tuple(DigestGroup(name, tuple(items)) for name, items in groups.items())


def _markers(content: EditionContent) -> dict[str, str]:
    """Placeholders derived from the content's own hash, so no content can contain them."""
    nonce = hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:20]
    return {name: f"Q{nonce}Q{name.replace('_', '').upper()}Q" for name in PERSONAL_FIELDS}


def _context(content: EditionContent, markers: Mapping[str, str]) -> dict[str, Any]:
    count = len(content.entries) + content.more_count
    return {
        "site_title": one_line(content.site_title),
        "site_url": content.site_url,
        "archive_url": content.archive_url,
        "date": content.date,
        "groups": group_entries(content.entries),
        "entry_count": len(content.entries),
        "more_count": content.more_count,
        "count": count,
        "top_title": one_line(content.entries[0].title) if content.entries else "",
        "edition_url": content.edition_url,
        "postal_address": one_line(content.postal_address or ""),
        **markers,
    }


def render_edition(env: Environment, content: EditionContent) -> RenderedEdition:
    """Subject, plain text and CSS-inlined HTML of an edition, once for every reader."""
    markers = _markers(content)
    context = _context(content, markers)
    subject = one_line(env.get_template(SUBJECT_TEMPLATE).render(context))
    context["subject"] = subject or context["site_title"]
    return RenderedEdition(
        key=content.key,
        date=content.date,
        site_title=context["site_title"],
        subject=context["subject"],
        text=env.get_template(TEXT_TEMPLATE).render(context),
        html=inline_css(env.get_template(HTML_TEMPLATE).render(context)),
        markers=tuple(markers.items()),
    )


def inline_css(markup: str) -> str:
    """Move the <style> rules onto the elements; only @media rules stay in a <style> block."""
    inliner = Premailer(
        allow_network=False,
        allow_loading_external_files=False,
        strip_important=False,  # dark-mode rules need !important to beat inline styles
        # Inline styles say it all; bgcolor/align/width on a <div> or <p> are invalid HTML.
        disable_basic_attributes=["bgcolor", "align", "valign", "width", "height"],
        cssutils_logging_level=logging.ERROR,  # unknown-property warnings are noise
    )
    result: str = inliner.transform(markup, pretty_print=False)
    return result


def _html_size(env: Environment, content: EditionContent) -> tuple[int, int, int]:
    """(inlined size with the longest per-reader values, raw size, tag count) in bytes."""
    markers = _markers(content)
    raw = env.get_template(HTML_TEMPLATE).render(_context(content, markers) | {"subject": ""})
    inlined = inline_css(raw)
    extra = sum(
        inlined.count(marker) * (PERSONAL_BUDGET[name] - len(marker))
        for name, marker in markers.items()
    )
    return len(inlined.encode("utf-8")) + extra, len(raw.encode("utf-8")), raw.count("<")


def _take(content: EditionContent, count: int) -> EditionContent:
    dropped = len(content.entries) - count
    more_count = content.more_count + dropped
    return replace(content, entries=content.entries[:count], more_count=more_count)


def fit_entries(
    env: Environment, content: EditionContent, limit: int = HTML_LIMIT
) -> EditionContent:
    """As many entries as keep the HTML part under ``limit``; the rest count as "N more"."""
    full, full_raw, full_tags = _html_size(env, content)
    if full <= limit or not content.entries:
        return content
    empty, empty_raw, empty_tags = _html_size(env, _take(content, 0))
    # Inlining adds a style attribute per element: learn its cost per tag once, then
    # predict each prefix from a cheap Jinja render and check the winner with premailer.
    per_tag = max(0.0, (full - empty - (full_raw - empty_raw)) / max(1, full_tags - empty_tags))
    template = env.get_template(HTML_TEMPLATE)

    def predicted(count: int) -> float:
        part = _take(content, count)
        raw = template.render(_context(part, _markers(part)) | {"subject": ""})
        added = len(raw.encode("utf-8")) - empty_raw
        return empty + added + per_tag * (raw.count("<") - empty_tags)

    high = len(content.entries) - 1
    count = _largest(0, high, lambda k: predicted(k) <= limit)
    while count > 0 and _html_size(env, _take(content, count))[0] > limit:
        count -= max(1, count // 50)
    return _take(content, count)


def _largest(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """The largest k in [low, high] with fits(k), assuming fits is monotone and fits(low)."""
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low
