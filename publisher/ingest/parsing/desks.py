"""Who signs an item without naming a writer: a newsroom, a desk, a body, an agency."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.authors import is_role, titled
from publisher.ingest.parsing.names import PARTICLES, names_body

# Bodies that sign a statement (a committee, a board, a foundation) and publications a
# listing credits (a gazette, a radio station): no writer named.
_BODIES: Final = frozenset(
    """board vorstand committee comité comite comisión comision commissione commission
    executive secretariat sekretariat secretaría secretariado bestuur bureau stiftung
    foundation fundación fondazione fondation stichting gazette radio echo review diary
    weekly daily times herald journal magazine observer tv fm bulletin chronicle tribune
    digest newsletter online uk news
    zarząd prezydium komitet komisja präsidium presidium výbor předsednictvo styrelse styrelsen
    bestyrelse bestyrelsen styret hallitus segreteria direttivo junta ejecutiva executiva
    direção direcção pwyllgor hoofdbestuur""".split()
)
# The newsroom or the site's account signing an item: no writer named.
_DESKS: Final = frozenset(
    (
        "newsdesk",
        "news desk",
        "news team",
        "staff",
        "editorial team",
        "the editors",
        "web team",
        "redazione",
        "redação",
        "redacao",
        "redacción",
        "redaccion",
        "rédaction",
        "redaktion",
        "redactie",
        *("redacció", "redaccio", "redakcja", "redakce", "redakcia", "redaksjonen", "redaktionen"),
        *("toimitus", "szerkesztőség", "erredakzioa", "redacția", "redactia"),
        "y golygydd",
        *("admin", "administrator", "webmaster", "site admin", "guest post", "guest author"),
        *("super user", "superuser", "site editor", "web editor"),
        *("gastbeitrag", "invité", "pa", "pa media", "press association", "dpa", "afp"),
        *("reuters", "ap", "associated press", "efe", "ansa", "europa press", "anp", "belga"),
        *("tt", "ntb", "ritzau", "pap", "agencias", "agences", "agenzie", "agencies"),
        *("pti", "ians", "ani", "upi", "kyodo", "xinhua", "tass", "apa", "lusa", "télam"),
        *("agência brasil", "agencia efe", "nan", "sapa", "aap", "bernama", "yonhap"),
        *("for immediate release", "immediate release", "embargoed", "press release"),
        *("embargoed until", "under embargo", "embargo"),
        *("collectif", "collective", "kollektiv", "colectivo", "collettivo", "coletivo"),
    )
)


# The last word of a newsroom's signature after the outlet's name ("Clachan Reporter").
_DESK_WORDS: Final = frozenset(
    """reporter reporters correspondent correspondents staff team desk newsroom editors
    redaktion redactie redazione rédaction redacción redação""".split()
)
# "The …" opening a body's name after a by-word, in the languages bylines come in.
_BODY_ARTICLES: Final = frozenset("the our la le les die der das el il lo o a het de yr y".split())
_PLAIN_ARTICLES: Final = _BODY_ARTICLES - PARTICLES
_SIGNERS: Final = re.compile(r"\s+(?:and|&|und|et|y|e|en|i|og|och)\s+", re.IGNORECASE)
_BODY_WORDS: Final = 6
_DESK_WORDS_MAX: Final = 4
_EDGES: Final = " ·|•—–-,:/~()[]"
# An agency and its editor's initials, or two agencies: "dpa/lhe", "AFP/Reuters".
_AGENCIES: Final = re.compile(r"\(?[A-Za-z]{2,8}(?:\s?/\s?[A-Za-z]{2,8}){1,3}\)?")


def signed_by_desk(text: str) -> bool:
    """A few words ending in a newsroom's word, no comma ("Clachan Reporter", "Vital Signs
    Staff"): the outlet signs, no writer is named ("Jane Doe, reporter" names one)."""
    words = text.lower().split()
    return 1 < len(words) <= _DESK_WORDS_MAX and words[-1] in _DESK_WORDS and "," not in text


# The last word of an office signing a post instead of a person ("Branch Secretary").
_OFFICES: Final = frozenset(
    """secretary officer organiser organizer coordinator co-ordinator administrator editor
    correspondent reporter treasurer spokesperson team desk staff committee executive
    secretaria secretario secrétaire sekretär sekretärin ysgrifennydd segretario""".split()
)
_OFFICE_WORDS: Final = 3


def no_writer(author: str) -> bool:
    """Whether a byline names a newsroom, a body or a publication ("The Board", "Vorstand",
    "Comisión de Feminismos", "Northgate Gazette") rather than the people who wrote it."""
    lower = author.lower()
    if lower in _DESKS or lower.startswith(("herausgegeben", "published by", "edited by")):
        return True
    if signed_by_desk(author):
        return True  # an outlet's own: "Bench & Bar reporter", "Vital Signs Staff"
    words = lower.split()
    parts = _SIGNERS.split(author)
    if len(parts) > 1:
        # every signer a newsroom or a body: "Sentinel Staff and The Associated Press"
        return all(no_writer(p) or names_body(p.split()) for p in parts if p)
    if is_role(words[0]):
        return True  # a desk named by its job: "Gohebydd Cwlwm", "Reporter Desk"
    if len(words) <= _OFFICE_WORDS and words[-1] in _OFFICES:
        return True  # an office, not a person: "Branch Secretary", "Press Officer"
    return not _BODIES.isdisjoint(lower.replace("-", " ").split())


def body_after_article(text: str) -> bool:
    """Whether the words after a by-word are a body named with its article, never a person
    ("Par Les Décodeurs", "By The Investigations Team", "Von Die Redaktion"): a particle
    that opens surnames ("De Vries", "Le Pen") is no such article."""
    words = text.strip(_EDGES).split()
    if not words or words[0].lower() not in _PLAIN_ARTICLES or "'s " in text or "’s " in text:
        return False  # "the Investigations Team's Nadia Petrakis" names its writer
    if titled(" ".join(words[1:])):
        return False  # "gan yr Athro Elin Royles", "by the Rev. Ann Lee": a person
    return is_desk(text)


def is_desk(text: str) -> bool:
    """Whether the words after a by-word name a newsroom, a body or an outlet, capitalised
    like a name ("Redazione", "Departamento Jurídico", "Our Reporter")."""
    words = text.strip(_EDGES).split()
    if 1 < len(words) <= _BODY_WORDS and words[0].lower() in _BODY_ARTICLES:
        # "Compiled by the Society's War Memorials Group", "par la Rédaction Web"
        return all(w[:1].isupper() for w in words[1:] if len(w) > 3)
    if not words or len(words) > _DESK_WORDS_MAX or not words[0][:1].isupper():
        return False
    return no_writer(" ".join(words)) or names_body(words)


def agency_initials(text: str) -> bool:
    """A line of an agency and its editor's initials ("dpa/lhe", "epd/mig", "AFP/Reuters")."""
    return _AGENCIES.fullmatch(text) is not None and no_writer(text.split("/", 1)[0].strip("( "))
