"""A book's reference under a review's headline: its author, title, publisher, year and
pages ("Marco Revelli, Ultimo turno, Einaudi, 2026, pp. 312, € 20"), never a headline."""

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
_REFERENCE_MAX: Final = 200


def is_book_reference(text: str) -> bool:
    """Whether a line is a book's reference: parts set apart by commas, its year of
    publication and its number of pages among them, no sentence."""
    if len(text) > _REFERENCE_MAX or "," not in text or text.endswith(("?", "!")):
        return False
    return _PAGES.search(text) is not None and _YEAR.search(text) is not None
