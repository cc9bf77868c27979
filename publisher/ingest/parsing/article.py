"""Whether a page is one article: its first paragraph, or None when it lists items.

A page is one article when its text is mostly paragraphs of several sentences; or
when one headline and one byline head paragraphs of running text and nothing else
signs a piece; or when the record pattern leaves lists and paragraphs unexplained
between its records (headings over an article's sections read like titles).  Records
that each carry a byline or date are a list of pieces, however long their text.
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.fields import Record
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LIST, META, TEXT, TITLE

_PARAGRAPH: Final = 120  # a line this long is a paragraph of sentences
_ARTICLE_SHARE: Final = 0.5
_FULL_PARAGRAPH: Final = 250  # teasers and standfirsts are a sentence or two, shorter than this
_FULL_PARAGRAPHS: Final = 3  # an article has at least this many paragraphs of that length
_APART: Final = 0.8  # this share of an article's paragraphs stand in blocks of their own
_SIGNED_RECORDS: Final = 3  # this many signed records make a list, however long their text
_TOP: Final = 6  # an article's byline stands within this many lines of its start
_STANDFIRST_REACH: Final = 2  # lines above the byline where the standfirst stands
_PER_SUBHEAD: Final = 2  # paragraphs to each subhead in an article at least
_UNEXPLAINED: Final = 0.25  # records leaving this share of their span unread are no list


def find_article(
    units: list[Unit], syms: list[str], skip: set[int], records: list[Record]
) -> int | None:
    """The index of the article's first paragraph, or None when the page lists items."""
    if _signed(syms, records):
        return None
    text = [i for i, s in enumerate(syms) if s in (TEXT, TITLE, BYLINE, LIST) and i not in skip]
    for first in (
        _long_paragraphs(units, syms, text),
        _signed_once(units, syms, text),
        _unexplained(syms, text, records),
    ):
        if first is not None:
            return first
    return None


def _signed(syms: list[str], records: list[Record]) -> bool:
    """Whether the records each carry a byline or date line."""
    signed = sum(1 for r in records if any(syms[i] == BYLINE for i in r.indexes))
    return len(records) >= _SIGNED_RECORDS and signed * 3 >= len(records) * 2


def _long_paragraphs(units: list[Unit], syms: list[str], text: list[int]) -> int | None:
    """The first paragraph when paragraphs of several sentences, standing apart, hold most
    of the text, with at most one subhead over each (an interview's questions are none)."""
    total = sum(len(units[i].text) for i in text) or 1
    long = [i for i in text if syms[i] == TEXT and len(units[i].text) >= _PARAGRAPH]
    if len(long) < 2 or sum(len(units[i].text) for i in long) < _ARTICLE_SHARE * total:
        return None
    blocks = len({units[i].block for i in long})
    full = sum(1 for i in long if len(units[i].text) >= _FULL_PARAGRAPH)
    if full < _FULL_PARAGRAPHS or blocks < _APART * len(long):
        return None
    heads = sum(
        1 for i in range(long[0], long[-1]) if syms[i] == TITLE and not units[i].text.endswith("?")
    )
    return long[0] if heads <= len(long) else None


def _signed_once(units: list[Unit], syms: list[str], text: list[int]) -> int | None:
    """The first paragraph when one byline near the top signs paragraphs of running text
    (two or more) and no other byline or title follows, but an interview's questions or
    an article's subheads."""
    bylines = [n for n, i in enumerate(text) if syms[i] == BYLINE]
    if not bylines or bylines[0] >= _TOP or bylines[-1] - bylines[0] > 1:
        return None
    after = text[bylines[-1] + 1 :]
    if sum(1 for i in after if syms[i] == TEXT) < 2:
        return None
    if any(syms[i] == TITLE for i in after):
        # only an interview's questions or an article's subheads stand between its
        # paragraphs (furniture ends it)
        body = _until_furniture(syms, after)
        heads = [i for i in body[:-1] if syms[i] == TITLE]
        if not heads or not (_questions(units, syms, heads) or _subheads(syms, body, heads)):
            return None
    # the standfirst over the byline, or the first paragraph (not a paywall notice above)
    near = text[max(0, bylines[0] - _STANDFIRST_REACH) :]
    return next((i for i in near if syms[i] == TEXT), None)


def _subheads(syms: list[str], body: list[int], heads: list[int]) -> bool:
    """Whether the title-like lines are an article's subheads: each over a paragraph, with
    two paragraphs or more to each (a listing has one standfirst to each title)."""
    paragraphs = sum(1 for i in body if syms[i] == TEXT)
    return paragraphs >= _PER_SUBHEAD * len(heads) and all(
        i + 1 < len(syms) and syms[i + 1] == TEXT for i in heads
    )


def _until_furniture(syms: list[str], lines: list[int]) -> list[int]:
    """``lines`` up to the first one with furniture or metadata above it."""
    for n in range(1, len(lines)):
        if any(syms[i] in (FURNITURE, META) for i in range(lines[n - 1] + 1, lines[n])):
            return lines[:n]
    return lines


def _questions(units: list[Unit], syms: list[str], titles: list[int]) -> bool:
    """Whether the title-like lines are an interview's questions, each over its answer."""
    return all(
        units[i].text.endswith("?") and i + 1 < len(syms) and syms[i + 1] == TEXT for i in titles
    )


def _unexplained(syms: list[str], text: list[int], records: list[Record]) -> int | None:
    """The first paragraph when the records leave a list and paragraphs unread between them
    (an article's bullets under its subheads)."""
    if len(records) < 2:
        return None
    first, last = records[0].indexes[0], records[-1].indexes[-1]
    span = [i for i in text if first <= i <= last]
    read = {i for r in records for i in r.indexes}
    unread = [i for i in span if i not in read and syms[i] in (TEXT, LIST)]
    if not any(syms[i] == LIST for i in unread):
        return None
    if len(unread) < _UNEXPLAINED * len(span):
        return None
    return next((i for i in text if syms[i] == TEXT), None)
