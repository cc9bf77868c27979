"""Who else wrote a piece on an author's page: a line naming the co-writers under a title
("with Kayode Bello"), or a standfirst opening with the writers' names, the page's author
among them ("Hannah Clarke and Rob Mensah examine …"); and the one writer every record
of a list names among others (a scholar's papers: "A", "A and B", "C and A")."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.names import is_name

_OPENING_WORDS: Final = 12  # a standfirst's first words: a few writers' names at most
_RECORDS_MIN: Final = 3  # records that show one name recurring among their writers
# A line naming who else wrote a piece on an author's page: "with Kayode Bello", "avec
# Claire Dumont et Léa Roux", "mit Jonas Keller", "con Giulia Santoro"
_WITH: Final = re.compile(
    r"(?:(?:co-?(?:written|authored)\s+)?with|avec|mit|con|com|met|gyda|amb|z|med"
    r"|comhscríofa\s+le|coécrit\s+avec|escrito\s+con)\s+(?P<names>.+)",
    re.IGNORECASE,
)
_AND: Final = re.compile(
    r"\s*(?:,|&|\band\b|\bet\b|\bund\b|\be\b|\by\b|\ben\b|\ba\b|\bog\b|\boch\b)\s*"
)


def with_coauthors(text: str, author: str) -> str | None:
    """The writers of a piece on ``author``'s page whose line names the others ("with
    Kayode Bello"): "Nia Fairweather and Kayode Bello"; None for any other line."""
    match = _WITH.fullmatch(text.strip())
    if match is None:
        return None
    names = [n for n in _AND.split(match.group("names")) if n]
    if not names or not all(is_name(n) for n in names) or author in names:
        return None
    writers = [author, *names]
    return f"{', '.join(writers[:-1])} and {writers[-1]}"


def opening_coauthors(text: str, author: str) -> str | None:
    """The writers a standfirst on ``author``'s page opens with, ``author`` among them
    ("Hannah Clarke and Rob Mensah examine …", "A, B and C compare …"); None unless it
    names others too."""
    if not text.startswith(author):
        return None
    words: list[str] = []
    for word in text.split()[:_OPENING_WORDS]:
        if word[:1].islower() and word not in ("and", "&"):
            break
        words.append(word)
    names = [n for n in _AND.split(" ".join(words)) if n]
    if len(names) < 2 or names[0] != author or not all(is_name(n) for n in names):
        return None
    return f"{', '.join(names[:-1])} and {names[-1]}"


def recurring_writer(authors: list[str | None]) -> str | None:
    """The one person every record names among its writers where some name others beside
    them (a research repository's or a scholar's list: "A", "A and B", "C and A"): the
    page lists that person's work, each record by its own writers; None for any other."""
    if len(authors) < _RECORDS_MIN or any(a is None for a in authors):
        return None
    lists = [[n.strip() for n in _AND.split(a) if n.strip()] for a in authors if a]
    if not any(len(names) > 1 for names in lists):
        return None  # one writer alone on every record: a listing signed by one person
    common = set(lists[0]).intersection(*lists[1:])
    return common.pop() if len(common) == 1 and is_name(next(iter(common))) else None
