"""Byline lines: who wrote an item and when ("Name · 12 September 2022", "By Name", …)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from publisher.ingest.parsing.authors import (
    clean_author,
    is_role,
    joined,
    role_signed,
    usual_case,
)
from publisher.ingest.parsing.datedrows import FIELD_SPLIT, dated_row, phrased_date
from publisher.ingest.parsing.datelines import (
    PARENS_ASIDE,
    SEPARATORS,
    UPDATED,
    is_dateline,
    is_wire_dateline,
)
from publisher.ingest.parsing.dates import (
    DateMatch,
    _trie,
    find_date,
    issue_label,
    short_year_date,
)
from publisher.ingest.parsing.desks import (
    agency_initials,
    body_after_article,
    is_desk,
    signed_by_desk,
)
from publisher.ingest.parsing.desks import no_writer as no_writer  # roles.py reads it here
from publisher.ingest.parsing.names import SECTION_WORDS, is_name, is_section_label, names_body
from publisher.ingest.parsing.relative import (
    _CASE_ODDITIES,
    find_when,
    has_day_word,
    long_tail_in_line,
)
from publisher.ingest.parsing.text import ends_sentence, has_digit

_MAX_BYLINE: Final = 160
_SOURCE_WORDS: Final = 4  # a paper, its place or its language after a date, in a few words
_MAX_WRITERS: Final = 4  # writers named one a line under a title
_SENTENCE_WORDS: Final = 11  # spaces
_RELATIVE_MAX: Final = 60
_PREFIX: Final = re.compile(
    r"^(?:first\s+)?(?:(?:posted|published)(?:\s+online)?|updated|last\s+updated|dated?|released"
    r"|issued|publiceret|publicerad|publisert|opdateret|uppdaterad|oppdatert"
    r"|publiée?|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|erschienen|publicado|actualizado"
    r"|(?:[^\W\d_]+\s+)?mise?\s+en\s+ligne|online\s+gestellt"  # "Notice mise en ligne le"
    r"|pubblicato|aggiornato|gepubliceerd|bijgewerkt|cyhoeddwyd|geplaatst|gepost|publicada"
    r"|pubblicata|postato|postado|postada|atualizado|publicat"
    r"|sent|envoyée?|gesendet|verschickt|versandt|enviado|inviato|verzonden|anfonwyd"
    r"|added|ajouté|hinzugefügt|añadido|aggiunto|adicionado|toegevoegd|ychwanegwyd"
    r"|created|créé|erstellt|creado|creato|criado|aangemaakt|crëwyd"
    r"|dodano|opublikowano|zaktualizowano|postiwyd|foilsithe|foilsíodh)\b\s*"
    r"(?:on\b|le\b|am\b|el\b|il\b|em\b|op\b|o\b|:)?\s*",
    re.IGNORECASE,
)
# Words and pictures credited together: "Text and photos:", "Texto e fotos:", "Testo e foto
# di", "Texte et photos :", "Words & photos:", "Tekst og foto:".
_TEXT_AND_PICTURES: Final = (
    r"(?:words|text[eo]?|testo|tekst|teksti)\s*(?:&|and|und|et|e|y|i|og|och|en|ja)\s*"
    r"(?:photos?|pictures|fotos?|foto's|bilder?|billeder|kuvat|fotografías|fotografias"
    r"|fotografie|photographies)"
)
# The labels naming who wrote or reported a piece that sites set off by a dash, not a colon.
_DASHED: Final = (
    r"reportagem|reportaje|reportage|reportaggio|reporting|texto?|texte|testo|tekst"
    r"|autor(?:a|in)?|auteure?|autore|author|redação|redacción|redazione"
)
# "From the newsroom" (an outlet's own, no writer named) in the languages bylines come in.
_FROM_NEWSROOM: Final = (
    r"(?:from\s+the|da|de\s+la|von\s+der|aus\s+der|dalla|van\s+de|de\s+l[ae']|del?)\s*"
    r"(?=newsroom|redação|redacao|rédaction|redaktion|redazione|redacción|redaccion|redactie"
    r"|redacció)"
)
# Who wrote a review, where the language says "of" for "by": "Compte rendu de A",
# "Reseña de B", "Recensão de C" (a reviewed book's own author stands apart, unlabelled).
_REVIEWED_BY: Final = (
    r"(?:compte[- ]rendu|recension|note\s+de\s+lecture|reseña|resenha|recensão)"
    r"\s+(?:de\s|d['’]|por\s)(?-i:(?=\s*[A-ZÀ-Þ]))"  # a name: "… de la réunion" is none
)
# "By" in many languages ("par", "por", "von", "door", "di", "gan", …).
_BY: Final = re.compile(
    r"^(?:(?:posted|written|submitted|words|story|text|reported|reporting|report|photos?"
    r"|postiwyd|adroddiad|erthygl|stori"
    r"|words\s+(?:&|and)\s+pictures|interview|intervista|entrevista|reviewed|servizio"
    rf"|{_TEXT_AND_PICTURES}"
    r"|presented|hosted|guest\s+post(?:ed)?|started|created|opened|compiled|asked|answered"
    # who put a motion: "Tabled by A" ("Sponsored by" is an advertiser)
    r"|tabled|moved"
    # who added a post: "Added by A", "Dodane przez: B", "Hinzugefügt von C"
    r"|added|dodane|dodany|dodana|hinzugefügt|ajoutée?|añadido|aggiunto|toegevoegd|adicionado"
    # a book's or a collection's editors: "Edited by A and B", "Coordinado por", "Dirigé par"
    r"|edited|co-?edited|coordinated|coordinado|coordinada|coordenado|coordenada|coordinato"
    r"|dirigée?|curated"
    r"|review|rezension|recensione|recensie|critique|reseña|crítica|resenha|adolygiad"
    r"|rezensiert|besprochen|recensit[oa]|recensée?|reseñad[oa]|resenhad[oa]|gerecenseerd"
    r"|propos recueillis|entretien réalisé|entrevista realizada|intervista raccolta"
    r"|escrito|geschreven|scritto|écrit|geschrieben|ysgrifennwyd|skrevet|skriven|skrivet|napisane"
    r"|postat|postet"
    # who filed, prepared or drafted a post or a paper: "Filed by A", "Prepared by B",
    # "Verfasst von C", "Rédigé par D", "Elaborado por E", "Opgesteld door F"
    r"|filed|prepared|drafted|authored|uploaded|verfasst|eingereicht|rédigée?|préparée?"
    r"|elaborad[oa]|preparad[oa]|redactad[oa]|redigid[oa]|preparat[oa]|redatt[oa]"
    r"|opgesteld|ingediend|utarbeidet|udarbejdet|utarbetad|paratowyd"
    # the kind of piece: "Ein Kommentar von", "An analysis by", "Une tribune de"
    r"|(?:(?:a|an|ein|eine|une?|una?|uma?|een)\s+)?(?:comment|commentary|column|analysis|essay"
    r"|kommentar|analyse|gastbeitrag|kolumne|tribune|chronique|commento|editoriale|columna"
    r"|análisis|analisi|opinión|opinião|análise|beschouwing"
    # a tribute to someone who died: "Tribute by Kerry O'Dea", "Ein Nachruf von"
    r"|tribute|obituary|hommage|nachruf|necrologio|homenaje|homenagem|in memoriam)"
    # the kind of piece in two words: "Meeting report by", "Book review by"
    r"|[\w-]+\s+(?:report|review|interview|profile))\s+)?"
    r"(?:by|par|por|von|door|gan|av|af|przez|a cura di|as\s+told\s+to"
    r"|(?-i:di|per|da|(?:DI|de)(?=\s+[^\W\d_]+\s+[^\W\d_])))\b\s*:?\s*"
    r"|^scris\s+de\b\s*:?\s*|^(?:comh)?scríofa\s+le\s+"
    # who held an interview, under it: "Das Gespräch führte Jana Roth."
    r"|^das\s+(?:gespräch|interview)\s+führten?\s+"
    # who asked a parliamentary question: "Question from A to the Minister", "Spørsmål fra B"
    r"|^(?:(?:written|oral)\s+)?(?:question|spørsmål|spørgsmål|fråga|vraag|pregunta|pergunta"
    r"|frage|anfrage|interrogazione)\s+(?:from|fra|från|van|de|von|di|da)\b\s*:?\s*"
    r"|^(?:sous\s+la\s+direction\s+de|onder\s+redactie\s+van)\b\s*:?\s*"
    # a paper's own reporter: "Van onze verslaggever Karin Smeets", "dal nostro inviato"
    r"|^(?:van\s+onze|from\s+our|de\s+notre|de\s+nuestr[oa]|dal\s+nostro|dalla\s+nostra"
    r"|von\s+unsere[mr]|do\s+nosso|da\s+nossa)(?:\s+\w+)?\s+(?:verslaggevers?|correspond[ae]nt\w*"
    r"|corresponsal\w*|inviat[oa]|corrispondente|korrespondent\w*|reporter\w*|enviad[oa]"
    r"|envoyée?\s+spéciale?)\b\s*"
    rf"|^(?:{_FROM_NEWSROOM})"
    rf"|^{_REVIEWED_BY}\s*"
    rf"|^(?:authors?|words(?:\s+(?:&|and)\s+pictures)?|{_TEXT_AND_PICTURES}|writer|auteure?s?"
    r"|autor(?:in|en|[*:_]in(?:nen)?|innen|es|a|as|ka|ul)?|autore|autoría|autoria|geiriau"
    r"|autrice|auteur|text|texte|texto|testo|tekst|interview|awdur|forfatter|författare"
    r"|skribent|journalist|reporter|correspondent|egilea|idazlea|idazleak|údar|údair"
    r"|kirjoittaja|autorstwo|szerzők?|vendégszerző(?:nk)?|bericht"
    # who put a question or a motion (a council's or a parliament's): "Indiener(s): A (SP)",
    # "Primary sponsor: B (Labour)", "Members: Shri C, Smt. D"
    r"|indiener(?:\(s\)|s)?|submitter|proposer|antragsteller(?:in)?"
    r"|(?:primary\s+|lead\s+|principal\s+)?sponsor(?:s|\(s\))?|members?|tabled\s+by|asked\s+by"
    # who presents an episode: "Apresentação: A e B", "Hosts: A and B", "Moderation: A"
    r"|hosts?|presenters?|presentation|apresentação|apresentadora?|apresentadores"
    r"|presentación|presentadora?|presentadores|conducción|présentation|presentazione"
    r"|conduzione|conduttrice|conduttore|moderation|moderator(?:in)?|moderación"
    r"|moderação|presentatie|cyflwynydd|cyflwyno)"
    # the label's other gender or number beside it: "Autor/a:", "Autor(es):", "Author(s):"
    r"(?:\s?[/(][^\W\d_]{1,6}\)?)*\s*:\s*"
    # the team that wrote a report: "Fact-finding team: A, B and C", "Équipe : A et B"
    r"|^(?:[\w-]+\s+)?(?:team|équipe|equipo|equipa)\s*:\s*"
    # a writer's label set off by a dash, as a colon: "Reportagem – A", "Text — B"
    rf"|^(?:{_DASHED})\s+[–—]\s+",
    re.IGNORECASE,
)
_WEEKDAY_WORDS: Final = """monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    lundi mardi mercredi jeudi vendredi samedi dimanche lun mer jeu ven sam dim
    montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo mié jue vie sáb dom
    lunedì martedì mercoledì giovedì venerdì sabato domenica gio sab
    segunda terça quarta quinta sexta seg ter qua qui sex
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma wo vr za zo
    dydd llun mawrth mercher iau gwener sadwrn sul
    måndag tisdag onsdag torsdag fredag lördag söndag mandag tirsdag lørdag søndag
    poniedziałek wtorek środa czwartek piątek sobota niedziela
    dilluns dimarts dimecres dijous divendres dissabte diumenge
    astelehena asteartea asteazkena osteguna ostirala larunbata igandea
    dé luain máirt céadaoin déardaoin haoine sathairn domhnaigh
    hétfő kedd szerda csütörtök péntek szombat vasárnap
    luni marți marţi marti miercuri joi vineri sâmbătă sambata duminică duminica
    pondělí úterý středa čtvrtek pátek neděle
    maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai
    ponedjeljak utorak srijeda četvrtak petak subota nedjelja
    ponedeljek torek sreda četrtek petek nedelja""".split()
_WEEKDAY_SET: Final = frozenset(_WEEKDAY_WORDS)
# One trie of the words (fast to reject a position), "-feira" apart ("segunda-feira").
_WEEKDAY: Final = rf"\b(?:{_trie(_WEEKDAY_WORDS)}|-?feira)\b\.?,?"
# A weekday written right before the date ("Tuesday 5th March", "do 7 maart", "Mo., 4.3.").
_WEEKDAY_BEFORE: Final = re.compile(rf"(?:{_WEEKDAY}\s*){{1,2}}$", re.IGNORECASE)
_META: Final = re.compile(
    r"\b\d{1,3}\s?(?:minutes?|min\.|mins?|nóim\.|nóiméad)"
    r"(?:\s+(?:read|de lecture|lesen|lesezeit|lectura|lettura|leestijd|de lectura|de leitura"
    r"|di lettura)"
    # any word in lower case after the minutes is what they are ("12 min lesetid", "4 min.
    # læsning", "3 min lukuaika"), never a writer's handle; a by-word opens a name
    r"|\s+(?-i:(?!(?:von|par|por|door|gan|and|och|og|avec|with)\b)[^\W\d_A-ZÀ-ÖØ-Þ]{3,}\b))?"
    # "Lesezeit ca. 12 Minuten", "Reading time: about 5 minutes", "Lesetid: 6 min"
    r"|\b(?:lesezeit|leestijd|lecture|lectura|lettura|reading time|lesetid|læsetid|lästid"
    r"|läsetid|lukuaika|olvasási idő|hallgatási idő)\s*:?\s*"
    r"(?:(?:ca\.|circa|etwa|about|approx\.|environ|unos|ong\.)\s?)?\d{1,3}\s?"
    r"(?:minuten|minutes|min\.?|perc)?"
    r"|\b\d{1,4}\s?(?:seiten|pages?|pp|páginas|pagine|pagina's|comments?|kommentare|commentaires"
    r"|comentários|comentarios|commenti|reacties|sylw|sylwadau|kommentarer|tuairimí)\b[:.]?"
    # a piece's length in words, as press cuttings give it: "1,204 words", "845 Wörter"
    r"|\b\d{1,3}(?:[,. ]\d{3})?\s(?:words|wörter|mots|palabras|parole|woorden|palavras|ord"
    r"|sanaa|słów|slov|szó)\b"
    # a document's file and its size: "PDF (1.2 MB)", "PDF, 340 Ko"
    r"|\b(?-i:PDF|DOCX?|EPUB|ODT)\b(?:,?\s?\(?\d[\d.,]*\s?(?:[KMG]i?B|[KMG]o|kB)\)?)?"
    r"|\b\d{1,4}\so\ssylw(?:adau)?\b"
    r"|\b(?:GMT|BST|UTC|CET|CEST)\b|(?<!\w)#[\w-]+"
    # the other zones a time is given in, in capitals, after the time ("ET" is also French "and")
    r"|(?:(?<=\d)|(?<=\d\s)|(?<=[ap]m\s))(?-i:E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|IST|EET|EEST|WET|WEST|AE[SD]T|AC[SD]T|AWST"
    r"|NZ[SD]T|SAST|WAT|EAT|BRT|ART|JST|HKT|SGT|WIB)\b"
    # counters, the submitter (not an author) and links: "412 points by mkoval 5 hours ago |
    # hide"
    r"|\b\d[\d,.]*\s?[km]?\s?(?:points?|votes?|upvotes?|likes?|reactions?|views?|replies"
    r"|reposts?|boosts?|shares?)\b(?:\s+by\s+\S+)?|\|\s*(?:hide|flag|discuss|save|past|web|reply)\b"
    # a category or tag field beside the date: "Published: 06/03/2024 | Category: Housing"
    r"|\b(?:categor(?:y|ies|ía|ia|ie)|catégorie|kategori(?:e|a|er)?|section|rubri(?:que|k)|topics?|tags?"
    r"|filed under|posted in|type)\s?:[^|·•]*"
    r"|(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]|\s?[ap]\.?m)"  # a duration: "52:18"
    # a count in brackets after its word, in any language: "opinie (12)", "reacties (3)"
    r"|(?<!\w)(?-i:[^\W\d_][^\W\d_A-ZÀ-ÖØ-Þ]{2,14})\s?\(\d{1,5}\)"
    # how often it was read: "Lu 1234 fois", "Read 345 times", "Gelesen 12 mal"
    r"|\b(?:lu|read|gelesen|letto|leído|lido|gelezen)\s\d[\d\s.,]*\s?(?:fois|times|mal|volte|veces"
    r"|vezes|keer)\b",
    re.IGNORECASE,
)
# More metadata, rarer: run only where _more_meta finds its trace.  A page range ("Pages:
# 121–128"), "No comments:", a time of day after the date ("14h32", "19:47h", "4:12 PM", "5 a.m.";
# the word before it, "às", "kl.", "at", is left dangling) and a reading time in words.
_META_MORE: Final = re.compile(
    r"\b(?:pages?|pp)\.?:?\s?\d{1,5}\s?[-–]\s?\d{1,5}"
    # the print page a piece ran on, beside its paper's name and date: "Page 5", "pág. 12"
    r"|\b(?:page|pagina|página|seite|pg\.|p\.|pág\.|blz\.)\s?\d{1,5}\b"
    r"|\bno\s(?:comments?|kommentare|commentaires|comentarios|commenti)\b:?"
    r"|(?<![\d:.])\d{1,2}(?:h\d{2}\b|[:.]\d{2}\s?(?:h\b|[ap]\.?m\b\.?))"
    # an hour alone, the way news agencies write it, perhaps with its zone: "5 a.m. ET"
    r"|(?<![\d:.])\d{1,2}\s?[ap]\.?m\b\.?(?:\s(?-i:[A-Z]{1,3}T)\b)?"
    r"|\b(?:temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura|leitura)"
    r"\s*:?\s*\d{1,3}\s?(?:min\.?|minutes|minutos|minuti)?",
    re.IGNORECASE,
)
# the place and years a digitised paper ran, after its name: "(Rockhampton, Qld. : 1878 - 1954)"
_YEARS_RUN: Final = re.compile(r"\([^()]{0,40}\b1[6-9]\d\d\s?[-–]\s?(?:1[6-9]|20)\d\d\)")
_TIME_SPAN: Final = re.compile(
    r"\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?\s?[-–—]\s?\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?"
    r"(?:\s?(?:gmt|bst|utc|cet|cest|uhr|h))?",
    re.IGNORECASE,
)
_CLOCK: Final = re.compile(r"\d[hH:.]\d|\d\s?[aApP]\.?[mM]\b")
_MORE_WORDS: Final = ("pag", "pp", "no ", "temp", "leitura", "pág", "seite", "pg.", "p.", "blz.")
# Words left where a date was: the hour mark ("19:47h") and the day named before a date
# ("Today, Friday 8 March 2024").
_LEFT_OVER: Final = frozenset(
    """h today yesterday heute gestern aujourd'hui hier hoy ayer oggi ieri hoje ontem vandaag
    gisteren heddiw ddoe idag igår edited bearbeitet modifié editado modificato bewerkt
    uhr""".split()
)
# Italian "Di" and Irish "Le" open a byline too, where the line also dates it (else "Di"
# is Tuesday and "Le" an article).
_BY_DI: Final = re.compile(r"^(?:Di|Le|Per)\s+(?=[A-ZÀ-ÖØ-Þ]\S*\s+[A-ZÀ-ÖØ-Þ])")
# A forum thread's last reply under its title ("Last post: Today 10:02 by Gareth Lloyd").
_LAST_ACTIVITY: Final = re.compile(
    r"(?:last\s(?:post|reply|comment|activity)|latest\sreply|letzte[rs]?\s(?:beitrag|antwort)"
    r"|dernier\smessage|dernière\sréponse|último\smensaje|última\s(?:respuesta|resposta)"
    r"|ultimo\smessaggio|ultima\srisposta|laatste\s(?:bericht|reactie)|ateb\sdiwethaf)\b"
    r"\s?:?\s?\S",
    re.IGNORECASE,
)
# "By" after a source's name and a strong separator, in a dated line
# Where a later field of a dated line may open the writer's name: "Valleys Post · By Megan
# Price · 5 hours ago", "Dodano: 04.03.2025 | Autor: Katarzyna Wróblewska | Kategoria: X".
# A wire's code after its reporter's name, as Nordic papers sign ("Anna Berg/TT", "Ola
# Nordmann/NTB"): the reporter wrote it.
WIRE_AFTER_NAME: Final = re.compile(r"(?<=[^\W\d_])/[A-ZÅÄÖÆØ]{2,6}\b")
# A writer's social handle after the name ("@lena", "@lena@social.example", "@ana.bsky.social").
_HANDLE: Final = re.compile(r"(?<=\w)\s+@[\w.-]+(?:@[\w.-]+)?(?=\s|$)")
# A field's label naming the date after it: "Date:", "Datum ingediend:", "Fecha de publicación:".
_DATE_LABEL: Final = re.compile(
    r"\s*(?:date|datum|fecha|data|dyddiad|dátum|päivämäärä|dato|dată)\b[^:|·•]{0,30}:\s*",
    re.IGNORECASE,
)
_LATE_FIELD: Final = re.compile(r"(?<!\S)[·|•—–]\s+")
_WIDE_SPACE: Final = re.compile(r"\s{2,}")
_META_MARKS: Final = "#|:İıſK"
_ZONES: Final = ("gmt", "bst", "utc", "cet", "cest")
_CAPS_ZONE: Final = re.compile(r"\b[A-Z]{1,4}T\b|\bWIB\b")  # "ET", "AEDT": _META's capitals
# the zone right after a date that ends with its time: "March 5, 2025 • 1:12 PM ET"
_ZONE_AFTER: Final = re.compile(
    r"\s?(?:E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|IST|EET|EEST|WET|WEST|AE[SD]T|AC[SD]T|AWST|NZ[SD]T"
    r"|SAST|WAT|EAT|BRT|ART|JST|HKT|SGT|WIB)\b"
)
# the word for "year" after the year, abbreviated or not: "6 marca 2025 r.", "2025 roku"
_YEAR_WORDS: Final = (" r.", "roku", "г.", "року", "года", "godine")  # the cheap test
_YEAR_WORD: Final = re.compile(r"(?<=\d{4})\s?(?:r\.|roku|г\.|року|года|godine)(?=\s|[,·|]|$)")
_BY_START: Final = re.compile(
    r"(?:guest\s+post\s+|\w+\s+){0,2}(?:by|par|por|von|door|gan|av|af|przez|a cura di|told\s+to"
    r"|(?-i:di|per|(?:DI|de)(?=\s+[^\W\d_]+\s+[^\W\d_])))\b"
    r"|scris\s+de\b|(?:comh)?scríofa\s+le\b|das\s+(?:gespräch|interview)\s+führten?\b"
    r"|(?:\w+\s+)?(?:question|spørsmål|spørgsmål|fråga|vraag|pregunta|pergunta|frage|anfrage"
    r"|interrogazione)\s+(?:from|fra|från|van|de|von|di|da)\b"
    r"|(?:primary|lead|principal)\s+sponsors?\s*:|tabled\s+by\b|asked\s+by\b"
    r"|sous\s+la\s+direction\s+de\b|onder\s+redactie\s+van\b"
    r"|(?:propos recueillis|entretien réalisé|entrevista realizada|intervista raccolta)\s"
    r"|(?:van\s+onze|from\s+our|de\s+notre|de\s+nuestr[oa]|dal\s+nostro|dalla\s+nostra"
    r"|von\s+unsere[mr]|do\s+nosso|da\s+nossa)\s"
    rf"|(?:{_FROM_NEWSROOM})|{_REVIEWED_BY}"
    r"|\w+(?:[*:_]in(?:nen)?|\(s\)|\s?[/(][^\W\d_]{1,6}\)?|\s+(?:&|and)\s+\w+)?\s*:"
    r"|(?:[\w-]+\s+)?(?:team|équipe|equipo|equipa)\s*:"
    rf"|(?:{_DASHED})\s+[–—]\s"
    rf"|{_TEXT_AND_PICTURES}\b",
    re.IGNORECASE,
)
# What every _BY_START match without a colon starts its first or second word with.
_BY_WORDS: Final = (
    *("by", "par", "por", "von", "door", "gan", "av", "af", "przez", "a cura di", "di", "per"),
    *("told", "words", "text", "testo", "tekst"),
    *("propos recueillis", "entretien réalisé", "entrevista realizada", "intervista raccolta"),
    *("scris de", "sous la direction de", "onder redactie van", "scríofa le", "comhscríofa le"),
    *("van onze", "from our", "de notre", "de nuestr", "dal nostr", "dalla nostra"),
    *("von unsere", "do nosso", "da nossa", "from the", "da", "de la", "von der", "aus der"),
    *("dalla", "van de", "de l", "del", "de"),
    *("compte", "recension", "note de lecture", "reseña", "resenha", "recensão"),
    *("question", "spørsmål", "spørgsmål", "fråga", "vraag", "pregunta", "pergunta", "frage"),
    *("anfrage", "interrogazione", "das gespräch", "das interview"),
)
# the by-words by their first two letters (each has two at least), for _opens_with_by_word
_BY_WORDS_BY_LEAD: Final = {
    lead: tuple(word for word in _BY_WORDS if word[:2] == lead)
    for lead in {word[:2] for word in _BY_WORDS}
}
_BY_REACH: Final = max(len(word) for word in (*_BY_WORDS, "guest post"))  # letters they span
_JOINERS: Final = re.compile(
    r"\s+(?:and|&|und|et|y|e|en|ac|och|og|i|și|şi)\s+|\s*,\s*", re.IGNORECASE
)
_DANGLING: Final = re.compile(
    r"(?:^|\s+)(?:on|at|le|el|am|il|em|op|um|à|às|kl\.?|om|ar|den|på)$", re.IGNORECASE
)
# The last characters _DANGLING's words end in, in either case (with the letter a case-blind
# pattern matches to "s", and a final newline "$" looks past): the cheap test before it
_DANGLING_ENDS: Final = frozenset("ntelmpsàråNTELMPSÀRÅſ.\n")

_NUMBERED_PART_WORDS: Final = 3  # a dated line's numbered part: "18. Sitzung", "Season 6"
# Where a byline's names end: a strong separator, a semicolon, a sentence's end before a
# photo credit ("By Ana Torres. Photos by Tom Lee").
_STRONG_SPLIT: Final = re.compile(
    r"\s+[|·•—–/]\s+|\s*;\s+|\.\s+(?=(?:photos?|pictures?|images?|illustrations?|video)\b)",
    re.IGNORECASE,
)
_COUNT_AFTER: Final = re.compile(r"\s+\d{1,4}\s*")
# Credits for others' work after the writers': photos, pictures, editing, translation.
_CREDIT: Final = re.compile(
    r"[.;|·]?\s+(?=(?:additional\s+)?(?:photos?|pictures?|fotos?|foto's|bild(?:er)?|kuvat?"
    r"|images?|illustrations?|video|editing|edited|graphics?|grafik|translation|traducción"
    r"|übersetzung)\b\s*(?:by\b|:))"
    r"|\s*;\s*(?=\w+(?:\s\w+)?\s+by\b)",
    re.IGNORECASE,
)
# A role or a team before the names: "By political reporter Ellie Grounds", "By chief
# political correspondents A and B", "By the Investigations Team's Nadia Petrakis".
_ROLE_BEFORE: Final = re.compile(
    r"(?:(?:our|the)\s+)?(?:[a-z][\w-]*\s+){0,3}(?:reporters?|correspondents?|editors?|writers?"
    r"|columnists?|producers?|journalists?|analysts?|presenters?|staffers?|contributors?)\s+"
    r"(?=[A-Z])"
    r"|the\s+(?:[A-Z][\w-]*\s+){1,4}(?:[Tt]eam|[Dd]esk|[Uu]nit)['’]s\s+(?=[A-Z])"
)
# When the piece came out, after the names and a dash: "Par A - Publié le 9 mars 2025"
_WHEN_AFTER: Final = re.compile(
    r"\s[-–—]\s(?=(?:published|publiée?|publicad[oa]|pubblicat[oa]|veröffentlicht|gepubliceerd"
    r"|posted|updated|mis à jour|actualizad[oa]|aggiornat[oa])\b)",
    re.IGNORECASE,
)
# the site a shared link points to, after a preposition: "… a eldiario.es", "… to bbc.co.uk"
_TO_SITE: Final = re.compile(r"\s+[^\W\d_]{1,4}\s+[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$")
# A post in a publication on a blogging platform: "In Workplace Democracy by Sofía Lindgren".
_IN_BY: Final = re.compile(r"In\s+(?:\S+\s+){1,5}?by\s+(?=[A-Z])")
# The publication a platform's post ran in, beside its date and reading time ("Published in
# The Organiser's Notebook · 6 min read · Mar 1, 2025", "Publié dans Le Fil · 3 mars"):
# the page's own publication, never a writer.
_PUBLISHED_IN: Final = re.compile(
    r"(?:^|(?<=[·|•]))\s*(?:published|posted|publiée?|veröffentlicht|erschienen|publicad[oa]"
    r"|pubblicat[oa]|gepubliceerd|cyhoeddwyd)\s+(?:in|dans|en|im|in der|su|em|no|na|op|yn)\s+"
    r"[^·|•]{1,60}",
    re.IGNORECASE,
)
# (lower case only: "… to the Minister", "… til statsråden", "… an die Bundesregierung")
# the full stop a sentence naming the writer ends with, not an initial's ("Jo Roth."; "J.")
_SENTENCE_STOP: Final = re.compile(r"(?<=[^\W\d_]{2})(?<![JjSs]r)\.$")
_AFTER_NAMES: Final = re.compile(
    r"\s+(?:in|im|dans|nel|nella|em|for|für|pour|para|voor|per|to|til|till|aan|an|al|ao|à)\s+\S.*$"
)
# words before a date that name no one: "Am 05.03.2024", "Le 5 mars", "Onsdag d. 5. marts"
_DATE_ARTICLES: Final = frozenset("am le el il on op em den d. der the".split())
_STRONG: Final = "·|•—–"  # separators that set a label apart from a date
_LABEL_WORDS: Final = 4
# a series' number after a publication's type: "Working paper 31", "Nota nº 12", "Heft 4"
_NUMBERED: Final = re.compile(
    r"\s+(?:n[º°o]\.?|nr\.?|no\.?|núm\.?|num\.?|number|#)?\s?\d{1,4}$", re.IGNORECASE
)


def _strongly_parted(text: str) -> bool:
    """Whether ``text`` holds a strong separator (_STRONG): a substring scan for each, fast
    where a set's isdisjoint looks every character of the line up."""
    return any(mark in text for mark in _STRONG)


def _more_meta(text: str) -> bool:
    """Whether ``text`` holds a trace of _META_MORE: a clock, or one of its words."""
    lower = text.lower()
    return any(word in lower for word in _MORE_WORDS) or _CLOCK.search(text) is not None


def opens_by(text: str) -> bool:
    """Whether a line opens with a by-word ("By", "Von", "Par", "Posted by", …) or a label
    and a colon or a dash ("Words:", "Texto –", ``_BY_START``): the pattern
    runs only where the first or second word starts like a by-word, or a colon stands."""
    text = text.lstrip("([")  # "(Reporting by Jane Doe; Editing by …)"
    labelled = ":" in text or "– " in text or "— " in text  # "Texto – Ana Paz"
    if not labelled and not any(char in text for char in _CASE_ODDITIES):
        if not _by_word_opens(text):
            return False
    return _BY_START.match(text) is not None


def _by_word_opens(text: str) -> bool:
    """Whether a by-word (_BY_WORDS) opens a line, or its second or third word, or "Guest
    post" opens it: in ASCII, where a letter lower-cased is one letter, only the line's
    opening and those words are lower-cased, not a whole paragraph."""
    if text.isascii():
        opening = text[:_BY_REACH].lower()
        words = [word.lower() for word in text.split(None, 3)[1:3]]
    else:
        opening = text.lower()
        words = opening.split(None, 3)[1:3]
    # the by-word second or third: "Posted by", "Ein Kommentar von"
    return (
        _opens_with_by_word(opening)
        or any(_opens_with_by_word(word) for word in words)
        or opening.startswith("guest post")
    )


def _opens_with_by_word(lower: str) -> bool:
    """Whether lower-cased text starts with a by-word: only those sharing its first two
    letters are tried (_BY_WORDS_BY_LEAD), not all sixty."""
    return lower.startswith(_BY_WORDS_BY_LEAD.get(lower[:2], ()))


def names_by_word(text: str) -> bool:
    """Whether a line opens with a by-word or a writer's label ("BY JANE DOE · 4 MARCH",
    "Autor: Jan Nowak"), not merely with a word and a colon ("09:05")."""
    return opens_by(text) and _BY.match(text.lstrip("([")) is not None


def names_weekday(text: str) -> bool:
    """Whether a line's date is written with its day of the week, before or after it
    ("Tuesday, March 4, 2025", "Édition n° 48 · mercredi 25 novembre 2026", "2025. március
    5., szerda")."""
    found = find_date(text)
    if found is None:
        return False
    after = text[found.end :].lower().replace(",", " ").split()
    return bool(_WEEKDAY_BEFORE.search(text[: found.start])) or (
        bool(after) and after[0] in _WEEKDAY_SET
    )


def _left_over(rest: str) -> bool:
    """Whether what a dated line holds besides its date is only words left where the date
    was: a weekday, "today", "Uhr", "edited" ("Dé Máirt 4 Márta 2025", "Heute | 10:02")."""
    words = rest.lower().replace("|", " ").split()
    return bool(words) and all(w in _LEFT_OVER or w in _WEEKDAY_SET for w in words)


def _relative_word(text: str, saved: datetime | None) -> bool:
    """Whether a short line may hold a date without digits ("yesterday", "an hour ago")."""
    return saved is not None and len(text) <= _RELATIVE_MAX and has_day_word(text)


@dataclass(frozen=True)
class Byline:
    """Who and when, as one line of a page gave them (``published`` naive = page-local)."""

    author: str | None
    published: datetime | None
    clock: bool = False  # ``published`` is only a time of day, on the day the page was saved

    @property
    def date_only(self) -> bool:
        """A line that is only a date, such as "12 September 2022"."""
        return self.author is None


def parse_byline(
    text: str, *, day_first: bool = True, saved: datetime | None = None
) -> Byline | None:
    """The byline a whole line spells, or None when the line is anything else; a newsroom
    signing ("By Newsdesk", "da Redazione") names no writer."""
    if not text.isascii() and unicodedata.category(text.rstrip()[-1:] or " ") == "So":
        text = _without_pictographs(text)
    byline = _parse_byline(text, day_first, saved)
    if byline is not None and byline.author is not None and no_writer(byline.author):
        return Byline(None, byline.published, byline.clock)
    return byline


def _without_pictographs(text: str) -> str:
    """``text`` without the pictographs a site sets after a byline ("… 2 Mar 2025  📎");
    a line that opens with one ("👁 9.8K  18:02") is a counter, not a byline."""
    end = len(text.rstrip())
    start = end
    while start > 0 and (text[start - 1] == " " or unicodedata.category(text[start - 1]) == "So"):
        start -= 1
    return text[:start] if 0 < start < end else text


def _parse_byline(text: str, day_first: bool, saved: datetime | None) -> Byline | None:
    """The byline a whole line spells, as written; a span of times ("10:30 AM - 1:00 PM") is
    an event's hours, not when anything was published."""
    if text[:1].isdigit() and _TIME_SPAN.fullmatch(text) is not None:
        return None
    if "/" in text and agency_initials(text):
        return Byline(None, None)  # an agency and its editor's initials: "dpa/lhe", "AFP/mig"
    if text[:1] in "LlDdÚúUuLl" and _LAST_ACTIVITY.match(text) is not None:
        return Byline(None, None)  # a thread's last reply: who answered last, not who wrote
    if len(text) > _MAX_BYLINE or (text.count(" ") >= _SENTENCE_WORDS and ends_sentence(text)):
        return None  # a sentence of a dozen words is running text, not a byline
    if " @" in text:
        text = _HANDLE.sub("", text)  # "Lena Hartmann @lena@social.example · 2h": the same person
    digits = has_digit(text)
    if digits and any(word in text for word in _YEAR_WORDS) and _YEAR_WORD.search(text):
        text = _YEAR_WORD.sub("", text)  # "Warszawa, 6 marca 2025 r.": the year's word
    if text[:3] == "In " and (in_by := _IN_BY.match(text)) is not None:
        text = "By " + text[in_by.end() :]  # the publication is the page's, the post the writer's
    by_start = opens_by(text)
    if not digits and not by_start and not _relative_word(text, saved):
        return None  # neither a date nor a "By" to be found
    found = find_when(text, day_first=day_first, saved=saved)
    if found is None and digits:
        found = short_year_date(text, day_first=day_first) or long_tail_in_line(text, saved)
    if found is None and not by_start:
        return None  # no date, and no "By" to open a name
    rest = _without_fields(text if found is None else _around(text, found), found, digits)
    if found is not None and _strongly_parted(rest) and _BY.match(rest) is None:
        rest = _late_by(rest)
    by = _BY.match(rest) or (_BY_DI.match(rest) if found is not None else None)
    if by is not None:
        author = _by_author(rest[by.end() :])
        if author is not None and body_after_article(rest[by.end() :]):
            author = None  # "Par Les Décodeurs": a desk, named with its article
        if author is not None and " " not in author and is_role(author):
            author = None  # an office: "Answered by: Minister for Enterprise"
        if author is None:
            # "By Guest post · 5 March 2024": dated, though no writer is named
            if found is not None:
                return Byline(None, found.value, found.clock)
            # "di Redazione", "Por Departamento Jurídico": signed by a desk, no writer named
            signer = rest[by.end() :].strip(SEPARATORS)
            desk = bool(signer) and (is_desk(signer) or no_writer(signer))
            return Byline(None, None) if desk else None
        return Byline(author, found.value if found else None, found is not None and found.clock)
    if found is None:
        return None
    if _DATE_LABEL.fullmatch(text[: found.start]) is not None or issue_label(text[: found.start]):
        # "Datum ingediend: 25-11-2025 | Status: …", "Vol. 60, Issue No. 9, 01 Mar, 2025"
        return Byline(None, found.value, found.clock)
    if not rest.strip(SEPARATORS) or is_wire_dateline(rest, text):
        return Byline(None, found.value, found.clock)  # "PARIS, March 3 (Meridian) -"
    rest = _without_caps_label(rest)
    named = _author_before_role(rest)
    if named is not None:
        return Byline(named, found.value, found.clock)
    if signed_by_desk(rest.strip(SEPARATORS)):
        return Byline(None, found.value, found.clock)  # "CRIME / Bench & Bar reporter / …"
    author = clean_author(rest, places=_place_after(rest)) or author_among_labels(rest)
    if author is None and found.start and _names_source(text[found.end :]):
        author = _name_before(text[: found.start])
    # one capitalised word beside a date is a label ("News"); a handle alone ("admin")
    # signs, not a phrase's first word ("Released at a press conference, New Delhi")
    if author is not None and author.islower() and author != rest.strip(SEPARATORS):
        return Byline(None, found.value, found.clock)  # a phrase, dated: no handle signs
    if author is not None and (" " in author or author.islower()):
        return Byline(author, found.value, found.clock)
    dateline = not _word_in_phrase(text, found.start, found.end) and is_dateline(rest, text)
    if _labelled(text, found) or dateline or _label_beside(rest, text):
        return Byline(None, found.value, found.clock)  # "14:32  The Lamplight Review"
    written = text[found.start : found.end]
    if not has_digit(written):
        return None  # a day word in a menu's phrase: "Join today | Member login"
    if phrased_date(_without_weekday(text[: found.start], " "), text[found.end :]):
        return Byline(None, found.value, found.clock)
    row = None if found.clock else dated_row(text, written)
    return None if row is None else Byline(row.handle, found.value)


def _names_source(after: str) -> bool:
    """Whether the text after a date names where a piece ran, in a press-cuttings service's
    fields: a paper, its place, its language, each a few capitalised words after a comma
    (", The Times, London, English")."""
    if not after.startswith(","):
        return False
    parts = [part.strip() for part in after.split(",")[1:]]
    return all(part[:1].isupper() and len(part.split()) <= _SOURCE_WORDS for part in parts)


def _name_before(before: str) -> str | None:
    """The writer named before a date and the piece's length ("Sarah Malik, 845 words, ")."""
    name = _META.sub(" ", before).strip(SEPARATORS + " ,")
    author = clean_author(name) if name else None
    return author if author is not None and " " in author else None


def _around(text: str, found: DateMatch) -> str:
    """The words around a date in a line, without what only qualifies the date: its
    weekday, an article before it, its zone, a count right after it, "Updated …"."""
    before = _without_weekday(text[: found.start], " ")
    if _articles_only(before):
        before = ""  # "Am 05.03.2024 von …", "Le 5 mars 2024 par …"
    after = text[found.end :]
    if after[-1:].isdigit() and _COUNT_AFTER.fullmatch(after) is not None:
        after = ""  # the comments' count after the date: "Jane Smith - March 4, 2025 3"
    zone = _ZONE_AFTER.match(after)
    if zone is not None:
        after = after[zone.end() :]
    if after.strip():
        before = _undangle(before.rstrip())  # "Posted by A on … in Community": no "on"
    return UPDATED.sub("", f"{before} {after}")


def _without_fields(rest: str, found: DateMatch | None, digits: bool) -> str:
    """A byline's words without its other fields: metadata, the publication it ran in, a
    place in brackets, a label before the names, a wire after them, a weekday left over."""
    if digits or "GMT" in rest:
        if _more_meta(rest):
            rest = _META_MORE.sub(" ", rest)
        if _may_hold_meta(rest):
            rest = _META.sub(" ", rest)
    if found is not None and _strongly_parted(rest):
        rest = _PUBLISHED_IN.sub(" ", rest)
    if found is not None and "(" in rest:
        rest = PARENS_ASIDE.sub(" ", rest)  # "ANDRÉS CAMACHO (Sevilla) · hace 12 horas"
        rest = _YEARS_RUN.sub(" ", rest)  # a paper's place and years: "(Sydney, NSW : 1842 - 1954)"
    rest = _PREFIX.sub("", rest.strip(SEPARATORS)).strip(SEPARATORS)
    rest = _undangle(rest)
    rest = _PREFIX.sub("", rest).strip(SEPARATORS)
    if "/" in rest:
        rest = WIRE_AFTER_NAME.sub("", rest)  # "Anna Berg/TT · 9 mars"
    if _left_over(rest):
        rest = ""  # "2024ko martxoaren 5a, asteartea": the weekday after the date
    return rest


def numbered_date_line(text: str) -> Byline | None:
    """The date a line opens with, where the rest is a sitting's or an episode's numbers
    ("Donnerstag, 26. Juni 2025 · 18. Sitzung · TOP 9", "Tuesday 4 March 2025 · 47 min ·
    Season 6"); None for any other line.  Such a line reads as a menu row on its own: its
    place under a headline (the caller's) makes it the piece's date."""
    if len(text) > _MAX_BYLINE or not has_digit(text):
        return None
    found = find_when(text)
    if found is None or found.clock:
        return None
    opening = not _without_weekday(text[: found.start], " ").strip(SEPARATORS)
    return Byline(None, found.value) if opening and _numbered_parts(text[found.end :]) else None


def _numbered_parts(after: str) -> bool:
    """Whether what follows a line's opening date is parts set apart by "·" or "|", each
    a few words holding a figure: a sitting's or an episode's numbers, a duration
    ("· 18. Sitzung · TOP 9", "· 47 min · Season 6"), not a writer's name."""
    if not _strongly_parted(after):
        return False
    parts = [p.strip() for p in _STRONG_SPLIT.split(after.strip(SEPARATORS)) if p.strip()]
    return bool(parts) and all(
        has_digit(p) and len(p.split()) <= _NUMBERED_PART_WORDS for p in parts
    )


def writers_one_a_line(texts: list[str], bylines: list[Byline | None]) -> str | None:
    """The writers a record names one a line, each with a role after a comma ("Dr Helen
    Achebe, Senior Economist" / "Rory Quinn, Research Fellow"), joined; None unless two or
    more lines in a row do so."""
    names: list[str] = []
    for text, byline in zip(texts, bylines, strict=True):
        if byline is None or byline.author is None or not role_signed(text):
            if len(names) > 1:
                break
            names = []
            continue
        if not any(byline.author.casefold() in n.casefold() for n in names):
            names.append(byline.author)
    return joined(names) if 1 < len(names) <= _MAX_WRITERS else None


def _label_beside(rest: str, text: str) -> bool:
    """Whether all a dated row holds besides its date and its metadata is a type label set
    apart by a strong separator ("Briefing · 19 March 2025 · 6 min read", "Analyse · 4 mars
    2025 · 8 min de lecture")."""
    label = rest.strip(SEPARATORS)
    if not label or not _strongly_parted(text) or _strongly_parted(label):
        return False
    if not label[0].isupper() or label[-1] in ".?!":
        return False
    return is_section_label(_NUMBERED.sub("", label))  # a place ("Glasgow") is no type


def _without_caps_label(rest: str) -> str:
    """A dated line's parts without the section label in capitals that opens them, where the
    names after it are not in capitals ("EMPLOYMENT / Kate Morrow / 2025-03-04")."""
    if not _strongly_parted(rest) and " / " not in rest:
        return rest
    parts = [p for p in _STRONG_SPLIT.split(rest.strip(SEPARATORS)) if p.strip(SEPARATORS)]
    label = parts[0] if len(parts) > 1 else ""
    if not label.isupper() or has_digit(label) or label.count(" ") >= _LABEL_WORDS:
        return rest
    if no_writer(label):
        return rest  # an agency's or a desk's name: "PTI | New Delhi | March 3, 2025"
    if all(p.isupper() for p in parts[1:]):
        return rest
    return " / ".join(parts[1:])


def _word_in_phrase(text: str, start: int, end: int) -> bool:
    """Whether a day written in words stands inside a phrase, a word before it and no
    separator between ("Join today | Member login", "Únete hoy · Acceso socios")."""
    if has_digit(text[start:end]):
        return False
    before = text[:start]
    return before.endswith(" ") and before.rstrip()[-1:].isalpha()


def _by_author(text: str) -> str | None:
    """The names after a by-word: up to a strong separator ("Jane Smith | Opinion",
    "Jane Smith | Photos: Tom Lee"), without what follows them ("… for The Guardian",
    "… in News")."""
    text = _CREDIT.split(text, maxsplit=1)[0]  # "Text: A   Foto: B", "A; Editing by B"
    text = _WHEN_AFTER.split(text, maxsplit=1)[0]  # "Par A - Publié le …": the names end
    if "." in text:
        text = _TO_SITE.sub("", text)  # a link's sharer and its site: "por jgarcia a eldiario.es"
    if text.endswith("."):
        text = _SENTENCE_STOP.sub("", text)  # "Das Gespräch führte Jana Roth."
    role = _ROLE_BEFORE.match(text)
    if role is not None:
        text = text[role.end() :]
    text = _undangle(text.strip(SEPARATORS))
    head, comma, tail = text.rpartition(",")
    if comma and tail.strip() and (no_writer(tail.strip()) or names_body(tail.split())):
        text = head  # the agency or body after the writers ("A and B, Black Workers' Caucus")
    author = _before_fields(text)
    if author is None:
        author = clean_author(_names_case(text), places=True)
    if author is None:
        first = _STRONG_SPLIT.split(text, maxsplit=1)[0]
        first = _AFTER_NAMES.sub("", first).strip(SEPARATORS)
        if first != text:
            author = clean_author(_names_case(first), places=True)
    if author is not None and author.islower() and " " in _AFTER_NAMES.sub("", text).strip():
        return None  # a handle stands alone: "Por que a escala…" is a headline, not "que"
    return author


def _place_after(rest: str) -> bool:
    """Whether a dated line's words end in one word after their only comma, where a writer's
    place stands ("14 godzin temu | Marta Lis-Kowalczyk, Gdańsk")."""
    head, comma, tail = rest.rpartition(",")
    return bool(comma) and "," not in head and len(tail.split()) == 1


def _late_by(rest: str) -> str:
    """``rest`` from the first of its later fields a by-word or an author's label opens
    ("… | Autor: Name | …"), else ``rest`` as it is."""
    for field in _LATE_FIELD.finditer(rest):
        tail = rest[field.end() :]
        if _BY.match(tail) is not None:
            return tail
    return rest


def _before_fields(text: str) -> str | None:
    """The names before the first field separator, where what follows it is another field
    ("Gwen Pritchard · Chartism, Land · 4 Comments", "A en B | Categorie: X, Y"), not a
    co-author ("A · B", "A, Economist · B, Fellow"); None when the line has no such
    separator or its first part is no name."""
    parts = FIELD_SPLIT.split(text, maxsplit=1)
    if len(parts) < 2:
        return None
    second = parts[1].strip(SEPARATORS)
    if role_signed(second) or is_name(FIELD_SPLIT.split(second, maxsplit=1)[0]):
        return None  # a co-author: "By Jane Smith · Tom Jones"
    first = _AFTER_NAMES.sub("", parts[0]).strip(SEPARATORS)
    return clean_author(_names_case(first), places=True) if first else None


def _author_before_role(rest: str) -> str | None:
    """The name set apart by wide spaces from the role after it ("Tom Reddish  Labour
    correspondent  |  2:18pm")."""
    parts = [p.strip(SEPARATORS) for p in _WIDE_SPACE.split(rest.strip(SEPARATORS))]
    parts = [p for p in parts if p]
    if len(parts) < 2 or not is_name(parts[0]) or not all(is_role(p) for p in parts[1:]):
        return None
    return clean_author(parts[0])


def author_among_labels(rest: str) -> str | None:
    """The one name among a byline's parts where the others are section labels or the outlet
    ("Opinion | Jane Smith", "BBC News · Helen Marsh · Wed 5 Mar", "Politics Home · …")."""
    name = name_among_labels(rest)
    return clean_author(name) if name is not None else None


def name_among_labels(rest: str) -> str | None:
    """The part of a line set apart by "·" or "|" that is a name, where it is the only one
    and the others are labels, places or outlets; as written."""
    if not _strongly_parted(rest):
        return None
    parts = [p.strip() for p in _STRONG_SPLIT.split(rest.strip(SEPARATORS)) if p.strip()]
    names = [p for p in parts if is_name(p)]
    if len(names) != 1 or len(parts) < 2:
        return None
    labels = [p for p in parts if p is not names[0]]
    return names[0] if all(_label_or_outlet(p) for p in labels) else None


def _label_or_outlet(part: str) -> bool:
    """A byline's part beside the name: a section, one word, or the outlet it ran in."""
    words = part.split()
    return (
        is_section_label(part)
        or len(words) == 1
        or words[0].lower() in SECTION_WORDS
        or (len(words) <= _LABEL_WORDS and no_writer(part))
    )


def date_article(word: str) -> bool:
    """Whether a word (casefolded) is an article a date is written after ("le 13/03/2025",
    "am 5. März"): the field's date, not its name."""
    return word in _DATE_ARTICLES


def _articles_only(before: str) -> bool:
    """Whether the words before a date are an article, perhaps after a weekday ("Le", "Am",
    "Onsdag d.", "Fredag den"): they name no one."""
    words = before.lower().replace(",", " ").split()
    return (
        bool(words)
        and words[-1] in _DATE_ARTICLES
        and all(w in _WEEKDAY_SET or w.rstrip(".") in _WEEKDAY_SET for w in words[:-1])
    )


def _without_weekday(text: str, replacement: str) -> str:
    """``text`` with the weekday (or two) it ends in replaced; the pattern runs only where
    ``text`` ends in a letter (after the dot, comma and spaces a weekday may take)."""
    if not text.rstrip().removesuffix(",").removesuffix(".")[-1:].isalpha():
        return text
    return _WEEKDAY_BEFORE.sub(replacement, text)


def _undangle(text: str) -> str:
    """``text`` without a word left dangling at its end ("… on", "… à"): _DANGLING."""
    return _DANGLING.sub("", text) if text[-1:] in _DANGLING_ENDS else text


def _may_hold_meta(text: str) -> bool:
    """Whether ``text`` holds what every _META alternative needs: a digit, "#", "|", ":"
    or a zone's letters (run on lower-cased text; the few letters a case-blind pattern
    matches to ASCII ones that lower() leaves apart send the line to the pattern)."""
    if has_digit(text) or any(mark in text for mark in _META_MARKS):
        return True
    lower = text.lower()
    return any(zone in lower for zone in _ZONES) or _CAPS_ZONE.search(text) is not None


def _names_case(text: str) -> str:
    """Names a site writes in lower case after "by" ("by aisha bello & mark o'leary") in
    their usual case, where each is a plain name (two to four words, no stopword)."""
    if not text.islower():
        return text
    cased = usual_case(text.upper())
    parts = [p for p in _JOINERS.split(cased) if p]
    return cased if parts and all(is_name(p) for p in parts) else text


def _labelled(text: str, found: DateMatch) -> bool:
    """A date and a section label set apart by a strong separator ("martedì 5 marzo 2024 —
    Comunicato stampa", "News | 4 March 2024"), not a title that names a day."""
    before = _without_weekday(text[: found.start], "").strip()
    after = text[found.end :].strip()
    if before and after:
        return False
    label = before or after
    mark = label[-1] if before else label[0]
    if before and before[-2:-1].isdigit():
        return False  # a span of days ("Leafleting weekend: 20–21 January"), no separator
    label = label.strip(SEPARATORS)
    if mark not in _STRONG:
        return False
    # a type label and its number: "DOCUMENTO DE TRABAJO Nº 31 · 13/02/2025"
    return label.count(" ") < _LABEL_WORDS or is_section_label(_NUMBERED.sub("", label))
