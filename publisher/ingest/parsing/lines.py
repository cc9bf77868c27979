"""A page as units: its non-blank lines, cleaned, each with the signals layouts score."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final, NamedTuple

from publisher.ingest.parsing.bylines import Byline, parse_byline
from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.furniture import (
    furniture_kind,
    promotes,
    spaced_menu,
    strip_promotion,
)
from publisher.ingest.parsing.relative import find_when, has_day_word
from publisher.ingest.parsing.tables import (
    drawn_frames,
    form_fields,
    may_hold_frames,
    table_cells,
)
from publisher.ingest.parsing.text import (
    capitals_headline,
    ends_sentence,
    has_digit,
    normalise_text,
)

_BULLET: Final = re.compile(r"(?P<marker>[•◦▪●‣›*\-–]|\d{1,3}[.)])\s+(?=\S)")
# a markdown heading ("## Why this matters"), or a newsletter's in plain text, opened by two
# stars and never closed ("** Pay equity: what it means for you"; a footnote's stars open
# a sentence)
_HEADING: Final = re.compile(r"#{1,6}\s+(?=\S)|\*\*\s+(?=[^*\s])(?!.*(?:\*\*|\.)\s*$)")
# "---", "* * *": a separator, read as a blank line
_RULE: Final = re.compile(r"[-–—_=*~•·#+━─═\s]{3,}")
RULE_START: Final = frozenset("-–—_=*~•·#+━─═")
_BOX_RULES: Final = frozenset("━─═")
FRAMED: Final = "a box drawn around it"
_RULED: Final = re.compile(r"^[━─═]{2,}\s*|\s*[━─═]{2,}$")  # a heading set in a rule
_WRAP_MIN: Final = 60  # hard-wrapped text is wrapped at 60 to 100 characters
_WRAP_MAX: Final = 100
_WRAP_SLACK: Final = 12
_CONNECTOR_END: Final = re.compile(r"(?:[,;]|\b(?:and|or|but|the|a|an|of|to|in|for|with))$")
_CONNECTOR_REACH: Final = 6  # its longest match ("with") and a final newline, with room to spare
_INLINE_SEPARATOR: Final = re.compile(r" [—–-] |: ")
_BULLET_MARKS: Final = "•◦▪●‣›*-–"  # what a _BULLET starts with, if not a digit
_TITLE_SHORT: Final = 80
_TITLE_MAX: Final = 120
_SENTENCE_MIN: Final = 60
_TITLE_WORDS: Final = 20
_WRAP_LONGER: Final = 8  # one line of words in eight past the width: the page is not wrapped
_RELATIVE_LINE: Final = 60  # a line this short may be a relative date alone
_UNIT_FLOOR: Final = 40  # so short lines (bylines, titles) still weigh something
_INLINE_SHARE: Final = 0.6
_TITLE_LIKE: Final = 0.8
_MD_LINK: Final = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\s]{0,500}(?:\s\"[^\"]*\")?\)")
_MD_EMPHASIS: Final = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")
_LINK_REF: Final = re.compile(r"\[\d{1,4}\]")  # lynx and w3m link numbers: "[12]Grace Liu"
# a date at a line's start or end, set apart: the cheap tests before reading it
_STRONG_SEPARATOR: Final = re.compile(r"\s?[-–—|·•:]\s")  # "03/04/2024 - ", "5 March 2024 | "
_DATE_LAST: Final = re.compile(r"[-–—|·•]\s[\w ,./]{4,30}\d{4}$")  # " – 26 February 2024"
_DATE_SEPARATORS: Final = frozenset("-–—|·•:")
_HEAD_SEPARATOR: Final = re.compile(r"\s?[-–—|:]\s")  # "Yesterday — ", "4. März 2025: "
# the marks each separator above holds: the cheaper test before it, as most lines hold none
_STRONG_MARKS: Final = ("-", "–", "—", "|", "·", "•", ":")
_COLUMN_GAP: Final = re.compile(r" {2,}|\s*\t\s*")  # a text dump's columns: "Nov 24    Title"
# a page number set in a column at a line's end: "S. 18", "p. 4", "pp. 12", "Seite 9", "14"
_PAGE_COLUMN: Final = re.compile(r"(?:[Ss]\.|[Pp]p?\.|[Ss]eite|[Pp]age|pág\.|str\.)?\s?\d{1,3}")
_PLACEHOLDER: Final = re.compile(r"\{\{[^{}]{0,80}\}\}")
_HEAD_MARKS: Final = ("-", "–", "—", "|", ":")
_HEADLINE_SPACES: Final = 3
_DATED_MAX: Final = 160
_DASH_AFTER: Final = re.compile(r"\s*[-–—]\s")  # a dash after a date: "5 March 2025 — "
_DATE_REACH: Final = 34  # a date and a weekday before it
# a time of day opening a headline: "14:32 Headline", "9.05am – Headline"
_CLOCK_FIRST: Final = re.compile(
    r"(?P<clock>(?P<hour>\d{1,2})[:.]\d{2}(?:\s?[aApP]\.?[mM]\.?)?)\s{1,3}(?:[-–—|·•]\s{1,3})?"
)
_LAST_HOUR: Final = 23
# a link aggregator's vote arrow before a title, and the site it links to after it:
# "▲ A from-scratch TCP stack in 900 lines of Zig (notes.kestrel.example)"
_VOTE_ARROWS: Final = frozenset("▲△⬆↑")
_VOTE: Final = re.compile(r"^[▲△⬆↑]\s*")
_SOURCE_DOMAIN: Final = re.compile(r"\s+\((?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s)]*)?\)$")
# Pictographs and dingbats ("✍ Kerry Malone 🕒 2 mins ago", "📲 Get the app"): set apart
# like a separator, so the words around them read as they would without them.
_PICTOGRAPHS: Final = re.compile("[\u2700-\u27bf\ufe0f\U0001f000-\U0001faff]+")
_INLINE_KICKER: Final = re.compile(r"[A-Z][A-Z&'’ -]{1,24}\s\|\s+(?=\S)")  # "OPINION | Title"


class Unit(NamedTuple):
    """One logical line of a page with the scores layouts use to explain it.

    ``title_q`` and ``body_q`` say, from -1 to 1, how well the line reads as a title
    and as running text (a standfirst, teaser or paragraph).  ``weight`` is how much
    text the line holds (with a floor, so short bylines still count): layouts are
    scored by the text they explain.  A title-like line is short and not closed like a
    sentence; a sentence line is closed like one, or too long for a title.  (A named
    tuple rather than a dataclass: pages are parsed by the thousand.)
    """

    line: int
    text: str
    block: int
    marker: str = ""
    byline: Byline | None = None
    furniture: str | None = None
    title_q: float = 0.0
    body_q: float = 0.0
    weight: int = _UNIT_FLOOR
    title_like: bool = False
    sentence: bool = False
    heading: bool = False
    promoted: bool = False  # a call to buy or book was cut off its end
    closed: bool = False  # the link the page repeats after its teasers was cut off its end


def split_inline(units: list[Unit], day_first: bool, saved: datetime | None = None) -> list[Unit]:
    """``units`` with "Title — Standfirst." lines split in two where the page writes so,
    and a headline dated on its own line ("03/04/2024 - This week: …", "14:32 Strike
    called …") split into its date and its title."""
    return _split_inline(_split_dated(units, day_first, saved), day_first)


def _split_dated(units: list[Unit], day_first: bool, saved: datetime | None) -> list[Unit]:
    """Lines of a date and a headline set apart by a strong separator, as two units."""
    out: list[Unit] = []
    for index, unit in enumerate(units):
        parts = None
        text = unit.text
        if _own_date_opens(unit, units[index + 1 : index + 2], day_first):
            out.append(_as_headline(unit))
            continue
        plain = unit.byline is None and unit.furniture is None
        if plain and len(text) <= _DATED_MAX and _date_edge(text):
            parts = _dated_headline(text, day_first)
        elif _dated_alone(unit) and len(text) <= _DATED_MAX and _date_edge(text):
            parts = _dated_headline(text, day_first)
            # read whole as a date alone, still a date, a dash and a short headline
            # ("3rd February 2025 — Trades council banner restored")
            if parts is not None and not (
                parts[0].first and _DASH_AFTER.match(text, len(parts[0].text))
            ):
                parts = None
        if parts is None and plain and text[:1].isdigit():
            parts = _timed_headline(text, saved)
        if parts is None and plain:
            parts = _dated_teaser(text, day_first, saved)
        if parts is None:
            out.append(unit)
            continue
        date, title = parts
        byline = Byline(None, date.value, date.clock)
        dated = unit._replace(text=date.text, byline=byline, title_q=-1.0)
        headline = _make_unit(unit.line, title, unit.block, day_first, unit.marker)
        out.extend((dated, headline) if date.first else (headline, dated))
    return out


def _own_date_opens(unit: Unit, below: list[Unit], day_first: bool) -> bool:
    """Whether a date opening a headline is the headline's own subject, not the record's:
    the line under it in its block dates the record another day ("March 14, 1914: The
    Coalfield Winter Before Ludlow" / "Posted by Dana Whitcombe on March 14, 2025")."""
    if unit.furniture is not None or not below or below[0].block != unit.block:
        return False
    under = below[0].byline.published if below[0].byline is not None else None
    if under is None or len(unit.text) > _DATED_MAX or not _date_edge(unit.text):
        return False
    parts = _dated_headline(unit.text, day_first)
    return parts is not None and parts[0].first and parts[0].value.date() != under.date()


def _as_headline(unit: Unit) -> Unit:
    """``unit`` read as a headline, whatever date or name its text opens with."""
    title_q = _title_quality(unit.text, None, None)
    body_q = _body_quality(unit.text, None, None)
    return unit._replace(
        byline=None,
        title_q=title_q,
        body_q=body_q,
        title_like=title_q >= _TITLE_LIKE,
        sentence=body_q >= 1.0 and title_q < _TITLE_LIKE,
    )


def _dated_alone(unit: Unit) -> bool:
    """Whether the whole line was read as a date that names no writer."""
    return unit.furniture is None and unit.byline is not None and not unit.byline.author


def _timed_headline(text: str, saved: datetime | None) -> tuple[_Edge, str] | None:
    """(time, headline) when ``text`` opens with a time of day and then a headline of four
    words or more ("14:32 Bilboko metroko langileek greba …"): a news ticker's entry,
    timed on the day its heading (or else the page's save time) names."""
    match = _CLOCK_FIRST.match(text)
    if match is None or int(match.group("hour")) > _LAST_HOUR:
        return None
    rest = text[match.end() :]
    if rest.count(" ") < _HEADLINE_SPACES or not (rest[:1].isupper() or rest[:1] in '"“‘«'):
        return None
    found = find_when(match.group("clock"), saved=saved) if saved is not None else None
    if found is None or not found.clock:
        return None
    return _Edge(match.group("clock"), found.value, first=True, clock=True), rest


def _dated_teaser(text: str, day_first: bool, saved: datetime | None) -> tuple[_Edge, str] | None:
    """(date, teaser) when ``text`` opens with a day alone, however written ("Yesterday",
    "Tue 4 Mar", "4. März 2025"), set apart by a dash or colon from a teaser of any
    length: a diary's or a wiki's dated entry ("Today — Picket numbers were …")."""
    if not any(mark in text for mark in _HEAD_MARKS):
        return None
    match = _HEAD_SEPARATOR.search(text, 2, _DATE_REACH)
    if match is None:
        return None
    head, rest = text[: match.start()], text[match.end() :].lstrip()
    if not (" " not in head or has_digit(head)) or rest.count(" ") < _HEADLINE_SPACES:
        return None
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘«„"):
        return None
    byline = parse_byline(head, day_first=day_first, saved=saved)
    if byline is None or byline.author is not None or byline.published is None:
        return None
    return _Edge(head, byline.published, first=True, clock=byline.clock), rest


def _date_edge(text: str) -> bool:
    """The cheap test before reading a date at a line's start or end."""
    if any(mark in text for mark in _STRONG_MARKS):
        separator = _STRONG_SEPARATOR.search(text, 4, _DATE_REACH)
        if separator is not None and has_digit(text[: separator.start()]):
            return True
    return text[-1:].isdigit() and _DATE_LAST.search(text, len(text) - 40) is not None


class _Edge(NamedTuple):
    """A date written at one end of a line."""

    text: str
    value: datetime
    first: bool
    clock: bool = False


def _dated_headline(text: str, day_first: bool) -> tuple[_Edge, str] | None:
    """(date, headline) when ``text`` opens or closes with a date and a strong separator
    ("12/05/2023 - Budget vote recap", "Congress debates a four-day week – 26 February
    2024") and the rest is a headline of four words or more."""
    found = find_date(text, day_first=day_first)
    if found is None:
        return None
    before, after = text[: found.start].strip(), text[found.end :].strip()
    if (before and after) or not (before or after):
        return None
    rest = (after[1:] if after else before[:-1]).strip()
    mark = after[:1] if after else before[-1:]
    if mark not in _DATE_SEPARATORS or rest.count(" ") < _HEADLINE_SPACES:
        return None
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘«"):
        return None
    date = _Edge(text[found.start : found.end], found.value, first=not before)
    return date, rest


def read_all_units(
    text: str, *, day_first: bool = True, saved: datetime | None = None
) -> list[Unit]:
    """Every logical line of the page as a unit, furniture marked but kept; a box drawn
    around a few lines is one unit of furniture."""
    units = []
    for number, line, block, framed in _logical_lines(text, saved):
        unit = _make_unit(number, line, block, day_first, saved=saved)
        if framed:
            unit = unit._replace(byline=None, furniture=FRAMED, title_like=False, sentence=False)
        units.append(unit)
    return units


def _logical_lines(text: str, saved: datetime | None) -> list[tuple[int, str, int, bool]]:
    """(line number, cleaned text, block index, whether a box is drawn around it) with
    wrapped lines joined back up; a text table's rows each a block of their cells; a box
    drawn around a few lines one line of its own."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raws = text.split("\n")
    frames = drawn_frames(raws) if may_hold_frames(text) else {}
    boxed = {i for start, (end, _) in frames.items() for i in range(start, end + 1)}
    if boxed:
        raws = ["" if i in boxed else raw for i, raw in enumerate(raws)]
    if "  " in text or "\t" in text:
        fields = form_fields(raws)  # records written as forms: "Label: value", a line each
        raws = [fields.get(i, raw) for i, raw in enumerate(raws)] if fields else raws
    tables = table_cells(raws) if "   " in text or "\t" in text else {}
    if "  " in text or "\t" in text:
        raws = [raw if i in tables else _date_column(raw, saved) for i, raw in enumerate(raws)]
    lines = [normalise_text(_plain(raw)) for raw in raws]
    for index, line in enumerate(lines):
        if line and is_rule(line):
            lines[index] = ""
    wrapped = _wrapped(lines, _wrap_width(lines))
    out: list[tuple[int, str, int, bool]] = []
    block = 0
    previous_blank = True
    for number, line in enumerate(lines, start=1):
        if frames and number - 1 in frames:
            block += 1
            out.append((number, normalise_text(frames[number - 1][1]), block, True))
            previous_blank = True
            continue
        if tables and number - 1 in tables:
            cells = [normalise_text(_plain(cell)) for cell in tables[number - 1]]
            block += 1 if cells else 0
            out.extend((number, cell, block, False) for cell in cells if cell)
            previous_blank = True
            continue
        if not line:
            previous_blank = True
            continue
        if previous_blank:
            block += 1
        elif wrapped[number - 1] or _continues(out[-1][1], line, saved):
            out[-1] = (out[-1][0], f"{out[-1][1]} {line}", block, False)
            continue
        out.append((number, line, block, False))
        previous_blank = False
    return out


def _date_column(raw: str, saved: datetime | None) -> str:
    """``raw`` with the gap that sets a date in a column of its own at either end of the
    line written as a separator, which collapsing the spaces would lose: an archive's list
    as a text dump lays it out ("Nov 24    Rent strike ledger" -> "Nov 24 | Rent strike
    ledger", "Budget vote recap      24.11.2025"); a page number in a column of its own
    at the end is left out."""
    line = raw.strip()
    gaps = list(_COLUMN_GAP.finditer(line))
    if not gaps:
        return raw
    first, last = gaps[0], gaps[-1]
    if _PAGE_COLUMN.fullmatch(line, last.end()) is not None:
        return line[: last.start()]  # a contents page's page number: "Von Anna Huber    S. 18"
    if first.start() <= _DATE_REACH and _only_date(line[: first.start()], saved):
        return f"{line[: first.start()]} | {line[first.end() :]}"
    if len(line) - last.end() <= _DATE_REACH and _only_date(line[last.end() :], saved):
        return f"{line[: last.start()]} | {line[last.end() :]}"
    return raw


def _only_date(text: str, saved: datetime | None) -> bool:
    """Whether ``text`` is a day's date and nothing much else (a time of day alone, beside
    a counter, is no column of dates)."""
    if not has_digit(text):
        return False
    found = find_when(text, saved=saved)
    if found is None or found.clock:
        return False
    return found.end - found.start >= len(text) - 2


def _plain(raw: str) -> str:
    """A line without its Markdown: links as their text, emphasis marks and a quote's ">"
    dropped ("*By [Jane Doe](https://…) · 4 March 2024*" reads "By Jane Doe · 4 March 2024"),
    and without template placeholders left unfilled."""
    if "](" in raw:
        raw = _MD_LINK.sub(_link_text, raw)
    if "*" in raw or "__" in raw:
        raw = _MD_EMPHASIS.sub(_emphasised, raw)
    if raw.startswith(">"):
        raw = raw.lstrip("> ")
    if "{{" in raw:
        raw = _PLACEHOLDER.sub("", raw)  # a template the page never filled: "{{hits.count}}"
    if "  " in raw and "  " in raw.strip():  # not an indented line: one spaced out
        raw = spaced_menu(raw)
    if raw[:1] in _BOX_RULES or raw[-1:] in _BOX_RULES:
        raw = _RULED.sub("", raw) or raw  # "── Today, Friday 8 March 2024 ──────"
    return raw


def _link_text(match: re.Match[str]) -> str:
    """A Markdown link's text."""
    return match.group(1)


def _emphasised(match: re.Match[str]) -> str:
    """Emphasised text without its marks."""
    return match.group(2)


def is_rule(line: str) -> bool:
    """A separator line ("---", "* * *", "━━━"), read as a blank line."""
    return line[0] in RULE_START and len(line) <= _WRAP_MAX and _RULE.fullmatch(line) is not None


def _continues(previous: str, line: str, saved: datetime | None) -> bool:
    """Whether ``line`` carries on a sentence from ``previous``: it starts in lower case,
    or ``previous`` ends on a joining word; not a date of its own, read against when the
    page was saved ("for 3 timer siden" under a headline that ends without a stop)."""
    if len(previous) < _UNIT_FLOOR or ends_sentence(previous) or _bullet(line):
        return False
    if line.startswith(("http://", "https://", "www.")):
        return False  # a link under a line is not the rest of its sentence
    if not (line[0].islower() or _ends_on_connector(previous)):
        return False
    # "do 7 maart 2024 | door Eva Hendriks", "hace 2 días" start in lower case but are
    # lines of their own
    if len(line) <= _RELATIVE_LINE and has_day_word(line):
        return False
    return not line[0].isalpha() or parse_byline(line, saved=saved) is None


def _ends_on_connector(text: str) -> bool:
    """Whether ``text`` ends on a comma or a joining word ("… the", "… and"): the pattern
    runs on the line's last characters only, as its matches are at most four long."""
    return _CONNECTOR_END.search(text, max(0, len(text) - _CONNECTOR_REACH)) is not None


def _wrap_width(lines: list[str]) -> int:
    """The width a page was hard-wrapped at (its longest wrapped line), or 0 if it was not.

    A wrapped page has several lines just short of one width and few lines beyond it.
    """
    # a link alone on its line ("(https://…)") is no wrapped text: it has no space to break at
    wrapped = [len(line) for line in lines if _WRAP_MIN <= len(line) <= _WRAP_MAX and " " in line]
    if len(wrapped) < 2:
        return 0
    # lines of words running past any width (a link alone may): no wrap at all
    longer = sum(1 for line in lines if len(line) > _WRAP_MAX and " " in line)
    if longer * _WRAP_LONGER > len(wrapped):
        return 0
    width = max(wrapped)
    near = sum(1 for length in wrapped if length >= width - _WRAP_SLACK)
    return width if near >= 2 else 0


def _wrapped(lines: list[str], width: int) -> list[bool]:
    """Which lines a hard wrap at ``width`` split from the line above.

    The line above is full, and this line's first word would not have fitted on it; and
    the run goes on to a line that ends a sentence, so a list of long headlines with no
    full stops is not taken for one wrapped paragraph.
    """
    wrapped = [False] * len(lines)
    if not width:
        return wrapped
    closes_below = False  # the line below ends a sentence, or wraps on to one that does
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        joins = closes_below and _wraps(line, lines[index + 1], width)
        if joins:
            wrapped[index + 1] = True
        closes_below = bool(line) and (ends_sentence(line) or joins)
    return wrapped


def _wraps(above: str, line: str, width: int) -> bool:
    """Whether ``line`` could be the rest of ``above`` cut at ``width``."""
    if len(above) < width - _WRAP_SLACK or ends_sentence(above):
        return False
    if above.startswith(("http://", "https://")) and " " not in above:
        return False  # a URL alone on its line is full by chance: the next line is not its rest
    if _bullet(line) or _HEADING.match(line):
        return False
    return len(above) + 1 + len(line.split(" ", 1)[0]) > width


def _make_unit(
    number: int,
    text: str,
    block: int,
    day_first: bool,
    marker: str = "",
    *,
    saved: datetime | None = None,
) -> Unit:
    """A unit with its bullet marker or heading mark split off and its roles scored."""
    if "[" in text:
        text = _LINK_REF.sub("", text).strip() or text
    if not text.isascii() and max(text) >= "\u2700" and _PICTOGRAPHS.search(text) is not None:
        text = _PICTOGRAPHS.sub(" · ", text).strip(" ·") or text
        text = " ".join(text.split())
    bullet = None if marker else _bullet(text)
    if bullet is not None and not _dated_number(text, day_first, saved):
        marker, text = bullet.group("marker"), text[bullet.end() :]
    if text[0] in _VOTE_ARROWS or text[-1] == ")":
        text = _SOURCE_DOMAIN.sub("", _VOTE.sub("", text)) or text
    heading = text[0] in "#*" and _HEADING.match(text)
    if heading:
        text = text[heading.end() :]
    stripped = strip_promotion(text)
    promoted = stripped != text and promotes(text)
    closed = stripped != text and not promoted  # "… in Wales. Read more »"
    text = stripped
    byline = None if marker or heading else parse_byline(text, day_first=day_first, saved=saved)
    furniture = None if byline else furniture_kind(text)
    kicker = None if byline or furniture or " | " not in text else _INLINE_KICKER.match(text)
    if kicker is not None:
        text = text[kicker.end() :]
    title_q = 1.0 if heading else _title_quality(text, byline, furniture)
    body_q = 0.1 if heading else _body_quality(text, byline, furniture)
    return Unit(
        line=number,
        text=text,
        block=block,
        marker=marker,
        byline=byline,
        furniture=furniture,
        title_q=title_q,
        body_q=body_q,
        weight=len(text) + _UNIT_FLOOR,
        title_like=title_q >= _TITLE_LIKE,
        sentence=body_q >= 1.0 and title_q < _TITLE_LIKE,
        heading=bool(heading),
        promoted=promoted,
        closed=closed,
    )


def remade(unit: Unit, text: str, day_first: bool, saved: datetime | None = None) -> Unit:
    """``unit`` read again from a shorter ``text`` (a link the page repeats cut off it)."""
    return _make_unit(unit.line, text, unit.block, day_first, unit.marker, saved=saved)


def _dated_number(text: str, day_first: bool, saved: datetime | None) -> bool:
    """Whether a numbered-looking line is a date instead ("3. März 2024 | Von Hans Müller",
    "10. MÄRZ • LENA HOFMANN" on a page saved that year)."""
    return text[0].isdigit() and parse_byline(text, day_first=day_first, saved=saved) is not None


def _title_quality(text: str, byline: Byline | None, furniture: str | None) -> float:
    """How well ``text`` reads as a title: short and not closed by a full stop."""
    if byline is not None or furniture is not None or len(text) > 150:
        return -1.0
    if text.endswith(":"):
        return 0.3
    if ends_sentence(text) and not capitals_headline(text):
        return 0.8 if text.endswith(("?", "!")) and len(text) <= _TITLE_MAX else -0.5
    if len(text) <= _TITLE_SHORT:
        return 1.0
    return 0.8 if len(text) <= _TITLE_MAX and text.count(" ") < _TITLE_WORDS else 0.0


def _body_quality(text: str, byline: Byline | None, furniture: str | None) -> float:
    """How well ``text`` reads as running text: closed like a sentence, or long."""
    if byline is not None or furniture is not None:
        return -1.0
    if ends_sentence(text) or len(text) > _TITLE_MAX:
        return 1.0
    # a long line missing its full stop is still a sentence; a short one is a title
    return 0.5 if text.endswith(":") or len(text) >= _SENTENCE_MIN else 0.1


def _split_inline(units: list[Unit], day_first: bool) -> list[Unit]:
    """Split "Title — Standfirst." lines in two, when most lines of the page are written so."""
    candidates = [u for u in units if u.byline is None and u.furniture is None]
    splits = {id(u): _inline_split(u.text) for u in candidates}
    found = sum(1 for pair in splits.values() if pair is not None)
    if found < 2 or found < _INLINE_SHARE * len(candidates):
        return units
    out: list[Unit] = []
    for unit in units:
        pair = splits.get(id(unit))
        if pair is None:
            out.append(unit)
            continue
        title = _make_unit(unit.line, pair[0], unit.block, day_first, unit.marker)
        out.extend((title, _make_unit(unit.line, pair[1], unit.block, day_first)))
    return out


def _bullet(text: str) -> re.Match[str] | None:
    """A bullet's marker opening ``text`` (_BULLET), the cheap test first."""
    first = text[:1]
    return _BULLET.match(text) if first in _BULLET_MARKS or first.isdigit() else None


def _inline_split(text: str) -> tuple[str, str] | None:
    """(title, standfirst) when a short capitalised head is followed by a sentence."""
    if ": " not in text and " - " not in text and " – " not in text and " — " not in text:
        return None  # no separator (_INLINE_SEPARATOR) anywhere: the cheap test first
    for match in _INLINE_SEPARATOR.finditer(text, 0, 95):
        head, tail = text[: match.start()].strip(), text[match.end() :].strip()
        if not head or not tail or head.count(" ") >= 12 or ends_sentence(head):
            continue
        if not (head[0].isupper() or head[0].isdigit()):
            continue
        if not (tail[0].isupper() or tail[0] in "\"'“‘") or tail.count(" ") < 3:
            continue
        if ends_sentence(tail) or len(tail) >= 60:
            return head, tail
    return None
