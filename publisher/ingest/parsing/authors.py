"""Author names as bylines write them, cleaned: roles cut, capitals undone, several joined."""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.names import PARTICLES, is_name, is_section_label

# "and" in the languages bylines come in; several authors are joined back with "and".
# A comma before the last "and" (the serial comma: "A, B, and C") is one joint; so is the
# credit of a second writer for working with the first: "A, avec la collaboration de B".
_AND: Final = re.compile(
    r"\s*,?\s+(?:avec la collaboration d[e']|with the collaboration of|in collaboration with"
    r"|en collaboration avec|con la colaboración de|con la collaborazione di|unter Mitarbeit von"
    r"|in Zusammenarbeit mit|met medewerking van)\s*(?=[A-ZÀ-Þ])"
    r"|\s*,\s*(?:and|&|und|et|y|e|en|och|og|avec|with)\s+|\s+(?:avec|with)\s+(?=[A-Z])"
    r"|\s+(?:and|&|und|et|y|e|en|ac|a|i|och|og|oraz|agus|ja|eta|și|şi|/)\s+|\s*[,;]\s*",
    re.IGNORECASE,
)
# "With" before the names a line gives (a podcast's or a report's: "Med A och B", "Com A e B").
_WITH: Final = re.compile(r"^(?:with|med|mit|con|com|avec|met)\s+(?=[A-ZÀ-Þ])", re.IGNORECASE)
_WITH_OPENINGS: Final = frozenset(("with", "med ", "mit ", "con ", "com ", "avec", "met "))
_ROLE_WORDS: Final = frozenset(
    "administrator worker assistant adviser advisor trustee treasurer caseworker "
    "editor correspondent reporter writer columnist secretary organiser organizer "
    "co-ordinator coordinator officer director chair president member mp mep msp am "
    "councillor cllr spokesperson spokesman spokeswoman researcher economist fellow "
    "analyst head campaigner official lead manager deputy general assistant senior "
    "chief political industrial economics contributor staff team desk intern "
    "fractievoorzitter redacteur redactrice rédacteur rédactrice journaliste "
    "correspondante correspondant secrétaire redakteur redakteurin korrespondent "
    "sekretärin sekretär redactor redactora corresponsal secretario secretaria "
    "giornalista segretario segretaria redattore redattrice caporedattore caporedattrice "
    "jornalista secretário secretária "
    "gohebydd golygydd ysgrifennydd reporting service agency vorsitzende vorsitzender "
    "landesvorsitzende landesvorsitzender sprecherin sprecher geschäftsführerin "
    "geschäftsführer leiterin leiter portavoz responsable portavoce responsabile "
    "voorzitter woordvoerder porte-parole vp vice ceo founder co-founder lecturer professor "
    "steward convenor convener representative delegate negotiator commissioner chairperson "
    "guest equipe équipe equipo squadra associate "
    "adjunct emeritus honorary visiting postdoctoral doctoral candidate "
    # trades and posts beyond the newsroom's, and degrees after a name ("Alicia Wen, PhD")
    "conservator curator archivist librarian historian educator producer presenter host "
    "photographer designer illustrator cartoonist consultant specialist executive "
    "solicitor barrister lawyer counsel scientist sociologist volunteer phd dphil "
    # the writer's trade in the other languages bylines come in
    "journalist journalistin periodista reportera reporterin redaktør redaktor toimittaja "
    "novinář novinářka dziennikarz dziennikarka chroniqueur chroniqueuse inviato inviata "
    "corrispondente correspondente repórter verslaggever verslaggeefster kolumnist "
    "kolumnistin columnista commentator analist analista investigador investigadora "
    "ricercatore ricercatrice onderzoeker forscher forscherin chercheur chercheuse "
    "korrespondentin ymchwilydd colofnydd minister ministre ministro ministra ministerin "
    "swyddog cadeirydd llywydd trysorydd trefnydd cynrychiolydd owner "
    # chairs, clergy, teachers and nurses sign letters and columns with their post
    "chairperson chairman chairwoman priest vicar pastor rector chaplain tutor teacher nurse "
    "rn delegate".split()
)
# German job titles are compounds ending in a role word ("Bezirksleiterin",
# "Rechtsschutzsekretär", "Landesvorsitzende"): a word ending so is a role too.
_ROLE_ENDINGS: Final = tuple(
    "leiter leiterin sekretär sekretärin vorsitzende vorsitzender sprecher sprecherin führer "
    "führerin referent referentin redakteur redakteurin beauftragte beauftragter".split()
)
_ENDING_MIN: Final = 3  # letters before the ending: a compound, not the word alone
# Role words that are surnames too ("Mary Head", "Ann Lead"): alone they make no role of a name.
_SURNAME_ROLES: Final = frozenset(
    "head lead fellow chief guest chair member staff desk team officer steward vice service "
    "agency senior general deputy nurse".split()
)
# A title before a name ("Dr Aarav Shah", "mr. Pieter van Dijk"): the name is without it.
_HONORIFIC: Final = re.compile(
    r"^(?:dr|dra|prof|professor|professora|professeur|profesor|profesora|professore|doctor|mr"
    r"|mrs|ms|mx|cllr|rev|mw|dhr|sr|sra|sig|dott|herr|frau|mme|m(?=\.)|mec|(?:yr\s+)?athr(?:o|awes)"
    r"|com|comrade|cde|shri|smt|shrimati|adv|hon|the\s+hon|rt\.?\s+hon|fr|father)\.?\s+(?=\S)",
    re.IGNORECASE,
)
# A public office written before a name ("MEP Margarida Souto", "Senator Ana Ruiz",
# "Councillor Jo Lee", "Abgeordnete Eva Klein"): the name is without it.
_OFFICE: Final = re.compile(
    r"^(?:mep|mp|msp|mla|td|deputy|cllr|councillor|senator|sen\.|rep\.|congressman|congresswoman"
    r"|reps\.|sens\.|representative|assemblym[ae]mber|assembly(?:wo)?man|delegate"
    r"|eurodéputée?|europarlamentaria?|eurodeputat[oa]|abgeordneter?|europaabgeordneter?"
    r"|député[e]?|diputad[oa]|deputad[oa]|deputat[oa]|senador[a]?|senatore|senatrice"
    r"|sénat(?:eur|rice)|onorevole|on\.|vereador[a]?|conseill(?:er|ère)|concejal[a]?|consigliere"
    r"|stadträtin|stadtrat|wethouder|raadslid|cynghorydd|aelod)\s+(?=\S+\s+\S)",
    re.IGNORECASE,
)
# Letters after a name, in capitals ("Helen Marsh KC", "Ana Ruiz MEP", "Jo Lee OBE"): the
# name is without them.
_POSTNOMINAL: Final = re.compile(
    r"(?:\s+(?:KC|QC|MP|MEP|MSP|MS|AS|AM|MLA|TD|OBE|MBE|CBE|FRS|FBA|PhD|DPhil|MD|SC|JP))+$"
)
# A name credited for the pictures, not the words: "Marta Zielińska (zdjęcia)", "Tom Lee
# (photos)"; with the comma or "and" before it.
_PICTURES_CREDIT: Final = re.compile(
    r"(?:\s*,|\s+(?:and|&|und|et|y|e|i|en|og|och|oraz)(?=\s))?\s*"
    r"(?:(?!\s(?:and|&|und|et|y|e|i|en|og|och|oraz)\s)[^,()])+?\s*\((?:photos?|pictures?"
    r"|images?|illustrations?|fotos?|fotografías?|fotografie|fotografia|zdjęci[ae]|ilustracje"
    r"|bilder|bild|ilustración|ilustrações|lluniau|photographies|kuvat)\)",
    re.IGNORECASE,
)
# An aside in brackets, or one left open at the end ("Jane Doe (Reuters" once stripped).
_PARENS: Final = re.compile(r"\s*[(\[][^)\]]*(?:[)\]]|$)")
# "and" between writers who each have a role: "A, Economist, and B, Fellow", "A, Redakteurin,
# und B, Korrespondent", "A, periodista, y B, corresponsal".
_ROLE_AND: Final = re.compile(
    r"\s*,?\s+(?:and|&|und|et|y|e|en|ac|och|og|i|ja|eta)\s+(?=[A-Z])", re.IGNORECASE
)
_MAX_AUTHORS: Final = 6
# One person's two surnames joined by "i" after a single given name ("Xavier Ruiz i Ferrer",
# Catalan), where "A i B" joins two people: the last surname is one word, and no capitalised
# word (the rest of a second name) follows it.  ("y" is also Welsh "the": "Cinio Cawl y
# Chwiorydd" names no one.)
_DOUBLE_SURNAME: Final = re.compile(
    r"(?:^|(?<=, )|(?<= and )|(?<= & )|(?<= i )|(?<= y )|(?<= e ))"
    r"([^\W\d_][\w'’-]*\s+[^\W\d_][\w'’-]*)\s+(i)\s+([^\W\d_][\w'’-]*)"
    r"(?![\w'’-])(?!\s+[^\W\d_]*[A-ZÀ-ÖØ-Þ])"
)
_JOIN: Final = "\u2060"  # a word joiner holds a double surname together while names are split
_IN_PLACE: Final = re.compile(r"(.+?)\s+(?:in|en|in|aus|from|de)\s+[A-Z][\w .'-]*")
# A "Mc" or "Mac" name kept in its usual case inside capitals ("KIRSTY McLEAN").
_CAPS_MC: Final = re.compile(r"\bMa?c(?=[A-Z]{2,}\b)[A-Z]+\b")
# The cheap tests before the patterns above, which most names fail: the first letters a
# title or an office starts with, in either case (and "ſ", which a case-blind "s" matches),
# and the last letters of the letters after a name (or the newline "$" looks past)
_TITLE_STARTS: Final = "dpmcrshfyatDPMCRSHFYATſ"
_OFFICE_STARTS: Final = "mtcsreadwovMTCSREADWOVſ"
_POSTNOMINAL_ENDS: Final = "CPSMADEl\n"


def clean_author(text: str, *, places: bool = False) -> str | None:
    """A byline's names as "A", "A and B" or "A, B and C"; None when they are not names.

    A role after a name ("Jane Doe, Political Editor", "Eva Hendriks, fractievoorzitter")
    is cut; names in capitals are written back in their usual case; contributors set apart
    by "·", each with a role ("A, Economist · B, Fellow"), are all named.  With ``places``
    (after a by-word) the place a writer files from is cut too ("Chinedu Okafor, Abuja",
    "Maxime Lavoie in Montreal and Aaron Tillman in San Francisco").
    """
    if "(" in text:
        credited = _PICTURES_CREDIT.sub("", text)
        text = credited if credited.strip(" ,;") else text
    text = _PARENS.sub("", text).strip(" ,;:|·•—–-*†")  # "*" or "†" points to a note
    if text[:4].lower() in _WITH_OPENINGS:
        text = _WITH.sub("", text)  # a podcast's "Med Elin Sjöberg och Jonas Berg": its hosts
    if not text:
        return None
    if " · " in text:
        return _contributors(text.split(" · "), places)
    text = without_slashed_role(text)
    if "," in text:
        groups = _ROLE_AND.split(text)
        if len(groups) > 1 and any(role_signed(g) for g in groups[:-1]):
            return _contributors(groups, places)  # "A, Economist, and B, Visiting Fellow"
    if places:
        head, comma, place = text.rpartition(",")
        if comma and " " in head.strip() and _one_place(place):
            text = head  # the place the writer files from: "Chinedu Okafor, Abuja"
    if " i " in text:
        text = _DOUBLE_SURNAME.sub(_held_together, text)
    parts = [p.strip() for p in _AND.split(text) if p and p.strip()]
    names = _names(parts[: _MAX_AUTHORS * 2], places)
    return joined(names) if names and len(names) <= _MAX_AUTHORS else None


def without_slashed_role(text: str) -> str:
    """A name with the job title a slash sets after it cut ("Shamoy Reid/Staff Reporter",
    "Ana Paz/Redatora"), as after a comma; "A/B" of two names is left to the joins."""
    name, slash, role = text.partition("/")
    if slash and " " not in name[-1:] + role[:1] and is_name(name) and _role_part(role):
        return name
    return text


def _held_together(match: re.Match[str]) -> str:
    """A double surname's join kept from the split between names, when its words are a
    name's (capitalised)."""
    first, join, last = match.groups()
    if not (first.split()[1][:1].isupper() and last[:1].isupper() and first[:1].isupper()):
        return match.group(0)
    return f"{first}{_JOIN}{join}{_JOIN}{last}"


def _without_join(name: str) -> str:
    """A name with a double surname's join left out, to be tested as a name ("Xavier Ruiz
    Ferrer"): "i" is no particle of other names ("Per Núria …", "Llongyfarchiadau i …")."""
    return name.replace(f"{_JOIN}i{_JOIN}", " ")


def joined(names: list[str]) -> str:
    """Several names written back as one author: "A", "A and B", "A, B and C"."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _names(parts: list[str], places: bool) -> list[str] | None:
    """The names among a byline's parts, up to a role; None when a part is no name.  Once
    a name had its place cut, only names with a place follow ("in Strikes & Disputes")."""
    names: list[str] = []
    placed = False
    for part in parts:
        bare = _without_place(part) if places else part
        if placed and bare == part:
            break  # the rest of a place or a category: "in Strikes & Disputes"
        placed = bare != part
        name = _bare_name(usual_case(bare))
        if names and (_is_role(name) or (places and _in_words(name))):
            break  # what follows a role is the role's ("corresponsal en Oaxaca")
        if not is_name(_without_join(name), loose=True):
            return None
        names.append(name.replace(_JOIN, " "))
    return names


def _contributors(groups: list[str], places: bool) -> str | None:
    """Contributors set apart by "·", each name with its own role after it; after a by-word
    (``places``) one word after a full name is where the writer files from ("By Jane Smith ·
    Cardiff")."""
    while places and len(groups) > 1 and _one_place(groups[-1]) and " " in groups[-2].strip():
        groups = groups[:-1]
    # a part that is a role is the writer's before it ("Gan Elin Haf Roberts · Gohebydd
    # Gwaith", "Von Eva Klein · Redakteurin Politik"), not a co-author
    groups = [groups[0], *(g for g in groups[1:] if not _role_part(g))]
    # a word in lower case beside names signs nothing: "Anna Nowak · …, godz. · …"
    groups = [groups[0], *(g for g in groups[1:] if not g.strip(" ,.").islower())]
    if len(groups) == 1:
        return clean_author(groups[0], places=places)
    names = [clean_author(group, places=places) for group in groups]
    if not all(names) or len(groups) > _MAX_AUTHORS:
        return None
    return joined([n for n in names if n])


def role_signed(group: str) -> bool:
    """Whether a byline (or its group) is a name and a role after its comma ("Dr Helen
    Achebe, Senior Economist", "Eva Klein, Redakteurin")."""
    name, comma, role = group.partition(",")
    return bool(comma) and is_name(_bare_name(name.strip())) and _role_part(role)


def _role_part(text: str) -> bool:
    """A byline's part that is a job title alone, in any language: its first words hold a
    role word and no name stands before a comma ("Political Editor", "corresponsal en
    Oaxaca"); "Jane Doe, Fellow" names a contributor."""
    head = text.split(",", 1)[0].strip()
    if not head or not _is_role(head):
        return False
    words = head.lower().replace("-", " ").split()
    # a role word that is also a surname ("Mary Head", "Tom Fellow") leaves a name a name
    return not is_name(head) or any(w in _ROLE_WORDS - _SURNAME_ROLES for w in words)


def _in_words(text: str) -> bool:
    """Whether a part after a byline's name is written in words, not as a name ("Unite
    Glasgow bus branch", "Sindicato de la enseñanza"): the writer's branch or body."""
    if ". " in text or text.endswith("."):
        return False  # a sentence after the names ("Owen Trewin. Produced by …"): no byline
    return any(w[:1].islower() and w not in PARTICLES for w in text.split()[1:])


def _one_place(text: str) -> bool:
    """A place after a writer's names: one capitalised word, no role ("Abuja", "Lagos")."""
    word = text.strip()
    return " " not in word and word[:1].isupper() and not _is_role(word) and word.isalpha()


def _without_place(part: str) -> str:
    """A name without the place after it ("Maxime Lavoie in Montreal")."""
    match = _IN_PLACE.fullmatch(part)
    return match.group(1) if match is not None and is_name(match.group(1)) else part


def one_name(text: str) -> str:
    """One name as written back: capitals undone, a title before it ("Dr") cut."""
    return _bare_name(usual_case(text.strip(" ,;:|·•—–-")))


def _bare_name(name: str) -> str:
    """A name without the title or office before it ("Dr", "MEP") and the letters after it
    ("KC", "OBE"), where two words are left."""
    if name[:1] in _TITLE_STARTS:
        name = _without_opening(_HONORIFIC, _without_opening(_HONORIFIC, name))  # "Prof. Dr. …"
    if name[:1] in _OFFICE_STARTS:
        name = _without_opening(_OFFICE, name)
        if name[:1] in _TITLE_STARTS:
            name = _without_opening(_HONORIFIC, name)  # "Senator the Hon Rosa Tamberlin"
    bare = _POSTNOMINAL.sub("", name) if name[-1:] in _POSTNOMINAL_ENDS else name
    return bare if " " in bare else name


def _without_opening(pattern: re.Pattern[str], text: str) -> str:
    """``text`` without what ``pattern`` (anchored at the start) matches there: one try,
    where ``sub`` would try every character of the line."""
    match = pattern.match(text)
    return text[match.end() :] if match is not None else text


def titled(text: str) -> bool:
    """Whether a text opens with a person's title ("Athro Elin Royles", "Rev. Ann Lee")."""
    return text[:1] in _TITLE_STARTS and _HONORIFIC.match(text) is not None


def in_office(text: str) -> bool:
    """Whether a text opens with a public office before a name ("Senator Ana Ruiz", "Rep.
    Grace Holt"): a member's line, never a headline's."""
    return text[:1] in _OFFICE_STARTS and _OFFICE.match(text) is not None


def is_role(text: str) -> bool:
    """Whether a capitalised line is a job title ("Legal Officer", "Digital Communications
    Lead"): no name is made of role words."""
    words = text.lower().replace("-", " ").split()
    return not _ROLE_WORDS.isdisjoint(words) or any(_compound_role(w) for w in words)


def _compound_role(word: str) -> bool:
    """Whether a word is a compound ending in a role word ("bezirksleiterin")."""
    return word.endswith(_ROLE_ENDINGS) and any(
        len(word) >= len(ending) + _ENDING_MIN for ending in _ROLE_ENDINGS if word.endswith(ending)
    )


def _is_role(text: str) -> bool:
    """A job title written after a name: lower case, made of role words, or a section label
    ("Policy"); a name with one section word in it ("Mark Read") is still a name."""
    words = text.lower().split()
    if not words or text[0].islower():
        return True
    words += [part for word in words for part in word.split("-")]
    return any(w.strip(".") in _ROLE_WORDS or _compound_role(w) for w in words) or is_section_label(
        text
    )


def usual_case(text: str) -> str:
    """ "MAYA OKONJO" (or "KIRSTY McLEAN") as "Maya Okonjo"; mixed case is left alone."""
    if not text.isupper() or sum(c.isalpha() for c in text) < 3:
        if "Mc" not in text and "Mac" not in text:
            return text  # no "Mc" or "Mac" for _CAPS_MC
        if not _CAPS_MC.search(text) or not _CAPS_MC.sub("", text).isupper():
            return text
    words = [_word_case(w) for w in text.split()]
    # a particle inside a name stays in lower case ("DAFYDD AP EMLYN", "JUAN DE LA CRUZ")
    inner = [
        w.lower() if 0 < i < len(words) - 1 and w.lower() in PARTICLES else w
        for i, w in enumerate(words)
    ]
    return " ".join(inner)


def _word_case(word: str) -> str:
    """One capitalised word: "MCDONNELL" stays simple ("Mcdonnell"), "O'BRIEN" → "O'Brien",
    "McLEAN" → "McLean"."""
    if _CAPS_MC.fullmatch(word):
        return word[: word.index("c") + 1] + _word_case(word[word.index("c") + 1 :])
    out = []
    upper = True
    for char in word.lower():
        out.append(char.upper() if upper else char)
        upper = char in "'’-"
    return "".join(out)
