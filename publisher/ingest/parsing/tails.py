"""Links a page repeats after its items ("Czytaj więcej »", "Læs mere", "Gehiago irakurri"):
furniture by repetition, whatever the language.

A teaser page closes each teaser with the same few words, on the teaser's line or on a
line of their own under it.  Words a page repeats so, three times or more, and nowhere
else, are a link: cut off the lines they end, and furniture where they stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from publisher.ingest.parsing.furniture import LINK
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name

_REPEATS: Final = 3  # a link closes this many items at least
_WORDS: Final = 4  # a link is a few words
_LENGTH: Final = 32
# the words after a line's last sentence end: "… in Łodzi. Czytaj więcej »"
_TAIL: Final = re.compile(r"(?<=[.!?…\"”’)\]])\s+(?P<tail>[^.!?…]{2,40})$")
_ARROWS: Final = " »›→>"


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
    match = _TAIL.search(unit.text)
    return match.group("tail") if match is not None else None


def _alone(units: list[Unit], index: int) -> bool:
    """Whether a line may be a link alone: last in its block, under lines of its own block
    (a kicker opens its block; a writer's name is no link)."""
    unit = units[index]
    if unit.byline is not None or unit.furniture is not None or unit.marker:
        return False
    last = index + 1 == len(units) or units[index + 1].block != unit.block
    under = index > 0 and units[index - 1].block == unit.block
    return last and under and not is_name(unit.text)


def cut_repeated_links(units: list[Unit], remake: Callable[[Unit, str], Unit]) -> list[Unit]:
    """``units`` with the links the page repeats cut off the lines they close, and the
    lines they stand on alone marked as link furniture.  ``remake`` reads a unit again
    with a shorter text."""
    tails: dict[int, str] = {}
    alone: dict[int, str] = {}
    closed: dict[str, set[str]] = {}  # the texts each link closes: a title copied is none
    for index, unit in enumerate(units):
        tail = _tail(unit)
        key = _key(tail) if tail is not None else None
        if key is not None:
            tails[index] = key
            closed.setdefault(key, set()).add(unit.text)
        elif _alone(units, index):
            key = _key(unit.text)
            if key is not None:
                alone[index] = key
                closed.setdefault(key, set()).add(units[index - 1].text)
    links = {key for key, texts in closed.items() if len(texts) >= _REPEATS}
    if not links:
        return units
    # a link stands nowhere else: words that also open or head a block are the page's own
    out = list(units)
    for index, key in tails.items():
        if key in links:
            match = _TAIL.search(units[index].text)
            if match is not None:
                out[index] = remake(units[index], units[index].text[: match.start()])
    for index, key in alone.items():
        if key in links:
            out[index] = units[index]._replace(
                furniture=LINK, title_q=-1.0, body_q=-1.0, title_like=False, sentence=False
            )
    return out
