"""A line under each title saying what the record is and who it comes from: "Column:
Aroha Whaanga", "Press Release: PSA", "Speech: New Zealand Government", "Opinion: Lena
Corbett, Victoria University of Wellington", the way news wires and aggregators list
what they carry.  The labels differ from record to record, so no one label repeats
(``repeats.repeated_fields`` reads those); the shape does.  A person named there writes
the record; an organisation only issues it, and the line is the record's metadata."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.authors import clean_author
from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.roles import BYLINE, META, TEXT, TITLE

_RECORDS: Final = 3  # records showing such a line before it is the page's field
_LABELS: Final = 2  # different labels among them: one label alone is repeats.py's
_REACH: Final = 3  # lines under the title the field stands within
_VALUE_CHARS: Final = 60
_VALUE_WORDS: Final = 8
# the small words inside names of people and bodies
_NAME_PARTICLES: Final = frozenset(
    "of for and the on in at & de du des la le van der den von und y e di da do dos das del".split()
)
# a genre of one to three words and its colon, then who: "Press Release: PSA"
_GENRE: Final = re.compile(r"(?P<label>[^\W\d_][\w'’-]*(?: [\w'’-]+){0,2}):\s+(?P<value>\S.*)")


def genres_and_sources(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """Read each record's "Genre: who" line as its byline (a person) or metadata."""
    found: dict[int, tuple[str, str]] = {}
    for index, unit in enumerate(units):
        if out[index] not in (TITLE, TEXT) or unit.byline is not None or unit.marker:
            continue
        match = _GENRE.fullmatch(unit.text) if ": " in unit.text else None
        if (
            match is not None
            and _source_like(match.group("value"))
            and _near_title(units, out, index)
        ):
            found[index] = (match.group("label").casefold(), match.group("value"))
    blocks = {units[i].block for i in found}
    if len(blocks) < _RECORDS or len({label for label, _ in found.values()}) < _LABELS:
        return
    writers = {index: _person(value) for index, (_, value) in found.items()}
    if not any(writers.values()):
        return  # no one named: a search form's "Estado: Todos", not who wrote what
    for index, (label, _) in found.items():
        author = writers[index]
        if author is not None:
            units[index] = units[index]._replace(byline=Byline(author, None))
            out[index], reasons[index] = BYLINE, "byline"
        else:
            out[index] = META
            reasons[index] = f"metadata (what the record is and who issued it: {label!r})"


def _person(value: str) -> str | None:
    """The person a value names, their place or institution after a comma cut."""
    author = clean_author(value, places=True)
    return author if author is not None and is_name(author) else None


def _source_like(value: str) -> bool:
    """Whether a label's value names who, not says something: short, and every word
    capitalised but the small words of a name ("Maritime Union of New Zealand", "PSA",
    "Lena Corbett, Victoria University"); "lessons from New Zealand" is a headline's."""
    if len(value) > _VALUE_CHARS or value.count(" ") >= _VALUE_WORDS:
        return False
    if value.endswith((".", "?", "!", "…", ":")) or ". " in value:
        return False  # a sentence, or a book's title and kind: "Unter Tage. Roman"
    words = value.replace(",", " ").split()
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _NAME_PARTICLES for w in words)


def _near_title(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether the line stands right under a title in its block, or under a title and its
    date line ("Nurses Vote To Strike" / "Wednesday, 12 March 2025, 4:30 pm")."""
    block = units[index].block
    for above in range(index - 1, max(-1, index - 1 - _REACH), -1):
        if units[above].block != block:
            return False
        if out[above] == TITLE:
            return True
        byline = units[above].byline
        if out[above] != BYLINE or byline is None or byline.author is not None:
            return False
    return False
