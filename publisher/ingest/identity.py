"""Item identity: fingerprints that recognise a story, and readable ids minted once."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Set

MAX_SLUG_LENGTH = 60
MIN_OVERLAP_KEY = 12  # a shorter title ("We won!", "Labels") says too little to compare
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d+")
_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


def text_key(text: str | None) -> str:
    """Case-, accent-, punctuation- and space-insensitive form of a text, for matching."""
    if not text:
        return ""
    # NFKD splits accents off as combining marks, which are not word characters: the
    # substitution drops them with the punctuation, in C rather than a Python loop.
    return _KEY_DROP.sub("", unicodedata.normalize("NFKD", text.casefold()))


def title_overlap(first: str, second: str) -> float:
    """How much of the shorter title the longer one holds in one piece (0 to 1).

    Titles a parser reads with a marker cut or a subtitle kept ("[14]Title", "Title:
    subtitle") overlap almost wholly; two different stories share at most a phrase.
    Digits are left out: the dates and numbers around a title are what one parser
    keeps and another reads apart ("02/27/2024 - Title"). Only the items of one unchanged
    page that no exact key matched are compared this way.
    """
    short, long = sorted(
        (_DIGITS.sub("", text_key(first)), _DIGITS.sub("", text_key(second))), key=len
    )
    if len(short) < MIN_OVERLAP_KEY:
        return 0.0
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    return matcher.find_longest_match(0, len(short), 0, len(long)).size / len(short)


def digest(text: str) -> str:
    """A short, fixed-width stand-in for a long key, for indexing.

    80 bits: collisions stay vanishingly rare at millions of items, and short keys
    keep the store's indexes small.
    """
    return hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()


def fingerprint(title: str, summary: str | None) -> str:
    """Same title and standfirst on any page → same fingerprint → same item."""
    return digest(f"{text_key(title)}\n{text_key(summary)}")


def slugify(text: str, *, limit: int = MAX_SLUG_LENGTH) -> str:
    """ASCII, lowercase, hyphenated, cut at a word boundary; "" when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rsplit("-", 1)[0]
        slug = (cut if cut else slug[:limit]).strip("-")
    return slug


def base_id(title: str, story: str) -> str:
    """The id a new item would like: its title's slug (a hash when the title has no letters)."""
    return slugify(title) or "item-" + story[:10]


def unique_id(base: str, taken: Set[str]) -> str:
    """``base``, numbered when it is already taken: ids are readable and never reused."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
