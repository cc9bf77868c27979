"""Links a page repeats after its teasers ("Czytaj więcej »", "Læs mere", "Preberi več"):
furniture by repetition, whatever the language.

A teaser page closes each teaser with the same few words after its last sentence.  Words
a page repeats so, after three teasers or more, are a link: cut off the lines they end.
The same words on a line of their own are marked as the link (furniture that bounds each
item) where they close four blocks or more, and left to the record finder where they
close fewer: taken out as furniture then, they moved records' edges.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Final

from publisher.ingest.parsing.furniture import LINK
from publisher.ingest.parsing.lines import Unit

_REPEATS: Final = 3  # a link closes this many items at least
_WORDS: Final = 4  # a link is a few words
_LENGTH: Final = 32
# the words after a line's last sentence end: "… in Łodzi. Czytaj więcej »"
_TAIL: Final = re.compile(r"(?<=[.!?…\"”’)\]])\s+(?P<tail>[^.!?…]{2,40})$")
_ARROWS: Final = " »›→>"
_REACH: Final = 42  # a tail is searched for in a line's last characters only
_SENTENCE_ENDS: Final = ".!?…"  # none of them stands in a tail (_TAIL)


def _key(text: str) -> str | None:
    """The words a link is written with, folded, when ``text`` reads as one: a few words
    in sentence case ("Czytaj więcej", "Take action"), or one word an arrow points on
    ("Opširnije »", "Weiterlesen ›"), not a name in title case ("The Commons Ledger"), a
    date, a count or a time."""
    core = text.strip().rstrip(_ARROWS).strip()
    if not core or len(core) > _LENGTH or core.count(" ") >= _WORDS:
        return None
    words = core.split()
    pointed = len(words) == 1 and text.rstrip()[-1:] in _ARROWS
    if (len(words) < 2 and not pointed) or not all(word.isalpha() for word in words):
        return None
    if not words[0][0].isupper() or any(not word.islower() for word in words[1:]):
        return None
    return core.casefold()


def _tail(unit: Unit) -> str | None:
    """The few words after a line's last sentence, if it has sentences before them."""
    if unit.byline is not None or unit.furniture is not None or len(unit.text) < _LENGTH:
        return None
    if unit.text[-1] in _SENTENCE_ENDS:
        return None  # the cheap test: a tail ends the line, and holds no sentence's end
    match = _TAIL.search(unit.text, len(unit.text) - _REACH)
    return match.group("tail") if match is not None else None


def cut_repeated_links(units: list[Unit], remake: Callable[[Unit, str], Unit]) -> list[Unit]:
    """``units`` with the links the page repeats cut off the lines they close, and those
    on lines of their own marked (``mark_closing_links``).  ``remake`` reads a unit again
    with a shorter text."""
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
        return mark_closing_links(units)
    out = list(units)
    for index, key in tails.items():
        if key in links:
            text = units[index].text
            match = _TAIL.search(text, len(text) - _REACH)
            if match is not None:
                out[index] = remake(units[index], text[: match.start()])._replace(closed=True)
    return mark_closing_links(out)


_CLOSING_REPEATS: Final = 4  # a line of its own closing this many blocks is their link


def mark_closing_links(units: list[Unit]) -> list[Unit]:
    """``units`` with a line of a few words the page repeats as the last line of four
    blocks or more ("Leer nota completa", "Lue koko uutinen", "Číst dál") marked as the
    link it is, wherever it stands: furniture that closes each item, whatever the language."""
    keys: dict[int, str] = {}
    closing: Counter[str] = Counter()
    for index, unit in enumerate(units):
        if unit.furniture is None and unit.byline is None and len(unit.text) <= _LENGTH:
            key = _key(unit.text)
            if key is not None:
                keys[index] = key
                last = index + 1 == len(units) or units[index + 1].block != unit.block
                closing[key] += last
    links = {key for key, count in closing.items() if count >= _CLOSING_REPEATS}
    if not links:
        return units
    out = list(units)
    for index, key in keys.items():
        if key in links:
            out[index] = out[index]._replace(furniture=LINK, title_like=False)
    return out


# A date a teaser page writes apart from its words: stacked a part a line ("04" / "MAR" /
# "2025", "12" / "janv."), or in brackets closing the teaser ("… opozorilo. (3. 3. 2025)").
_DAY_PART: Final = re.compile(r"\d{1,2}\.?$")
_MONTH_PART: Final = re.compile(r"(?:[^\W\d_]{3,10}\.?|\d{1,2}\.?)$")
_YEAR_PART: Final = re.compile(r"(?:19|20)\d\d$")
_BRACKETED: Final = re.compile(r"\s*[(\[](?P<date>[^()\[\]]{5,24})[)\]]$")
_TEASER_SPACES: Final = 3  # a teaser is four words or more
# dots leading from a contents line's title to its date: "… (Bob Marsh) ......... 12.03.25"
_LEADER: Final = re.compile(r"\s*(?:(?:\.\s?){3,}|…+)\s*(?P<date>[^.…\s][^…]{3,22}?)\s*$")
_WRITER_AFTER: Final = re.compile(r"\s*\((?P<name>[^()]{3,50})\)$")


def _stacked(units: list[Unit], index: int) -> int:
    """How many units from ``index`` are the parts of one stacked date (0 if none): a day,
    a month, perhaps a year, each alone on consecutive lines of one block."""
    parts = units[index : index + 3]
    if len(parts) < 2 or _DAY_PART.match(parts[0].text) is None:
        return 0
    if _MONTH_PART.match(parts[1].text) is None or parts[1].line != parts[0].line + 1:
        return 0
    if parts[1].block != parts[0].block:
        return 0
    third = len(parts) == 3 and parts[2].line == parts[1].line + 1
    return 3 if third and _YEAR_PART.match(parts[2].text) is not None else 2


def _dated(unit: Unit) -> bool:
    """Whether ``unit`` reads as a date alone, naming no one."""
    byline = unit.byline
    return byline is not None and byline.author is None and byline.published is not None


def _joined_date(units: list[Unit], index: int, remake: Callable[[Unit, str], Unit]) -> Unit | None:
    """The stacked date starting at ``index`` read as one line, or None."""
    count = _stacked(units, index)
    if not count:
        return None
    joined = remake(units[index], " ".join(u.text for u in units[index : index + count]))
    return joined if _dated(joined) else None


def _led_date(unit: Unit, remake: Callable[[Unit, str], Unit]) -> tuple[Unit, Unit] | None:
    """(title, date) when ``unit`` is a contents line: a title, perhaps its writer in
    brackets, dots leading to the date ("Farewell to Jim Kerr (Mary Allen) ..... 14.01.25")."""
    match = _LEADER.search(unit.text)
    if match is None:
        return None
    words = unit.text[: match.start()]
    writer = _WRITER_AFTER.search(words)
    if writer is not None:
        signed = remake(unit, f"{writer.group('name')} · {match.group('date')}")
        if signed.byline is not None and signed.byline.author and signed.byline.published:
            return remake(unit, words[: writer.start()]), signed
    date = remake(unit, match.group("date"))
    return (remake(unit, words), date) if _dated(date) else None


def _closing_date(unit: Unit, remake: Callable[[Unit, str], Unit]) -> tuple[Unit, Unit] | None:
    """(teaser, date) when ``unit`` is a teaser closed by a date in brackets, or a contents
    line's title closed by its date after leader dots."""
    if unit.byline is not None or unit.furniture is not None:
        return None
    if "..." in unit.text or "…" in unit.text:
        led = _led_date(unit, remake)
        if led is not None:
            return led
    if unit.text[-1:] not in ")]":
        return None
    match = _BRACKETED.search(unit.text)
    if match is None or not any(c.isdigit() for c in match.group("date")):
        return None
    words = unit.text[: match.start()]
    if words.count(" ") < _TEASER_SPACES:
        return None
    date = remake(unit, match.group("date"))
    return (remake(unit, words), date) if _dated(date) else None


def read_apart_dates(units: list[Unit], remake: Callable[[Unit, str], Unit]) -> list[Unit]:
    """``units`` with a date stacked over lines joined into one date line, and a date in
    brackets closing a teaser set on a line of its own after it."""
    out: list[Unit] = []
    index = 0
    while index < len(units):
        unit = units[index]
        joined = _joined_date(units, index, remake) if len(unit.text) <= 3 else None
        if joined is not None:
            out.append(joined)
            index += _stacked(units, index)
            continue
        split = _closing_date(unit, remake)
        out.extend(split if split is not None else (unit,))
        index += 1
    return out
