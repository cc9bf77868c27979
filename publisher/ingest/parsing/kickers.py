"""Labels and kickers by their text alone: a section's name in capitals ("ANALYSIS"), with its
series' number ("WORKING PAPER N. 27/2025"), a show's episode ("IL CANTIERE · EP. 41") or its
topic ("COLUMNA DE OPINIÓN · SALUD"), and a piece's kind with its topics ("Press Release |
Housing").  Such a line names what an item is or where it belongs, never its headline."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.names import is_section_label
from publisher.ingest.parsing.text import has_digit

_LABEL_WORDS: Final = 3
_LABEL_CHARS: Final = 30
# a series' number after its name in capitals: "N. 27/2025", "NO. 12", "Nº 3", "#58"
_SERIES_NUMBER: Final = re.compile(
    r"\s+(?:N|NO|NR|NUM|Nº|N°)?[.#]?[º°]?\s?\d{1,4}(?:/\d{2,4})?$", re.IGNORECASE
)  # "WORKING PAPER N. 27/2025", "DOCUMENTO DE TRABALHO  n.º 2025/02"
_SERIES_LOWER: Final = "normuº"  # the lower-case letters _SERIES_NUMBER may match
# a show's episode after its name: "TURNI DI NOTTE · S3 E8", "IL CANTIERE · EP. 41"
_EPISODE: Final = re.compile(
    r"\s*[·|•–—-]\s*(?:S\d{1,2}\s?E\d{1,3}|EP\.?\s?\d{1,4}|#\d{1,4}"
    r"|(?:EPISODE|ÉPISODE|EPISODIO|EPISÓDIO|FOLGE|AFLEVERING|PUNTATA|ODCINEK|PENNOD)\s\d{1,4})$"
)
_PART_MARKS: Final = "|·•"
_PARTS: Final = re.compile(r"\s+[|·•]\s+")
_TOPIC_WORDS: Final = 4  # a topic after a piece's kind is a few words


def kind_and_topics(text: str) -> bool:
    """Whether a line is a piece's kind and its topics set apart ("Press Release | Housing",
    "Opinion · Climate, Energy"): a label, whether over the title or under it."""
    if not any(mark in text for mark in _PART_MARKS):
        return False
    parts = _PARTS.split(text)
    return (
        len(parts) > 1
        and is_section_label(parts[0])
        and all(p and len(p.split()) <= _TOPIC_WORDS and p[-1] not in ".!?" for p in parts)
        and not has_digit(text)  # "OPINIÓN · Página 18": a print page, beside its kind
    )


def caps_label(text: str) -> bool:
    """A word or three in capitals, no digits: a section name or kicker; with the number
    of its series after it ("WORKING PAPER N. 27/2025", "POLICY BRIEF NO. 12", "DOSSIER
    NR. 4"), or a show's with its episode ("IL CANTIERE · EP. 41"); a line in capitals
    closed by a full stop is an old newspaper's headline ("THE BUSHMEN'S BATTLE.")."""
    if text.endswith(".") and not text.endswith(".."):
        return False
    if text.isupper() and any(mark in text for mark in _PART_MARKS):
        parts = _PARTS.split(text)  # a section and its topic: "COLUMNA DE OPINIÓN · SALUD"
        if len(parts) > 1 and all(part and caps_label(part) for part in parts):
            return True
    if text[-1:].isdigit() and text.isupper() and (episode := _EPISODE.search(text)):
        text = text[: episode.start()]  # the show over its episode's title
    if text[-1:].isdigit():
        if any(c.islower() and c not in _SERIES_LOWER for c in text):
            return False  # lower case before the number: no label in capitals, whatever it is
        text = _SERIES_NUMBER.sub("", text)
    return (
        text.isupper()
        and text.count(" ") < _LABEL_WORDS
        and len(text) <= _LABEL_CHARS
        and not any(c.isdigit() for c in text)
    )
