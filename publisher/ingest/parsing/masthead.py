"""The publication's name where the page states it: its masthead, or its copyright line."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.authors import usual_case
from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.desks import no_writer
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name, is_news_section
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LABEL, META, TEXT, TITLE

_COPYRIGHT: Final = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s?[–-]\s?\d{4})?)?\s*(?:by\s)?(?P<name>[^.|,©·∙•]{3,60}?)"
    r"\s*(?:\b(?:ltd|limited|inc|llc|gmbh|e\.\s?v|asbl|vzw|cic)\b.*|[.|,·∙•]|all rights|alle rechte"
    r"|tous droits|todos los|tutti i|$)",
    re.IGNORECASE,
)
_TAGLINE: Final = re.compile(r"\s+[—–|:]\s+|\s+-\s+")
_TAGLINE_MARKS: Final = "—–|:-"  # one of them stands in every _TAGLINE
_TOP: Final = 6
_OWNER_REACH: Final = 3  # an owner's name stands in the first lines of the page
_FIRST_PERSON: Final = re.compile(r"\b(?:I|I'm|I’m|my|My|me)\b")
# words of a site's name, never of a person's ("Tyneside Today", "Valley News")
_SITE_WORDS: Final = frozenset(
    "Today News Times Post Daily Weekly Herald Gazette Journal Review Press Blog Online "
    "Magazine Bulletin Courier Observer Chronicle Standard Voice Tribune Express Mail Star "
    "Union Party Council Network Campaign Group Branch Society Trust Foundation Institute "
    "Books Bookshop Bookstore Publishing Records Media Radio Theatre Cinema Gallery Library "
    "Centre Center Café Cafe Association Alliance Coalition Federation Movement Project "
    "Collective Forum Co-op Cooperative Ltd".split()
)
_MAX_WORDS: Final = 6
_DATE_PARTS: Final = re.compile(r"\s+[·•|]\s+")
_CAPS_LABELS: Final = 2  # dated lines with a label in capitals: the page's kickers
_CAPS_LETTERS: Final = 3
_ABOUT_THEM: Final = 2  # items naming the site's person: releases about them
_MENU_PARTS: Final = re.compile(r"\s{2,}|\s[|·/]\s|\s*[|›»]\s*")
_MENU_ENTRIES: Final = 3
_MENU_CHARS: Final = 200
# The buttons a profile page puts by its name ("Follow   Message"), read as one line.
_BUTTON_WORDS: Final = frozenset(
    "Follow Unfollow Message Subscribe Share Menu Search Login Reblog Donate Join Contact".split()
)
# A menu that filters the page's items by a kind ("Filter by table: All | Central Table |
# Home Care", "Filtrar por tema:"): its entries are the items' categories, unless it filters
# by who wrote them ("Filter by author:").
_FILTER_MENU: Final = re.compile(
    r"^(?:filter(?:\s+by)?|filtrer(?:\s+par)?|filtern(?:\s+nach)?|filtrar(?:\s+por)?"
    r"|filtra(?:\s+per)?|filteren(?:\s+op)?|show|browse(?:\s+by)?)\b(?P<kind>[^:|]{0,30}):\s*",
    re.IGNORECASE,
)
_WRITER_KINDS: Final = re.compile(r"auth|writ|aut|contrib|reporter|journalist", re.IGNORECASE)
_YEAR: Final = re.compile(r"\b\d{4}\b")


def find_publication(units: list[Unit], syms: list[str]) -> str | None:
    """The name the page gives itself, or None when it states none."""
    copyright_name = _from_copyright(units, syms)
    masthead = _masthead(units, syms)
    if masthead and (
        copyright_name is None or _shares_word(masthead, copyright_name) or _stated(units, masthead)
    ):
        return masthead
    return copyright_name


def _masthead(units: list[Unit], syms: list[str]) -> str | None:
    """The first short heading at the top of the page ("THE NORTHERN CHRONICLE",
    "Tyneside Today", "Name — tagline")."""
    seen = 0
    for unit, symbol in zip(units, syms, strict=True):
        if symbol in (FURNITURE, META):
            continue
        seen += 1
        if seen > _TOP:
            return None
        if symbol not in (TITLE, LABEL):
            continue
        name = _before_tagline(unit.text).strip()
        if is_news_section(name):
            continue  # a section's heading ("Politics") names no publication
        if 0 < name.count(" ") + 1 <= _MAX_WORDS and name[0].isupper() and name[-1].isalnum():
            return usual_case(name) if name.isupper() else name
    return None


def _from_copyright(units: list[Unit], syms: list[str]) -> str | None:
    """ "© 2024 Tyneside Today. All rights reserved." → "Tyneside Today"."""
    for unit in reversed(units):
        lower = unit.text.lower()
        if "©" not in unit.text and "(c)" not in lower and "copyright" not in lower:
            continue
        match = _COPYRIGHT.search(unit.text)
        if match is not None:
            name = _YEAR.sub("", match.group("name")).strip(" -–—")
            if name and name[0].isupper():
                return name
    return None


def _shares_word(first: str, second: str) -> bool:
    """Whether two names share a word of four letters or more."""
    words = {w.lower() for w in first.split() if len(w) >= 4}
    return any(w.lower() in words for w in second.split())


def _stated(units: list[Unit], name: str) -> bool:
    """Whether ``name`` recurs on the page (a masthead repeated in records or the footer)."""
    key = name.casefold()
    return sum(1 for unit in units if key in unit.text.casefold()) >= 2


def mark_masthead(units: list[Unit], syms: list[str], reasons: list[str], name: str | None) -> None:
    """The masthead line at the top (the publication's name, with or without its tagline)
    is furniture, not an item, where the page confirms the name: its copyright line names
    it (or shares a word with it, the masthead heading the page over a tagline or a
    heading), or another line of the page is the name alone."""
    if name is None:
        return
    _unsign(units, name)
    key = name.casefold()
    content = [i for i, s in enumerate(syms) if s not in (FURNITURE, META)][:_TOP]
    top = next((i for i in content if _head(units[i].text) == key), None)
    if top is None:
        return
    below = next((syms[i] for i in content if i > top), TITLE)
    if below in (TEXT, BYLINE):
        return  # a headline over its story, though the page's name may match it
    copyright_name = _from_copyright(units, syms)
    again = any(
        i != top and unit.text.casefold().startswith(key) and _head(unit.text) == key
        for i, unit in enumerate(units)
    )
    named = copyright_name is not None and copyright_name.casefold() == key
    # or the page's first line shares a word with its copyright and stands over a tagline,
    # a menu or a heading, not over an item's text
    over = (
        top == content[0]
        and copyright_name is not None
        and _shares_word(name, copyright_name)
        and below in (TITLE, LABEL)
    )
    if again or named or over:
        syms[top] = FURNITURE
        reasons[top] = "furniture (masthead: the publication's name)"


def _unsign(units: list[Unit], name: str) -> None:
    """A byline naming the page's own publication ("Posted by The Valley Voice", "News |
    3 March | Valley Voice") names no writer where other bylines name people: the site
    signs the pieces nobody wrote; a person's own site ("Ruth Adebayo") is signed by them,
    as is a newsletter whose copyright is a writer's who signs some pieces with others."""
    key = name.casefold()
    authors = {u.byline.author.casefold() for u in units if u.byline and u.byline.author}
    if key not in authors or (is_name(name) and authors == {key}):
        return
    if any(" and " in author and key in author.split(" and ") for author in authors):
        return  # "Ruth Abernathy and Kwame Duah": a person, who writes with others
    _without_writers(units, {key})


def unsign_sections(units: list[Unit], syms: list[str]) -> None:
    """A byline naming an entry of the page's section menu ("NZ   World   Politics   Te Ao
    Māori", "Inicio | Política | Cultura") names the item's section, not its writer: the
    menu is one of sections where one of its entries is a section's name."""
    authors = {u.byline.author.casefold() for u in units if u.byline and u.byline.author}
    if not authors:
        return
    entries: set[str] = set()
    for unit, symbol in zip(units, syms, strict=True):
        if len(unit.text) > _MENU_CHARS:
            continue
        filters = _filter_menu(unit.text)  # a menu by its label, whatever its symbol
        if filters is None and symbol != FURNITURE:
            continue
        text = unit.text[filters.end() :] if filters is not None else unit.text
        parts = [p.strip() for p in _MENU_PARTS.split(text) if p.strip()]
        if len(parts) >= _MENU_ENTRIES and (
            filters is not None or any(is_news_section(p) for p in parts)
        ):
            entries.update(p.casefold() for p in parts)
    if not authors.isdisjoint(entries):
        _without_writers(units, entries)


def _filter_menu(text: str) -> re.Match[str] | None:
    """The label of a menu filtering items by a kind other than their writer, if the line
    opens with one ("Filter by table:")."""
    match = _FILTER_MENU.match(text)
    if match is None or _WRITER_KINDS.search(match.group("kind")) is not None:
        return None
    return match


def unsign_caps_kickers(units: list[Unit]) -> None:
    """A part in capitals beside a date ("SAN STEFFAN  •  9 Mawrth 2025", "7 marzo 2025 ·
    PUBBLICO IMPIEGO") names the item's section, not its writer, where the page's other
    dated lines hold a label in capitals at that place ("SENEDD  •  5 awr yn ôl")."""
    named: set[str] = set()
    labels = 0
    for unit in units:
        kicker = _caps_beside_date(unit)
        if kicker is None or unit.byline is None:
            continue
        author = unit.byline.author
        if author is not None and author.casefold() == kicker.casefold():
            named.add(kicker.casefold())
        else:
            labels += 1
    if named and labels >= _CAPS_LABELS and labels >= len(named):
        _without_writers(units, named)


def _caps_beside_date(unit: Unit) -> str | None:
    """The one part in capitals of a dated line of two parts, if it has one."""
    if unit.byline is None or unit.byline.published is None or not _DATE_PARTS.search(unit.text):
        return None
    parts = [p.strip(" ·•|") for p in _DATE_PARTS.split(unit.text) if p.strip(" ·•|")]
    caps = [p for p in parts if p.isupper() and sum(c.isalpha() for c in p) >= _CAPS_LETTERS]
    return caps[0] if len(parts) == 2 and len(caps) == 1 else None


def _without_writers(units: list[Unit], names: set[str]) -> None:
    """Every byline naming one of ``names`` (casefolded) kept for its date, without a writer."""
    for i, unit in enumerate(units):
        byline = unit.byline
        if byline is not None and byline.author is not None and byline.author.casefold() in names:
            units[i] = unit._replace(byline=Byline(None, byline.published, byline.clock))


def _head(text: str) -> str:
    """A line's text before any tagline, casefolded."""
    return _before_tagline(text).strip().casefold()


def _before_tagline(text: str) -> str:
    """A line's text before its tagline ("Name — tagline"), if it has one; the cheap test
    first, as the pattern tries every space of a long line."""
    if not any(mark in text for mark in _TAGLINE_MARKS):
        return text
    return _TAGLINE.split(text, maxsplit=1)[0]


def find_owner(units: list[Unit], roles: list[str]) -> str | None:
    """The person whose own site the page is ("~/notes — Ravi Gupta" at the top, and the
    page speaking in the first person: "what I learned", "my hallway"), who wrote its
    unsigned posts; None for a publication's page."""
    top = [u for u, role in zip(units, roles, strict=True) if not role.startswith("item")][:2]
    names = [
        part
        for unit in top
        if unit.line <= _OWNER_REACH
        for part in _TAGLINE.split(unit.text.strip("~/ "))
        if is_name(part) and not no_writer(part) and not _not_a_name(part)
    ]
    if len(names) != 1:
        return None
    items = [u.text for u, role in zip(units, roles, strict=True) if role.startswith("item")]
    if _about_them(items, names[0]):
        return None
    return names[0] if any(_FIRST_PERSON.search(text) for text in items) else None


def _not_a_name(part: str) -> bool:
    """A site's name ("The Valley Post") or a row of its buttons ("Follow   Message"),
    capitalised like a person's name."""
    words = part.split()
    return not _SITE_WORDS.isdisjoint(words) or not _BUTTON_WORDS.isdisjoint(words)


def _about_them(items: list[str], name: str) -> bool:
    """Whether the items name the site's person as their subject ("Rachel welcomes £2.1m
    …", "Rachel Odumosu speaks …"): a press office's releases, no one's own posts."""
    first = name.split()[0]
    pattern = re.compile(rf"\b{re.escape(first)}(?:['’]s)?\b")
    return sum(1 for text in items if pattern.search(text)) >= _ABOUT_THEM
