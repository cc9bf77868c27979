"""A speech's or statement's signature under its headline: who gave it and when, on lines
no byline pattern reads ("Siobhán Ní Bhriain, General Secretary" / "Delivered at the
INEC, Killarney — Wednesday 25th November 2026, 10.15am").

A name with a job title after its comma, alone on a line, is a byline only where a
headline stands over it and a line dating the piece under it: elsewhere it is a speaker
list's or a contact's.  The page is read with those two lines as its byline only to ask
whether it is one article; a listing keeps its lines as they were.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final, NamedTuple

from publisher.ingest.parsing.authors import clean_author, role_signed
from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LABEL, META, TEXT, TITLE
from publisher.ingest.parsing.text import ends_sentence

# the kind of address: "Speech", "Toespraak", "Rede", "Discours"
_ADDRESS: Final = re.compile(
    r"(?:speech|address|remarks|keynote|toespraak|rede|ansprache|discours|allocution|discurso"
    r"|discorso|intervento|intervención|araith|anerchiad)$",
    re.IGNORECASE,
)
# its "by": "Speech by", "Toespraak van", "Rede von", "Discours de"
_BY: Final = frozenset(
    ("by", "of", "van", "von", "de", "par", "por", "di", "del", "della", "do", "da", "gan")
)
# words about the address around its kind: "Closing speech by", "Discours de clôture de"
_QUALIFIER_WORDS: Final = 3
_REACH: Final = 4  # the signature stands within this many lines under the headline
_HEADLINE_WORDS: Final = 3


class Signed(NamedTuple):
    """The page read with its headline's signature as the byline: the lines it stands on."""

    units: list[Unit]
    syms: list[str]
    lines: tuple[int, int]


def signed_copies(units: list[Unit], syms: list[str]) -> Signed | None:
    """The page's units and symbols with a headline's signature read as its byline (the
    name line and the dated line under it), or None when no headline is signed so."""
    for index, symbol in enumerate(syms):
        if symbol != TITLE or len(units[index].text.split()) < _HEADLINE_WORDS:
            continue
        found = _signature(units, syms, index)
        if found is not None:
            return Signed(*_marked(units, syms, found), found)
    return None


def _signature(units: list[Unit], syms: list[str], headline: int) -> tuple[int, int] | None:
    """The name line and the dated line right under a headline, past a label, if both."""
    under = [
        i
        for i in range(headline + 1, min(len(units), headline + _REACH + 1))
        if syms[i] not in (FURNITURE, META, LABEL)
    ]
    for name, dated in pairwise(under):
        if _named(units[name], syms[name]) and _dated(units[dated], syms[dated]):
            return name, dated
    return None


def _named(unit: Unit, symbol: str) -> bool:
    """A name and its job title alone on a line, no byline read from it, perhaps after the
    kind of address ("Speech by Marieke van Doorn, chair of the union, at the rally")."""
    if symbol not in (TITLE, TEXT) or unit.byline is not None:
        return False
    if role_signed(unit.text):
        return True
    speaker = _speaker(unit.text)
    return speaker != unit.text and role_signed(speaker)  # the line itself was asked above


def _speaker(text: str) -> str:
    """A signature line without the kind of address opening it ("Speech by", "Closing
    speech by", "Discours de clôture de"), and without what follows the speaker's job
    title (where it was given): "Name, Role"; the line itself when no "by" names one."""
    reach = 2 * _QUALIFIER_WORDS + 1
    # the words the kind and its "by" may stand in, the rest of the line kept whole (it is
    # joined back below): a paragraph is not cut into all its words
    words = text.split(" ", reach)
    # the kind among the first words (one further on qualifies nothing: "… gave a speech")
    kind = next(
        (n for n, word in enumerate(words[:_QUALIFIER_WORDS]) if _ADDRESS.match(word)), None
    )
    if kind is None:
        return text
    first = text
    for n in range(kind + 1, min(len(words), kind + _QUALIFIER_WORDS + 2)):
        if words[n].casefold() not in _BY:
            continue
        name, _, rest = " ".join(words[n + 1 :]).partition(",")
        speaker = f"{name},{rest.split(',', 1)[0]}"
        if role_signed(speaker):
            return speaker
        first = speaker if first is text else first
    return first


def _dated(unit: Unit, symbol: str) -> bool:
    """A line giving a full date and no sentence ("Delivered at … — 25th November 2026"),
    or a byline giving one and no writer ("The Hague, Saturday 21 November 2026")."""
    byline = unit.byline
    if symbol == BYLINE and byline is not None and byline.author is None:
        return byline.published is not None and not byline.clock
    if symbol not in (TITLE, TEXT) or byline is not None or ends_sentence(unit.text):
        return False
    return find_date(unit.text) is not None


def _marked(
    units: list[Unit], syms: list[str], found: tuple[int, int]
) -> tuple[list[Unit], list[str]]:
    """Copies of the page's units and symbols with the signature's lines as bylines."""
    name, dated = found
    when = find_date(units[dated].text)
    copies, symbols = list(units), list(syms)
    author = clean_author(_speaker(units[name].text))
    copies[name] = units[name]._replace(byline=Byline(author, None))
    copies[dated] = units[dated]._replace(byline=Byline(None, when.value if when else None))
    symbols[name] = symbols[dated] = BYLINE
    return copies, symbols
