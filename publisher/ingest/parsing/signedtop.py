"""The headline of a long page: the heading right over the lines that sign and date it.

On a page read as one article, a reader finds its headline where the piece is signed:
the first writer's or date line on the page that a heading stands over (a standfirst of
a line or two, or the writer's "Name, what they do" line, between them).  Lines over it
(a cookie notice, a site's tagline, an acknowledgement of country) are the site's, and
headings under it ("Listen to this newsletter", a reviewed book's title, "Contents") are
the article's own.  The signal holds in any language: it needs only the page's reading of
bylines and dates, which are read in the corpus's languages.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from publisher.ingest.parsing.article import wrapped_line
from publisher.ingest.parsing.authors import clean_author
from publisher.ingest.parsing.bylines import Byline, numbered_date_line
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, META, TEXT, TITLE

_STANDFIRST: Final = 3  # lines of standfirst between a headline and its signature
_HEADLINE_WORDS: Final = 3  # a headline has this many words at least (a kicker fewer)
_REACH: Final = 0.5  # the signature stands in this first share of the page's content
_MENU_UNDER: Final = 4  # a masthead's date bar stands over this many lines of menu


class TopSignature(NamedTuple):
    """Where a long page is signed: the heading right over its signature (the headline,
    or its subtitle), the byline lines signing it, and the writer a line of its own names
    ("Priya Raman, Hunter delegate to National Council"), if any."""

    heading: int
    lines: tuple[int, ...]
    writer: Byline | None
    dated: Byline | None = None  # a date line read as a menu row ("… · 47 min · Season 6")


def top_signature(units: list[Unit], syms: list[str]) -> TopSignature | None:
    """The first lines on the page signing or dating a piece, where a headline stands
    right over them (see the module), else None."""
    content = [i for i, s in enumerate(syms) if s not in (FURNITURE, META)]
    reach = content[: max(1, int(len(content) * _REACH))]
    end = reach[-1] if reach else -1
    signed = (i for i in range(end + 1) if _signs(units[i], syms[i]))
    for signature in signed:
        lines = _cluster(units, syms, signature) if syms[signature] == BYLINE else [signature]
        if not _over_menu(syms, lines[-1]):
            break
    else:
        return None
    dated = _menu_dated(units, syms, lines)
    above = lines[0] - 1
    while above >= 0 and syms[above] == META:
        above -= 1
    writer = _writer(units, syms, above, signature) if above >= 0 else None
    headline = _heading_over(units, syms, above - 1 if writer is not None else above)
    if headline is None:
        return None
    return TopSignature(headline, tuple(lines), writer, dated)


def _over_menu(syms: list[str], last: int) -> bool:
    """Whether a signature stands over the site's menu: the masthead's date bar ("Buenos
    Aires, 4 de marzo de 2025" / nav entries), not the piece's."""
    under = syms[last + 1 : last + 1 + _MENU_UNDER]
    return len(under) == _MENU_UNDER and all(symbol == FURNITURE for symbol in under)


def _cluster(units: list[Unit], syms: list[str], signature: int) -> list[int]:
    """A signature's byline lines: those over and under it in its block (a name over the
    date, "Updated: …" under it)."""
    block = units[signature].block
    lines = [signature]
    while lines[0] > 0 and syms[lines[0] - 1] == BYLINE and units[lines[0] - 1].block == block:
        lines.insert(0, lines[0] - 1)
    below = signature + 1
    while below < len(units) and syms[below] == BYLINE and units[below].block == block:
        lines.append(below)
        below += 1
    return lines


def _menu_dated(units: list[Unit], syms: list[str], lines: list[int]) -> Byline | None:
    """The date of a signature's line read as a menu row, its last or the one right
    under it in its block ("Hosted by …" / "Tuesday 4 March 2025 · 47 min")."""
    last = lines[-1]
    below = last + 1
    if syms[last] != FURNITURE and below < len(units) and units[below].block == units[last].block:
        last = below
    return numbered_date_line(units[last].text) if syms[last] == FURNITURE else None


def _signs(unit: Unit, symbol: str) -> bool:
    """Whether a line names a writer or gives a full date (a time of day alone, or a
    label read as a bare name, signs nothing), or is a date line read as a menu row."""
    if symbol == FURNITURE:
        return numbered_date_line(unit.text) is not None
    byline = unit.byline
    if symbol != BYLINE or byline is None:
        return False
    return byline.author is not None or (byline.published is not None and not byline.clock)


def _heading_over(units: list[Unit], syms: list[str], above: int) -> int | None:
    """The headline at ``above``, or over a standfirst of a few lines there: its lines
    wrapped by hand may read as headings ("… Ein Gespräch über" / "Personaluntergrenzen …");
    where no headline stands over them so read, the first of them is the headline."""
    for wrapped in (True, False):
        index = above
        standfirst = 0
        while index >= 0 and standfirst < _STANDFIRST and _standfirst(units, syms, index, wrapped):
            index -= 1
            standfirst += 1
        if index >= 0 and syms[index] == TITLE and _headline(units[index]):
            return index
    return None


def _standfirst(units: list[Unit], syms: list[str], index: int, wrapped: bool) -> bool:
    """Whether a line is (part of) a paragraph, not a heading; ``wrapped``: a title-like
    line running on into the next line of its block as a paragraph does is one."""
    if syms[index] == TEXT:
        return True
    return wrapped and syms[index] == TITLE and wrapped_line(units, syms, index)


def _writer(units: list[Unit], syms: list[str], index: int, signature: int) -> Byline | None:
    """The writer a heading-like line names over the date in its block: a name, a comma
    and what the writer does ("Priya Raman, Hunter delegate to National Council")."""
    if syms[index] != TITLE or units[index].block != units[signature].block:
        return None
    name, comma, _ = units[index].text.partition(",")
    author = clean_author(name.strip()) if comma and is_name(name.strip()) else None
    return Byline(author, None) if author else None


def _headline(unit: Unit) -> bool:
    """Whether a heading reads as a headline: three words or more, not a label in
    capitals, no salutation ("Dear colleagues,")."""
    text = unit.text
    return (
        unit.title_like
        and len(text.split()) >= _HEADLINE_WORDS
        and not text.isupper()
        and not text.endswith(",")
    )
