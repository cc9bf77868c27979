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
from typing import Final

from publisher.ingest.parsing.text import has_digit

LINK: Final = "link"
BLOCK: Final = "block"

_MAX_FURNITURE: Final = 100
_MAX_COPYRIGHT: Final = 200
_LINK: Final = re.compile(
    r"(?:read|view|see|learn)\s+(?:more|all|the full (?:article|story|post))\b.{0,40}"
    r"|continue reading\b.{0,60}|full story|more\s*[»›>→]|load more|show more"
    # a link out to the story on its own site: "Read on theguardian.com ↗   ☆ Save"
    r"|(?:read|continue|listen|watch)\s+(?:it\s+)?(?:on|at)\s+(?:www\.)?[\w-]+(?:\.[\w-]+)+\b.{0,30}"
    r"|(?:older|newer|next|previous)\s+(?:posts?|entries|articles|page)\b.{0,10}"
    r"|share(?: this)?(?:\s*(?:on|via)\b.{0,40}|\s*:.{0,60})?|tweet|print|email"
    r"|share (?:this )?(?:article|story|post|page)\b.{0,40}|related(?: \w+)?\s*:.{0,90}"
    r"|follow (?!us\b)\S+(?: \S+)? on (?:twitter|x|facebook|instagram|mastodon|bluesky|threads"
    r"|linkedin|youtube|tiktok|telegram)|lire la suite|en savoir plus|weiterlesen|mehr lesen"
    r"|leer más|seguir leyendo|ver más"
    # a link out to the piece itself, in other languages: "Lire l'article ↗", "Zum Artikel"
    r"|(?:lire|voir|écouter|leer|ver|leggi|ler|lees|läs|les|czytaj|artikel|zum)"
    r" (?:l'article|la dépêche|le reportage|l'émission|el artículo|la nota|l'articolo|o artigo"
    r"|a notícia|het artikel|artikeln|artikkelen|artykuł|lesen|artikel)(?: \([^()]{1,20}\))?"
    r"|accept(?: all)?(?: cookies)?|reject(?: all)?|decline|(?:ok,? )?i agree|ok|got it|dismiss"
    r"|manage (?:cookie )?(?:preferences|settings|options)"
    # a cookie banner's buttons in other languages: "Accepter et fermer", "Continuer sans
    # accepter", "Alle akzeptieren", "Rechazar todo", "Acceptera alla", "Přijmout vše"
    r"|(?:tout |alle |todo |tutto |alles |kaikki )?(?:accepter|refuser|akzeptieren|ablehnen"
    r"|aceptar|rechazar|accetta|accettare|rifiuta|accepteren|weigeren|aceitar|rejeitar"
    r"|acceptera|avvisa|godta|afvis|hyväksy|hylkää|akceptuj(?:ę)?|odrzuć|přijmout|odmítnout"
    r"|elfogadom|elutasítom)(?: (?:tout|alle|todo|todas|tutto|tutti|alles|alla|allt|kaikki"
    r"|wszystkie|vše|et fermer|und schließen|y cerrar|e chiudi|en sluiten))?"
    r"|(?:continuer|weiter|continuar|continua|doorgaan|fortsätt|fortsæt|jatka|kontynuuj"
    r"|pokračovat|continue) (?:sans|ohne|sin|senza|zonder|utan|uden|ilman|bez|without)"
    r" (?:accepter|akzeptieren|einwilligung|zustimmung|aceptar|accettare|te accepteren"
    r"|accepteren|att acceptera|at acceptere|hyväksymättä|akceptacji|souhlasu|accepting)"
    r"|\d{0,4}\s*comments?(?:\s*\(\d+\))?|leave a (?:comment|reply)"
    r"|back to top|skip to (?:main )?content|home|menu|search|log ?in|sign in|next|previous"
    r"|(?:tags?|tagged|categor(?:y|ies)|filed under|posted in)\s*:?\s+.{0,80}",
    re.IGNORECASE,
)
_BLOCK: Final = re.compile(
    r"(?:stay up to date|subscribe|sign up|join our (?:mailing list|newsletter)"
    r"|get (?:our|the) (?:newsletter|latest)|never miss|follow us|find us on|like us on"
    r"|support (?:us|our work)|donate\b|become a (?:member|supporter|subscriber)"
    r"|powered by|we use cookies|privacy policy|terms (?:of|and)\b|contact us"
    r"|(?:sponsored|promoted|paid for) by|in (?:association|partnership) with"
    r"|buy me a coffee|(?:type|enter) your e-?mail"
    r"|about us)\b.{0,90}",
    re.IGNORECASE,
)
# Run on lower-cased text: a case-blind pattern with accents is many times slower.
_COPYRIGHT: Final = re.compile(
    r"copyright|all rights reserved|\(c\) ?[12]|tous droits réservés|alle rechte vorbehalten"
    r"|todos los derechos reservados"
)
_COOKIES: Final = re.compile(
    r"\b(?:use|uses|using|utilise|utilisons|verwenden|nutzen|utilizamos|usamos|utilizziamo"
    r"|gebruiken|defnyddio)\b.{0,40}\b(?:cookies?|cwcis?)\b|cookies? (?:policy|settings)"
    r"|accept (?:all )?cookies|use of cookies"
    # any language: the English word glossed in brackets ("koristi kolačiće (cookies)"), or
    # a sentence on the web site's cookies ("Tato webová stránka používá soubory cookies.")
    r"|\(cookies?\)|\bweb.{0,60}\bcookies?\b.{0,80}[.!]$"
    # the site's cookies in any language: "Acest site folosește cookie-uri", "Ce site utilise"
    r"|\b(?:site|sitio|sito|sitio web|webbplats\w*|stránka|strona|oldal|sivusto)\b.{0,40}\bcookie",
    re.IGNORECASE,
)
_MAX_COOKIES: Final = 300
# Pagination and result counts: "Next page ›", "Page 1 of 12", "Showing 1–20 of 143 articles".
_MAX_PAGING: Final = 60
_PAGING_WORDS: Final = frozenset(
    "page pages of next previous prev older newer posts entries articles stories results "
    "showing items first last go to issue issues".split()
)
_PAGING_KEY: Final = re.compile(r"\b(?:page|next|previous|prev|older|newer|showing)\b")
_PAGING_KEYS: Final = ("page", "next", "prev", "older", "newer", "showing")  # the cheap test
# A search's or a filter's result count, perhaps with the sort control after it: "Showing
# 1–12 of 214 publications   Sort by: Newest", "Mostrando 1–10 de 143 resultados",
# "Affichage de 1 à 12 sur 48 résultats", "Resultaten 1-10 van 57": a range of a total.
_RESULT_COUNT: Final = re.compile(
    r"(?:showing|displaying|viewing|mostrando|exibindo|affichage(?: de)?|zeige|anzeige"
    r"|visualizzazione(?: di)?|toont|weergave(?: van)?|yn dangos|results?|résultats|ergebnisse"
    r"|treffer|risultati|resultaten|resultados)\s?:?\s"
    r"\d[\d.,]*(?:\s?[-–—]\s?\d[\d.,]*|\s(?:à|a|al|bis|t/m|tot|i|to)\s\d[\d.,]*)"
    r"\s(?:of|de|sur|von|di|van|o|z|dari)\s\d[\d.,]*(?:\s[^\W\d_]+){0,2}"
    r"(?:[\s|·•]+(?:sort(?:ed)? by|order by|ordenar por|ordenado por|trier par|tri|sortieren"
    r"|sortiert nach|ordina per|sorteer op|sorteren op|trefnu)\b.{0,40})?",
    re.IGNORECASE,
)
_RESULT_MAX: Final = 120
_WORD: Final = re.compile(r"[^\W\d_]+")
_BREADCRUMB: Final = re.compile(r"home\s*(?:[|›»>/]|\s[·•]\s)", re.IGNORECASE)
_NAV_HINT: Final = re.compile(r"[|›»]| [·•/] ")  # the cheap test before splitting a row of links
_PROMOTION: Final = re.compile(
    r"(?:buy|book|order|download|get|pre-?order|register|reserve)\b[^.!?]{0,80}"
    r"\b(?:here|online|now|today)(?:[.!]+(?=\s|$)|$)"
    r"|(?:buy|order|shop|get)\b[^.!?]{0,80}[£€$]\s?\d[\d.,]*\s*$",  # "Buy from our shop £15.29"
    re.IGNORECASE,
)
_TRAIL: Final = re.compile(r"\s[>›»]\s")
_NAV_SEPARATORS: Final = re.compile(r"\s*[|›»]\s*|\s+[·•/]\s+")
_WIDE_GAP: Final = re.compile(r"(?<=\S) {2,}(?=\S)")
# The entries of a site's menu: a row of capitalised words holding two of them is a menu
# even with single spaces between ("Home News Crime Transport Business Sport").
_MENU_WORDS: Final = frozenset(
    """home news sport sports about contact events jobs shop search login opinion culture
    politics business weather travel podcasts podcast video videos lifestyle property
    puzzles archive blog campaigns join donate membership publications research media
    world uk local crime transport health education environment science technology tech
    inicio noticias política economía opinión cultura deportes accueil actualités
    économie sports startseite nachrichten politik wirtschaft kultur home nieuws
    economie cultuur hafan newyddion chwaraeon notizie politica economia cultura
    início notícias""".split()
)
_MENU_ROW_SPACES: Final = 4
_MENU_PARTS: Final = 3
# five or more capitalised words (or "&"), nothing else
_MENU_ROW: Final = re.compile(r"(?:[A-ZÀ-ÖØ-Þ]\S*|&|[-–])(?: (?:[A-ZÀ-ÖØ-Þ]\S*|&|[-–])){4,}")
_TRAILING_PROMOTION: Final = re.compile(
    r"(?<=[.!?])\s+(?:buy|book|order|download|pre-?order|register|reserve|donate)\b[^.!?]{0,80}"
    r"\b(?:here|online|now|today)[.!]*$",
    re.IGNORECASE,
)

# The first words of _LINK, _BLOCK, _PROMOTION and _BREADCRUMB.
_OPENING_WORDS: Final = frozenset(
    """read view see learn continue full more load show older newer next previous share
    tweet print email related follow lire en weiterlesen mehr leer seguir ver accept reject
    decline ok i got dismiss manage comment comments leave back skip home menu search log
    login sign tag tags tagged category categories filed posted stay subscribe join get
    never find like support donate become powered we privacy terms contact about buy book
    order download pre preorder register reserve shop sponsored promoted paid
    in type enter tout alle todo tutto alles kaikki accepter refuser akzeptieren ablehnen
    aceptar rechazar accetta accettare rifiuta accepteren weigeren aceitar rejeitar acceptera
    avvisa godta afvis hyväksy hylkää akceptuj akceptuję odrzuć přijmout odmítnout elfogadom
    elutasítom continuer weiter continuar continua doorgaan fortsätt fortsæt jatka kontynuuj
    pokračovat lire voir écouter leer ver leggi ler lees läs les czytaj artikel zum""".split()
)
_FIRST_WORD: Final = re.compile(r"[^\W\d_]+")
_PROMOTION_ENDS: Final = ("here", "online", "now", "today")
_ARROWS: Final = r"(?:[»›→]|>>|\.\.\.|…)"
_TRAILING_LINK: Final = re.compile(
    rf"(?<=[.!?…\"”’)\]])\s+[\[(]?(?:more\s*{_ARROWS}+"
    r"|(?:read more|continue reading|read on|keep reading|read the full (?:article|story|post)"
    rf"|full story|lire la suite|weiterlesen|leer más|seguir leyendo)\b\s*{_ARROWS}*)\s*[\])]?$",
    re.IGNORECASE,
)
_LINK_ENDS: Final = (
    "more",
    "reading",
    " on",
    "story",
    "article",
    "post",
    "suite",
    "lesen",
    "leyendo",
)


def furniture_kind(text: str) -> str | None:
    """``"link"`` or ``"block"`` when a whole line is site furniture, else None."""
    if len(text) > _MAX_COOKIES:
        return None
    lower = text.lower()
    if len(text) <= _MAX_COPYRIGHT and _is_copyright(text, lower):
        return BLOCK
    if "ookie" in lower and _COOKIES.search(text):
        return BLOCK
    if len(text) > _MAX_FURNITURE:
        return None
    if _opens_furniture(lower):
        if _LINK.fullmatch(text.rstrip(" .!»›→↗…")):
            return LINK
        if _BLOCK.match(text) or _PROMOTION.match(text):
            return BLOCK
        if _BREADCRUMB.match(text):
            return LINK
    if _is_navigation(text) or (len(text) <= _MAX_PAGING and _is_paging(lower)):
        return LINK
    if _counts_results(text):
        return LINK
    if lower.endswith(_SHARED_ENDS) and _SHARED.fullmatch(text) is not None:
        return LINK  # "⇄ Lena Hartmann boosted": whose post is shared, over the post
    return None


# A social timeline's note that someone shared the post under it.
_SHARED_ENDS: Final = ("boosted", "reposted", "retweeted", "repostet", "retuiteó")
_SHARED: Final = re.compile(
    r"\W{0,3}(?:[A-ZÀ-Þ][\w.'’-]*\s+){1,4}(?:boosted|reposted|retweeted|repostet|retuiteó)"
)


def _opens_furniture(lower: str) -> bool:
    """Whether a line opens with a word the link, box and promotion patterns start with
    (or a digit: "12 comments"): the one cheap test before them."""
    first = _FIRST_WORD.match(lower)
    return first is None or first.group() in _OPENING_WORDS


def _is_copyright(text: str, lower: str) -> bool:
    """A copyright line: "©", "(c) 2024", "Copyright", "All rights reserved"."""
    if "©" in text:
        return True
    hinted = "copyright" in lower or "reserv" in lower or "vorbehalten" in lower or "(c)" in lower
    return hinted and _COPYRIGHT.search(lower) is not None


def _is_navigation(text: str) -> bool:
    """A row of three or more short links: "Home | News | About"; or a trail of two or
    more: "Articles > Women and work", "Reports » Industrial Workers" (a quotation's
    guillemets set apart no trail: "Un « score » individuel")."""
    chevrons = " » " in text and "«" not in text
    if (" > " in text or " › " in text or chevrons) and _is_trail(text):
        return True
    marked = "|" in text or "›" in text or "»" in text or " ·" in text or " •" in text
    if not (marked or " /" in text) or _NAV_HINT.search(text) is None:
        return _is_menu_row(text)  # every _NAV_HINT match holds one of those marks
    parts = [p for p in _NAV_SEPARATORS.split(text) if p]
    return len(parts) >= 3 and all(len(p) <= 30 and p.count(" ") <= 3 for p in parts)


def _is_trail(text: str) -> bool:
    """A breadcrumb trail: short entries joined by ">" or "›"."""
    parts = _TRAIL.split(text.strip())
    return len(parts) >= 2 and all(0 < len(p) <= 30 and p.count(" ") <= 3 for p in parts)


def spaced_menu(raw: str) -> str:
    """A raw line of short entries set apart by runs of spaces ("Nieuws  Sport  Verkeer"),
    with bars between them so it reads as the menu it is (spaces collapse later)."""
    parts = _WIDE_GAP.split(raw.strip())
    if any(p.endswith((",", ";")) for p in parts[:-1]):
        return raw  # a list written out, wide between its commas: "Amelia Hart,  Kwame Boateng"
    if len(parts) >= _MENU_PARTS and all(len(p) <= 30 and p.count(" ") <= 3 for p in parts):
        return " | ".join(parts)
    return raw


def _is_menu_row(text: str) -> bool:
    """Menu entries on one line with single spaces: capitalised words, two of them the
    words menus are made of, no sentence marks."""
    if text.count(" ") < _MENU_ROW_SPACES or not text[0].isupper() or text[-1] in ".?!:,;":
        return False
    if _MENU_ROW.fullmatch(text) is None:
        return False
    return len(_MENU_WORDS.intersection(text.lower().split())) >= 2


def _counts_results(text: str) -> bool:
    """A search's result count ("Showing 1–12 of 214 publications"), the cheap test (a
    digit among the first words) before the pattern."""
    return (
        len(text) <= _RESULT_MAX
        and has_digit(text[:30])
        and _RESULT_COUNT.fullmatch(text) is not None
    )


def _is_paging(lower: str) -> bool:
    """Pagination or a result count: every word is a paging word, one of them a key."""
    if not any(key in lower for key in _PAGING_KEYS) or _PAGING_KEY.search(lower) is None:
        return False
    return set(_WORD.findall(lower)) <= _PAGING_WORDS


def strip_promotion(text: str) -> str:
    """A line without a promotion or link after it ("… April 2017. Buy online here!",
    "… the rain… Continue reading →", "… in Wales. Read more »")."""
    if _ends_in_link(text):
        text = _TRAILING_LINK.sub("", text)
    if len(text) > _MAX_COPYRIGHT or not text.rstrip(".! ").lower().endswith(_PROMOTION_ENDS):
        return text  # a promotion ends in "here", "online", "now" or "today"
    return _TRAILING_PROMOTION.sub("", text)


def promotes(text: str) -> bool:
    """Whether a line ends in a call to buy or book ("… Book online here!")."""
    return _TRAILING_PROMOTION.search(text) is not None


def _ends_in_link(text: str) -> bool:
    """A cheap test for a trailing "Read more »": most lines end in a plain full stop."""
    if text[-1] == "." and not text.endswith("..."):
        return False
    return text[-24:].rstrip(" »›→>.…)]").lower().endswith(_LINK_ENDS)
