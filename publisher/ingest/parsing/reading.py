"""A page read by its own record pattern: layout, drafts and every line's role.

``read_page`` takes the page's units and symbols and returns what ``parse_page``
needs: the layout, the items (as drafts), the role of every unit (for ``--explain``)
and the reasons.  A page that is mostly one article is one long-page item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from publisher.ingest.parsing.archive import AUTHOR_ARCHIVE, Header, find_header
from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.drafts import Draft, read_standfirst
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.listing import LISTING, LISTING_BYLINES
from publisher.ingest.parsing.longpage import LONG_PAGE, parse_long_page
from publisher.ingest.parsing.records import Reading, Record, find_records
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LIST, META, TEXT, TITLE, byline_of
from publisher.ingest.parsing.teasers import TEASERS
from publisher.ingest.parsing.text import derive_title

_PARAGRAPH = 200  # a line this long is an article's paragraph, not a standfirst
_ARTICLE_SHARE = 0.5
_TITLE_REACH = 12  # the title sits this close above the article's first paragraph


@dataclass
class PageReading:
    """What the page is, its items, and a role for every unit."""

    layout: str
    drafts: list[Draft]
    roles: list[str]
    reasons: list[str] = field(default_factory=list)
    categories: list[str | None] = field(default_factory=list)


def read_page(units: list[Unit], syms: list[str], reasons: list[str]) -> PageReading:
    """The page read by its record pattern, or as one article when it is mostly one."""
    roles = [reason or "furniture (outside the records)" for reason in reasons]
    content = [i for i, s in enumerate(syms) if s not in (FURNITURE, META)]
    header = find_header([units[i] for i in content])
    skip = set(content[: header.consumed]) if header is not None else set()
    for i in skip:
        roles[i] = "archive header"
    article = _article(units, syms, skip)
    if article is not None:
        return _long_page(units, syms, roles, article)
    reading = find_records(units, [FURNITURE if i in skip else s for i, s in enumerate(syms)])
    return _listing(units, syms, roles, reading, header)


def _article(units: list[Unit], syms: list[str], skip: set[int]) -> int | None:
    """The index of an article's first paragraph when long paragraphs hold most of the text."""
    text = [i for i, s in enumerate(syms) if s in (TEXT, TITLE, BYLINE, LIST) and i not in skip]
    total = sum(len(units[i].text) for i in text) or 1
    long = [i for i in text if syms[i] == TEXT and len(units[i].text) >= _PARAGRAPH]
    if len(long) < 2 or sum(len(units[i].text) for i in long) < _ARTICLE_SHARE * total:
        return None
    return long[0]


def _long_page(units: list[Unit], syms: list[str], roles: list[str], first: int) -> PageReading:
    """One item: the title above the first paragraph, its byline, everything after."""
    title = _article_title(units, syms, first)
    start = title if title is not None else first
    body = [i for i in range(start, len(units)) if syms[i] not in (FURNITURE,)]
    bylines = [i for i in range(start, len(units)) if syms[i] == BYLINE][:2]
    head = [units[i] for i in body if i not in bylines]
    candidate = parse_long_page(head)
    drafts = candidate.build() if candidate.count else []
    byline = _merge([byline_of(units[i], syms[i]) for i in bylines])
    if drafts and byline is not None:
        drafts = [_signed(drafts[0], byline)]
    for i in body:
        roles[i] = "article title" if i == title else "article body"
    for i in bylines:
        roles[i] = "article byline"
    return PageReading(LONG_PAGE, drafts, roles, [candidate.reason])


def _article_title(units: list[Unit], syms: list[str], first: int) -> int | None:
    """The title over an article: the heading nearest above its byline, else above its
    first paragraph (a kicker or a menu above it is not the title)."""
    reach = range(first - 1, max(-1, first - _TITLE_REACH), -1)
    byline = next((i for i in reach if syms[i] == BYLINE), first)
    for i in range(byline - 1, max(-1, byline - _TITLE_REACH), -1):
        if syms[i] == TITLE and units[i].text.count(" ") >= 2:
            return i
    return None


def _signed(draft: Draft, byline: Byline) -> Draft:
    """``draft`` with the author and date of the page's byline."""
    return Draft(
        title=draft.title,
        line=draft.line,
        summary=draft.summary,
        content=draft.content,
        author=byline.author or draft.author,
        published=byline.published or draft.published,
    )


def _listing(
    units: list[Unit], syms: list[str], roles: list[str], reading: Reading, header: Header | None
) -> PageReading:
    """Items from the records; the layout from what the records hold."""
    drafts: list[Draft] = []
    categories: list[str | None] = []
    dated = 0
    teasers = 0
    for number, record in enumerate(reading.records, start=1):
        draft, category, is_teaser = _draft(units, syms, record)
        if header is not None:
            draft = _signed(draft, Byline(header.author, None))
        drafts.append(draft)
        categories.append(category)
        dated += draft.author is not None or draft.published is not None
        teasers += is_teaser
        for i, role in record.roles.items():
            roles[i] = f"item {number}: {role}"
    layout = _layout(len(drafts), dated, teasers, header)
    pattern = " ".join(reading.pattern)
    reason = f"{layout}: pattern [{pattern}] gives {len(drafts)} records"
    reasons = [reason] + ([header.reason] if header is not None else [])
    return PageReading(layout, drafts, roles, reasons, categories)


def _layout(count: int, dated: int, teasers: int, header: Header | None) -> str:
    """The layout name the records amount to."""
    if header is not None:
        return AUTHOR_ARCHIVE
    if count and teasers * 2 > count:
        return TEASERS
    return LISTING_BYLINES if count and dated * 2 >= count else LISTING


def _draft(units: list[Unit], syms: list[str], record: Record) -> tuple[Draft, str | None, bool]:
    """One record's item, its kicker (category) and whether its title was derived."""
    title_index = next(i for i, role in record.roles.items() if role == "title")
    title_unit = units[title_index]
    derived = syms[title_index] in (TEXT, LIST)
    bodies = [units[i].text for i in record.indexes if record.roles.get(i) == "standfirst"]
    bylines = [
        byline_of(units[i], syms[i]) for i in record.indexes if record.roles.get(i) == "byline"
    ]
    kicker = next((units[i].text for i in record.indexes if record.roles[i] == "kicker"), None)
    summary, author = (None, None)
    if derived:
        summary, author = read_standfirst(title_unit.text)
        title = derive_title(summary)
    else:
        title = title_unit.text
        if bodies:
            summary, author = read_standfirst(bodies[0])
    byline = _merge(bylines) or Byline(None, None)
    draft = Draft(
        title=title,
        line=title_unit.line,
        summary=summary,
        author=byline.author or author,
        published=byline.published,
    )
    return draft, kicker, derived


def _merge(bylines: list[Byline | None]) -> Byline | None:
    """One byline from several lines, the first to say something winning."""
    author = next((b.author for b in bylines if b is not None and b.author), None)
    published = next((b.published for b in bylines if b is not None and b.published), None)
    if author is None and published is None:
        return None
    return Byline(author, published)
