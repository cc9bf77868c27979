"""The publication's name where the page states it: its masthead, or its copyright line."""

from __future__ import annotations

import re

from publisher.ingest.parsing.authors import usual_case
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import FURNITURE, LABEL, META, TITLE

_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s?[–-]\s?\d{4})?)?\s*(?:by\s)?(?P<name>[^.|,©]{3,60}?)"
    r"\s*(?:\b(?:ltd|limited|inc|llc|gmbh|e\.\s?v|asbl|vzw|cic)\b.*|[.|,]|all rights|alle rechte"
    r"|tous droits|todos los|tutti i|$)",
    re.IGNORECASE,
)
_TAGLINE = re.compile(r"\s+[—–|:]\s+|\s+-\s+")
_TOP = 6
_MAX_WORDS = 6
_YEAR = re.compile(r"\b\d{4}\b")


def find_publication(units: list[Unit], syms: list[str]) -> str | None:
    """The name the page gives itself, or None when it states none."""
    copyright_name = _from_copyright(units, syms)
    masthead = _masthead(units, syms)
    if masthead and (
        copyright_name is None or _shares_word(masthead, copyright_name) or _stated(units, masthead)
    ):
        return masthead
    return copyright_name


def _masthead(units: list[Unit], syms: list[str]) -> str | None:
    """The first short heading at the top of the page ("THE NORTHERN CHRONICLE",
    "Tyneside Today", "Name — tagline")."""
    seen = 0
    for unit, symbol in zip(units, syms, strict=True):
        if symbol in (FURNITURE, META):
            continue
        seen += 1
        if seen > _TOP:
            return None
        if symbol not in (TITLE, LABEL):
            continue
        name = _TAGLINE.split(unit.text, maxsplit=1)[0].strip()
        if 0 < name.count(" ") + 1 <= _MAX_WORDS and name[0].isupper() and name[-1].isalnum():
            return usual_case(name) if name.isupper() else name
    return None


def _from_copyright(units: list[Unit], syms: list[str]) -> str | None:
    """ "© 2024 Tyneside Today. All rights reserved." → "Tyneside Today"."""
    for unit in reversed(units):
        lower = unit.text.lower()
        if "©" not in unit.text and "(c)" not in lower and "copyright" not in lower:
            continue
        match = _COPYRIGHT.search(unit.text)
        if match is not None:
            name = _YEAR.sub("", match.group("name")).strip(" -–—")
            if name and name[0].isupper():
                return name
    return None


def _shares_word(first: str, second: str) -> bool:
    """Whether two names share a word of four letters or more."""
    words = {w.lower() for w in first.split() if len(w) >= 4}
    return any(w.lower() in words for w in second.split())


def _stated(units: list[Unit], name: str) -> bool:
    """Whether ``name`` recurs on the page (a masthead repeated in records or the footer)."""
    key = name.casefold()
    return sum(1 for unit in units if key in unit.text.casefold()) >= 2
