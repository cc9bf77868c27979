"""Whether a page holds a table of contents pointing at its own sections: one piece.

A long report, submission or delegate's write-up often opens with a list of its sections
("Contents" / "1. Who was there" / "2. The wages claim" / …), and the same words stand
again further down, in the same order, each heading a section of text.  A reader knows
at once that the page is one piece, however much its sections (short headings over
bullets, motions, paragraphs) read like a listing's records.  The signal needs no word of
any language: the entries of one block of the page each stand again below it, spread
over the page with text between them, and none is signed or dated there.  A footer
repeating the menu repeats it in one run; a newsletter's "In this issue" points at pieces
each signed or dated under its headline (a list of pieces, read as such).
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, TEXT

_ENTRIES: Final = 3  # a table of contents lists this many sections at least


def contents_start(units: list[Unit], syms: list[str], text: list[int]) -> int | None:
    """The page's first paragraph when a block of it is a table of contents of its own
    sections (see the module), else None; ``text`` are the page's lines of text, titles,
    bylines and lists, in order."""
    blocks = [block for block in _blocks(units) if len(block) >= _ENTRIES]
    if not blocks:
        return None  # no block holds entries enough: no line need be folded
    keys = [_key(unit.text) for unit in units]
    last = {key: i for i, key in enumerate(keys)}  # where each key stands last on the page
    for block in blocks:
        entries = _entries(keys, last, block)
        if len(entries) < _ENTRIES:
            continue
        # the last entry may stand nowhere below: an appendix sent apart, a form to fill
        if _sections(syms, keys, entries) is not None or (
            len(entries) > _ENTRIES and _sections(syms, keys, entries[:-1]) is not None
        ):
            return next((i for i in text if syms[i] == TEXT), None)
    return None


def _key(text: str) -> str:
    """A line's words folded, its closing punctuation off ("Findings:" heads "Findings")."""
    return " ".join(text.casefold().split()).strip(" .:")


def _blocks(units: list[Unit]) -> list[list[int]]:
    """The indexes of the page's units, one list per block."""
    blocks: list[list[int]] = []
    for i, unit in enumerate(units):
        if blocks and units[blocks[-1][-1]].block == unit.block:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def _entries(keys: list[str], last: dict[str, int], block: list[int]) -> list[int]:
    """A block's lines as entries of a table of contents: its heading ("Contents",
    "Inhalt", "Sumario") stands nowhere below the block and is no entry (``last``: where
    each key stands last)."""
    if block and last[keys[block[0]]] <= block[-1]:
        return block[1:]
    return block


def _sections(syms: list[str], keys: list[str], entries: list[int]) -> list[int] | None:
    """Where each entry stands again below the list, in order, or None: each heading a
    section (text between one and the next) that no byline or date signs."""
    found: list[int] = []
    last = entries[-1]
    for entry in entries:
        if not keys[entry]:
            return None
        heading = next((k for k in range(last + 1, len(keys)) if keys[k] == keys[entry]), None)
        if heading is None or (found and heading - found[-1] < 2):
            return None
        if heading + 1 < len(syms) and syms[heading + 1] == BYLINE:
            return None
        found.append(heading)
        last = heading
    return found
