"""Byline lines: who wrote an item and when ("Name · 12 September 2022", "By Name", …)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.names import is_name

_MAX_BYLINE = 120
_PREFIX = re.compile(
    r"^(?:first\s+)?(?:posted|published|updated|last\s+updated|dated?"
    r"|publiée?|mis\s+à\s+jour|veröffentlicht|aktualisiert|publicado|actualizado)\b\s*"
    r"(?:on\b|le\b|am\b|el\b|:)?\s*",
    re.IGNORECASE,
)
# "By" in English, French, Spanish and German ("par", "por", "von").
_BY = re.compile(
    r"^(?:(?:posted|written|words|story|text|reported|report|photos?)\s+)?(?:by|par|por|von)\b"
    r"\s*:?\s*|^(?:author|words|writer|auteur|autor|autorin)\s*:\s*",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)\b\.?",
    re.IGNORECASE,
)
_READ_TIME = re.compile(r"\b\d{1,3}\s?(?:minutes?|mins?)\b\.?(?:\s+read\b)?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_BY_START = re.compile(
    r"(?:\w+\s+)?(?:by|par|por|von)\b|(?:author|words|writer|auteur|autor|autorin)\s*:",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"\s+(?:on|at|le|el|am)$", re.IGNORECASE)
_SEPARATORS = " ·|•—–-,:/~()[]"


@dataclass(frozen=True)
class Byline:
    """Who and when, as one line of a page gave them (``published`` naive = page-local)."""

    author: str | None
    published: datetime | None

    @property
    def date_only(self) -> bool:
        """A line that is only a date, such as "12 September 2022"."""
        return self.author is None


def parse_byline(text: str, *, day_first: bool = True) -> Byline | None:
    """The byline a whole line spells, or None when the line is anything else."""
    if len(text) > _MAX_BYLINE:
        return None
    has_digit = _DIGIT.search(text) is not None
    if not has_digit and not _BY_START.match(text):
        return None  # neither a date nor a "By" to be found
    found = find_date(text, day_first=day_first) if has_digit else None
    rest = text
    if found is not None:
        rest = f"{text[: found.start]} {text[found.end :]}"
        rest = _WEEKDAY.sub(" ", rest)
        if "min" in rest:
            rest = _READ_TIME.sub(" ", rest)
    rest = _PREFIX.sub("", rest.strip(_SEPARATORS)).strip(_SEPARATORS)
    rest = _DANGLING.sub("", rest)
    by = _BY.match(rest)
    if by is not None:
        rest = rest[by.end() :].strip(_SEPARATORS)
        if not is_name(rest, loose=True):
            return None
        return Byline(rest, found.value if found else None)
    if found is None:
        return None
    if not rest:
        return Byline(None, found.value)
    if not is_name(rest, loose=True):
        return None
    return Byline(rest, found.value)
