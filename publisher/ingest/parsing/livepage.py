"""Whether a page is one live article: a headline signed by its writers and dated, over
entries each stamped with a time of day alone, all later than the article was opened.

A live blog ("the day in the live blog", "acompanhe ao minuto") gives its entries times
and often headings of their own, so its record pattern reads like a list of flash
teasers.  What tells a reader it is one piece is the top: one headline, a byline naming
its writers and a full date, and under it only times of day from that date on (the
entries are updates to the story, newest or oldest first), with no other writer or date
signing anything.  A ticker of short news names no writer over its times, and a listing
signs or dates each of its items, so both stay listings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import time
from typing import Final

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, TEXT, TITLE, byline_of

_TOP: Final = 20  # the writers' byline stands within this many lines of the page's text
_HEADLINE_REACH: Final = 3  # lines between the headline and its byline (a standfirst)
_DATE_REACH: Final = 2  # the date stands on the byline's line or right under it
_ENTRIES: Final = 3  # a live article has this many stamped entries at least
# an entry may quote a date or be signed off by a name ("— Darnell"): one such line for
# every few stamped entries is the live article's own, more sign pieces of their own
_STAMPS_PER_SIGNER: Final = 4
_STAMPS_PER_MISREAD: Final = 5  # one entry in this many may open with a line read otherwise
_LAST_ENTRY: Final = 4  # lines the last stamped entry runs to
_DAY_MINUTES: Final = 24 * 60
_NIGHT: Final = 12 * 60  # minutes a live article runs on past midnight from its opening
_UPDATE_GAP: Final = 30  # minutes between a live article's newest entry and its update time
# a time of day alone on its line: "15:32 Uhr", "13h16", "07:58", "9.05 am", "[14:40]",
# "6:42 PM IST"
_STAMP: Final = re.compile(
    r"[\[(]?(?P<hour>[01]?\d|2[0-3])[:.hH](?P<minute>[0-5]\d)[\])]?"
    r"(?:\s?(?P<ampm>[ap])\.?m\.?)?(?:\s?[^\W\d_]{1,4})?",
    re.IGNORECASE,
)


def live_article(
    units: list[Unit], syms: list[str], text: list[int]
) -> tuple[int, tuple[int, ...]] | None:
    """The first paragraph (the standfirst under the headline) when the page is one live
    article, and the lines signing and dating its headline; None otherwise.  ``text`` are
    the page's lines of text, bylines and lists."""
    # the last candidate first: a masthead's name over its date bar comes before the headline's
    for signature in reversed(list(_signatures(units, syms, text))):
        first = _live_under(units, syms, text, *signature)
        if first is not None:
            return first, tuple(dict.fromkeys(signature))  # writers and date: one line or two
    return None


def _live_under(
    units: list[Unit], syms: list[str], text: list[int], writer: int, opened: int
) -> int | None:
    """The first paragraph of the live article the byline at ``writer``, dated at
    ``opened``, signs; None when what follows is no live article's entries."""
    header = _header_end(units, syms, opened)  # "Updated today 16:32" under the date
    # a time alone on its line may read as furniture (a number, no words): it stamps all the same
    stamps = [i for i in range(header + 1, len(units)) if stamp_of(units[i].text) is not None]
    if len(stamps) < _ENTRIES or not _entries(syms, stamps):
        return None
    end = min(len(units), stamps[-1] + _LAST_ENTRY)  # past it: the page's related links
    after = [i for i in range(header + 1, end) if syms[i] != FURNITURE]
    signers = sum(1 for i in after if i not in stamps and _signs(units[i]))
    if signers > len(stamps) // _STAMPS_PER_SIGNER:
        return None  # other writers or dates sign pieces of their own: a listing
    start = units[opened].byline
    if start is None or start.published is None:
        return None
    times = [t for i in stamps for t in [stamp_of(units[i].text)] if t is not None]
    if not _opened_at(times, start.published.time()) and not _updated_at(
        times, start.published.time()
    ):
        return None  # an entry older than the article: a list of the day's news
    near = [i for i in text if writer - _HEADLINE_REACH <= i]
    return next((i for i in near if syms[i] == TEXT), None)


def _header_end(units: list[Unit], syms: list[str], opened: int) -> int:
    """The last line of the article's signature: the line dating it and the byline lines
    right under it in its block (when it was last updated)."""
    end = opened
    while end + 1 < len(units) and syms[end + 1] == BYLINE:
        if units[end + 1].block != units[opened].block:
            break
        end += 1
    return end


def stamp_of(text: str) -> time | None:
    """The time of day a line holds alone ("15:32 Uhr", "13h16", "9.05 am"), or None."""
    match = _STAMP.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    ampm = (match.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    return time(hour % 24, minute)


def _signatures(units: list[Unit], syms: list[str], text: list[int]) -> Iterator[tuple[int, int]]:
    """Where the writers' byline under the headline may stand and the line dating it (the
    same line or the one under it): a byline naming a writer near the top, a headline a
    standfirst's breadth above it, and a full date (no time of day alone).  A by-line
    with no headline over it (a "Gold Rate Today" tab in the nav) or no date by it (a
    kicker in capitals read as a name) is passed over; a masthead's name and date bar
    may come first, so every one near the top is a candidate."""
    for i in text[:_TOP]:
        if syms[i] != BYLINE or not _names_writer(units[i]):
            continue
        if not any(_headline(units[j], syms[j]) for j in range(max(0, i - _HEADLINE_REACH), i)):
            continue
        for j in range(i, min(len(units), i + _DATE_REACH)):
            dated = units[j].byline
            if syms[j] == BYLINE and dated and dated.published and not dated.clock:
                yield i, j
                break


def _headline(unit: Unit, sym: str) -> bool:
    """Whether a line may be the headline over a byline: a title, or a line of a sentence's
    length that is not closed like one (a long headline with a colon and a second clause)."""
    return sym == TITLE or (sym == TEXT and not unit.text.rstrip().endswith((".", "!", "…")))


def _names_writer(unit: Unit) -> bool:
    """Whether a by-line names a writer: by its reading, or as names alone ("Aino
    Virtanen, Juha Lehtonen")."""
    byline = byline_of(unit, BYLINE)
    return byline is not None and byline.author is not None


def signed_under(units: list[Unit], syms: list[str], heading: int) -> bool:
    """Whether a byline naming a writer stands right under a headline, past a standfirst
    at most: the headline's own, so a name-like kicker over it ("ECONOMIA · GREVE GERAL")
    signs nothing and the headline stays the article's title."""
    for i in range(heading + 1, min(len(units), heading + _HEADLINE_REACH + 1)):
        if syms[i] == BYLINE:
            byline = units[i].byline
            return byline is not None and byline.author is not None
        if syms[i] != TEXT:
            return False
    return False


def _entries(syms: list[str], stamps: list[int]) -> bool:
    """Whether the stamps stand over entries: a heading or a paragraph right under each
    (but one in every few, whose heading may read as something else: "Piața Victoriei,
    aproape plină" as a name and a role)."""
    entries = sum(1 for i in stamps if i + 1 < len(syms) and syms[i + 1] in (TEXT, TITLE))
    return entries >= len(stamps) - len(stamps) // _STAMPS_PER_MISREAD


def _signs(unit: Unit) -> bool:
    """Whether a line names a writer or a full date (a time of day alone signs nothing)."""
    byline = unit.byline
    if byline is None:
        return False
    return byline.author is not None or (byline.published is not None and not byline.clock)


def _opened_at(times: list[time], since: time) -> bool:
    """Whether no entry is older than the time the article's date line gives (when it
    was opened), the night past midnight counted on ("19:58" opened, "00:47" the last)."""
    if all(stamp >= since for stamp in times):
        return True
    opened = since.hour * 60 + since.minute
    return all((t.hour * 60 + t.minute - opened) % _DAY_MINUTES <= _NIGHT for t in times)


def _updated_at(times: list[time], updated: time) -> bool:
    """Whether the date line's time is when the article was last updated: no entry is
    later, and the newest was posted then or shortly before ("Last updated 16:48" over
    an entry stamped 16:48); a list of the day's news keeps its older stories apart."""
    newest = max(times, default=None)
    if newest is None or newest > updated:
        return False
    gap = (updated.hour * 60 + updated.minute) - (newest.hour * 60 + newest.minute)
    return gap <= _UPDATE_GAP
