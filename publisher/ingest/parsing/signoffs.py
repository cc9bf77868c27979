"""A letter's sign-off: the writer's name and their town (or their job and town) on the
line closing the letter ("Hans-Jürgen Köhler, Bielefeld", "Mehmet Yıldırım, Betriebsrat,
Verl").  Where three letters or more sign off with a one-word town, the page signs its
letters so: the name before the comma is the writer, the town after it no second writer
("Werner Pahl, Bad Salzuflen" is one person)."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, META, TEXT, TITLE, name_only

_SIGN_OFFS: Final = 3  # letters signed off with a one-word town, for the page to sign so
_WORD: Final = r"[^\W\d_][\w'’.-]*"
_SIGN_OFF: Final = re.compile(
    rf"(?P<name>[^,]{{3,60}}),(?: [^,]{{2,40}},)? (?P<place>{_WORD}(?: {_WORD}){{0,2}})"
)
SIGN_OFF: Final = "byline (a letter's sign-off: the writer and their town)"


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


def _closes_text(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether a line stands under a title or text in its block and ends the block's
    record (what follows in the block is furniture or metadata: "Read more")."""
    block = units[index].block
    above = index - 1
    while above >= 0 and out[above] in (FURNITURE, META) and units[above].block == block:
        above -= 1
    if above < 0 or units[above].block != block or out[above] not in (TITLE, TEXT):
        return False
    below = index + 1
    while below < len(units) and out[below] in (FURNITURE, META):
        below += 1
    return below == len(units) or units[below].block != block
