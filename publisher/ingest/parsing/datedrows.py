"""A date among other words on its line, where no writer is named beside it: a short
phrase saying when ("Adopté le 17/09/2024"), or a row of fields set apart by separators
whose field the date is ("Publicat: 02/12/2024 · 40 pàgines · PDF").  Either dates the
record it sits in, whatever the language of its other words."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from publisher.ingest.parsing.datelines import PARENS_ASIDE, SEPARATORS
from publisher.ingest.parsing.text import has_digit

# The separators that end a byline's names when another field follows (not "/", which may
# join the names themselves: "A / B / C").
FIELD_SPLIT: Final = re.compile(r"\s+[|·•—–]\s+|\s*;\s+")
_PHRASE_WORDS: Final = 3
# the word before a date in a phrase saying when: "le", "am", "on", "el", "op", "den"…,
# or since when: "seit", "depuis", "desde"
_DATE_PREPOSITIONS: Final = frozenset(
    "le la el il lo am an on op em no na den dne dnia på i w z o del del' du au"
    " seit since depuis desde dal dall' sinds fra från".split()
)
# A phrase saying where and when a piece came out may be longer: "Question publiée au JO le :
# 04/02/2025", "Column published in the Daily Record, 28th March, 2025".
_PUBLISHED: Final = re.compile(
    r"\b(?:published|publiée?s?|publicad[oa]s?|publicat[ăa]?|pubblicat[oaie]|veröffentlicht"
    r"|erschienen|gepubliceerd|publicerad|publicerat|publiceret|publisert|julkaistu"
    r"|opublikowan[oay]|cyhoeddwyd|zveřejněno|publikováno|megjelent)\b",
    re.IGNORECASE,
)
_PUBLISHED_PHRASE_WORDS: Final = 8
_ROW_LABEL_WORDS: Final = 3  # "Publicat:", "Trade Unions", "Last revised on"
_LABEL: Final = re.compile(r"[^\W\d_]{2,20}\s?:\s")
_NEXT_LABEL: Final = re.compile(r"\s+(?=[^\W\d_]{2,20}\s?:\s)")  # "… publicado: …"
_HANDLE_FIELD: Final = re.compile(r"[a-z][a-z0-9]*[._][a-z0-9._]+|[a-z0-9_]{3,20}")  # "k.walsh"


class Row(NamedTuple):
    """A row of fields around a date, and the handle that signs it, if one does."""

    handle: str | None


def phrased_date(before: str, after: str) -> bool:
    """Whether a date stands in a short phrase of its own on its line: a word or a few
    and a preposition before it ("Adopté le", "Aprobado el", "Lieferbar seit"; ``before``
    without its weekday), or a few more saying where it came out ("Published in the
    Herald,"), and little after it ("à l'unanimité moins 3 abstentions", "page : 655"):
    what is said of the record is when.  (A word alone before a date may be anything:
    "Fim:", "Deadline", a place.)"""
    words = before.strip(SEPARATORS).split()
    if not words or len(after.split()) > _PHRASE_WORDS + 2 or not words[0][:1].isupper():
        return False
    if after.rstrip().endswith((".", "!", "?")):
        return False  # a sentence telling when something happened
    if len(words) <= _PHRASE_WORDS:
        return words[-1].casefold() in _DATE_PREPOSITIONS
    return len(words) <= _PUBLISHED_PHRASE_WORDS and _PUBLISHED.search(before) is not None


def dated_row(text: str, written: str) -> Row | None:
    """The row of fields ``text`` is, set apart by separators or labels, with the date (as
    ``written``) in a field of its own (after a label, perhaps) and the others counts,
    short labels or a handle first: a record's metadata in whatever language ("Publicat:
    02/12/2024 · 40 pàgines · PDF", "10. 2. 2025 · 4 min čtení · 38 komentářů",
    "k.walsh | 28.02.2025 21:14 | Wales"); None for any other line."""
    fields = [f.strip(SEPARATORS) for f in _fields(text)]
    if len(fields) < 2:
        return None
    if fields[0].isdigit():
        return None  # a register's row opened by its number: serials.py reads those
    # the field holding the date found (of two, "Publicado: … · Revisado: …", the first)
    own = next((i for i, f in enumerate(fields) if written in f), None)
    if own is None:
        return None
    label = fields[own][: fields[own].find(written)].strip(SEPARATORS)
    if len(label.split()) > _ROW_LABEL_WORDS or label[-1:].isdigit():
        return None  # a sentence around the date, or a span of days ("15–19 April"): an event's
    others = [f for i, f in enumerate(fields) if i != own and f]
    handle = others[0] if own == 1 and others and _HANDLE_FIELD.fullmatch(others[0]) else None
    if any(not _meta_field(f) for f in others if f is not handle):
        return None
    return Row(handle)


def _fields(text: str) -> list[str]:
    """A row's fields: set apart by separators, or each opening with its label where there
    are none ("enviado: 12/03/2025 10:11 publicado: 12/03/2025 14:27")."""
    if FIELD_SPLIT.search(text):
        return FIELD_SPLIT.split(text)
    if text.count(":") > 1 and _LABEL.match(text):
        return _NEXT_LABEL.split(text)
    return [text]


def _meta_field(field: str) -> bool:
    """A count with its unit, a short label or a file's type and size ("40 pàgines",
    "PDF (2,8 MB)", "Trade Unions", "Revisado: 3 mar. 2025"); a field of a sentence's
    length is none."""
    field = PARENS_ASIDE.sub(" ", field).strip()
    words = [word for word in field.split() if not has_digit(word)]
    return bool(field) and (field[:1].isdigit() or len(words) <= _ROW_LABEL_WORDS)
