"""Plain-text clean-up and title derivation shared by every layout."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Final

from publisher.ingest.parsing.dates import MONTHS

# Only real HTML tag names count, so "a < b" or "x<y and z>w" stay text.
_INLINE_TAGS: Final = (
    "a|abbr|b|bdi|bdo|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|"
    "strike|strong|sub|sup|time|tt|u|var|wbr"
)
_BLOCK_TAGS: Final = (
    "address|article|aside|blockquote|br|button|center|dd|div|dl|dt|figcaption|figure|"
    "footer|form|h[1-6]|header|hr|iframe|img|input|label|li|link|main|meta|nav|noscript|"
    "ol|p|picture|pre|script|section|source|style|table|tbody|td|tfoot|th|thead|tr|ul|video"
)
_TAG: Final = re.compile(
    rf"<!--[^<>]{{0,1000}}-->"
    rf"|</?(?P<inline>{_INLINE_TAGS})(?:\s[^<>]{{0,500}})?/?>"
    rf"|</?(?:{_BLOCK_TAGS})(?:\s[^<>]{{0,500}})?/?>",
    re.IGNORECASE,
)
# XML 1.0 forbids these; zero-width spaces and stray BOMs are invisible noise.
_FORBIDDEN: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\\ud800-\\udfff\u200b\u2060\ufeff]"
)

_SENTENCE_END: Final = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr st prof sr jr vs etc e.g i.e no vol gen col lt rev hon mt inc ltd co "
    "cllr sgt capt fig approx cf al".split()
)
# Where a long sentence may be cut for a title: a dash or a semicolon ends a clause of 30
# characters; a colon only one that stands as a headline of its own (50): before a shorter
# one it opens what it announces ("Convenio 2025: la patronal ofrece …" stays whole, cut
# at a word where too long).
_STRONG_CLAUSE: Final = re.compile(r" [—–-] |; |: ")
_HEADLINE_DASH: Final = re.compile(r" [—–] ")
_CLAUSE_MIN: Final = 30
_COLON_CLAUSE_MIN: Final = 50
# The dots sites set between a line's parts ("MAR 13 ∙ NAME", "Privacy • Terms", "A ‧ B"):
# each, standing alone between spaces, reads as the one separator every rule knows, "·"
# (inside a word or opening a line, as a list's bullet, it stays).
_SPACED_DOT: Final = re.compile(r"(?<=\S) [∙•‧⋅◦・] (?=\S)")
_SPACED_DOTS: Final = "∙•‧⋅◦・"  # the cheap test first: most lines hold none of them
_TRAILING_JUNK: Final = " ,;:–—-(/"
_MIN_LIMIT: Final = 20
_MAX_LIMIT: Final = 99
_LONG_WORD: Final = 12  # a word this long the cut falls in is kept whole, within the limit
UNTITLED: Final = "Untitled"
_ASCII_DIGITS: Final = "0123456789"
_CAPITALS_MIN: Final = 8  # letters of a headline in capitals ("END OF THE STRIKE.")
_CAPITALS_MAX: Final = 150  # ... and its length at most, a title's
_DIGIT: Final = re.compile(r"\d")


def normalise_text(s: str) -> str:
    """Scraped text as one clean line: tags and entities resolved, NFC, spaces collapsed."""
    if not s:
        return s  # a blank line: half a page's lines
    if "<" in s:
        s = _TAG.sub(_tag_replacement, s)
    if "&" in s:
        s = html.unescape(s)
    ascii_only = s.isascii()
    if not ascii_only:
        s = unicodedata.normalize("NFC", s)
    if not s.isprintable():  # fast path: printable text holds nothing to remove
        s = _FORBIDDEN.sub("", s)
    elif ascii_only and "  " not in s and s[:1] != " " and s[-1:] != " ":
        return s  # printable ASCII spaces with " " alone: nothing to collapse
    s = " ".join(s.split())
    if s.isascii() or not any(dot in s for dot in _SPACED_DOTS):
        return s
    return _SPACED_DOT.sub(" · ", s)


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit, as ``\\d`` finds one: ten substring scans find an ASCII
    digit; only text beyond ASCII asks the pattern, which looks up every character's
    Unicode class (several times slower on a line of prose, and most lines hold no digit)."""
    if any(digit in text for digit in _ASCII_DIGITS):
        return True
    return not text.isascii() and _DIGIT.search(text) is not None


def _tag_replacement(match: re.Match[str]) -> str:
    """Inline tags vanish; block tags and comments separate words."""
    return "" if match.group("inline") else " "


def capitals_headline(text: str) -> bool:
    """Whether a line is a headline set wholly in capitals, full stops and all, as old
    newspapers set theirs ("THE STRIKE IN THE WEST. ARREST OF UNION LEADERS."): running
    text is never written so.  Two words at least; a copyright line ("© … 2024. ALL RIGHTS
    RESERVED.") is furniture before it is read."""
    if len(text) > _CAPITALS_MAX or (text.isascii() and not text.isupper()):
        return False  # cheap: an ASCII letter is cased, so one in lower case (or none) shows
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= _CAPITALS_MIN and " " in text.strip() and all(c.isupper() for c in letters)
    )


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence (".", "!", "?", "…", also before quotes or "[…]")."""
    return text.rstrip("\"'”’)]").endswith((".", "!", "?", "…"))


def dash_headline(text: str) -> tuple[str, str] | None:
    """A line set as "Headline — what it is about." split in two: a headline of two words
    or more, no figures (no date or time of day: "ore 11:20 – …"), no sentence end,
    before a spaced dash, and a sentence after it.  None for any other line."""
    match = _HEADLINE_DASH.search(text)
    if match is None:
        return None
    head, rest = text[: match.start()].strip(), text[match.end() :].strip()
    if len(head.split()) < 2 or any(c.isdigit() for c in head) or ends_sentence(head):
        return None
    if not rest[:1].isupper() or not ends_sentence(rest) or len(rest) <= len(head):
        return None
    return head, rest


def first_sentence(text: str) -> str:
    """The text up to its first sentence end, skipping abbreviations and initials."""
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        rest = text[end : end + 3].lstrip()
        if rest and rest[0].islower():
            continue
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        if match.group() == "." and _is_ordinal_date(text, match.start(), end):
            continue
        return text[:end]
    return text


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial ("Dr.", "J.")."""
    space = text.rfind(" ", 0, dot)
    word = text[space + 1 : dot].lstrip("(\"'“‘")
    if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return True
    # a short word in lower case before a number: "kl. 18.30", "nr. 5", "tel. 0264 000"
    after = text[dot + 1 : dot + 3].lstrip()
    return len(word) <= 3 and word.isalpha() and word.islower() and after[:1].isdigit()


def _is_ordinal_date(text: str, dot: int, end: int) -> bool:
    """Whether the full stop at ``dot`` closes a day's ordinal before its month ("zum 1.
    April", "den 27. marts"), as German, Danish, Norwegian, Polish and Czech write them."""
    space = text.rfind(" ", 0, dot)
    day = text[space + 1 : dot]
    if not (day.isdigit() and len(day) <= 2):
        return False
    word = text[end:].lstrip().split(" ", 1)[0].rstrip(".,;:").lower()
    return word in MONTHS


def derive_title(teaser: str, limit: int = 90) -> str:
    """A one-line title for a teaser: its first sentence or clause, cut at a word with "…".

    The result is never empty (``"Untitled"`` for a text with no characters) and at
    most 100 characters whatever ``limit`` says.
    """
    limit = max(_MIN_LIMIT, min(limit, _MAX_LIMIT))
    text = normalise_text(teaser)
    if not text:
        return UNTITLED
    sentence = first_sentence(text)
    whole = _drop_full_stop(sentence)
    if whole and len(whole) <= limit:
        return whole
    clause = _first_clause(sentence, limit)
    if clause:
        return clause + "…"
    return cut_words(sentence, limit, reach=_MAX_LIMIT)


def _drop_full_stop(sentence: str) -> str:
    """A sentence without its single closing full stop (titles do not end in one)."""
    if sentence.endswith(".") and not sentence.endswith(".."):
        return sentence[:-1].rstrip()
    return sentence


def _first_clause(sentence: str, limit: int) -> str:
    """The first clause before a dash, semicolon or colon, when it is long enough to stand."""
    for match in _STRONG_CLAUSE.finditer(sentence, 0, limit + 3):
        clause = sentence[: match.start()].rstrip(_TRAILING_JUNK)
        colon = match.group() == ": "
        least = _COLON_CLAUSE_MIN if colon else _CLAUSE_MIN
        if colon and len(clause) * 2 < len(sentence):
            continue  # "Die Molkerei wird nicht geschlossen: …" leaves out what the news is
        if least <= len(clause) <= limit and _balanced(clause):
            return clause
    return ""


def _balanced(text: str) -> bool:
    """Whether no quotation or bracket is left open in ``text``."""
    return (
        text.count("“") <= text.count("”")
        and text.count('"') % 2 == 0
        and text.count("(") <= text.count(")")
    )


def cut_words(text: str, limit: int, reach: int = 0) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" appended;
    a word the limit falls in is kept whole if it ends within ``reach`` characters (a long
    compound, "Fahrtkostenerstattung", would leave too little of the sentence)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    end = text.find(" ", limit)
    if limit - space > _LONG_WORD and limit < end <= reach:
        return text[:end].rstrip(_TRAILING_JUNK + ".") + "…"
    if space >= limit // 2:
        cut = cut[:space]
    cut = cut.rstrip(_TRAILING_JUNK + ".")
    return (cut or text[:limit]) + "…"
