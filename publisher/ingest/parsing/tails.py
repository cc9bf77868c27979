"""Links a page repeats after its teasers ("Czytaj więcej »", "Læs mere", "Preberi več"):
furniture by repetition, whatever the language.

A teaser page closes each teaser with the same few words after its last sentence.  Words
a page repeats so, after three teasers or more, are a link: cut off the lines they end.
(The same words on lines of their own are left to the record finder: taken out as
furniture they also moved records' edges, and the corpus read worse for it.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from publisher.ingest.parsing.lines import Unit

_REPEATS: Final = 3  # a link closes this many items at least
_WORDS: Final = 4  # a link is a few words
_LENGTH: Final = 32
# the words after a line's last sentence end: "… in Łodzi. Czytaj więcej »"
_TAIL: Final = re.compile(r"(?<=[.!?…\"”’)\]])\s+(?P<tail>[^.!?…]{2,40})$")
_ARROWS: Final = " »›→>"
_REACH: Final = 42  # a tail is searched for in a line's last characters only


def _key(text: str) -> str | None:
    """The words a link is written with, folded, when ``text`` reads as one: a few words
    in sentence case ("Czytaj więcej", "Take action"), not a name in title case ("The
    Commons Ledger"), a date, a count or a time."""
    core = text.strip().rstrip(_ARROWS).strip()
    if not core or len(core) > _LENGTH or core.count(" ") >= _WORDS:
        return None
    words = core.split()
    if len(words) < 2 or not all(word.isalpha() for word in words):
        return None
    if not words[0][0].isupper() or any(not word.islower() for word in words[1:]):
        return None
    return core.casefold()


def _tail(unit: Unit) -> str | None:
    """The few words after a line's last sentence, if it has sentences before them."""
    if unit.byline is not None or unit.furniture is not None or len(unit.text) < _LENGTH:
        return None
    match = _TAIL.search(unit.text, len(unit.text) - _REACH)
    return match.group("tail") if match is not None else None


def cut_repeated_links(units: list[Unit], remake: Callable[[Unit, str], Unit]) -> list[Unit]:
    """``units`` with the links the page repeats cut off the lines they close.  ``remake``
    reads a unit again with a shorter text."""
    tails: dict[int, str] = {}
    closed: dict[str, set[str]] = {}  # the texts each link closes: a title copied is none
    for index, unit in enumerate(units):
        tail = _tail(unit)
        key = _key(tail) if tail is not None else None
        if key is not None:
            tails[index] = key
            closed.setdefault(key, set()).add(unit.text)
    links = {key for key, texts in closed.items() if len(texts) >= _REPEATS}
    if not links:
        return units
    out = list(units)
    for index, key in tails.items():
        if key in links:
            text = units[index].text
            match = _TAIL.search(text, len(text) - _REACH)
            if match is not None:
                out[index] = remake(units[index], text[: match.start()])._replace(closed=True)
    return out
