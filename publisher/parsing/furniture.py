"""Site furniture: navigation, calls to action, footers; never items.

Two kinds matter.  A ``"link"`` ("Read more", "Share this") belongs to the item above
it and is simply dropped.  A ``"block"`` (newsletter sign-up, promotion, copyright,
"Follow us") is a box of its own, so a short title standing right above it is the
box's heading and is dropped with it ("Class struggle bulletin" / "Stay up to date
with our weekly newsletter").  Promotions ("Buy online here!", "Book online here!")
count as block furniture: a line that opens with one is dropped whole, and one
trailing a teaser is cut off, leaving the teaser.
"""

from __future__ import annotations

import re

LINK = "link"
BLOCK = "block"

_MAX_FURNITURE = 100
_MAX_COPYRIGHT = 200
_LINK = re.compile(
    r"(?:read|view|see|learn)\s+(?:more|all|the full (?:article|story|post))\b.{0,40}"
    r"|continue reading\b.{0,60}|full story|more\s*[»›>→]|load more|show more"
    r"|(?:older|newer|next|previous)\s+(?:posts?|entries|articles|page)\b.{0,10}"
    r"|share(?: this)?(?:\s*(?:on|via)\b.{0,40}|\s*:.{0,60})?|tweet|print|email"
    r"|\d{0,4}\s*comments?(?:\s*\(\d+\))?|leave a (?:comment|reply)"
    r"|back to top|skip to (?:main )?content|home|menu|search|log ?in|sign in|next|previous"
    r"|(?:tags?|tagged|categor(?:y|ies)|filed under|posted in)\s*:?\s+.{0,80}",
    re.IGNORECASE,
)
_BLOCK = re.compile(
    r"(?:stay up to date|subscribe|sign up|join our (?:mailing list|newsletter)"
    r"|get (?:our|the) (?:newsletter|latest)|never miss|follow us|find us on|like us on"
    r"|support (?:us|our work)|donate\b|become a (?:member|supporter|subscriber)"
    r"|powered by|we use cookies|privacy policy|terms (?:of|and)\b|contact us"
    r"|about us)\b.{0,90}",
    re.IGNORECASE,
)
_COPYRIGHT_WORDS = ("copyright", "all rights reserved", "(c) 1", "(c) 2", "(c)1", "(c)2")
_NAV_HINTS = ("|", "›", "»", " · ", " • ", " / ")
_PROMOTION = re.compile(
    r"(?:buy|book|order|download|get|pre-?order|register|reserve)\b[^.!?]{0,80}"
    r"\b(?:here|online|now|today)(?:[.!]+(?=\s|$)|$)",
    re.IGNORECASE,
)
_NAV_SEPARATORS = re.compile(r"\s*[|›»]\s*|\s+[·•/]\s+")
_TRAILING_PROMOTION = re.compile(
    r"(?<=[.!?])\s+(?:buy|book|order|download|pre-?order|register|reserve)\b[^.!?]{0,80}"
    r"\b(?:here|online|now|today)[.!]*$",
    re.IGNORECASE,
)


def furniture_kind(text: str) -> str | None:
    """``"link"`` or ``"block"`` when a whole line is site furniture, else None."""
    if len(text) <= _MAX_COPYRIGHT and _is_copyright(text):
        return BLOCK
    if len(text) > _MAX_FURNITURE:
        return None
    if _LINK.fullmatch(text.rstrip(" .!»›→…")):
        return LINK
    if _BLOCK.match(text) or _PROMOTION.match(text):
        return BLOCK
    if _is_navigation(text):
        return LINK
    return None


def _is_copyright(text: str) -> bool:
    """A copyright line: "©", "(c) 2024", "Copyright", "All rights reserved"."""
    if "©" in text:
        return True
    lower = text.lower()
    return any(word in lower for word in _COPYRIGHT_WORDS)


def _is_navigation(text: str) -> bool:
    """A row of three or more short links: "Home | News | About"."""
    if not any(hint in text for hint in _NAV_HINTS):
        return False
    parts = [p for p in _NAV_SEPARATORS.split(text) if p]
    return len(parts) >= 3 and all(len(p) <= 30 and p.count(" ") <= 3 for p in parts)


def strip_promotion(text: str) -> str:
    """A teaser without a promotion after it ("… April 2017. Buy online here!")."""
    return _TRAILING_PROMOTION.sub("", text) if len(text) <= _MAX_COPYRIGHT else text
