"""The long-page layout: one article or campaign page, read as a single item.

The first line is the title when it reads as one (else a title is derived).  The
content keeps every other line: paragraphs and headings separated by blank lines,
each bullet on its own line as "• text" (numbered lists lose their numbers; the
order stays).  The summary is the first paragraph, or its first two sentences.
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.authors import clean_author, is_role
from publisher.ingest.parsing.bylines import Byline, writers_one_a_line
from publisher.ingest.parsing.drafts import Candidate, Draft
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LABEL, META, TEXT, TITLE, byline_of
from publisher.ingest.parsing.text import derive_title, ends_sentence, first_sentence

LONG_PAGE: Final = "long-page"

_LONG: Final = 250  # a paragraph of "hundreds of characters"
_SHORT_TEXT: Final = 0.6
_ARTICLE_TEXT: Final = 1.0  # under a title and a byline, short paragraphs are an article's
_NO_LONG_PARAGRAPH: Final = 0.5
_SUMMARY_MAX: Final = 300
_BYLINE_REACH: Final = 3  # a byline this close to the top signs the page
_BOX_REACH: Final = 4  # an author box: a few names, each with a role under it
_SIGN_REACH: Final = 8  # lines under a headline where the byline signing the article stands
_SIGNING_LINES: Final = 2  # a byline and a date line under it


def parse_long_page(units: list[Unit], *, titled: bool = False) -> Candidate:
    """The page read as one long item; ``titled``: its first line is the headline, however
    long (else only when it reads as a title)."""
    if not units:
        return Candidate(LONG_PAGE, 0, 0.0, f"{LONG_PAGE}: no text", list)
    has_title = titled or units[0].title_like
    body = units[1:] if has_title else units
    byline = _page_byline(body)
    body = [u for u in body if u is not byline]
    if not body:
        return Candidate(LONG_PAGE, 0, 0.0, f"{LONG_PAGE}: a title and nothing under it", list)
    paragraphs = [u for u in body if not u.marker and not u.title_like and u.byline is None]
    first = paragraphs[0].text if paragraphs else body[0].text
    title = units[0].text if has_title else derive_title(first)
    draft = Draft(
        title=title,
        line=units[0].line,
        summary=_summary(first),
        content=_content(body),
        author=byline.byline.author if byline and byline.byline else None,
        published=byline.byline.published if byline and byline.byline else None,
        headline=has_title,
    )
    fit, reason = _fit(units, body, has_title, byline)
    return Candidate(LONG_PAGE, 1, fit, reason, lambda: [draft])


def in_author_box(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a line stands in a block of writers' names (an author box over a headline:
    "Dr Jo Bell" / "Chief Economist"): a name the roles read as a byline, or names with
    their job titles under them.  Such a line is a name or a role, never the headline."""
    box = _box(units, index)
    if any(syms[i] == BYLINE and units[i].byline is None for i in box):
        return True
    roles = [i for i in box if _role(units[i].text)]
    return bool(roles) and any(_name(units[i]) for i in box if i not in roles)


def _box(units: list[Unit], index: int) -> list[int]:
    """The lines of ``index``'s block within an author box's reach of it."""
    block = units[index].block
    reach = range(max(0, index - _BOX_REACH), min(len(units), index + _BOX_REACH + 1))
    return [i for i in reach if units[i].block == block]


def _name(unit: Unit) -> str | None:
    """A writer's name alone on a line ("Dr Jo Bell"), as written back; not a job title."""
    if unit.byline is not None or unit.marker or _role(unit.text):
        return None
    name = clean_author(unit.text)
    return name if name is not None and "," not in name and " and " not in name else None


def _role(text: str) -> bool:
    """Whether a line is a job title, with its field after a comma ("Policy Officer, Housing")."""
    return is_role(text.replace(",", " "))


def signing(syms: list[str], start: int) -> list[int]:
    """The byline lines under an article's headline that sign it (two at most): those near
    its top, and further down only a sign-off right under a paragraph; a comment's name
    (under a comments heading, a reply button or another comment's name) signs nothing."""
    found: list[int] = []
    for i in range(start, len(syms)):
        if syms[i] != BYLINE or _contact(syms, i, start):
            continue
        if i - start <= _SIGN_REACH or syms[i - 1] == TEXT:
            found.append(i)
            if len(found) == _SIGNING_LINES:
                break
    return found


def _contact(syms: list[str], index: int, title: int) -> bool:
    """Whether a name line is a contact's: under a heading ("Media contacts"), over a
    phone number or an address rather than over text it signs.  The line right under the
    article's own headline signs it, whatever stands under it (a share row)."""
    if index == title + 1:
        return False
    above = syms[index - 1] if index > 0 else FURNITURE
    below = next((s for s in syms[index + 1 :] if s != META), FURNITURE)
    return above == TITLE and below in (FURNITURE, LABEL)


def signed_headline(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a line read as a paragraph is the article's headline (long, or in quotes):
    it stands alone in its block, ends no sentence, nothing but furniture and a label
    over it (a standfirst has its headline there), and the lines signing and dating the
    article (a writer, a date) stand right under it."""
    if index >= len(units):
        return False
    unit = units[index]
    if syms[index] not in (TEXT, TITLE) or ends_sentence(unit.text):
        return False
    above = index - 1
    while above >= 0 and (syms[above] in (LABEL, META) or _kicker(units[above], syms[above])):
        above -= 1
    if above >= 0 and syms[above] != FURNITURE:
        return False
    alone = all(units[j].block != unit.block for j in (index - 1, index + 1) if 0 <= j < len(units))
    under = range(index + 1, min(len(units), index + _SIGNING_LINES + 1))
    return alone and any(syms[j] == BYLINE and units[j].byline is not None for j in under)


def _kicker(unit: Unit, symbol: str) -> bool:
    """A label in capitals read as a bare name ("FACT-FINDING REPORT"): no byline parsed."""
    return symbol == BYLINE and unit.byline is None and unit.text.isupper()


def box_writers(
    byline: Byline | None, units: list[Unit], syms: list[str], title: int
) -> Byline | None:
    """``byline`` with the writers an author box right over the headline names, where it
    names none: the box's names in order, the roles under them left out."""
    above = title - 1
    if (byline is not None and byline.author) or above < 0:
        return byline
    if not in_author_box(units, syms, above):
        return byline
    names = [name for i in _box(units, above) if i < title for name in [_name(units[i])] if name]
    if not names:
        return byline
    author = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return Byline(author, byline.published if byline is not None else None)


def team_under(
    byline: Byline | None, units: list[Unit], syms: list[str], title: int, under: list[int]
) -> Byline | None:
    """``byline`` with the writers named one a line with their roles between the headline
    and the lines signing it ("Aoife Ní Bhriain, Senior Economist" / "Cormac Doherty,
    Policy Analyst"), all of them: the first may have read as a heading."""
    if not under or byline is None:
        return byline
    lines = range(title + 1, max(under) + 1)
    texts = [units[i].text for i in lines]
    team = writers_one_a_line(texts, [byline_of(units[i], BYLINE) for i in lines])
    return byline if team is None else Byline(team, byline.published, byline.clock)


def _page_byline(body: list[Unit]) -> Unit | None:
    """The byline that signs the page: near the top, or else the last line."""
    byline = next((u for u in body[:_BYLINE_REACH] if u.byline is not None), None)
    if byline is None and body and body[-1].byline is not None:
        byline = body[-1]
    return byline


def _content(body: list[Unit]) -> str:
    """Paragraphs and headings apart by a blank line; a list's bullets one per line."""
    parts: list[str] = []
    in_list = False
    for unit in body:
        if unit.marker:
            line = f"• {unit.text}"
            parts.append(f"{parts.pop()}\n{line}" if in_list and parts else line)
        else:
            parts.append(unit.text)
        in_list = bool(unit.marker)
    return "\n\n".join(parts)


def _summary(paragraph: str) -> str:
    """A paragraph, or its first two sentences when it is long."""
    if len(paragraph) <= _SUMMARY_MAX:
        return paragraph
    first = first_sentence(paragraph)
    second = first_sentence(paragraph[len(first) :].lstrip())
    summary = f"{first} {second}".strip()
    return summary if len(summary) <= 2 * _SUMMARY_MAX else first


def _is_article(body: list[Unit], has_title: bool, byline: Unit | None) -> bool:
    """A title, one byline under it, then mostly sentences: an article, short paragraphs or not."""
    if not has_title or byline is None or any(u.byline is not None for u in body):
        return False
    sentences = sum(1 for u in body if u.sentence)
    headings = sum(1 for u in body if u.title_like)
    return sentences >= 2 and headings * 3 <= sentences


def _fit(
    units: list[Unit], body: list[Unit], has_title: bool, byline: Unit | None
) -> tuple[float, str]:
    """How much of the page reads as one article: long paragraphs, few headings."""
    long_paragraphs = sum(1 for u in body if len(u.text) >= _LONG)
    headings = [u for u in body if u.title_like and not u.marker]
    bullets = sum(1 for u in body if u.marker)
    few_headings = len(headings) <= max(1, long_paragraphs)
    article = _is_article(body, has_title, byline)
    short_text = _ARTICLE_TEXT if article else _SHORT_TEXT
    score = units[0].weight if has_title else 0.0
    score += byline.weight if byline is not None else 0.0
    for unit in body:
        if unit.marker or len(unit.text) >= _LONG:
            score += unit.weight
        elif unit.title_like:
            # marked headings ("## Why this matters") are an article's, however many
            score += unit.weight if few_headings or unit.heading else 0.0
        elif unit.byline is None:
            score += short_text * unit.weight
    fit = score / (sum(u.weight for u in units) or 1)
    if not long_paragraphs and not article:
        fit *= _NO_LONG_PARAGRAPH
    reason = (
        f"{LONG_PAGE}: 1 item from {len(body) - len(headings) - bullets} paragraphs "
        f"({long_paragraphs} long), {len(headings)} headings, {bullets} bullets"
    )
    return fit, reason
