"""Dates a page writes relative to when it was saved: "2 hours ago", "yesterday", "MAR 4".

The common forms are read by compiled patterns; what they miss on a short date-like
line goes to dateparser (200+ locales), cached, so the long tail costs little.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta
from typing import Final

from publisher.ingest.parsing.dates import (
    _MONTH,
    _TIME,
    MONTHS,
    DateMatch,
    _trie,
    find_date,
    names_month,
)
from publisher.ingest.parsing.text import has_digit

_UNIT_WORDS: Final = (
    (
        "minute minutes min mins minuten minuti minuto minutos munud minuter minutter minut minuty "
        "minuuttia minuutti minutami minutou minuta minuts minutu",
        60,
    ),
    (
        "hour hours hr hrs heure heures stunde stunden hora horas ora ore uur awr timme timmar "
        "time timer godzin godziny godzinę hores oră tuntia tunti tunnin hodinami hodinou hodin "
        "sata sati sat urama uro t ordu godz std",
        3600,
    ),
    (
        "day days jour jours tag tagen tage día días dia dias giorno giorni dag dagen diwrnod "
        "dagar dage dager døgn dni dies zi zile päivää päivä pv dny dnem dana dan egun",
        86400,
    ),
    (
        "week weeks semaine semaines woche wochen semana semanas settimana settimane weken wythnos "
        "săptămână săptămâni setmana setmanes uke uker uge uger vecka veckor viikkoa viikko týdny "
        "týdnem tjedna tjedan",
        7 * 86400,
    ),
    (
        "month months mois monat monaten mes meses mese mesi mesos maand maanden mis måned måneder "
        "månad månader kuukautta kuukausi měsíci měsícem mjeseca mjeseci",
        30 * 86400,
    ),
    (
        "year years an ans jahr jahren año años anno anni ano anos anys jaar blwyddyn ani år "
        "vuotta vuosi lety rokem godina godine",
        365 * 86400,
    ),
)
# "2h ago", "3d ago", "5m ago": a letter for the unit, written against the number
_UNIT_LETTERS: Final = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_UNITS: Final = {
    word: seconds for words, seconds in _UNIT_WORDS for word in words.split()
} | _UNIT_LETTERS
_UNIT: Final = "|".join(sorted(_UNITS, key=len, reverse=True))
_COUNT: Final = r"(?P<n>\d{1,3}|an?|one|un|une|einem|einer|ein)"
_AGO: Final = re.compile(
    rf"\b(?:(?:(?:for|för)\s)?(?:{_COUNT}\s(?P<u>{_UNIT})|(?P<n3>\d{{1,3}})(?P<u3>[mhdw]))"
    rf"\.?\s(?:ago|fa|geleden|yn ôl|sedan|siden|temu|sitten)"  # "3 godz. temu", "10 min. ago"
    rf"|(?:il y a|vor|hace|há|ha|hai|fa|acum|před|pred|prije|duela)"
    rf"\s{_COUNT.replace('<n>', '<n2>')}"
    rf"\s(?P<u2>{_UNIT}))\b",
    re.IGNORECASE,
)
# An item's age written short after its source, ending the line: "The Ferret · 3h",
# "@tomrees · 1d", "Fagbladet | 45m"
_AGE: Final = re.compile(r"(?:^|[·|•]\s?)(?P<n>\d{1,3})(?P<u>[mhdw])$")
# The word a Scandinavian age opens with, before the count ("for 5 timer siden").
_AGO_BEFORE: Final = frozenset({"for ", "för "})
_DAY_WORDS: Final = (
    (
        "today aujourd'hui aujourd’hui heute hoy oggi hoje vandaag heddiw just now idag dzisiaj "
        "dziś avui azi tänään dnes danas hoxe heno stasera vanavond",
        0,
    ),
    (
        "yesterday hier gestern ayer ieri ontem gisteren ddoe igår wczoraj ahir eilen včera jučer "
        "onte tegnap neithiwr anoche gisteravond vannacht last night",
        1,
    ),
    (  # the day before yesterday ("avant-hier" is not "hier")
        "vorgestern avant-hier anteayer antier anteontem eergisteren przedwczoraj toissapäivänä "
        "tegnapelőtt forgårs iforgårs",
        2,
    ),
)
_DAYS: Final = {w: days for words, days in _DAY_WORDS for w in words.split(" ")} | {
    "justnow": 0,
    "lastnight": 1,
}
_AGO_PHRASE: Final = re.compile(
    r"\b(?:an?|one|une?|einem|einer)\s\w+\s(?:ago|fa)\b"
    r"|\b(?:il y a|vor|hace|há|hai|acum|před|prije)\s"
    # "for 3 timer siden", "för 2 dagar sedan": lower case, though a line of their own
    r"|\bf[oö]r\s(?:\d{1,3}|en|et|ett)\s\w+\s(?:siden|sedan)\b",
    re.I,
)
_DAY: Final = re.compile(
    r"\b(?:vorgestern|avant-hier|anteayer|antier|anteontem|eergisteren|przedwczoraj"
    r"|toissapäivänä|tegnapelőtt|i ?forgårs"
    r"|today|aujourd['’]hui|heute|hoy|oggi|hoje|vandaag|heddiw|just now|i ?dag|dzisiaj|dziś"
    r"|avui|azi|tänään|dnes|danas|yesterday|hier|gestern|ayer|ieri|ontem|gisteren|ddoe|i ?går"
    r"|wczoraj|ahir|eilen|včera|jučer|hoxe|onte|tegnap"
    r"|neithiwr|anoche|gisteravond|vannacht|last night|heno|stasera|vanavond)\b",
    re.IGNORECASE,
)
DAY_WORD: Final = re.compile(f"{_AGO_PHRASE.pattern}|{_DAY.pattern}", re.IGNORECASE)
# What every DAY_WORD match holds, as one trie run on lower-cased text: far cheaper than
# the case-blind pattern, which then runs only on the few lines that pass.
_DAY_WORD_OPENINGS: Final = [
    *"il y a|vor|hace|há|today|aujourd|heute|hoy|oggi|hoje|vandaag|heddiw|just now".split("|"),
    *"idag|i dag|dzisiaj|dziś|avui|yesterday|hier|gestern|ayer|ieri|ontem|gisteren".split("|"),
    *"ddoe|igår|i går|wczoraj|ahir|acum|azi|tänään|dnes|danas|eilen|včera|jučer".split("|"),
    *"před|prije|hai|hoxe|onte|tegnap".split("|"),
    *"neithiwr|anoche|gisteravond|vannacht|last night|heno|stasera|vanavond".split("|"),
    *"vorgestern|avant-hier|anteayer|antier|anteontem|eergisteren|przedwczoraj".split("|"),
    *"toissapäivänä|tegnapelőtt|i forgårs|iforgårs".split("|"),
]
_DAY_WORD_HINT: Final = re.compile(rf"\s(?:ago|fa|siden|sedan)\b|\b(?:{_trie(_DAY_WORD_OPENINGS)})")
# Letters a case-blind pattern matches to ASCII ones that lower() leaves apart (or lengthens).
_CASE_ODDITIES: Final = "İıſK"
# Words without which no relative date is written, as one trie (run on lower-cased text).
_AGO_WORDS: Final = [
    *"ago fa geleden vor hace há ha today heute hoy oggi hoje vandaag heddiw".split(),
    *"yesterday hier gestern ayer ieri ontem gisteren ddoe sedan siden temu sitten".split(),
    *"idag igår dzisiaj dziś wczoraj avui ahir acum azi tänään eilen dnes včera".split(),
    *"před pred prije danas jučer duela gaur atzo hai hoxe onte tegnap".split(),
    *"vorgestern avant-hier anteayer antier anteontem eergisteren przedwczoraj".split(),
    *"toissapäivänä tegnapelőtt forgårs".split(),
    *"neithiwr anoche gisteravond vannacht heno stasera vanavond".split(),
    *("i dag", "i går", "last night"),
    *("yn ôl", "il y a", "just now", "aujourd'hui", "aujourd’hui"),
]
_AGO_HINT: Final = re.compile(rf"\b(?:{_trie(_AGO_WORDS)})\b")
# A time after "yesterday" or "today": "i går kl. 21.14", "včera 19:40", "gestern, 18:02 Uhr"
_TIME_AFTER: Final = re.compile(_TIME, re.IGNORECASE)
_CLOCK_HINT: Final = re.compile(r"\d[:.]\d\d|\d\s?[ap]\.?m")
_MONTH2: Final = _MONTH.replace("<mon>", "<mon2>")
_NO_YEAR: Final = re.compile(
    rf"\b(?:{_MONTH}\s{{1,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th|er|e|º|fed|eg|ain|af|il|ydd|ed|\.)?"
    rf"(?:\s{{1,3}}(?:de\s|o\s)?|\s{{1,3}}d['’]){_MONTH2})"
    r"\b(?!,?\s*\d(?!\d?[:.h]\d\d))",  # a year after it is a full date; a time may follow
    re.IGNORECASE,
)
_CLOCK: Final = re.compile(
    r"(?<![\d:.])(?P<hour>\d{1,2})(?::(?P<minute>\d{2})\s?(?P<ampm>[ap]\.?m\.?)?"
    r"|\.(?P<minute2>\d{2})\s?(?:(?P<ampm2>[ap]\.?m\.?)|(?P<zone>GMT|BST|UTC|CET|CEST)\b)"
    r"|\s?(?P<ampm3>[ap]m))(?![\d:])",
    re.IGNORECASE,
)
_LONG_TAIL_MAX: Final = 32
_LONG_TAIL_WORDS: Final = 4
_LANGUAGES: Final = [
    *("en", "fr", "de", "es", "it", "pt", "nl", "cy", "sv", "da", "nb", "pl", "ca", "ga"),
    *("fi", "cs", "sk", "sl", "hr", "ro", "hu", "gl", "eu", "et", "lt", "lv", "fil"),
]
# A date's shape in most languages: "12 marca 2024", "12. března 2024", "marca 12, 2024".
_LONG_TAIL_SHAPE: Final = re.compile(
    r"\b\d{1,2}\.?\s{1,3}[^\W\d_]{3,}\.?,?\s{1,3}(?:19|20)\d\d\b"
    r"|\b[^\W\d_]{3,}\.?\s{1,3}\d{1,2},?\s{1,3}(?:19|20)\d\d\b"
)
_CENTURY_YEAR: Final = re.compile(r"(?:19|20)\d\d")  # in every _LONG_TAIL_SHAPE match
_NOT_DATES: Final = re.compile(
    r"\b(?:min|read|lesezeit|lecture|lettura|leestijd|seiten|pages?)\b", re.I
)


def has_age(text: str) -> bool:
    """Whether ``text`` ends with an item's age written short ("The Ferret · 3h")."""
    return text[-1:] in _UNIT_LETTERS and _AGE.search(text) is not None


def has_day_word(text: str) -> bool:
    """Whether ``text`` holds a word of a relative date ("yesterday", "vor 3", "an hour ago")."""
    odd = any(char in text for char in _CASE_ODDITIES)  # substring scans: fast on long lines
    if not odd and _DAY_WORD_HINT.search(text.lower()) is None:
        return False
    return DAY_WORD.search(text) is not None


def find_when(
    text: str, *, day_first: bool = True, saved: datetime | None = None
) -> DateMatch | None:
    """A date in ``text``: a full one, else (with the page's save time) a relative one."""
    found = find_date(text, day_first=day_first)
    if found is not None or saved is None:
        return found
    if has_age(text) and (age := _AGE.search(text)) is not None:
        seconds = int(age.group("n")) * _UNIT_LETTERS[age.group("u")]
        return DateMatch(age.start(), age.end(), saved - timedelta(seconds=seconds))
    # cheap hints first: most lines hold no relative date, and the full patterns are slow
    lower = text.lower()
    if _AGO_HINT.search(lower):
        found = _relative(text, saved)
    if found is not None or not has_digit(text):
        return found  # a day without a year, or a time of day, has digits
    if names_month(lower):
        found = _no_year(text, saved)
    if found is None and _CLOCK_HINT.search(lower):
        found = _clock(text, saved)
    return found


def _relative(text: str, saved: datetime) -> DateMatch | None:
    """ "5 hours ago", "il y a 2 heures", "vor 3 Tagen", "yesterday"."""
    match = _AGO.search(text)
    if match is not None:
        count = match.group("n") or match.group("n2") or match.group("n3") or ""
        unit = (match.group("u") or match.group("u2") or match.group("u3") or "").lower()
        n = int(count) if count.isdigit() else 1
        value = saved - timedelta(seconds=n * _UNITS.get(unit, 86400))
        start = match.start()
        if text[max(0, start - 4) : start].lower() in _AGO_BEFORE:
            start -= 4  # "for 2 timer siden", "för 3 dagar sedan": the word is the date's
        return DateMatch(start, match.end(), value)
    match = _DAY.search(text)
    if match is not None:
        word = match.group().lower()
        days = _DAYS.get(word, _DAYS.get(word.replace(" ", ""), 1))
        value = saved - timedelta(days=days)
        time = _TIME_AFTER.match(text, match.end()) if has_digit(text) else None
        if time is None or time.group("hour") is None:
            return DateMatch(match.start(), match.end(), value)
        return DateMatch(match.start(), time.end(), _at(value, time) or value)
    return None


def _at(day: datetime, time: re.Match[str]) -> datetime | None:
    """``day`` at the time of day ``time`` spells, or None when it names no time of day."""
    hour, minute = int(time.group("hour")), int(time.group("minute"))
    ampm = (time.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def wall_clock(saved: datetime | None) -> datetime | None:
    """When a page was saved, as its own clock read then (naive): "12m ago" and "yesterday"
    on a page saved at 09:40 +13:00 are that morning's and the day before's there, as the
    page's written dates are, never the day the same instant falls on in UTC."""
    return saved.replace(tzinfo=None) if saved is not None else None


def _no_year(text: str, saved: datetime) -> DateMatch | None:
    """ "MAR 4", "4 March": the latest such day not after the page was saved."""
    match = _NO_YEAR.search(text)
    if match is None:
        return None
    month = MONTHS[(match.group("mon") or match.group("mon2")).lower()]
    day = int(match.group("day") or match.group("day2"))
    for year in (saved.year, saved.year - 1):
        try:
            value = datetime(year, month, day)
        except ValueError:
            return None
        if value.date() <= (saved + timedelta(days=1)).date():
            return DateMatch(match.start(), match.end(), value)
    return None


def _clock(text: str, saved: datetime) -> DateMatch | None:
    """A time of day alone ("6:42pm", "09.00 GMT"): that time on the day the page was saved."""
    for match in _CLOCK.finditer(text):
        hour = int(match.group("hour"))
        minute = int(match.group("minute") or match.group("minute2") or 0)
        ampm = (match.group("ampm") or match.group("ampm2") or match.group("ampm3") or "").lower()
        if not ampm and match.group("minute") is None and match.group("zone") is None:
            continue
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if hour > 23 or minute > 59:
            continue
        day = saved.date()
        value = datetime(day.year, day.month, day.day, hour, minute)
        return DateMatch(match.start(), match.end(), value, clock=True)
    return None


def _has_century_year(text: str) -> bool:
    """Whether ``text`` holds a year of 1900-2099 (_CENTURY_YEAR): its century looked for
    first, two substring scans where the pattern tries every place."""
    return ("19" in text or "20" in text) and _CENTURY_YEAR.search(text) is not None


def long_tail_in_line(text: str, saved: datetime | None) -> DateMatch | None:
    """A date in a line's long tail ("Le Siobhán Ní Bhriain | 6 Márta 2024"): a day, a
    word and a year, read by dateparser in the languages it knows."""
    if not _has_century_year(text):
        return None  # the cheap test: every long-tail shape ends in a year
    match = _LONG_TAIL_SHAPE.search(text)
    if match is None or _NOT_DATES.search(match.group()):
        return None
    base = saved.replace(tzinfo=None) if saved is not None else None
    value = _dateparser(match.group(), base)
    return DateMatch(match.start(), match.end(), value) if value is not None else None


def long_tail_date(text: str, saved: datetime | None) -> datetime | None:
    """A date-only line the patterns do not know, read by dateparser (short lines only)."""
    if len(text) > _LONG_TAIL_MAX or text.count(" ") > _LONG_TAIL_WORDS:
        return None
    if not _has_century_year(text) or not _LONG_TAIL_SHAPE.search(text):
        return None  # dateparser is slow: only a day, a word and a year go to it
    if _NOT_DATES.search(text):
        return None
    return _dateparser(text, saved.replace(tzinfo=None) if saved is not None else None)


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, base: datetime | None) -> datetime | None:
    """dateparser's reading of ``text`` (imported on first use: it is slow to load)."""
    import dateparser  # type: ignore[import-untyped]

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": True}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    try:
        value = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    return value if isinstance(value, datetime) else None
