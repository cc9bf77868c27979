"""People's names: telling a name from other short text, and finding one in a standfirst."""

from __future__ import annotations

import re
from typing import Final

# Lower-case words that may sit inside a name ("Ursula von der Leyen").
_PARTICLE_WORDS: Final = (
    "de da di del della der den van von du le la bin al el y and & ap ab dos das do"
)
PARTICLES: Final = frozenset(f"{_PARTICLE_WORDS} ter ten zu".split())
# A title written in lower case before a name, as Dutch writes it: "mr. Anna de Groot" (a
# lawyer), "dr.", "drs.", "ir.", "prof."
_LOWER_TITLE: Final = re.compile(r"(?:mr|dr|drs|ir|ing|prof|dhr|mevr|mw)\.\s+(?=[A-ZÀ-ÖØ-Þ])")
# Capitalised words that start sentences or phrases, never names.
_STOPWORDS: Final = frozenset(
    "a an and as at after before but by during for from he her his i if in into it its "
    "last latest more most my new no not of on once our over she since so some than that the their "
    "then there these they this those to today tomorrow under until we when where while who "
    "why with yesterday you your "
    # the same first words in the other languages pages come in (none of them a first name)
    "le la les un une du au aux ce cette nos notre votre vos mon mes son ses leur leurs qui "
    "que quand comment pourquoi où der die ein eine dem im am zum zur wie was warum wo wer "
    "unser unsere ihr ihre el los las unos unas su sus nuestro nuestra nuestros mis qué "
    "cómo para il lo gli uno della dei alla nel nella suo nostro nostra mio come perché os "
    "um uma dos das seu sua nosso meu minha porque het een ons onze mijn hoe wat waarom yr "
    "eich ein".split()
)
# Roles and honorifics written next to a name but not part of it.
_ROLES: Final = frozenset(
    "mp mep msp ms am mla td qc kc obe mbe cbe phd jr sr sir dame lord lady baroness baron "
    "dr prof professor cllr councillor chair chairman chairwoman chairperson secretary "
    "leader president minister editor columnist comrade mr mrs miss mx rev reverend "
    "general deputy mayor senator rep congressman congresswoman".split()
)
# Words of section labels and kinds of piece ("PRESS RELEASE", "Media briefing",
# "Long read", "Comunicato stampa"), and of a publication's type ("Working paper", "Fact
# sheet", "NOTA DE ANÁLISIS", "Informe anual"): a line of nothing else is a label, never a name.
SECTION_WORDS: Final = frozenset(
    """press release releases statement statements media briefing briefings opinion column
    post posts text photo photos
    comment analysis long read news update updates feature features interview review reviews
    report reports editorial letters letter blog podcast video event events explainer
    obituary brief breaking live exclusive latest essay essays guide policy research
    campaign campaigns communications articles article notes note notices archive stories
    story publications publication papers paper team past first response responses
    consultation consultations submission submissions evidence politics business world sport
    sports culture economy international national regional jobs announcements members
    en bref brèves kurz meldungen
    communiqué communiqués presse tribune actualité actualités entretien
    pressemitteilung pressemeldung meinung kommentar nachrichten aktuelles bericht
    comunicado comunicados prensa opinión noticias noticia crónica entrevista
    comunicato stampa notizie notizia opinione intervista
    notícias notícia opinião imprensa
    persbericht nieuws opinie column interview achtergrond
    datganiad newyddion barn
    working fact sheet factsheet book books dossier toolkit handbook study studies annual
    informe informes nota notas análisis documento documentos trabajo estudio estudios anual
    rapport rapports étude études analyse annuel
    studie studien arbeitspapier positionspapier jahresbericht
    rapporto rapporti studio analisi annuale
    relatório relatórios estudo estudos análise
    rapporten notitie onderzoek publicatie publicaties jaarverslag
    adroddiad papur""".split()
)
# A news site's sections in the languages pages come in, kept apart from SECTION_WORDS (the
# rules' and the labeller's label reading): a heading that is only one names no publication.
_NEWS_SECTIONS: Final = frozenset(
    """politics politik politique política politica politiek polityka politika politiikka
    gwleidyddiaeth economy wirtschaft économie economía economia economie gospodarka ekonomi
    talous sport sports deportes esporte esportes chwaraeon urheilu culture kultur cultura
    cultuur diwylliant kulttuuri inland ausland monde mundo mondo wereld binnenland
    buitenland société sociedad gesellschaft società sociedade samenleving samfunn samhälle
    lokales""".split()
)
# Section words that are nobody's name: a would-be name holding one is a section's label
# ("STATE POLITICS", "World News"); the others may be surnames ("Jane Long", "Ann Story").
_SECTION_ONLY: Final = SECTION_WORDS - frozenset(
    """long read brief paper papers guide live press review letter letters feature first team
    latest story note notes column report event world response evidence first
    book books rapport studio""".split()
)
# Words of organisations, departments, desks and outlets in the languages pages come in
# ("Departamento Jurídico", "Social Sciences", "Mumbai News Network", "Express Web Desk",
# "Morning Star"): a line holding one is not a person's name.  No surname is among them.
ORG_WORDS: Final = frozenset(
    """department departamento dipartimento departement département abteilung afdeling
    adran office oficina ufficio büro bureau kantoor swyddfa desk desks redacción
    redação redazione rédaction redaktion redactie toimitus redaktionen newsroom
    network networks netzwerk rede rete réseau netwerk rhwydwaith service services
    servicio serviço servizio dienst agency agencia agência agenzia agence agentur
    news nieuws noticias notícias notizie nachrichten nyheter uutiset newyddion
    press prensa imprensa stampa presse pers wasg media medien mídia médias
    direction direção dirección direzione direktion directie directorate
    secretariado secretaría secretaria segreteria
    campaign campaigns campanha campaña campagna campagne kampagne kampanja ymgyrch
    salarial sindical syndical sindacale gewerkschaftlich
    science sciences ciencias ciências scienze wissenschaften wetenschappen
    social sociale sociales sociais soziales sozial
    education educação educación educazione bildung onderwijs addysg ensino enseñanza
    health saúde salud salute gesundheit gezondheid iechyd
    superior superiore höhere
    jurídico juridico giuridico juridique rechtsabteilung legal jurídica juridica giuridica
    asesoría asesoria assessoria consulenza rechtsberatung
    forum fórum foro alliance alianza alleanza aliança coalition coalición coalizione
    caucus society sociedad società institute instituto istituto institut
    centre center centro zentrum movement movimiento movimento mouvement bewegung beweging
    university universidad universidade università universität universiteit prifysgol
    school escola escuela scuola schule school ysgol
    union unión união unione gewerkschaft vakbond undeb syndicat sindicato
    association associação asociación associazione verband vereniging cymdeithas
    federation federación federação federazione fédération
    council consejo conselho consiglio conseil rat raad cyngor
    ministry ministerio ministério ministero ministère ministerium
    government gobierno governo gouvernement regierung regering llywodraeth
    party partido partito parti partei partij plaid
    tv radio channel wire
    morning evening sunday mirror star guardian telegraph independent scotsman
    times tribune gazette herald courier observer chronicle journal express""".split()
)
_HANDLE: Final = re.compile(r"@?[a-z][a-z0-9_.-]{1,24}")
_WORD_CHARS: Final = re.compile(r"[^\W\d_][\w'’.\-]*")
_DOTTED_DOMAIN: Final = re.compile(r"[^\W\d_]{2}\.[^\W\d_]")
_ATTRIBUTION: Final = re.compile(
    r"[,—–]\s{1,3}(?:argues|writes|says|explains|reports|asks|warns|insists|suggests|"
    r"contends|believes|notes|claims|recalls|reflects)\s{1,3}(?P<who>[^,;:!?]{3,80}?)"
    r"[.!?…]?[\"'”’)]?\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION_MARKS: Final = ",—–"  # what opens every _ATTRIBUTION
_MAX_NAME_WORDS: Final = 4
_BODY_OPENERS: Final = frozenset("the our your staff special own".split())
_ACRONYM: Final = 3  # letters: "ITV", "PTI"; two ("AJ") may be initials


def _is_name_word(word: str) -> bool:
    """A capitalised word of letters (apostrophes, hyphens, an initial's dot allowed; a dot
    inside a word is a web address's, "Nation.Cymru")."""
    if not word[0].isupper() or _WORD_CHARS.fullmatch(word) is None:
        return False
    return "." not in word or _DOTTED_DOMAIN.search(word) is None


def is_news_section(text: str) -> bool:
    """A heading naming a news site's section ("Politik", "Economía", "Sport")."""
    return is_section_label(text) or text.strip().lower() in _NEWS_SECTIONS


def is_section_label(text: str) -> bool:
    """A line of section words only ("NEWS & CAMPAIGN UPDATES", "Press release")."""
    words = [w for w in text.lower().split() if w not in PARTICLES]
    return bool(words) and all(w.strip(":,.") in SECTION_WORDS for w in words)


def is_name(text: str, *, loose: bool = False) -> bool:
    """Whether ``text`` is a person's (or a group's) name and nothing else.

    Strict: two to four capitalised words, particles allowed inside.  Loose (a byline
    that also has a date): one to six words, or a lower-case handle such as "admin".
    """
    words = text.split()
    if not words or len(text) > 60:
        return False
    if loose and len(words) == 1 and _HANDLE.fullmatch(words[0]):
        return True
    low, high = (1, 6) if loose else (2, _MAX_NAME_WORDS)
    named = [w for w in words if w.lower() not in PARTICLES]
    if len(words) > 1 and words[-1] not in named and words[-1][:1].isupper():
        named.append(words[-1])  # a surname that is also a particle: "Arjun Das", "Mai Le"
    if not low <= len(named) <= high or words[0].lower() in PARTICLES:
        return False
    if words[-1] not in named:
        return False
    if not loose and words[0].lower() in _STOPWORDS:
        return False
    if not loose and len(named) > 2 and words[0].endswith("ing"):
        return False  # "Remembering Jim Corrigan" is a headline, not a name
    if not all(_is_name_word(w) for w in named):
        return False
    if is_section_label(text) or not _SECTION_ONLY.isdisjoint(w.lower() for w in named):
        return False  # a section label ("Press Release", "Opinion", "State Politics")
    return not names_body(words)


def is_body_name(text: str) -> bool:
    """A short line naming a body, a department or a desk, capitalised like a name
    ("Ação Sindical", "Departamento Jurídico", "Social Sciences"): a label, not a person."""
    words = text.split()
    named = [w for w in words if w.lower() not in PARTICLES]
    if not 1 <= len(named) <= _MAX_NAME_WORDS or not all(_is_name_word(w) for w in named):
        return False
    return not ORG_WORDS.isdisjoint(w.lower() for w in named)


def names_body(words: list[str]) -> bool:
    """Whether the words of a would-be name name a body, a desk or an outlet instead: an
    organisation's word ("Departamento Jurídico", "Sky News"), "The …" / "Our …" first
    ("The Guardian", "Our Reporter"), or an acronym beside a word in title case ("ITV
    News"; "SARAH McLEOD" is a name in capitals)."""
    lower = [w.lower().strip(".,") for w in words]
    if lower[0] in _BODY_OPENERS or not ORG_WORDS.isdisjoint(lower):
        return True
    mixed = any(w[:1].isupper() and w[1:].islower() and len(w) > 1 for w in words)
    return mixed and any(
        len(w) >= _ACRONYM and w.isupper() and w.isalpha() and w.lower() not in _ROLES
        for w in words
    )


def trailing_author(text: str) -> str | None:
    """The author named at a standfirst's end: "…, argues Name." / "…, writes chair Name MP."."""
    if not any(mark in text for mark in _ATTRIBUTION_MARKS):
        return None  # the cheap test first: most standfirsts hold none of them
    match = _ATTRIBUTION.search(text)
    if match is None:
        return None
    return _name_run(match.group("who").split())


def _name_run(words: list[str]) -> str | None:
    """The run of name words at the end of ``words``, without roles like "chair" or "MP"."""
    while words and words[-1].lower().strip(".,") in _ROLES:
        words = words[:-1]
    run: list[str] = []
    for word in reversed(words):
        lower = word.lower()
        if lower in _ROLES or lower in _STOPWORDS:
            break
        if not (_is_name_word(word) or (run and lower in PARTICLES)):
            break
        run.insert(0, word)
    while run and run[0].lower() in PARTICLES:
        run.pop(0)
    if 2 <= len(run) <= _MAX_NAME_WORDS:
        return " ".join(run)
    return None


def leading_by(text: str) -> tuple[str, str] | None:
    """("Name", rest) when a standfirst opens "By Name …" before its first sentence."""
    if not text.startswith(("By ", "by ")):
        return None
    words = text[3:].split(" ", 6)
    run: list[str] = []
    for word in words[:-1]:
        bare = word.rstrip(",:")
        if len(run) == 3 or not _is_name_word(bare) or bare.lower() in _STOPWORDS:
            break
        if len(bare) > 2 and bare.isupper():
            break  # "By Urte March VOTING IS open": capitals start the story
        if bare.endswith(("'s", "’s")):
            break
        run.append(bare)
        if bare != word:
            break
    if len(run) < 2:
        return None
    rest = text[3:].split(" ", len(run))[-1].lstrip(" :—–-,")
    name = " ".join(run)
    if len(run[-1]) > 2:
        name = name.rstrip(".")
    return (name, rest) if rest else None


def without_lower_title(text: str) -> str:
    """``text`` without the title in lower case it opens with ("mr. Anna de Groot")."""
    match = _LOWER_TITLE.match(text)
    return text[match.end() :] if match is not None else text
