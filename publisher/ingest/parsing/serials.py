"""A serial's headlines: a name and the day it stands for ("Daily News & Commentary:
March 5, 2025"), read as a dated line because the day closes them.

A blog or newsroom that posts a daily or weekly round-up titles each post with the
series' name and its day.  Alone, such a line reads like a labelled date ("Published:
March 5, 2025"); a reader sees it is the post's headline because it opens the post's
block, no other headline stands in that block, and the post's own date line under it
states the same day again.  Where the page shows this twice or more, those lines are
titles.  Lines of the page keep their symbols (``roles``).
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, META, TITLE

_SERIES_MIN: Final = 2  # posts of a series on the page, for its dated names to be titles
_NAME_WORDS: Final = 2  # words of a series' name before its day ("Weekly roundup: …")


def title_dated_serials(units: list[Unit], syms: list[str], reasons: list[str]) -> None:
    """Each serial headline of the page read as a title, without its date (``syms`` and
    ``reasons`` changed in place, the unit keeps its text)."""
    found = [i for i in range(len(units)) if _serial_headline(units, syms, i)]
    if len(found) < _SERIES_MIN:
        return
    for i in found:
        units[i] = units[i]._replace(byline=None, title_like=True)
        syms[i] = TITLE
        reasons[i] = ""


def _serial_headline(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a dated line names a series before its day, opens its block, and the
    block's next dated line states the same day, with no headline between."""
    unit = units[index]
    byline = unit.byline
    if syms[index] != BYLINE or byline is None or byline.author is not None:
        return False
    if byline.published is None or not _named(unit.text) or not _opens_block(units, index):
        return False
    for below in range(index + 1, len(units)):
        if units[below].block != unit.block or syms[below] == TITLE:
            return False
        dated = units[below].byline
        if syms[below] not in (FURNITURE, META) and dated is not None and dated.published:
            return dated.published.date() == byline.published.date()
    return False


def _named(text: str) -> bool:
    """Whether a line names something of two words or more before a colon and its day."""
    head, colon, _ = text.partition(":")
    return bool(colon) and len(head.split()) >= _NAME_WORDS and not any(c.isdigit() for c in head)


def _opens_block(units: list[Unit], index: int) -> bool:
    """Whether a unit is the first line of its block."""
    return index == 0 or units[index - 1].block != units[index].block
