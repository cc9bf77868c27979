"""Item identity: fingerprints that recognise a story, and readable ids minted once."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Set

MAX_SLUG_LENGTH = 60
_NON_WORD = re.compile(r"[^a-z0-9]+")
_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


def text_key(text: str | None) -> str:
    """Case-, accent-, punctuation- and space-insensitive form of a text, for matching."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _KEY_DROP.sub("", stripped)


def fingerprint(title: str, summary: str | None) -> str:
    """Same title and standfirst on any page → same fingerprint → same item."""
    key = f"{text_key(title)}\n{text_key(summary)}"
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()


def slugify(text: str, *, limit: int = MAX_SLUG_LENGTH) -> str:
    """ASCII, lowercase, hyphenated, cut at a word boundary; "" when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rsplit("-", 1)[0]
        slug = (cut if cut else slug[:limit]).strip("-")
    return slug


def mint_id(title: str, summary: str | None, taken: Set[str]) -> str:
    """A readable, unique id for a new item: its title's slug, numbered if already taken."""
    base = slugify(title) or "item-" + fingerprint(title, summary)[:10]
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
