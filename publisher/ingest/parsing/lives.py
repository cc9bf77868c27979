"""Headlines that are a person's name: an obituaries page heads each record with the
name of whom it remembers ("MAUREEN O'HALLORAN, 1938–2026", "TOMMY BREW") and signs it
with a by-line under it ("by BRIAN McGUINNESS").  Where two records or more head with a
name and its life's years, a name heading a record signed by a by-word is its headline,
not a kicker and not a second writer."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.bylines import names_by_word
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.roles import BYLINE, LABEL, TITLE

_LIVES: Final = 2  # records headed by a name and its years, for the page to be of lives
# a life's years after the name: ", 1938–2026", " (1935-2026)", ", 1949 – 2026"
_YEARS: Final = re.compile(r",?\s+\(?(?:1[89]|20)\d\d\s?[–-]\s?(?:1[89]|20)\d\d\)?$")
_CENTURIES: Final = ("18", "19", "20")  # how the second year of _YEARS opens
_NICKNAME: Final = re.compile(r"\s+[“\"‘'][^“”\"‘’']{1,20}[”\"’']")  # PETER “PADDY” LYNCH


def life_headline(text: str) -> bool:
    """Whether a line is a name and its life's years ("GWYN PRICE, 1935–2026")."""
    if not _ends_as_years(text):
        return False
    years = _YEARS.search(text)
    return years is not None and _named(text[: years.start()])


def lives_page(units: list[Unit], heads: list[int]) -> bool:
    """Whether two records or more (their first lines ``heads``) head with a life."""
    return sum(1 for i in heads if life_headline(units[i].text)) >= _LIVES


def name_headline(units: list[Unit], syms: list[str], indexes: list[int]) -> bool:
    """Whether a record of a lives page heads with a name (its years or none) and a
    by-word byline signs it naming someone else: the name is whom it remembers."""
    head = units[indexes[0]].text
    if not (life_headline(head) or _named(head)):
        return False
    signs = [units[i] for i in indexes[1:] if syms[i] == BYLINE and names_by_word(units[i].text)]
    authors = {u.byline.author.casefold() for u in signs if u.byline and u.byline.author}
    return bool(signs) and _without_years(head).casefold() not in authors


def lives_headlines(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """On a page whose records head with a name and its years, a name opening its block
    (read as a label in capitals or a byline) over lines a by-word byline signs is a
    headline too ("TOMMY BREW" / "Shop steward at Longbridge…" / "by ANITA DESAI-HOLT")."""
    heads = [i for i, unit in enumerate(units) if _opens_block(units, i)]
    if not lives_page(units, [i for i in heads if out[i] == TITLE]):
        return
    for index in heads:
        if out[index] not in (LABEL, BYLINE) or units[index].byline is not None:
            continue
        block = [i for i in range(index, len(units)) if units[i].block == units[index].block]
        if len(block) > 1 and name_headline(units, out, block):
            out[index], reasons[index] = TITLE, ""


def _opens_block(units: list[Unit], index: int) -> bool:
    """Whether a line is the first of its block."""
    return index == 0 or units[index - 1].block != units[index].block


def _ends_as_years(text: str) -> bool:
    """Whether ``text`` ends as _YEARS must ("–2026", "- 2026)"; ``$`` allows a final line
    end after it): the cheap test first, as searching every line for the pattern's leading
    spaces costs microseconds a line."""
    body = text[:-1] if text.endswith("\n") else text
    body = body[:-1] if body.endswith(")") else body
    # the years' last part: a century ("18", "19", "20") and two digits, after a dash
    # (a space may stand between)
    return body[-4:-2] in _CENTURIES and ("-" in body[-6:-4] or "–" in body[-6:-4])


def _named(text: str) -> bool:
    """Whether a line is a name, a nickname in quotes inside it allowed."""
    return is_name(_NICKNAME.sub("", text))


def _without_years(text: str) -> str:
    """A name without its life's years."""
    return _YEARS.sub("", text)
