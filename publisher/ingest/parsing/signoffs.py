"""A letter's sign-off: the writer's name and their town (or their job and town) on the
line closing the letter, a date under it at most ("Hans-Jürgen Köhler, Bielefeld", "Mehmet
Yıldırım, Betriebsrat, Verl", "Marco Bellandi, Treviglio (BG)").  Where three letters or
more sign off with a one-word town, the page signs its letters so: the name before the
comma is the writer, the town after it no second writer ("Werner Pahl, Bad Salzuflen" is
one person)."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LIST, META, TEXT, TITLE, name_only

_SIGN_OFFS: Final = 3  # letters signed off with a one-word town, for the page to sign so
_WORD: Final = r"[^\W\d_][\w'’.-]*"
_SIGN_OFF: Final = re.compile(
    rf"(?P<name>[^,]{{3,60}}),(?: [^,]{{2,40}},)? (?P<place>{_WORD}(?: {_WORD}){{0,2}})"
    r"(?: \([A-Z]{2,3}\))?"  # the town's province or state: "Treviglio (BG)", "Ely (CB)"
)
SIGN_OFF: Final = "byline (a letter's sign-off: the writer and their town)"
_VALEDICTION_WORDS: Final = 4


def sign_offs(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """Lines closing a record's text that are a name, a comma and a town are bylines
    naming the writer alone, where the page signs three letters or more with a town of
    one word (a co-author's name has two)."""
    found: dict[int, str] = {}
    towns = 0
    for index, unit in enumerate(units):
        if out[index] not in (TITLE, TEXT, BYLINE) or unit.byline is not None:
            continue
        match = _SIGN_OFF.fullmatch(unit.text) if "," in unit.text else None
        if match is None or not _closes_text(units, out, index):
            continue
        name = name_only(match.group("name"))
        place = match.group("place").split()
        if name is None or not all(word[:1].isupper() for word in place):
            continue
        found[index] = name
        towns += len(place) == 1
    if towns < _SIGN_OFFS:
        return
    for index, name in found.items():
        units[index] = units[index]._replace(byline=Byline(name, None))
        out[index], reasons[index] = BYLINE, SIGN_OFF


_DASHED: Final = re.compile(r"(?:—|–|--?)\s*(?P<names>[^\W\d_].{2,100})")
DASHED: Final = "byline (a sign-off after a dash: the writer)"
_DASHED_SIGN_OFFS: Final = 2  # records signed so, for the page to sign its records so


def dashed_sign_offs(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """Lines closing a record's text with a dash before the writer ("— Tamsin Kowalczyk,
    Campaign Coordinator") sign that record, where the page signs two records so at least
    (one alone may attribute a quotation)."""
    found: dict[int, str] = {}
    for index, unit in enumerate(units):
        if unit.text[:1] not in "—–-" or unit.byline is not None:
            continue
        if out[index] not in (TITLE, TEXT, META, LIST) or not _closes_text(units, out, index):
            continue
        match = _DASHED.fullmatch(unit.text)
        name = name_only(match.group("names")) if match is not None else None
        if name is not None:
            found[index] = name
    if len(found) < _DASHED_SIGN_OFFS:
        return
    for index, name in found.items():
        units[index] = units[index]._replace(byline=Byline(name, None))
        out[index], reasons[index] = BYLINE, DASHED


def _closes_text(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether a line stands under a title or text in its block and ends the block's
    record (what follows in the block is furniture or metadata: "Read more"), or stands
    alone in a block right under the letter's last paragraph."""
    block = units[index].block
    above = index - 1
    while above >= 0 and out[above] in (FURNITURE, META) and units[above].block == block:
        above -= 1
    if above < 0 or out[above] not in (TITLE, TEXT):
        return False
    if units[above].block != block and (above != index - 1 or out[above] != TEXT):
        return False
    below = index + 1
    while below < len(units) and (out[below] in (FURNITURE, META) or _date_alone(units[below])):
        below += 1
    return below == len(units) or units[below].block != block


def _date_alone(unit: Unit) -> bool:
    """A line that dates the letter and names no one ("mercoledì 5 marzo 2025"): the
    sign-off above it still closes the letter."""
    byline = unit.byline
    return byline is not None and byline.author is None and byline.published is not None


def signs_what_is_above(units: list[Unit], index: int) -> bool:
    """Whether a name stands under a letter's closing words in its block ("In solidarity,",
    "Yours sincerely,", "Un saluto,"): it signs the text above it, not what follows."""
    if index < 1 or units[index - 1].block != units[index].block:
        return False
    text = units[index - 1].text.strip()
    words = text.split()
    return (
        text.endswith(",")
        and 0 < len(words) <= _VALEDICTION_WORDS
        and text[:1].isupper()
        and not any(char.isdigit() for char in text)
    )
