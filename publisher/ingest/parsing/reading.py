"""A page read by its own record pattern: layout, drafts and every line's role.

``read_page`` takes the page's units and symbols and returns what ``parse_page``
needs: the layout, the items (as drafts), the role of every unit (for ``--explain``)
and the reasons.  A page that is mostly one article is one long-page item.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Final

from publisher.ingest.parsing.archive import (
    AUTHOR_ARCHIVE,
    Header,
    find_header,
    named_twice,
    profile_aside,
    titled_owner,
)
from publisher.ingest.parsing.article import find_article
from publisher.ingest.parsing.authors import role_signed
from publisher.ingest.parsing.boxes import boxed_lines, headed_boxes
from publisher.ingest.parsing.bylines import (
    Byline,
    names_by_word,
    writers_one_a_line,
)
from publisher.ingest.parsing.coauthors import opening_coauthors, with_coauthors
from publisher.ingest.parsing.datelines import dateline_date
from publisher.ingest.parsing.drafts import Draft, read_standfirst
from publisher.ingest.parsing.fields import Reading, Record, day_headings, under_headings
from publisher.ingest.parsing.headlines import without_point
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.livepage import signed_under
from publisher.ingest.parsing.longpage import (
    LONG_PAGE,
    box_writers,
    in_author_box,
    parse_long_page,
    signed_headline,
    signing,
    team_under,
)
from publisher.ingest.parsing.records import find_records
from publisher.ingest.parsing.references import without_subject_label
from publisher.ingest.parsing.roles import (
    BYLINE,
    COUNTS,
    FURNITURE,
    LABEL,
    LIST,
    META,
    ROLE_UNDER_NAME,
    TEXT,
    TITLE,
    byline_of,
)
from publisher.ingest.parsing.signature import signed_copies
from publisher.ingest.parsing.signedtop import TopSignature, top_signature
from publisher.ingest.parsing.text import dash_headline, derive_title, ends_sentence

LISTING: Final = "listing"
LISTING_BYLINES: Final = "listing-bylines"
TEASERS: Final = "teasers"

_TITLE_REACH: Final = 12
# an episode's guests after its title: "… with guest Alex Marín, IWGB", "… mit Gast Jonas K."
_GUESTS: Final = re.compile(
    r"\s+(?:[-–—|·:]\s+)?(?:with (?:special )?guests?|feat\.|featuring|mit (?:gast|gästin|gästen)"
    r"|avec (?:l'invitée?|les invités)|con (?:l'ospite|gli ospiti|invitad[oa]s?)"
    r"|met (?:gast|gasten)|gyda(?:'r)? (?:gwestai|gwesteion))\s+[A-Z].*$"
)
# a word of every _GUESTS: the cheap test first, as most titles name no guests
_GUEST_WORDS: Final = ("with ", "feat", "mit ", "avec ", "con ", "met ", "gyda")
_MASTHEAD: Final = "(masthead"  # the reason a page's name line is furniture
_NOTICE_MAX: Final = 160  # a notice over an article (a paywall or cookie line) is short
_HEADED_MIN: Final = 3  # records set "Headline — sentence." for the page to be read so
_HEADED_SHARE: Final = 0.8  # ... and this share of the records whose title is derived


@dataclass
class PageReading:
    """What the page is, its items, and a role for every unit."""

    layout: str
    drafts: list[Draft]
    roles: list[str]
    reasons: list[str] = field(default_factory=list)
    categories: list[str | None] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)  # a listing's, one per draft
    pattern: tuple[str, ...] = ()  # the record pattern a listing was read by


def read_page(
    units: list[Unit], syms: list[str], reasons: list[str], forced: str | None = None
) -> PageReading:
    """The page read by its record pattern, or as one article when it is mostly one.

    ``forced`` is a layout the source's settings impose: a long page is then read as one
    article, teasers one a line, and the other layouts by the record pattern under the
    name given.
    """
    roles = [reason or "furniture (outside the records)" for reason in reasons]
    content = [i for i, s in enumerate(syms) if s not in (FURNITURE, META)]
    # an author page's header: the name, the job title or the followers under it, the biography
    profile = [
        i
        for i, s in enumerate(syms)
        if s not in (FURNITURE, META) or reasons[i] in (ROLE_UNDER_NAME, COUNTS)
    ]
    header = find_header([units[i] for i in profile]) if forced in (None, AUTHOR_ARCHIVE) else None
    if header is None and forced in (None, AUTHOR_ARCHIVE):
        masthead = {i for i, r in enumerate(reasons) if _MASTHEAD in r}
        profile = sorted(set(profile) | masthead)
        header = profile_aside([units[i] for i in profile])
        if header is None and profile and profile[0] in masthead:
            header = titled_owner([units[i] for i in profile])
    skip = set(profile[: header.consumed]) if header is not None else set()
    if header is not None:
        skip.update(profile[i] for i in header.aside)
    for i in skip:
        roles[i] = "archive header"
    if forced == TEASERS:
        return _teasers(units, syms, roles)
    if forced == LONG_PAGE:
        return _long_page(units, syms, roles, content[0] if content else 0)
    reading = _outside_boxes(units, syms, roles, skip)
    if header is None and forced in (None, AUTHOR_ARCHIVE) and reading.records:
        first = reading.records[0].indexes[0]
        top = [i for i in profile if i <= first and _MASTHEAD not in reasons[i]]
        end = max(reading.records[-1].indexes) + 1
        header = named_twice(units, top, first, end, len(reading.records))
        if header is not None:
            skip = set(top[: header.consumed])
            for i in skip:
                roles[i] = "archive header"
            if first in skip:  # the name was read as the first piece's byline
                reading = _outside_boxes(units, syms, roles, skip)
    signed = signed_copies(units, syms) if forced is None else None
    if signed is not None:  # a speech signed under its headline on lines of its own
        article = find_article(signed.units, signed.syms, skip, reading.records, signed.lines)
        if article is not None:
            lines = article.signature or signed.lines
            return _long_page(signed.units, signed.syms, roles, article.first, lines)
    article = find_article(units, syms, skip, reading.records) if forced is None else None
    if article is not None:
        return _long_page(units, syms, roles, article.first, article.signature)
    page = _listing(units, syms, roles, reading, header)
    if forced is not None and forced != page.layout:
        if forced == AUTHOR_ARCHIVE:
            page.warnings.append("layout author-archive was forced but no archive header was found")
        page.layout = forced
        page.reasons[0] = f"chose {forced} (forced): {len(page.drafts)} items"
    return page


def _outside_boxes(units: list[Unit], syms: list[str], roles: list[str], skip: set[int]) -> Reading:
    """The page's records, read again without the boxes opened after its first record
    ("Most read", "Related", "Upcoming events"): their lines become furniture."""
    read = [FURNITURE if i in skip else s for i, s in enumerate(syms)]
    reading = find_records(units, read)
    found = [r.indexes for r in reading.records]
    boxed = boxed_lines(units, read, found)
    if reading.pattern == (TEXT,):
        boxed.update(headed_boxes(units, read, found))
    # read again only where a record took lines of a box
    changed = any(i in boxed for r in reading.records for i in r.indexes)
    for i, head in boxed.items():
        if syms[i] != FURNITURE:
            syms[i] = read[i] = FURNITURE
            box = "a box's heading" if i == head else f"in the box {units[head].text!r}"
            roles[i] = f"furniture ({box})"
    reading = find_records(units, read) if changed else reading
    return _by_day_headings(units, read, reading)


def _by_day_headings(units: list[Unit], syms: list[str], reading: Reading) -> Reading:
    """Where the page groups its items of one line under day headings and the reading
    took each heading as the date of the item above ("S B": a day read one item late),
    its items read again one for each line under each heading, dated by it."""
    pattern = reading.pattern
    if len(pattern) < 2 or pattern[-1] != BYLINE or pattern[0] not in (TEXT, TITLE, LIST):
        return reading
    if any(symbol not in (LABEL, META) for symbol in pattern[1:-1]):
        return reading  # a link or a field may stand between: "S K B"
    heads = day_headings(units, syms)
    if not _headings_read_late(reading, heads):
        return reading
    return Reading((TEXT,), under_headings(units, syms, heads), reading.score)


def _headings_read_late(reading: Reading, heads: list[int]) -> bool:
    """Whether the records end on the day headings (two in three), or, where a link or
    a field stands between ("S K B"), most headings were read into records as fields."""
    ends = [r.indexes[-1] for r in reading.records]
    if sum(end in heads for end in ends) * 3 >= len(ends) * 2:
        return True
    if len(reading.pattern) == 2 or not heads:
        return False
    taken = {i for r in reading.records for i in r.indexes}
    return sum(head in taken for head in heads) * 3 >= len(heads) * 2


def _teasers(units: list[Unit], syms: list[str], roles: list[str]) -> PageReading:
    """Every line of text an item (its title derived), a byline line signing the one above."""
    drafts: list[Draft] = []
    for index, symbol in enumerate(syms):
        if symbol == BYLINE and drafts:
            byline = byline_of(units[index], symbol)
            if byline is not None:
                drafts[-1] = _signed(drafts[-1], byline)
            roles[index] = f"item {len(drafts)}: byline"
        elif symbol in (TITLE, TEXT, LIST):
            summary, author = read_standfirst(units[index].text)
            drafts.append(
                Draft(derive_title(summary), units[index].line, summary=summary, author=author)
            )
            roles[index] = f"item {len(drafts)}: teaser"
    chose = f"chose {TEASERS} (forced): {len(drafts)} items, one a line"
    return PageReading(TEASERS, drafts, roles, [chose, f"{TEASERS}: every line; fit 1.00"])


def _long_page(
    units: list[Unit],
    syms: list[str],
    roles: list[str],
    first: int,
    signature: tuple[int, ...] = (),
) -> PageReading:
    """One item: the title above the first paragraph, its byline (the ``signature``'s
    lines where known), everything after."""
    # a signature stands right under its headline: the title is looked for over it
    # the headline where the piece is signed, under the site's own lines
    top = None if signature else top_signature(units, syms)
    anchor = min(signature) if signature else top.heading + 1 if top is not None else first
    title = _article_title(units, syms, anchor)
    start = title if title is not None else first
    body = [i for i in range(start, len(units)) if syms[i] not in (FURNITURE,)]
    over = _bylines_over(syms, start)
    under = list(signature) or _signing(syms, start, top)
    bylines = over + under
    head = [units[i] for i in body if i not in bylines]
    candidate = parse_long_page(head, titled=title == first)  # a headline read as text
    drafts = candidate.build() if candidate.count else []
    writer = [top.writer, top.dated] if top is not None else []
    byline = _with_dateline(
        merge_bylines(writer + [byline_of(units[i], syms[i]) for i in under]),
        merge_bylines([byline_of(units[i], syms[i]) for i in over]),
    )
    if title is not None:
        byline = team_under(box_writers(byline, units, syms, title), units, syms, title, under)
    if drafts and byline is not None:
        drafts = [_signed(drafts[0], byline)]
    for i in body:
        roles[i] = "article title" if i == title else "article body"
    for i in bylines:
        roles[i] = "article byline"
    chose = f"chose {LONG_PAGE}: {len(drafts)} items, one article"
    return PageReading(
        LONG_PAGE, drafts, roles, [chose, f"{candidate.reason}; fit {_fit(units, body):.2f}"]
    )


def _signing(syms: list[str], start: int, top: TopSignature | None) -> list[int]:
    """The byline lines signing an article: its signature at the top, where known, and
    those ``signing`` finds under its headline (a sign-off under the text)."""
    found = signing(syms, start)
    return list(top.lines) + [i for i in found if i not in top.lines] if top else found


def _with_dateline(written: Byline | None, dated: Byline | None) -> Byline | None:
    """The byline under an article's headline names its writer; a dateline over the
    headline ("FOR IMMEDIATE RELEASE – Tuesday 5 March 2024") its day."""
    if written is None or dated is None:
        return written or dated
    return Byline(written.author or dated.author, dated.published or written.published)


def _bylines_over(syms: list[str], title: int) -> list[int]:
    """The byline lines right over an article's title, past a label ("PRESS RELEASE" /
    "FOR IMMEDIATE RELEASE – Tuesday 5 March 2024" / the headline)."""
    over: list[int] = []
    i = title - 1
    while i >= 0 and syms[i] in (BYLINE, LABEL, META):
        if syms[i] == BYLINE:
            over.insert(0, i)
        i -= 1
    return over


def _fit(units: list[Unit], explained: list[int]) -> float:
    """The share of the page's text the reading explains."""
    total = sum(unit.weight for unit in units) or 1
    return sum(units[i].weight for i in explained) / total


def _article_title(units: list[Unit], syms: list[str], first: int) -> int | None:
    """The title over an article: the nearest heading of three words or more above its
    first paragraph, over any byline, date, metadata or kicker (a short label in
    capitals, the site's name) in between.  A heading right under the byline ("Listen
    to this article", a caption) gives way to the one above the byline."""
    if signed_headline(units, syms, first):
        return first
    found = _heading_above(units, syms, first)
    if found is None:  # the article opens the page: its first line may be the site's name
        opens = first < len(syms) and syms[first] == TITLE
        return _heading_under_menu(units, syms, first) if opens else None
    lower = _heading_under_menu(units, syms, found)
    if lower is not None:
        return lower
    above = found - 1
    while above >= 0 and syms[above] in (META, FURNITURE):
        above -= 1
    if above >= 0 and syms[above] == BYLINE and not signed_under(units, syms, found):
        while above > 0 and syms[above - 1] in (BYLINE, META, FURNITURE):
            above -= 1
        higher = _heading_above(units, syms, above)
        if higher is not None and not _over_menu(units, higher):
            if not _columnist_over(units, syms, higher, found):
                return higher
    return found


def _columnist_over(units: list[Unit], syms: list[str], higher: int, found: int) -> bool:
    """Whether a name alone right over the headline found is its columnist's, with a menu
    row or trail between it and the heading above (the masthead's tagline):
    "Comment › Columnists" / "DEBORAH KINSELLA" / the headline."""
    byline = byline_of(units[found - 1], syms[found - 1]) if syms[found - 1] == BYLINE else None
    if byline is None or byline.author is None or byline.published is not None:
        return False
    return any(units[i].furniture == "link" for i in range(higher + 1, found))


def _heading_under_menu(units: list[Unit], syms: list[str], found: int) -> int | None:
    """Where the heading found is the site's name over its menu row ("Le Fil Social" /
    "Accueil | Travail | …"), the article's headline under the menu: the first line of
    three words or more below it that is no sentence, past notices, trails and labels."""
    if not _over_menu(units, found):
        return None
    for i in range(found + 2, min(len(units), found + _TITLE_REACH)):
        text = units[i].text
        headline = text.count(" ") >= 2 and not text.isupper() and not ends_sentence(text)
        if syms[i] in (TITLE, TEXT) and headline and not _long(text):
            return i
        label = syms[i] == TITLE and text.isupper()  # "PRESS RELEASE", "ENTRETIEN"
        if not (label or syms[i] in (FURNITURE, META, LABEL, BYLINE, TEXT)) or _long(text):
            return None
    return None


def _over_menu(units: list[Unit], index: int) -> bool:
    """Whether the site's menu row (or a trail) stands right under a line: its masthead."""
    return index + 1 < len(units) and units[index + 1].furniture == "link"


def _long(text: str) -> bool:
    """A paragraph of an article's body rather than a notice over it."""
    return len(text) > _NOTICE_MAX


def _heading_above(units: list[Unit], syms: list[str], first: int) -> int | None:
    """The nearest heading of three words or more above ``first`` (a headline over its
    subtitle, where two stand together), past a table of contents (its entries and labels
    count for no distance) and a writer's name with a job title in an author box."""
    for i in _lines_above(syms, first):
        text = units[i].text
        if syms[i] == TITLE and _writer_over_writer(units, i):
            continue  # "Aoife Ní Bhriain, Senior Economist": a writer, not the headline
        if syms[i] == TITLE and text.count(" ") >= 2 and not text.isupper():
            if text.endswith(","):
                continue  # a salutation ("Dear colleagues, dear friends,"), no headline
            above = i - 1  # a headline over a longer subtitle without its full stop
            if above >= 0 and syms[above] == TITLE and _headline(units[above].text, text):
                if not in_author_box(units, syms, above):
                    return above
            return i
    return None


def _writer_over_writer(units: list[Unit], index: int) -> bool:
    """Whether a line names a writer with a job title ("Aoife Ní Bhriain, Senior
    Economist") over another so named in its block: the writers of a report, one a line."""
    below = index + 1
    if below >= len(units) or units[below].block != units[index].block:
        return False
    return role_signed(units[index].text) and role_signed(units[below].text)


def _lines_above(syms: list[str], first: int) -> list[int]:
    """The lines over ``first`` within a headline's reach, nearest first; a list's
    entries and labels (a report's contents) take up none of the reach."""
    lines: list[int] = []
    reach = _TITLE_REACH - 1
    for i in range(first - 1, -1, -1):
        if syms[i] not in (LIST, LABEL):
            reach -= 1
        if reach < 0:
            break
        lines.append(i)
    return lines


def _headline(text: str, under: str) -> bool:
    """Whether ``text`` is a headline over ``under``, its subtitle: three words or more
    (a trail's separators are none: "Features / Interviews"), not in capitals, and not
    longer than the subtitle."""
    words = sum(1 for word in text.split() if any(c.isalnum() for c in word))
    return words >= 3 and not text.isupper() and len(text) <= len(under)


def _signed(draft: Draft, byline: Byline) -> Draft:
    """``draft`` with the author and date of the page's byline."""
    return dataclasses.replace(
        draft,
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
    bare = 0  # records of a headline alone
    headed = _dash_headed(units, syms, reading.records)
    for number, record in enumerate(reading.records, start=1):
        draft, category, is_teaser = _draft(units, syms, record, headed=headed)
        if header is not None:
            following = (
                reading.records[number].indexes[0] if number < len(reading.records) else None
            )
            draft = _archived(draft, header, units, syms, record, following)
        drafts.append(draft)
        categories.append(category)
        dated += draft.author is not None or draft.published is not None
        teasers += is_teaser
        bare += set(record.roles.values()) <= {"title", "meta"} and _runs_on(units, reading, number)
        for i, role in record.roles.items():
            roles[i] = f"item {number}: {role}"
        if record.heading is not None and not roles[record.heading].startswith("item"):
            roles[record.heading] = f"item {number}: date heading"
    layout = _layout(len(drafts), dated, teasers, bare, header)
    pattern = " ".join(reading.pattern)
    explained = [i for record in reading.records for i in record.roles]
    chose = f"chose {layout}: {len(drafts)} items, pattern [{pattern}]"
    reason = f"pattern [{pattern}] gives {len(drafts)} records; fit {_fit(units, explained):.2f}"
    reasons = [chose, reason] + ([header.reason] if header is not None else [])
    return PageReading(
        layout, drafts, roles, reasons, categories, records=reading.records, pattern=reading.pattern
    )


def _archived(
    draft: Draft,
    header: Header,
    units: list[Unit],
    syms: list[str],
    record: Record,
    following: int | None,
) -> Draft:
    """An author page's item: by the page's author, unless a line signs it with co-authors
    ("di Marco Ferri e Giulia Santoro" under the record) or another name in lower case; a
    name in capitals beside the date ("5 marzo 2025 · IL FILO ROSSO") is the column's."""
    end = following if following is not None else len(units)
    title = next(i for i, role in record.roles.items() if role == "title")
    for i in range(title + 1, end):
        byline = byline_of(units[i], syms[i]) if syms[i] == BYLINE else None
        if byline is not None and byline.author and header.author in byline.author:
            return dataclasses.replace(draft, author=byline.author)
        coauthors = with_coauthors(units[i].text, header.author)
        if coauthors is None and record.roles.get(i) == "standfirst":
            coauthors = opening_coauthors(units[i].text, header.author)  # "A and B examine"
        if coauthors is not None:  # "with Kayode Bello"
            return dataclasses.replace(draft, author=coauthors)
    author = draft.author
    if author is None or author.upper() in (units[i].text for i in record.indexes):
        return dataclasses.replace(draft, author=header.author)
    texts = [units[i].text for i in record.indexes]
    if header.author not in author and (_in_capitals(author, texts) or _beside_only(author, texts)):
        return dataclasses.replace(draft, author=header.author)
    return draft


def _beside_only(name: str, texts: list[str]) -> bool:
    """Whether ``name`` stands only last on its line, after other fields, neither after a
    by-word nor alone ("2 hours ago | New Delhi"): where the piece was filed, not who wrote
    it."""
    lines = [t for t in texts if name in t]
    return bool(lines) and not any(
        t.strip() == name or not t.rstrip().endswith(name) or names_by_word(t) for t in lines
    )


def _in_capitals(name: str, texts: list[str]) -> bool:
    """Whether ``name`` is written in capitals on one of ``texts`` (a label, not a writer)."""
    upper = name.upper()
    return any(upper in text for text in texts)


def _runs_on(units: list[Unit], reading: Reading, number: int) -> bool:
    """Whether record ``number`` (from 1) shares its block with a record beside it: a run of
    headlines one a line, not headings standing apart."""
    records = reading.records
    block = units[records[number - 1].indexes[0]].block
    beside = records[max(0, number - 2) : number + 1]
    return sum(1 for r in beside if units[r.indexes[0]].block == block) >= 2


def _layout(count: int, dated: int, teasers: int, bare: int, header: Header | None) -> str:
    """The layout name the records amount to: teasers are sentences or headlines alone."""
    if header is not None:
        return AUTHOR_ARCHIVE
    if count and teasers * 2 > count:
        return TEASERS
    if count and dated * 2 >= count:
        return LISTING_BYLINES
    return TEASERS if (teasers + bare) * 2 > count else LISTING


def _dash_headed(units: list[Unit], syms: list[str], records: list[Record]) -> bool:
    """Whether the page sets its items "Headline — what it is about." on one line, nearly
    every one: a listing of titles with their standfirsts, not sentences to derive
    titles from ("Zorg dichtbij huis — Lessen uit tien gemeenten …")."""
    lines = [units[i].text for r in records for i, role in r.roles.items() if role == "title"]
    texts = [t for t, r in zip(lines, records, strict=True) if _title_derived(syms, r)]
    headed = sum(1 for text in texts if dash_headline(text) is not None)
    return headed >= _HEADED_MIN and headed >= _HEADED_SHARE * len(texts)


def _title_derived(syms: list[str], record: Record) -> bool:
    """Whether a record's title line is text or a list item: its title is derived."""
    title = next(i for i, role in record.roles.items() if role == "title")
    return syms[title] in (TEXT, LIST)


def _without_guests(title: str) -> str:
    """A title without the guests it names ("… with special guest Ana Ruiz"), unless
    nothing would be left."""
    if not any(word in title for word in _GUEST_WORDS):
        return title
    return _GUESTS.sub("", title) or title


def _draft(
    units: list[Unit], syms: list[str], record: Record, *, headed: bool = False
) -> tuple[Draft, str | None, bool]:
    """One record's item, its kicker (category) and whether its title was derived;
    ``headed``: a line "Headline — sentence." is the title and its standfirst."""
    title_index = next(i for i, role in record.roles.items() if role == "title")
    title_unit = units[title_index]
    derived = syms[title_index] in (TEXT, LIST)
    split = dash_headline(title_unit.text) if derived and headed else None
    if split is not None:
        title_unit = title_unit._replace(text=split[0])
        derived = False
    bodies = _standfirst(units, [i for i in record.indexes if record.roles.get(i) == "standfirst"])
    signs = [i for i in record.indexes if record.roles.get(i) == "byline"]
    bylines = [byline_of(units[i], syms[i]) for i in signs]
    # the writer named under the title, where one is, over a name on the line above it
    # ("22:40 Sketchbook Comics" / the title / "by Jo Hartley"): the line above dates it
    under = merge_bylines([byline_of(units[i], syms[i]) for i in signs if i > title_index])
    kicker = next((units[i].text for i in record.indexes if record.roles[i] == "kicker"), None)
    summary, author = (None, None)
    if derived:
        summary, author = read_standfirst(title_unit.text)
        title = derive_title(summary)
    else:
        title = without_subject_label(_without_guests(without_point(title_unit.text)))
        if split is not None:
            bodies = [split[1], *bodies]
        if bodies:
            summary, author = read_standfirst(bodies[0])
    if record.heading is not None:  # the day the page groups the item under
        bylines.append(units[record.heading].byline)
    byline = merge_bylines(bylines) or Byline(None, None)
    if byline.published is None and summary:
        # a press release's dateline opens its standfirst: "Berlin, 5. März 2025 – …"
        byline = Byline(byline.author, dateline_date(summary), byline.clock)
    if under is not None and under.author:
        byline = Byline(under.author, byline.published, byline.clock)
    byline = _by_word_first(units, signs, byline)
    team = writers_one_a_line([units[i].text for i in signs], bylines[: len(signs)])
    if team is not None:  # "Dr A, Senior Economist" / "B, Research Fellow": both wrote it
        byline = Byline(team, byline.published, byline.clock)
    draft = Draft(
        title=title,
        line=title_unit.line,
        summary=summary,
        author=author or byline.author,  # "By Name …" in the text names the writer
        published=byline.published,
    )
    return draft, kicker, derived


def _standfirst(units: list[Unit], lines: list[int]) -> list[str]:
    """The standfirst's lines: those of its first block are one text (a standfirst wrapped
    by hand, or two sentences on two lines), later blocks apart."""
    if not lines:
        return []
    block = units[lines[0]].block
    first = " ".join(units[i].text for i in lines if units[i].block == block)
    return [first, *(units[i].text for i in lines if units[i].block != block)]


def _by_word_first(units: list[Unit], signs: list[int], byline: Byline) -> Byline:
    """``byline`` with the writer a by-word names ("BY LERATO DLAMINI · 4 MARCH 2025")
    where another of the record's lines gave a bare name: that one is the record's kicker
    ("PUBLIC SECTOR"), not its writer."""
    worded = [units[i].byline for i in signs if names_by_word(units[i].text)]
    author = next((b.author for b in worded if b is not None and b.author), None)
    if author is None or author == byline.author:
        return byline
    return Byline(author, byline.published, byline.clock)


def merge_bylines(bylines: list[Byline | None]) -> Byline | None:
    """One byline from several lines, the first to say something winning; a day beats a
    time of day alone (read as the day the page was saved), whose time it keeps."""
    author = next((b.author for b in bylines if b is not None and b.author), None)
    dated = [b for b in bylines if b is not None and b.published]
    day = next((b.published for b in dated if not b.clock), None)
    clock = next((b.published for b in dated if b.clock), None)
    if day is not None and clock is not None and not (day.hour or day.minute):
        day = day.replace(hour=clock.hour, minute=clock.minute)
    published = day or clock
    if author is None and published is None:
        return None
    return Byline(author, published, day is None and clock is not None)
