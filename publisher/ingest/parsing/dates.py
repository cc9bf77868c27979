"""Dates as seed pages write them, read into datetimes and converted to UTC."""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Month names and abbreviations in English, French, German, Spanish, Italian,
# Portuguese, Dutch and Welsh; Swedish, Danish, Norwegian, Polish (genitive) and Catalan;
# Irish; Romanian; Hungarian ("2025. március 5."); Galician; Finnish
# (the partitive a date writes, "13. marraskuuta 2025"); Welsh months mutated after a word
# ("o Fawrth", "ym Mehefin"); Filipino ("Pebrero 12, 2025"); Māori, which New Zealand
# sites write in English pages ("Rāhina 27 Kohitātea 2025"), with and without macrons;
# Basque (its genitive, "2025eko martxoaren 5a", and the form a heading writes, "otsailak
# 18", added below).
_BASQUE: Final = (
    "urtarrila otsaila martxoa apirila maiatza ekaina uztaila abuztua iraila urria azaroa abendua"
).split()
_MONTH_WORDS: Final = (
    (
        "january jan janvier janv januar jänner enero ene gennaio gen janeiro januari ionawr "
        "stycznia gener eanáir ianuarie ian január xaneiro tammikuuta kohitātea kohitatea",
        1,
    ),
    (
        "february feb février févr fevrier fevr fév fev februar febrero febbraio fevereiro "
        "februari chwefror lutego febrer feabhra februarie február febr febreiro helmikuuta "
        "pebrero huitanguru",
        2,
    ),
    (
        "march mar mars märz maerz marzo março marco maart mrt mawrth marts marca març márta "
        "martie március márc fawrth maaliskuuta marso poutūterangi pouturangi pouterangi",
        3,
    ),
    (
        "april apr avril avr abril abr aprile ebrill kwietnia aibreán aprilie április ápr "
        "huhtikuuta paengawhāwhā paengawhawha",
        4,
    ),
    (
        "may mai mayo maggio maio mei maj maja maig bealtaine május máj fai toukokuuta haratua",
        5,
    ),
    (
        "june jun juin juni junio giugno giu junho mehefin czerwca juny meitheamh iunie iun "
        "június jún xuño fehefin kesäkuuta hunyo pipiri",
        6,
    ),
    (
        "july jul juillet juil juli julio luglio lug julho gorffennaf lipca juliol iúil iulie iul "
        "július júl xullo orffennaf ngorffennaf heinäkuuta hulyo hōngongoi hongongoi",
        7,
    ),
    (
        "august aug août aout agosto ago augustus awst augusti sierpnia agost lúnasa augusztus "
        "elokuuta hereturikōkā hereturikoka",
        8,
    ),
    (
        "september sep sept septembre septiembre setiembre set settembre setembro medi września "
        "setembre septembrie szeptember szept fedi syyskuuta setyembre mahuru",
        9,
    ),
    (
        "october oct octobre oktober okt octubre ottobre ott outubro out hydref października "
        "octombrie október lokakuuta oktubre whiringa-ā-nuku whiringa-a-nuku",
        10,
    ),
    (
        "november nov novembre noviembre novembro tachwedd listopada samhain noiembrie dachwedd "
        "marraskuuta nobyembre whiringa-ā-rangi whiringa-a-rangi",
        11,
    ),
    (
        "december dec décembre decembre déc dezember dez diciembre dic dicembre dezembro rhagfyr "
        "grudnia desembre nollaig decembrie decembro desember ragfyr joulukuuta disyembre hakihea",
        12,
    ),
)
# Irish months of two words: "10 Meán Fómhair 2026", "3 Deireadh Fómhair"
_TWO_WORD_MONTHS: Final = {"meán fómhair": 9, "deireadh fómhair": 10}
MONTHS: Final = (
    {word: number for words, number in _MONTH_WORDS for word in words.split()}
    | {
        word: number
        for number, name in enumerate(_BASQUE, 1)
        for word in (name, f"{name}ren", f"{name}k")
    }
    | _TWO_WORD_MONTHS
)


def _trie(words: list[str]) -> str:
    """A pattern matching any of ``words``, shared prefixes factored out (fast to reject)."""
    branches: dict[str, list[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
    alternatives = [re.escape(c) + _trie(rest) for c, rest in sorted(branches.items())]
    if not alternatives:
        return ""
    optional = "" in words
    if len(alternatives) == 1 and not optional:
        return alternatives[0]
    return f"(?:{'|'.join(alternatives)}){'?' if optional else ''}"


_MONTH: Final = rf"(?P<mon>{_trie(list(MONTHS))})\.?"
# A month's name beside a number ("5 march", "5th of march", "march 5"; run on lower-cased
# text): the cheap test before the date patterns, which are slow to reject a line. Words
# such as "out", "set" or "mar" in running text name no date.
MONTH_HINT: Final = re.compile(
    rf"\d[^\W\d_]{{0,3}}\.?(?:(?:\s{{1,3}}(?:of|de|o))?[\s-]{{1,3}}|\s{{1,3}}d['’])"
    rf"{_trie(list(MONTHS))}\b"
    rf"|\b{_trie(list(MONTHS))}\.?\s{{1,3}}\d"
    # dots all through: "4.mar.2025" (Brazilian papers)
    rf"|\d\.{_trie(list(MONTHS))}\.\d"
)
# A time after the date: "at 6:42pm", "à 14h30", "um 10:00 Uhr", "alle ore 21:10",
# "às 16h20", "a las 10:45h", "om 21.15 uur", "kl. 14.00", "klo 14.05", "am 10:00" (Welsh),
# "u 13:58" (Croatian, Serbian, Bosnian), "o 9:15" (Polish), "ob 10.00" (Slovenian).
_TIME: Final = (
    r"(?:\s{0,3}[,|·•–—-]?\s{1,3}(?:(?:at|à|am|um|alle(?:\s{1,3}ore)?|om|às|as|a\s{1,3}las"
    r"|a\s{1,3}les|kl\.?|klo|ore|u|o|ob)\s{1,3})?"
    r"(?P<hour>\d{1,2})(?:[:.h]| h )(?P<minute>\d{2})"
    r"(?i:\s?(?P<ampm>[ap])(?:\.\s?)?m\b\.?|\s?(?:uhr|uur|hrs|horas|hs|h)\b)?)?"
)
_ISO: Final = re.compile(
    r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d{1,6})?)?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?)?(?![\d-])",
    re.IGNORECASE,
)
# Ordinals in English, French, Spanish, Portuguese and Welsh ("1af", "2il", "3ydd", "5ed",
# "12fed", "11eg", "21ain"); German and Nordic write a dot.
_ORDINAL: Final = r"(?:st|nd|rd|th|er|re|e|º|ª|af|il|ydd|ed|fed|eg|ain|\.)?"
# The words between a day and its month: "5th of March", "5 de março", "31 d'octubre",
# "12fed o Fawrth"; and between the month and the year: "de 2025", "del 2025" (Catalan,
# Spanish).
_BEFORE_MONTH: Final = r"(?:(?:\s{1,3}(?:of|de|o))?[\s-]{1,3}|(?<=\.)|\s{1,3}d['’])"
_BEFORE_YEAR: Final = r"(?:,?(?:\s{1,3}del?)?[\s-]{1,3}|(?<=\.))"
_DAY_MONTH_YEAR: Final = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}{_BEFORE_MONTH}{_MONTH}"
    rf"{_BEFORE_YEAR}(?P<year>\d{{4}})\b{_TIME}",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR: Final = re.compile(
    rf"\b{_MONTH}\s{{1,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s{{1,3}}(?P<year>\d{{4}})\b{_TIME}",
    re.IGNORECASE,
)
# The year first: "2024ko martxoaren 5a" (Basque), "2024. március 5."
_YEAR_MONTH_DAY: Final = re.compile(
    rf"\b(?P<year>\d{{4}})(?:e?ko|\.)\s{{1,3}}{_MONTH}\s{{1,3}}(?P<day>\d{{1,2}})(?:an?|ean|\.)?"
    rf"(?![\d/.:-]){_TIME}",
    re.IGNORECASE,
)
# A dot may close the year, as Croatian, Serbian, Slovenian and Hungarian write it
# ("27.01.2025. u 13:58"); a dot before another digit makes a version or a longer number.
_YEAR_DOT: Final = r"(?:\.(?!\d))?"
_NUMERIC: Final = re.compile(
    rf"(?<![\d/.-])(?P<first>\d{{1,2}})(?P<sep>[/.-])(?P<second>\d{{1,2}})(?P=sep)"
    rf"(?P<year>\d{{4}}|\d{{2}})(?![\d/-]|\.\d){_YEAR_DOT}{_TIME}",
)
# A space after each dot, in Czech, Slovak, Slovenian and Hungarian: "6. 3. 2025"
_SPACED_NUMERIC: Final = re.compile(
    rf"(?<![\d/.-])(?P<first>\d{{1,2}})\.\s(?P<second>\d{{1,2}})\.\s(?P<year>\d{{4}})\b"
    rf"{_YEAR_DOT}{_TIME}",
)
_SPACED_HINT: Final = re.compile(r"\d\.\s\d{1,2}\.\s\d")
# The year first, in numbers: "2025/02/05", "2025.02.05" (ISO's "-" is read above), and
# as Hungarian writes it, a space after each dot and one closing the day: "2025. 02. 24.".
_YEAR_FIRST_NUMERIC: Final = re.compile(
    rf"(?<![\d/.-])(?P<year>\d{{4}})(?P<sep>[/.])(?P<space> ?)(?P<month>\d{{1,2}})(?P=sep)"
    rf"(?P=space)(?P<day>\d{{1,2}})(?![\d/]|\.\d){_YEAR_DOT}{_TIME}",
)
# Cheap tests, one C-level scan each, that tell which date patterns may match a line.
_TWO_DIGITS: Final = re.compile(r"\d\d")  # every form has a year of two or four digits
_ISO_HINT: Final = re.compile(r"\d{4}-\d")
_YEAR_HINT: Final = re.compile(r"\d{4}")
_NUMERIC_HINT: Final = re.compile(r"\d[/.-]\d")
_YEAR_FIRST_HINT: Final = re.compile(r"\d{4}[/.] ?\d")
_MIN_YEAR: Final = 1800
_MAX_YEAR: Final = 2100


class DateMatch(NamedTuple):
    """A date found in a line: where it sits and its value (naive = local to the page)."""

    start: int
    end: int
    value: datetime
    clock: bool = False  # a time of day alone, on the day the page was saved: a weak date


@functools.lru_cache(maxsize=256)
def names_month(lower: str) -> bool:
    """Whether lower-cased text names a month beside a number (MONTH_HINT); kept for the
    lines asked again (a line without a date is asked by ``find_date``, then for a day
    without its year), as the pattern tries every character of the line."""
    return MONTH_HINT.search(lower) is not None


def find_date(text: str, *, day_first: bool = True) -> DateMatch | None:
    """A valid date in ``text``, in any of the written forms seed pages use.

    Bylines hold one date, so the first form that matches wins (ISO, "12 September
    2022", "September 12, 2022", then numeric).
    """
    for pattern in _likely_patterns(text):
        for match in pattern.finditer(text):
            value = _value(match, day_first)
            if value is not None:
                return DateMatch(match.start(), match.end(), value)
    return None


# An issue's number before its date: "Vol. 60, Issue No. 10, 08 Mar, 2025", "Nr. 1312 vom
# 30.11.2026", "Édition n° 48 ·", "Heft 3/2025,", perhaps after the series' name, and a
# document's: "Rapport d'information n° 431 (2024-2025), déposé le 12 mars 2025".
_ISSUE_PART: Final = (
    r"(?:(?:(?:vol|volume|issue|no|nr|n[°º]|núm|num|numéro|número|numero|number|nummer|heft"
    r"|ausgabe|jg|jahrgang|édition|edition|edición|edizione|jaargang|aflevering|année|año|anno"
    r"|band|tome|årgang|wydanie|numer|rocznik)\.?\s*)+\d[\d.,/-]*"
    r"|[A-Z]{2,5}[-_]?\d{3,}[\w/-]*)"  # a wire's release code: "OTX0187", "PR-2025-014"
)
_ISSUE_LABEL: Final = re.compile(
    rf"\s*(?:[^\W\d_][\w'’-]*\s+){{0,3}}{_ISSUE_PART}(?:\s*\([^()]{{1,20}}\))?"
    rf"(?:[\s,;:|·•–—-]+{_ISSUE_PART})*[\s,;:|·•–—-]*"
    r"(?:(?:of|vom|du|del|de|van|from|dated|z|dell['’]|d['’])\s*"
    # what was done with it on that day: "déposé le", "filed on", "eingereicht am"
    r"|[^\W\d_][\w'’-]*\s+(?:le|on|am|el|il|op|em|den|the)\s+)?",
    re.IGNORECASE,
)


def issue_label(before: str) -> bool:
    """Whether the words before a date number the issue or the release it dates: the
    date is then the item's, as a label's would be ("Parlamentskorrespondenz Nr. 1312
    vom 30.11.2026", "Vol. 60, Issue No. 9, 01 Mar, 2025")."""
    return _ISSUE_LABEL.fullmatch(before) is not None


def numbers_issue(text: str) -> bool:
    """Whether a line dates a numbered issue ("Issue 1,412 | 6 March 2024 | £1"): the
    date every article of that issue came out, even beside the paper's name."""
    found = find_date(text)
    return found is not None and found.start > 0 and issue_label(text[: found.start])


# Numeric dates with a four-digit year, for the order the page writes them in.
_NUMERIC_DAYS: Final = re.compile(
    r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(?:19|20)\d\d(?![\d/.-])"
)
# What every such date holds, without the lookbehind that makes the full pattern try every
# character: a page without it (most) has none, and is passed over in one fast scan.
_NUMERIC_DAYS_HINT: Final = re.compile(r"[/.-]\d{1,2}[/.-](?:19|20)\d\d")
# what every _NUMERIC_DAYS_HINT holds: a separator, then the year's century
_CENTURY_AFTER_SEPARATOR: Final = ("/19", "/20", ".19", ".20", "-19", "-20")
_LAST_MONTH: Final = 12
# a numeric date stamped with a North American time zone ("04/08/2025 06:00 AM EDT"):
# written month first, as the places keeping those zones write their dates
_AMERICAN_STAMP: Final = re.compile(
    r"\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b[^\n]{0,20}\b(?:[ECMP][SD]T|ET|PT)\b"
)


# A line that is only a numeric date with a two-digit year, padded ("04.03.25"), perhaps
# after a label set apart by a strong separator ("Artikel · 12.03.25").
_SHORT_YEAR_LINE: Final = re.compile(
    r"^(?:[^\W\d_][\w ]{0,30}\s[·|•—–]\s)?"
    r"(?P<first>\d{2})(?P<sep>[.-])(?P<second>\d{2})(?P=sep)(?P<year>\d{2})$"
)
# A date with a two-digit year, unpadded, opening a line of one-word labels set apart by
# strong separators ("5.3.25 · Cartoon", "18.12.24 · Strip · Double-page"): no version is
# labelled so, and the labels name no writer (the match takes them).
_SHORT_YEAR_LABELLED: Final = re.compile(
    r"^(?P<first>\d{1,2})(?P<sep>\.)(?P<second>\d{1,2})(?P=sep)(?P<year>\d{2})"
    r"(?:\s[·|•—–]\s[^\W\d_][\w-]{0,30}){1,3}$"
)


# A padded date with a two-digit year standing as one field of a row set apart by strong
# separators ("Uploaded by A · 20.03.25 · 1.2 MB"): a field of its own is no version number.
_SHORT_YEAR_FIELD: Final = re.compile(
    r"(?:^|\s[·|•]\s)(?P<first>\d{2})(?P<sep>[.-])(?P<second>\d{2})(?P=sep)(?P<year>\d{2})"
    r"(?=\s[·|•]\s|$)"
)


def _short_year_field(text: str) -> re.Match[str] | None:
    """The padded date with a two-digit year a row holds as a field of its own, if any."""
    if " · " not in text and " | " not in text and " • " not in text:
        return None  # the cheap test: a strong separator
    match = _SHORT_YEAR_FIELD.search(text)
    if match is None or "0" not in (match.group("first")[0], match.group("second")[0]):
        return None
    return match


# A padded date with a two-digit year set apart from other fields by a strong separator,
# opening or closing the line ("12.11.24 | Text: Sabine Wolf", "Redaktion · 30.01.25"):
# a version is not written between such fields.
_SHORT_YEAR_BEFORE_FIELDS: Final = re.compile(
    r"^(?P<first>\d{2})(?P<sep>\.)(?P<second>\d{2})(?P=sep)(?P<year>\d{2})(?=\s[·|•—–]\s)"
)
_SHORT_YEAR_AFTER_FIELDS: Final = re.compile(
    r"(?<=\s[·|•—–]\s)(?P<first>\d{2})(?P<sep>\.)(?P<second>\d{2})(?P=sep)(?P<year>\d{2})$"
)


def short_year_date(text: str, *, day_first: bool = True) -> DateMatch | None:
    """A date with a two-digit year on a line of its own or after a label ("Artikel ·
    12.03.25"), or beside other fields ("12.11.24 | Text: Sabine Wolf"): so set apart it
    dates an item; inside running text it may be a version ("release 06.11.24"), which
    ``find_date`` leaves alone."""
    stripped = text.strip()
    match = _short_year_match(stripped)
    if match is None:
        return None
    value = _value(match, day_first, short_year=True)
    offset = len(text) - len(text.lstrip())
    if value is None:
        return None
    return DateMatch(match.start("first") + offset, match.end() + offset, value)


def _short_year_match(text: str) -> re.Match[str] | None:
    """Where a two-digit-year date sits in a stripped line, by the cheap test of its end."""
    if text[-3:-2] in (".", "-"):  # the cheap test: a separator and two digits last
        match = _SHORT_YEAR_LINE.match(text)
        if match is not None and _padded_or_dotted_day(match):
            return match
        return _SHORT_YEAR_AFTER_FIELDS.search(text) or _short_year_field(text)
    if text[:1].isdigit():
        match = _SHORT_YEAR_LABELLED.match(text) or _SHORT_YEAR_BEFORE_FIELDS.match(text)
        if match is not None:
            return match
    return _short_year_field(text)


def _padded_or_dotted_day(match: re.Match[str]) -> bool:
    """Whether a two-digit-year line reads as a day: padded ("04.03.25"), or dotted with a
    month that can only come second ("16.12.24"; dots are how day-first countries write it),
    never "12.13.14"."""
    first, second = match.group("first"), match.group("second")
    return "0" in (first[0], second[0]) or (match.group("sep") == "." and int(second) <= 12)


def page_day_first(text: str, *, day_first: bool = True) -> bool:
    """Whether the page writes its numeric dates day first: what the dates it can only mean
    one way say ("02/27/2025" is month first, "27/02/2025" day first), where they agree;
    where none can say, a date stamped with a North American time zone ("04/08/2025
    06:00 AM EDT") is month first; else ``day_first`` (the source's setting)."""
    if not any(year in text for year in _CENTURY_AFTER_SEPARATOR):
        return day_first  # the cheap test: six substring scans of the page
    if _NUMERIC_DAYS_HINT.search(text) is None:
        return day_first
    days_first = months_first = False
    for match in _NUMERIC_DAYS.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        days_first |= first > _LAST_MONTH >= second
        months_first |= second > _LAST_MONTH >= first
    if days_first == months_first:
        if not days_first and _AMERICAN_STAMP.search(text):
            return False  # none can say, but the page keeps North American time
        return day_first  # none can say, or they disagree
    return days_first


def _likely_patterns(text: str) -> list[re.Pattern[str]]:
    """The patterns worth running on ``text``: cheap string tests first, as most lines fail."""
    if _TWO_DIGITS.search(text) is None:
        return []
    patterns = []
    if "-" in text and _ISO_HINT.search(text):
        patterns.append(_ISO)
    if _YEAR_HINT.search(text) and names_month(text.lower()):
        patterns.extend((_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _YEAR_MONTH_DAY))  # written months
    if ("/" in text or "." in text or "-" in text) and _NUMERIC_HINT.search(text):
        patterns.append(_NUMERIC)
    if ("/" in text or "." in text) and _YEAR_FIRST_HINT.search(text):
        patterns.append(_YEAR_FIRST_NUMERIC)
    if ". " in text and _SPACED_HINT.search(text):
        patterns.append(_SPACED_NUMERIC)
    return patterns


def _value(match: re.Match[str], day_first: bool, short_year: bool = False) -> datetime | None:
    """The datetime a match spells, or None when it names no real day."""
    groups = match.groupdict()
    year = int(groups["year"])
    if len(groups["year"]) == 2:
        if groups.get("sep") != "/" and groups.get("hour") is None and not short_year:
            return None  # "1.2.34" is a version number far more often than a date; with
            # a time after it ("06.11.24 um 10:00 Uhr") it is a day
        year += 2000 if year < 70 else 1900
    if groups.get("mon"):
        readings = [(MONTHS[groups["mon"].lower()], int(groups["day"]))]
    elif groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        readings = [(second, first), (first, second)]
        if not day_first:
            readings.reverse()
    else:
        readings = [(int(groups["month"]), int(groups["day"]))]
    for month, day in readings:
        value = _build(year, month, day, groups)
        if value is not None:
            return value
    return None


_LAST_HOUR: Final = 23
_LAST_MINUTE: Final = 59


def _build(year: int, month: int, day: int, groups: dict[str, str | None]) -> datetime | None:
    """A datetime from parts, or None when they are out of range."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    hour = int(groups.get("hour") or 0)
    minute = int(groups.get("minute") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > _LAST_HOUR or minute > _LAST_MINUTE:
        hour = minute = 0  # "Mar 1, 2024 · 52:18": a duration after the date, no time of day
    try:
        value = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    offset = groups.get("offset")
    return value.replace(tzinfo=_offset(offset)) if offset else value


def _offset(text: str) -> tzinfo:
    """A fixed zone from an ISO offset ("Z", "+01:00", "-0500")."""
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(sign * delta) if delta < timedelta(hours=24) else UTC


def load_zone(name: str) -> tzinfo:
    """The IANA zone ``name``; raises ValueError naming it when it is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown timezone {name!r}") from exc


def to_utc(value: datetime, zone: tzinfo) -> datetime:
    """``value`` as aware UTC; a naive value is local time in ``zone``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)
