"""Byline lines: who wrote an item and when ("Name · 12 September 2022", "By Name", …)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from publisher.ingest.parsing.authors import clean_author, usual_case
from publisher.ingest.parsing.dates import DateMatch, _trie
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.relative import (
    _CASE_ODDITIES,
    find_when,
    has_day_word,
    long_tail_in_line,
)
from publisher.ingest.parsing.text import ends_sentence

_MAX_BYLINE = 160
_SENTENCE_WORDS = 11  # spaces
_RELATIVE_MAX = 60
_PREFIX = re.compile(
    r"^(?:first\s+)?(?:posted|published|updated|last\s+updated|dated?|released|issued"
    r"|publiée?|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|erschienen|publicado|actualizado"
    r"|pubblicato|aggiornato|gepubliceerd|bijgewerkt|cyhoeddwyd)\b\s*"
    r"(?:on\b|le\b|am\b|el\b|il\b|em\b|op\b|:)?\s*",
    re.IGNORECASE,
)
# "By" in many languages ("par", "por", "von", "door", "di", "gan", …).
_BY = re.compile(
    r"^(?:(?:posted|written|words|story|text|reported|report|photos?|interview|reviewed"
    r"|escrito|geschreven|scritto|écrit|geschrieben|ysgrifennwyd|skrevet|skriven|napisane)\s+)?"
    r"(?:by|par|por|von|door|gan|av|af|przez|a cura di|(?-i:di|per))\b\s*:?\s*"
    r"|^(?:authors?|words|writer|auteure?s?|autor(?:in|en|\*innen|innen|es|a|ka)?|autore"
    r"|autrice|auteur|text|texte|texto|testo|tekst|interview|awdur|forfatter|författare"
    r"|skribent|journalist)\s*:\s*",
    re.IGNORECASE,
)
_WEEKDAY_WORDS = """monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    lundi mardi mercredi jeudi vendredi samedi dimanche lun mer jeu ven sam dim
    montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo
    lunedì martedì mercoledì giovedì venerdì sabato domenica
    segunda terça quarta quinta sexta
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma wo vr za zo
    dydd llun mercher iau gwener sadwrn sul
    måndag tisdag onsdag torsdag fredag lördag söndag mandag tirsdag lørdag søndag
    poniedziałek wtorek środa czwartek piątek sobota niedziela
    dilluns dimarts dimecres dijous divendres dissabte diumenge""".split()
# One trie of the words (fast to reject a position), "-feira" apart ("segunda-feira").
_WEEKDAY = rf"\b(?:{_trie(_WEEKDAY_WORDS)}|-?feira)\b\.?,?"
# A weekday written right before the date ("Tuesday 5th March", "do 7 maart", "Mo., 4.3.").
_WEEKDAY_BEFORE = re.compile(rf"(?:{_WEEKDAY}\s*){{1,2}}$", re.IGNORECASE)
_META = re.compile(
    r"\b\d{1,3}\s?(?:minutes?|mins?|min\.?)"
    r"(?:\s+(?:read|de lecture|lesen|lectura|lettura|leestijd))?"
    r"|\b(?:lesezeit|leestijd|lecture|lectura|lettura)\s*:?\s*\d{1,3}\s?(?:min\.?|minuten|minutes)?"
    r"|\b\d{1,4}\s?(?:seiten|pages?|pp|páginas|pagine|pagina's|comments?|kommentare|commentaires)\b"
    r"|\b(?:GMT|BST|UTC|CET|CEST)\b|(?<!\w)#[\w-]+"
    # counters, the submitter (not an author) and links: "412 points by mkoval 5 hours ago |
    # hide"
    r"|\b\d[\d,.]*\s?[km]?\s?(?:points?|votes?|upvotes?|likes?|reactions?|views?|replies"
    r"|reposts?|boosts?|shares?)\b(?:\s+by\s+\S+)?|\|\s*(?:hide|flag|discuss|save|past|web|reply)\b"
    # a category or tag field beside the date: "Published: 06/03/2024 | Category: Housing"
    r"|\b(?:categor(?:y|ies|ía|ia|ie)|catégorie|kategorie|section|rubri(?:que|k)|topics?|tags?"
    r"|filed under|posted in|type)\s?:[^|·•]*"
    r"|(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]|\s?[ap]\.?m)",  # a duration: "52:18"
    re.IGNORECASE,
)
# Italian "Di" and Irish "Le" open a byline too, where the line also dates it (else "Di"
# is Tuesday and "Le" an article).
_BY_DI = re.compile(r"^(?:Di|Le)\s+(?=[A-Z]\S*\s+[A-Z])")
_DIGIT = re.compile(r"\d")
_META_MARKS = frozenset("#|:İıſK")
_ZONES = ("gmt", "bst", "utc", "cet", "cest")
_BY_START = re.compile(
    r"(?:\w+\s+)?(?:by|par|por|von|door|gan|av|af|przez|a cura di|(?-i:di|per))\b"
    r"|\w+(?:\*innen)?\s*:",
    re.IGNORECASE,
)
# What every _BY_START match without a colon starts its first or second word with.
_BY_WORDS = (
    *("by", "par", "por", "von", "door", "gan", "av", "af", "przez", "a cura di", "di", "per"),
)
_JOINERS = re.compile(r"\s+(?:and|&|und|et|y|e|en|ac|och|og|i)\s+|\s*,\s*", re.IGNORECASE)
_DANGLING = re.compile(r"\s+(?:on|at|le|el|am|il|em|op|um|à)$", re.IGNORECASE)
_SEPARATORS = " ·|•—–-,:/~()[]"
_STRONG = "·|•—–"  # separators that set a label apart from a date
_LABEL_WORDS = 4


def _opens_by(text: str) -> bool:
    """Whether a line opens with "By" or a label and a colon (``_BY_START``): the pattern
    runs only where the first or second word starts like a by-word, or a colon stands."""
    if ":" not in text and _CASE_ODDITIES.isdisjoint(text):
        lower = text.lower()
        if not lower.startswith(_BY_WORDS):
            words = lower.split(None, 1)
            if len(words) < 2 or not words[1].startswith(_BY_WORDS):
                return False
    return _BY_START.match(text) is not None


def _relative_word(text: str, saved: datetime | None) -> bool:
    """Whether a short line may hold a date without digits ("yesterday", "an hour ago")."""
    return saved is not None and len(text) <= _RELATIVE_MAX and has_day_word(text)


@dataclass(frozen=True)
class Byline:
    """Who and when, as one line of a page gave them (``published`` naive = page-local)."""

    author: str | None
    published: datetime | None

    @property
    def date_only(self) -> bool:
        """A line that is only a date, such as "12 September 2022"."""
        return self.author is None


def parse_byline(
    text: str, *, day_first: bool = True, saved: datetime | None = None
) -> Byline | None:
    """The byline a whole line spells, or None when the line is anything else."""
    if len(text) > _MAX_BYLINE or (text.count(" ") >= _SENTENCE_WORDS and ends_sentence(text)):
        return None  # a sentence of a dozen words is running text, not a byline
    has_digit = _DIGIT.search(text) is not None
    by_start = _opens_by(text)
    if not has_digit and not by_start and not _relative_word(text, saved):
        return None  # neither a date nor a "By" to be found
    found = find_when(text, day_first=day_first, saved=saved)
    if found is None and has_digit:
        found = long_tail_in_line(text, saved)
    if found is None and not by_start:
        return None  # no date, and no "By" to open a name
    rest = text
    if found is not None:
        before = _without_weekday(text[: found.start], " ")
        rest = f"{before} {text[found.end :]}"
    if (has_digit or "GMT" in rest) and _may_hold_meta(rest):
        rest = _META.sub(" ", rest)
    rest = _PREFIX.sub("", rest.strip(_SEPARATORS)).strip(_SEPARATORS)
    rest = _DANGLING.sub("", rest)
    rest = _PREFIX.sub("", rest).strip(_SEPARATORS)
    by = _BY.match(rest) or (_BY_DI.match(rest) if found is not None else None)
    if by is not None:
        author = clean_author(_names_case(_DANGLING.sub("", rest[by.end() :].strip(_SEPARATORS))))
        if author is None:
            return None
        return Byline(author, found.value if found else None)
    if found is None:
        return None
    if not rest.strip(_SEPARATORS):
        return Byline(None, found.value)
    author = clean_author(rest)
    # one capitalised word beside a date is a label ("News"); a handle ("admin") signs
    if author is not None and (" " in author or author.islower()):
        return Byline(author, found.value)
    return Byline(None, found.value) if _labelled(text, found) else None


def _without_weekday(text: str, replacement: str) -> str:
    """``text`` with the weekday (or two) it ends in replaced; the pattern runs only where
    ``text`` ends in a letter (after the dot, comma and spaces a weekday may take)."""
    if not text.rstrip().removesuffix(",").removesuffix(".")[-1:].isalpha():
        return text
    return _WEEKDAY_BEFORE.sub(replacement, text)


def _may_hold_meta(text: str) -> bool:
    """Whether ``text`` holds what every _META alternative needs: a digit, "#", "|", ":"
    or a zone's letters (run on lower-cased text; the few letters a case-blind pattern
    matches to ASCII ones that lower() leaves apart send the line to the pattern)."""
    if _DIGIT.search(text) is not None or not _META_MARKS.isdisjoint(text):
        return True
    lower = text.lower()
    return any(zone in lower for zone in _ZONES)


def _names_case(text: str) -> str:
    """Names a site writes in lower case after "by" ("by aisha bello & mark o'leary") in
    their usual case, where each is a plain name (two to four words, no stopword)."""
    if not text.islower():
        return text
    cased = usual_case(text.upper())
    parts = [p for p in _JOINERS.split(cased) if p]
    return cased if parts and all(is_name(p) for p in parts) else text


def _labelled(text: str, found: DateMatch) -> bool:
    """A date and a section label set apart by a strong separator ("martedì 5 marzo 2024 —
    Comunicato stampa", "News | 4 March 2024"), not a title that names a day."""
    before = _without_weekday(text[: found.start], "").strip()
    after = text[found.end :].strip()
    if before and after:
        return False
    label = before or after
    mark = label[-1] if before else label[0]
    return mark in _STRONG and label.strip(_SEPARATORS).count(" ") < _LABEL_WORDS
