"""The author-archive header: "22 Articles by:" / the name / a one-line biography.

Below the header an archive is an ordinary listing (or teasers); every item in it
is the named author's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from publisher.ingest.parsing.authors import is_role
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name, without_lower_title
from publisher.ingest.parsing.roles import name_only

AUTHOR_ARCHIVE: Final = "author-archive"

_NOUNS: Final = (
    r"(?:articles?|posts?|stories|story|entries|pieces|columns|items|writings?|works?|blogs?"
    r"|publications?|artikel|beiträge|texte|artículos|publicaciones|articoli|artigos"
    r"|artikelen|erthyglau|publicaties|artiklar|artikler|artykuły|wpisy|teksty|inlägg|innlegg|indlæg"
    r"|textos|contenuti|conteúdos|contenidos|contenus|inhalte|texter|tekster|tekstit|cikkek"
    r"|columnas|colunas|kolumnen|chroniques|rubriche|cartoons?|viñetas"
    r"|írások|kirjoitukset|artikkelit|ailt|altanna)"
)
# The name before a possessive noun: "Kovács Réka cikkei (412)", "Jane Doe's articles (34)",
# "Ida M. Kessler Archive"
_OWNED_HEADER: Final = re.compile(
    r"(?P<name>[^—–|·:,()]{3,60}?)(?:'s|’s)?\s+"
    r"(?:cikkei|írásai|articles|posts|stories|columns|archive|writings)"
    r"\s*(?:\(\d[\d,.]*\))?",
    re.IGNORECASE,
)
_BY_HEADER: Final = re.compile(
    rf"(?P<all>all|alle|alla|todos los|tous les|tutti gli|todos os|pob)?\s*(?P<count>\d[\d,]*\s+)?"
    rf"(?P<noun>{_NOUNS})\s+"
    r"(?:written\s+)?(?:by|von|de|par|di|door|gan|por|av|af|van|przez|da|le)\b\s*:?\s*(?P<name>.*)",
    re.IGNORECASE,
)
# The nouns _NOUNS writes in the singular: "Story by Kirra Walsh" signs one piece
_SINGULAR: Final = frozenset("article post story writing work blog publication cartoon".split())
_LABEL_HEADER: Final = re.compile(
    r"(?:(?:author(?:\s+archives?)?|contributor|writer)\s*:|archives?\s+for"
    # "Latest from Jane Doe", "Les derniers articles de Jane Doe"
    r"|(?:latest|recent)(?:\s+(?:articles|posts|stories|writing))?\s+(?:from|by)"
    r"|les derniers articles de|neueste beiträge von|lo último de|ultimi articoli di)"
    r"\s*(?P<name>.+)",
    re.IGNORECASE,
)
# "Dave Kelly — Author at Salford Trades Council Bulletin" (a WordPress author page's title)
_AT_SITE_HEADER: Final = re.compile(
    r"(?P<name>[^—–|·:,]+?)\s*[—–|·:,-]\s*(?:author|auteur|autor|autore|autrice|writer"
    r"|contributor)\s+(?:at|bei|chez|en|di|em|bij|yn)\b.*",
    re.IGNORECASE,
)
_COUNT_HEADER: Final = re.compile(
    rf"(?P<name>[^—–|·:,(]+?)\s*[—–|·:,(-]\s*\d[\d,]*\s+{_NOUNS}\)?", re.IGNORECASE
)
# Whatever the pieces are called, a heading naming a person by a by-word over their count:
# "Tutte le gallery di Andrea Rinaldi (312)", "Notícias de Marta Figueiredo (1.248)"
_COUNTED_BY: Final = re.compile(
    r"(?:[^\W\d]+\s+){1,4}(?:by|von|de|di|da|do|del|par|door|gan|por|av|af|van|przez|of)\s+"
    r"(?P<name>[^()\d]{3,60}?)\s*\(\d[\d,.]*\)"
)
_HEADER_MAX: Final = 100
# The marks before a count or a role that _COUNT_HEADER, _AT_SITE_HEADER and _ALL_HEADER
# each need: the cheap test before them
_HEADER_MARKS: Final = ("—", "–", "|", "·", ":", ",", "(", "-")
_HEADER_REACH: Final = 12  # the header is the first line, or under a site name, menu or profile
_BIO_LINES: Final = 2
_OTHERS_SHARE: Final = 3  # others signing a third of the pieces under a profile make it no archive
_OWNER_TOP: Final = 2  # a personal site's name stands on the page's first lines
_PRONOUNS: Final = ("He ", "She ", "They ", "His ", "Her ", "Their ")
# "Articles by Jane Doe (37)", "Tutti gli articoli di Marco Ferri · 57 contenuti"
_COUNT: Final = re.compile(r"\s*(?:\(\d[\d,.]*\)|[·|—–-]\s*\d[\d,.]*\s+\w+)$")
# A heading over all of an author's pieces, the name over it: "Todos os textos (143)",
# "All articles (57)", "Alle Beiträge · 34"
_ALL_HEADER: Final = re.compile(
    rf"(?:all|alle|todos los|todos os|todas as|tous les|tutti gli|pob)?\s*(?:\w+\s+)?{_NOUNS}"
    # the author named by a word after the noun: "Teksty autorki (38)", "Artikel des Autors (12)"
    r"(?:\s+(?:des|de|del|da|do|dell[ao]|l[ae]|van|de\s+l[ae]|of\s+the))?(?:\s+(?-i:[a-zà-ÿ]\w*))?"
    r"\s*(?:\(\d[\d,.]*\)|[·|—–-]\s*\d[\d,.]*)",
    re.IGNORECASE,
)
_NAME_REACH: Final = 6  # units between the author's name and the heading over their pieces
_BESIDE: Final = 8  # lines around a person's name where the page names them again
_NAME_LINE: Final = 60  # characters: a line longer than this holds more than a name
# "Jane Doe is a reporter…", "… writes about housing": not "Jane Doe was jailed…"; an
# apposition may come between ("Johanna Kerschbaum, geboren 1983 in Cottbus, schreibt …")
_APPOSITION: Final = r"(?:,[^,.;]{1,60},|\s?\([^)]{1,60}\))?"  # ", born 1983," "(Taranto, 1986)"
_ABOUT: Final = re.compile(
    _APPOSITION + r"\s(?:is (?:[Aa]|[Aa]n|[Tt]he|[Oo]ne|our)|writes|covers|reports|edits"
    # "writes" in other languages
    r"|schreibt|berichtet|écrit|escribe|scrive|escreve|schrijft|skriver|pisze"
    r"|has (?:written|worked|reported)"
    # the same in other languages: "est une journaliste", "ist Redakteurin", "är reporter"
    r"|est (?:une?|l[ae]|notre)|ist (?:eine?|Redakteur|Reporter|Journalist)|es (?:una?|la|el)"
    r"|è (?:una?|il|la|lo)|é (?:uma?|o|a)|is (?:een|de|het)|är|er|yw"
    # Finnish and Estonian "on", Polish "jest", Catalan "és", Basque "… da" comes last
    r"|on|jest|és)\b"
)
# "… è giornalista e ricercatrice", "… ist Journalistin": a job title after the verb "to be"
_IS_ROLE: Final = re.compile(
    _APPOSITION + r"\s(?:is|è|ist|est|es|é|er|är|jest|on|yw)\s(?P<role>\w+(?:\s\w+){0,2})"
)
# A profile's count of followers under the name ("1.4K Followers", "312 Abonnenten").
_FOLLOWERS: Final = re.compile(
    r"\d[\d.,]*\s?[KkMm]?\s+(?:followers|following|subscribers|abonnenten|abonnés|seguidores"
    r"|seguaci|volgers|följare|seuraajaa|dilynwyr)\b.*",
    re.IGNORECASE,
)
_TEAM_REACH: Final = 12  # units under a profile where a second name and title make a list
_ROLE_LINE: Final = 4  # words: a job title between a profile's name and its biography
_DESCRIPTION: Final = 160  # characters: a longer description of who the person is


@dataclass(frozen=True)
class Header:
    """The author an archive page is about, and how many units its header takes."""

    author: str
    consumed: int
    reason: str
    aside: tuple[int, ...] = ()  # a profile's lines beside the pieces (a sidebar's)


def find_header(units: list[Unit]) -> Header | None:
    """The archive header at the top of a page, if the page has one.

    Either a heading naming the author ("Articles by Jane Doe") or a profile: the
    author's name over a biography that starts with it ("Jane Doe is a reporter…").
    A heading right under a profile belongs to the header too.
    """
    signed = 0  # bylines and datelines seen: the pieces began at the second
    for start in range(min(_HEADER_REACH, len(units))):
        header = _header_at(units, start) or _profile_at(units, start)
        if header is not None:
            return _with_heading(units, header)
        signed += start > 0 and units[start].byline is not None and units[start - 1].byline is None
        if signed >= 2:
            break  # a profile below the pieces is a sidebar's
    for start in range(min(_HEADER_REACH, len(units))):
        header = _named_above(units, start)
        if header is not None:
            return header
    return None


def _named_above(units: list[Unit], index: int) -> Header | None:
    """A heading over all of someone's pieces ("Todos os textos (143)") under their name,
    a role, a biography or handles in between."""
    text = units[index].text
    if len(text) > _HEADER_MAX or not _marked(text) or not _ALL_HEADER.fullmatch(text):
        return None
    for above in range(index - 1, max(-1, index - 1 - _NAME_REACH), -1):
        name = _usual_case(units[above].text)
        if units[above].byline is None and is_name(name):
            if any(_by_another(u, name) for u in units[index + 1 :]):
                return None
            lines = f"{units[0].line}-{units[index].line}"
            return Header(
                name, index + 1, f"{AUTHOR_ARCHIVE}: header on lines {lines} names {name}"
            )
    return None


def _usual_case(text: str) -> str:
    """A name in capitals ("MARCO FERRI") written in its usual case."""
    return text.title() if text.isupper() else text


def profile_aside(units: list[Unit]) -> Header | None:
    """A profile beside the pieces (a name over its followers and biography, in a sidebar
    or at the foot) whose name also stands alone at the top, as the masthead: the page is
    that person's (a Medium profile's Home tab, posts signed by no line)."""
    top = {u.text: i for i, u in reversed(list(enumerate(units[:_HEADER_REACH])))}
    for index in range(len(units) - 1):
        name = units[index].text
        if name in top and index > top[name] and _FOLLOWERS.fullmatch(units[index + 1].text):
            if not is_name(name) or any(_by_another(u, name) for u in units[top[name] + 1 :]):
                return None
            at = units[top[name]].line
            bio = _BIO_LINES if index + 2 < len(units) and units[index + 2].sentence else 1
            aside = tuple(range(index, min(len(units), index + 1 + bio)))
            reason = f"{AUTHOR_ARCHIVE}: profile on line {at} of {name}"
            return Header(name, top[name] + 1, reason, aside)
    return None


def titled_owner(units: list[Unit]) -> Header | None:
    """A personal site's header: its owner's name as the masthead over their job title
    ("HANNAH OKONJO" / "Journalist"), the pieces below signed by hardly anyone else: the
    page lists that person's work (a freelancer's clips).  ``units`` open with the masthead."""
    if len(units) < 2 or units[0].line > _OWNER_TOP or units[0].byline is not None:
        return None
    name = _usual_case(units[0].text)
    role = units[1]
    if not is_name(name) or not _role_line(role) or not is_role(role.text.replace(",", " ")):
        return None
    signed = [u for u in units[2:] if u.byline is not None]
    if sum(_by_another(u, name) for u in signed) * 3 >= len(signed):
        return None  # others sign the pieces (a co-writer or an outlet may sign a few)
    lines = f"{units[0].line}-{role.line}"
    return Header(name, 2, f"{AUTHOR_ARCHIVE}: the site's owner on lines {lines}, {name}")


def _profile_at(units: list[Unit], index: int) -> Header | None:
    """A profile starting at ``units[index]``: a name line, then a biography about them."""
    name = units[index].text
    if index + 1 >= len(units) or not is_name(name):
        return None
    after = index + 1
    if _FOLLOWERS.fullmatch(units[after].text):
        return _followed(units, index, name)
    role = after + 1 < len(units) and (
        _role_line(units[after]) or _described(units[after], units[after + 1].text, name)
    )
    if role:
        after += 1  # "Aino Virtanen" / "Toimittaja" / "Aino Virtanen on …"
    bio = units[after].text
    if name.isupper() and bio[: len(name)].casefold() == name.casefold():
        name = bio[: len(name)]  # "RACHEL OKORO" over "Rachel Okoro spent …": as the bio writes it
    titled = role and is_role(units[index + 1].text.replace(",", " "))
    opening = _bio_opening(bio, name)
    if opening is None and titled and _told(units, after):
        opening = ""  # "Kev Holroyd" / "Cartoonist" / "Kev has drawn for …": told of them
        name = _usual_case(name)
    if opening is None:
        return None
    # a job title between the name and the bio says who they are ("Columnist, The Long Shift")
    if not (titled or _about(bio, len(opening))):
        return None
    consumed = after + _biography(units[after : after + _BIO_LINES], name)
    if _others_sign(units[consumed:], name) or _profiled_above(units, index):
        return None  # others sign the items below: a story about this person, not theirs
    lines = f"{units[0].line}-{units[consumed - 1].line}"
    return Header(name, consumed, f"{AUTHOR_ARCHIVE}: profile on lines {lines} of {name}")


def _others_sign(below: list[Unit], name: str) -> bool:
    """Whether others than ``name`` sign the pieces below a profile: another's name on a
    line of its own (a team's page), or a third of its signed or dated lines by others (a
    guest's column among the owner's is theirs alone)."""
    if any(u.byline is None and _names_another(u, name) for u in below):
        return True
    others = sum(_by_another(u, name) for u in below if u.byline is not None)
    signed = sum(u.byline is not None for u in below)
    return others > 0 and others * _OTHERS_SHARE >= signed


def _profiled_above(units: list[Unit], index: int) -> bool:
    """Whether another name over a job title stands just over a profile: a team's page."""
    return any(
        is_name(units[i].text) and _role_line(units[i + 1]) and is_role(units[i + 1].text)
        for i in range(max(0, index - _TEAM_REACH), index - 1)
    )


def _told(units: list[Unit], start: int) -> bool:
    """Whether a biography in sentences starts at ``units[start]`` under a name and its job
    title, once on the page: one person's profile, not a list of people (a team page)."""
    if not units[start].sentence or units[start].byline is not None:
        return False
    return not any(
        _role_line(units[i + 1]) and is_name(units[i].text) and is_role(units[i + 1].text)
        for i in range(start + 1, min(len(units) - 1, start + _TEAM_REACH))
    )


def _bio_opening(bio: str, name: str) -> str | None:
    """How a biography opens with the person's name: whole ("Juliana Bastos Ferreira is …")
    or, saying what they do, by the first name ("Juliana escreve às quartas-feiras …")."""
    if bio.startswith(name):
        return name
    first = name.split()[0]
    if " " in name and bio.startswith(first + " ") and _about(bio, len(first)):
        return first
    return None


def _described(unit: Unit, bio: str, name: str) -> bool:
    """Whether a line between a name and its biography describes the person at length
    ("Economista, pesquisadora do mercado de trabalho e professora da Universidade …"):
    no sentence, no byline, and the biography under it opens with the name."""
    text = unit.text
    if unit.byline is not None or text.endswith((".", "!", "?")) or len(text) > _DESCRIPTION:
        return False
    return _bio_opening(bio, name) is not None


def _about(bio: str, start: int) -> bool:
    """Whether a biography says who the person named before ``start`` is or what they write."""
    if _ABOUT.match(bio, start):
        return True
    match = _IS_ROLE.match(bio, start)
    return match is not None and is_role(match.group("role"))


def _by_another(unit: Unit, name: str) -> bool:
    """Whether a line signs a piece by others than ``name`` (co-authors with them are not,
    nor the others a line credits beside them: "Words by A, drawings by Name")."""
    author = unit.byline.author if unit.byline is not None else None
    return author is not None and name not in author and name not in unit.text


def _role_line(unit: Unit) -> bool:
    """A short line that is no sentence and no byline: a job title under a name."""
    text = unit.text
    return unit.byline is None and len(text.split()) <= _ROLE_LINE and not text.endswith(".")


def _followed(units: list[Unit], index: int, name: str) -> Header | None:
    """A profile of a name over its count of followers (a Medium or Substack profile): every
    post below is theirs, though some repeat the name over them."""
    consumed = index + 2
    if any(_by_another(u, name) for u in units[consumed:]):
        return None
    lines = f"{units[0].line}-{units[consumed - 1].line}"
    return Header(name, consumed, f"{AUTHOR_ARCHIVE}: profile on lines {lines} of {name}")


def _with_heading(units: list[Unit], header: Header) -> Header:
    """``header`` with the heading under it when that heading names the same author."""
    if header.consumed >= len(units):
        return header
    after = _header_at(units, header.consumed)
    if after is None or after.author != header.author:
        return header
    return Header(header.author, after.consumed, header.reason)


def _marked(text: str) -> bool:
    """Whether ``text`` holds one of the marks a count or a role is set apart by."""
    return any(mark in text for mark in _HEADER_MARKS)


def _header_at(units: list[Unit], index: int) -> Header | None:
    """A header starting at ``units[index]``: its name on the same line or the next."""
    text = units[index].text
    if len(text) > _HEADER_MAX:
        return None
    match = _BY_HEADER.fullmatch(text)
    if match is not None and _signs_one(match):
        return None
    match = match or _LABEL_HEADER.fullmatch(text)
    if match is None and text.endswith((")", "i", "s", "e")):
        match = _OWNED_HEADER.fullmatch(text) or _COUNTED_BY.fullmatch(text)
    if match is None and _marked(text):
        match = _COUNT_HEADER.fullmatch(text) or _AT_SITE_HEADER.fullmatch(text)
    if match is None:
        return None
    name = without_lower_title(_COUNT.sub("", match.group("name")).strip(" :—–-|·"))
    consumed = index + 1
    if not name and consumed < len(units) and is_name(units[consumed].text):
        name = units[consumed].text
        consumed += 1
    if not name or not is_name(name):
        return None
    consumed += _biography(units[consumed : consumed + _BIO_LINES], name)
    lines = f"{units[0].line}-{units[consumed - 1].line}"
    return Header(name, consumed, f"{AUTHOR_ARCHIVE}: header on lines {lines} names {name}")


def _signs_one(match: re.Match[str]) -> bool:
    """Whether a "NOUN by NAME" line names one piece ("Story by Kirra Walsh"): a byline
    over a front page's lead story, not a heading over all of someone's pieces, counted
    ("Work by Nia Fairweather (8)") or not."""
    counted = match.group("count") or _COUNT.search(match.group("name"))
    return not (match.group("all") or counted) and match.group("noun").casefold() in _SINGULAR


def _biography(units: list[Unit], name: str) -> int:
    """How many of ``units`` are the author's biography (sentences about them)."""
    tokens = [t for t in name.split() if len(t) > 2]
    count = 0
    for unit in units:
        about = unit.text.startswith(_PRONOUNS) or any(t in unit.text for t in tokens)
        if not unit.sentence or unit.byline is not None or not about:
            break
        count += 1
    return count


def named_twice(
    units: list[Unit], top: list[int], first: int, end: int, records: int
) -> Header | None:
    """A person's page, told by their name standing alone over the pieces and named again
    beside it (the breadcrumb's last step, the portrait's caption, "Columns by Name"): the
    pieces below are theirs, though the header follows no set shape.

    ``units`` are all the page's lines, furniture too (breadcrumbs and captions are);
    ``top`` the indexes of those the header may take, none below ``first``, the first
    record's first line (which may be the name, read as the first piece's byline);
    ``records`` records end before ``end`` (a box of other writers may follow them).
    """
    for rank, index in enumerate(top[:_HEADER_REACH]):
        unit = units[index]
        name = name_only(unit.text)
        if name is None or len(name.split()) < 2 or " and " in name:
            continue
        if unit.byline is not None and unit.byline.author != name:
            continue  # a line signing with more than the name alone
        if not _named_beside(units[max(0, index - _BESIDE) : first], unit.text, name):
            continue
        if sum(_names_another(u, name) for u in units[index + 1 : end]) * 3 >= max(1, records):
            return None  # others sign the pieces: a name in the page's top is no owner
        consumed = rank + 1
        while consumed < len(top) and units[top[consumed]].block == unit.block:
            consumed += 1  # the name's own block: a job title, a party, a place under it
        reason = f"{AUTHOR_ARCHIVE}: {name} named on line {unit.line} and beside it"
        return Header(name, consumed, reason)
    return None


def _named_beside(near: list[Unit], line: str, name: str) -> bool:
    """Whether a line of ``near`` other than ``line`` names ``name`` among other words, as
    a name is written, or in capitals at a line's end ("AUTORI › CHIARA BENEDETTI"): not a
    label the page repeats alone (a menu entry over a heading), nor a section a breadcrumb
    writes in sentence case ("Notícias > Giro rápido"), nor an entry inside a menu row."""
    upper = name.upper()
    for unit in near:
        text = unit.text.strip()
        if text == line.strip() or text.casefold() == name.casefold():
            continue
        if name in text or text.endswith(upper):
            return True
    return False


def _names_another(unit: Unit, name: str) -> bool:
    """Whether a line signs a piece by someone other than ``name``, by a by-line or by a
    name on a line of its own ("[Photo of Priya Nair]" / "Priya Nair" over each post)."""
    if unit.byline is not None:
        return _by_another(unit, name)
    author = name_only(unit.text) if len(unit.text) <= _NAME_LINE else None
    return author is not None and name not in author and name not in unit.text
