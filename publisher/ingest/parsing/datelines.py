"""Where a dated line was written from: a wire story's dateline ("PARIS, March 3 (Meridian)
-"), a newsroom's or an agency's with its place ("PTI | New Delhi | March 3, 2025 18:30
IST"), a letter's place and date ("Luzern, 28. Februar 2025"), and a press release's
dateline opening its standfirst ("Berlin, 5. März 2025 – Die Gewerkschaft …").  What such
a line names besides its date is a place or a desk, never a writer."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final

from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.desks import is_desk
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.text import has_digit

SEPARATORS: Final = " ·|•—–-,:/~()[]"  # what sets a byline's parts apart
PARENS_ASIDE: Final = re.compile(r"\([^()]{0,30}\)")
# When a piece was last changed, after its date: "| Updated 2 hours ago", "· Atualizado há
# 2 horas", "– aktualisiert am 6.3.", ", updated 3 March 2025" (the first date is kept).
UPDATED: Final = re.compile(
    r"(?:\s[|·•–—-]|,)\s*(?:last\s+)?(?:updated|atualizado|actualizado|aktualisiert|mis\s+à\s+jour"
    r"|aggiornato|bijgewerkt|opdateret|uppdaterad|oppdatert|päivitetty|diweddarwyd"
    r"|modified|edited|revised|(?:dernière\s+)?modif(?:iée?|ication)|(?:zuletzt\s+)?geändert"
    r"|modificad[oa]|modificat[oa]|gewijzigd)\b.*$",
    re.IGNORECASE,
)
# A wire story's dateline once its date is taken out: the place in capitals, the agency in
# brackets, the dash before the story ("PARIS, March 3 (Meridian) -", "LIMA, 4 mar (EFE).-").
_WIRE_DATELINE: Final = re.compile(
    r"\s*(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+){0,3})"
    r"(?:,?\s*\([^()]{1,30}\)?)?[\s.,–—-]*"
)
_DATELINE_PARTS: Final = re.compile(r"\s*[|·•—–]\s*|\s+-\s+|\s-$|^-\s")
_DATELINE_MAX: Final = 3
_ZONE_WORDS: Final = frozenset("ist cet cest est edt pst pdt wib art brt eet eest ict jst".split())
_ZONED: Final = re.compile(
    r"\d[:.h]\d\d\s?(?:[ap]\.?m\.?\s?)?(?:GMT|BST|UTC|CET|CEST|IST|EST|EDT|PST|PDT)\b"
)
_PLACE_WORDS: Final = 3
_YEAR_LAST: Final = re.compile(r"\b(?:19|20)\d\d\.?$")  # a date ending with its year


def is_wire_dateline(rest: str, text: str) -> bool:
    """Whether a dated line is a wire story's dateline: a place in capitals, the agency in
    brackets or the dash the story follows ("PARIS, March 3 (Meridian) -"); a name in
    capitals beside a date ("JANE DOE, 3 March 2025") has neither."""
    match = _WIRE_DATELINE.fullmatch(rest)
    if match is None or not match.group("place").isupper():
        return False
    return "(" in rest or text.rstrip()[-1:] in "-–—"


def is_dateline(rest: str, text: str) -> bool:
    """Whether what a dated line holds besides its date is a desk, an outlet or an agency
    and the place it writes from ("PTI | New Delhi", "Madrid -", "The Lamplight Review")."""
    parts = [p for p in (p.strip(SEPARATORS) for p in _DATELINE_PARTS.split(rest)) if p]
    parts = [p for p in parts if p.lower() not in _ZONE_WORDS]
    if not parts or len(parts) > _DATELINE_MAX:
        return False
    desks = sum(1 for p in parts if is_desk(p))
    if not all(is_desk(p) or _place(p) for p in parts):
        return False
    # a place alone: only beside a time stamped with its zone or as updated, as a newsroom
    # stamps a story ("Madrid - 05 mar 2025 - 06:00 CET", "Madrid | Actualizado 12/03/2025
    # - 18:42 h"); "Leeds - 14 March" may be an event's
    apart = _DATELINE_PARTS.search(text) is not None
    stamped = _ZONED.search(text) is not None or UPDATED.search(text) is not None
    return desks > 0 or (apart and stamped) or _letter_dateline(parts, text)


def _letter_dateline(parts: list[str], text: str) -> bool:
    """Whether a line is a letter's or a statement's place and date, the year written
    ("Luzern, 28. Februar 2025", "Madrid, 5 de marzo de 2025"): where it was written, not
    an event's place ("Leeds - 14 March")."""
    if len(parts) != 1 or not text.startswith(parts[0]):
        return False
    after = text[len(parts[0]) :]
    return after.startswith(", ") and _YEAR_LAST.search(after) is not None


def _place(text: str) -> bool:
    """A place a line is written from: one to three capitalised words ("New Delhi")."""
    words = text.split()
    return 0 < len(words) <= _PLACE_WORDS and all(is_name(w, loose=True) for w in words)


# A dateline opening a standfirst: a place and a date before a dash ("Berlin, 5. März 2025 –
# Die Gewerkschaft …", "MADRID, 4 de marzo de 2025.- …").
_DATELINE_DASH: Final = re.compile(r"\s?(?:[–—]|--?|\.-)\s")
_DATELINE_HEAD: Final = 70
_PLACE_PARTICLES: Final = frozenset("am an der de del la le upon on-sea sur im".split())


def dateline_date(text: str, *, day_first: bool = True) -> datetime | None:
    """The date of a press release's or wire story's dateline at the start of ``text``,
    or None: the place before it is a few capitalised words, an agency in brackets aside."""
    if not text[:1].isupper() or not has_digit(text[:_DATELINE_HEAD]):
        return None
    dash = _DATELINE_DASH.search(text, 0, _DATELINE_HEAD)
    if dash is None:
        return None
    head = text[: dash.start()]
    found = find_date(head, day_first=day_first)
    if found is None or PARENS_ASIDE.sub("", head[found.end :]).strip(" .,"):
        return None  # the date ends the head: "Place, date –", "PLACE, date (Agency) -"
    place = PARENS_ASIDE.sub("", head[: found.start]).strip(" ,")
    words = place.split()
    if not 1 <= len(words) <= _PLACE_WORDS + 1:
        return None
    if not all(w[:1].isupper() or w.lower() in _PLACE_PARTICLES for w in words):
        return None
    return found.value
