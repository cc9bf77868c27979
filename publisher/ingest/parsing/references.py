"""References, never a headline: a book's under a review's headline (its author, title,
publisher, year and pages: "Marco Revelli, Ultimo turno, Einaudi, 2026, pp. 312, € 20") or
a paper's journal under its title ("ILR Review 76 (3), 512-530, 2023"), a
document's number over its title ("Dokument nr. 15:512 (2026-2027)", "Proyecto de Ley N.°
01279/2026-CR", "Analyse n° 25/2026 · Syndicalisme") and the article a letter answers
("Zu: „Busse stehen still“", "Re: 'Pay deal rejected'")."""

from __future__ import annotations

import re
from typing import Final

# How many pages, in the languages reviews come in: "pp. 312", "312 Seiten", "208 p."
_PAGES: Final = re.compile(
    r"(?:\bpp?\.\s?\d{2,4}|\b\d{2,4}\s?(?:pp?\.|pages|seiten|s\.|páginas|págs?\.|pagine"
    r"|pag\.|pagina's|blz\.|stron|sidor|sider|tudalen))(?!\w)",
    re.IGNORECASE,
)
_YEAR: Final = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A journal article's place in its journal: its volume and issue ("76 (3)"), or its pages
# and year ("512-530, 2023"), as a scholar's list of papers gives them under each title.
_IN_JOURNAL: Final = re.compile(
    r"\b\d{1,4}\s?\(\d{1,4}(?:[-–]\d{1,4})?\),|\b\d{1,5}\s?[-–]\s?\d{1,5},\s?(?:19|20)\d\d\b"
)
_REFERENCE_MAX: Final = 200


def is_book_reference(text: str) -> bool:
    """Whether a line is a book's reference: parts set apart by commas, its year of
    publication and its number of pages among them, no sentence."""
    if len(text) > _REFERENCE_MAX or "," not in text or text.endswith(("?", "!")):
        return False
    if _IN_JOURNAL.search(text) is not None:
        return True  # "ILR Review 76 (3), 512-530, 2023"
    return _PAGES.search(text) is not None and _YEAR.search(text) is not None


# a document's kind, its number sign and its number: "Dokument nr. 15:512", "Bill No. 42",
# "Proyecto de Ley N.° 01279/2026-CR", "Analyse n° 25/2026", "Issue #58", "HB 1234"
_NUMBERED: Final = re.compile(
    r"(?P<kind>[^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_]+){0,3})\.?\s+"
    r"(?P<sign>(?:n(?:r|o|um|úm|º|°)?\.?\s?[º°]?|#)\s?)?"
    r"(?P<code>[A-Z]{0,3}[-/.]?\d(?:[\w./:-]*\w)?)(?=[\s)·|•–—]|$)",
    re.IGNORECASE,
)
# what may follow a number: the years it belongs to, then one category after a separator
_AFTER_NUMBER: Final = re.compile(
    r"\s*(?:\([^()]{1,30}\))?\s*(?:[·|•–—-]\s+[^\W\d_][\w'’-]*(?:\s[\w'’-]+){0,2})?$"
)
# the article a letter or a reply answers: "Zu: „…“", "Re: '…'", "À propos de « … »"
_ANSWERS: Final = re.compile(
    r"(?:re|zu|betr(?:ifft)?\.?|à propos de|a propos de|in reply to|reply to|replying to"
    r"|responding to|a propósito de|en respuesta a|in risposta a|naar aanleiding van|n\.a\.v\.)"
    r"\s?:?\s+[„“\"«‚‘'‹].{3,}[“”\"»‘’'›]",
    re.IGNORECASE,
)
_NUMBER_KIND_WORDS: Final = 4


def numbered_kind(text: str) -> str | None:
    """The kind a document's reference names before its number ("dokument nr.", "bill
    no.", "hb"), casefolded, where the line is that reference and nothing more but the
    years it belongs to and a one-word category ("Analyse n° 25/2026 · Emploi"); else None.
    "Episode 34: How unions win" and "10 things…" are no reference: words follow."""
    match = _NUMBERED.match(text)
    if match is None or _AFTER_NUMBER.match(text, match.end()) is None:
        return None
    kind = match.group("kind")
    if kind.count(" ") >= _NUMBER_KIND_WORDS:
        return None
    return " ".join(f"{kind} {match.group('sign') or ''}".casefold().split())


# a document's number first, then its kind after a separator: "25.3187 | Motion",
# "24-PA-0913 · Grievance arbitration", "A/HRC/58/L.12 – Resolution"
_NUMBER_FIRST: Final = re.compile(
    r"(?:[A-Z]{1,4}[-/.]?\d[\w./:-]*|\d+[./:-][\w./:-]*\w)"  # a code, not a count: "3 – …"
    r"\s+[|·•–—-]\s+[^\W\d_][\w'’-]*(?:\s[\w'’-]+){0,2}"
)


def number_first(text: str) -> bool:
    """Whether a line is a document's number and its kind and nothing more ("25.3187 |
    Motion"): a register's reference over the title, as numbered_kind's in the other order."""
    return text[:1].isalnum() and _NUMBER_FIRST.fullmatch(text) is not None


def answers_article(text: str) -> bool:
    """Whether a line names the article a letter or a reply answers: "Zu:", "Re:", "In
    reply to", "À propos de" and that article's headline in quotes, nothing after it."""
    return _ANSWERS.fullmatch(text.strip()) is not None


# the label of a record's subject before its title: "Subject: Minimum wages for …"
_SUBJECT: Final = re.compile(
    r"(?:subject|asunto|assunto|objet|oggetto|betreff|onderwerp|emne|ämne|aihe|temat|pwnc)"
    r"\s?:\s+(?=\S)",
    re.IGNORECASE,
)


def without_subject_label(title: str) -> str:
    """A title without the label that names it the record's subject ("Subject: Pending
    EPF Pension Claims" is the title "Pending EPF Pension Claims")."""
    match = _SUBJECT.match(title)
    return title[match.end() :] if match is not None else title
