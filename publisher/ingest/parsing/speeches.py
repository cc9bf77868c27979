"""Whether a page is a speech's transcript: stage directions between its paragraphs.

A parliament's record, a congress speech or a chair's address printed as delivered notes
what the hall did between the speaker's paragraphs: "(Applause)", "(Beifall bei der
SPD)", "(applaus)", "(Applaudissements prolongés)", "(Zuruf von der AfD: …)".  A reader
sees one speech, however short its paragraphs and whatever the questions it asks as
headings.  The signal is the bracket, in any language: lines wholly in round brackets,
each with paragraphs of text right over and under it.  A wire's listing closes each story
with "(Reporting by …)" over the next headline, not between paragraphs of one text.
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, LIST, TEXT, TITLE

_DIRECTIONS: Final = 2  # a transcript notes the hall this many times at least
_PARAGRAPH: Final = 120  # a line this long is a paragraph (article.py's measure; it imports us)
_PROSE: Final = (TEXT, LIST)  # a speech's paragraphs (a heckle answered reads as a list)
_RESUMING: Final = (*_PROSE, TITLE)  # what may stand under a stage direction


def stage_directions(units: list[Unit], syms: list[str], text: list[int]) -> int | None:
    """The first paragraph when stage directions stand between the page's paragraphs (see
    the module), else None; ``text``: the page's lines of text, titles, bylines and lists."""
    directions = [i for i in range(1, len(units) - 1) if _direction(units, syms, i)]
    if len(directions) < _DIRECTIONS:
        return None
    signed = [i for i in text if i < directions[0] and syms[i] == BYLINE]
    after = signed[-1] if signed else -1
    return next((i for i in text if i > after and _paragraph(units, syms, i)), None)


def _direction(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a line is a stage direction between paragraphs: wholly in round brackets,
    a paragraph right over it and under it."""
    line = units[index].text.strip()
    bracketed = line.startswith("(") and line.endswith(")") and len(line) > 2
    if not bracketed or syms[index] == BYLINE:
        return False
    return _paragraph(units, syms, index - 1) and syms[index + 1] in _RESUMING


def _paragraph(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a line is a paragraph of the speech: prose, or a title-like line as long as a
    paragraph (a labeller reading a speech's short paragraphs as teasers' titles)."""
    return syms[index] in _PROSE or (syms[index] == TITLE and len(units[index].text) >= _PARAGRAPH)
