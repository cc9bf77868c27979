"""Each line's candidate role from its own text: the symbols the record finder reads a
page in (``context.symbols`` then reads each line against the lines around it).

``F`` furniture (dropped, with a reason), ``M`` metadata a record may hold (reading
time, counters, "Share"), ``B`` a byline, date or name line, ``T`` a title-like line,
``S`` running text, ``L`` a list item, ``K`` a label repeated across the page
(a section name or the publication's, never a title).
"""

from __future__ import annotations

import re
from typing import Final

from publisher.ingest.parsing.authors import (
    clean_author,
    is_role,
    joined,
    one_name,
    role_signed,
    without_slashed_role,
)
from publisher.ingest.parsing.bylines import (
    WIRE_AFTER_NAME,
    Byline,
    name_among_labels,
    no_writer,
)
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name, is_section_label, without_lower_title
from publisher.ingest.parsing.references import is_book_reference
from publisher.ingest.parsing.text import has_digit

FURNITURE: Final = "F"
META: Final = "M"
BYLINE: Final = "B"
TITLE: Final = "T"
TEXT: Final = "S"
LIST: Final = "L"
LABEL: Final = "K"
# Why a job title under a name is metadata: the byline's, and an author page's header's.
ROLE_UNDER_NAME: Final = "metadata (the role under a name)"
COUNTS: Final = "metadata (counts)"  # "48 curtidas · 7 comentários", "1.204 seguidores"

_COUNTER: Final = re.compile(r"[\d.,]+\s?[KkMm]?|[·•|/–—-]+|\W{1,3}|[a-z]{1,3}")
_META: Final = re.compile(
    r"(?:\d{1,3}\s?(?:min(?:ute)?s?\.?|mins)\s*(?:read|de lecture|lesen|lectura|lettura|leestijd"
    r"|de lectura|de leitura|di lettura|leitura|darllen|lesetid|læsetid|lästid|läsetid|läsning"
    r"|læsning|lesing|lukuaika)?"
    r"|(?:lesezeit|leestijd|lecture|lectura|lettura|tempo di lettura|lesetid|læsetid|lästid"
    r"|läsetid|lukuaika)\s*:?\s*\d{1,3}.{0,12}"
    r"|\d{1,2}:\d{2}(?::\d{2})?|\d{1,3}\s?(?:h|hr|min)\s?\d{0,2}\s?m?(?:in)?"
    # a time or a span of times: "10:30 AM - 1:00 PM GMT", "19.00–21.00 Uhr"
    r"|\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?(?:\s?[-–—]\s?\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?)?"
    r"(?:\s?(?:gmt|bst|utc|cet|cest|uhr|h))?"
    r"|.{0,40}\((?:pdf|docx?|epub|odt|xlsx?|csv|ods|zip)?,?\s?\d[\d,.]*\s?(?:kb|mb|gb|ko|mo|seiten"
    r"|pages?)\s?\)"
    # a publication's catalogue numbers: "ISBN 978-1-915327-41-8", "ISSN 2754-1180 (online)",
    # "e-ISSN: 1234-5678", "DOI: 10.5281/zenodo.123", "Depósito legal: M-1234-2025"
    r"|(?:e-?|p-?)?(?:isbn|issn)(?:-1[03])?\s?:?\s?[\dX][\dX -]{6,}.{0,80}"
    r"|doi\s?:?\s?(?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+.{0,40}"
    r"|(?:depósito legal|dipòsit legal|dl)\s?:?\s?[a-z]{1,2}[ -]?\d[\d -]{3,}.{0,20}"
    # where an event is held, when it is no place: "Online (Zoom)", "En ligne"
    r"|(?:online|virtual|zoom|hybrid|en ligne|en línea|virtuell)(?:\s?\(.{0,20}\))?"
    r"|(?:pdf|epub|mp3|docx?)\b.{0,30}|\d[\d.,]*\s?(?:seiten|pages?|pp\.?|páginas|pagine|likes?"
    r"|comments?|reacties|kommentare|commentaires|comentarios|comentários|commenti|shares?|views?"
    r"|articles?|words?|wörter|mots|palabras|parole|woorden|palavras|geiriau"
    r"|posts?|stories|artikel|beiträge|artículos|articoli|artigos|erthyglau|publications?"
    # a petition's signatures and supporters: "12.430 firmas", "1,204 signatures"
    r"|signatures?|signataires|firmas|firme|unterschriften|handtekeningen|underskrifter"
    r"|assinaturas|llofnodion|supporters?|unterstützer\w*|soutiens|apoyos|sostenitori)"
    r"(?:[.·|]\s.{0,40})?"  # the widget's words after: "9 likes. Post not marked as liked"
    r"|\d[\d.,]*\so\s(?:sylw|sylwadau|ymateb|ymatebion|erthyglau)"  # Welsh: "14 o sylwadau"
    r"|@\w{2,30}"
    r"|(?:venue|where|when|location|place|time|cost|price|tickets?|lieu|heure|prix|ort|zeit"
    r"|dates?|datum|termine?|fechas?|date|dyddiad|speakers?|chair|intervenants?|referent\w*"
    r"|keynote"
    r"|ponentes?|relatori|sprekers?|siaradwyr|recording|aufzeichnung|enregistrement|grabación"
    r"|preis|lugar|hora|precio|luogo|ora|prezzo|locatie|tijd|prijs|local|preço)\s?:.{0,120}"
    r"|(?:episode|folge|épisode|episodio|aflevering)\s?\d{1,4}.{0,20}"
    # a caption or a credit: "Foto: Stakende medewerkers …", "Llun: Golygfa o'r ffilm",
    # "Article photo: Members march in Melbourne. Image: …"
    r"|(?:(?:article|main|lead|header|featured|hero|top)\s+)?(?:photos?|fotos?|pictures?|images?|illustrations?|credits?|photography|fotografie"
    r"|fotografía|fotografia|cover illustration|cover photo|caption|bild|imagen|immagine"
    r"|imagem|afbeelding|llun|delwedd|grianghraf)\s?(?::|by\b).{0,150}"
    # who edited a reporter's piece, credited under the reporter: "Edição – Ana Cheirub"
    r"|(?:editing|edição|edición|edizione|édition|bearbeitung|redigering|eindredactie)"
    r"\s?(?::|[–—]\s).{0,150}"
    # who translated a book under review: "Traduit de l'italien par Élise Morin"
    r"|(?:translated|traduit|traduite|traducido|traducida|traduzido|traduzida|tradotto"
    r"|tradotta|übersetzt|vertaald|översatt|oversat|oversatt)\s(?:\S+\s){0,4}"
    r"(?:by|par|por|da|di|von|aus|door|av|af|de|from)\s.{0,100}"
    r"|media caption\s?[,:].{0,150}"  # a player's caption: "Media caption, Watch: Reeves …"
    r"|(?:tags?|tagged|labels?|themen|thema|thèmes?|temas?|etiquetas?|categor\w+|filed under"
    r"|posted in|schlagwörter|mots-clés|onderwerpen?)\s?:.{0,120}"
    r"|[£€$]\s?\d[\d.,]*.{0,20}|\d[\d.,]*\s?[£€$].{0,20}|free|gratuit|kostenlos|gratis"
    r"|[★☆✩✪⭐]{1,10}.{0,20}"  # a rating
    # counters of people and replies: "42 going", "3 Comments on <title>", "No Comments"
    r"|(?:\d[\d,.]*\s?k?|no)\s(?:going|attending|interested|responses?|comments?(?:\son\s.{0,150})?)"
    # the blog, series or section an item is in: "Blog : Le blog de Sophie Lambert"
    r"|(?:blog|series|serie|série|reihe|rubrique|rubrik|section|sección|sezione|topics?)\s?:.{0,80}"
    # the partner a report was written with: "En colaboración con el Sindicato de Inquilinas"
    r"|(?:in collaboration with|en colaboración con|en collaboration avec|in zusammenarbeit mit"
    r"|in collaborazione con|em colaboração com|em parceria com|in samenwerking met"
    r"|mewn cydweithrediad â)\s.{0,100}"
    # the publisher of a report, not its author: "Herausgegeben von der Hugo-Haase-Stiftung"
    r"|(?:published by|herausgegeben von|édité par|editado por|pubblicato da|uitgegeven door)"
    r"\s.{0,80}"
    # an issue's or episode's number, perhaps with its month: "EP. 142", "Issue 42 — March 2025"
    r"|(?:(?:newsletter|bulletin|boletim|boletín|rundbrief|nieuwsbrief|revista|magazine|bolletino)"
    r"\s)?(?:ep|issue|no|nr|n[º°o]|number|numéro|nummer|número|numero|heft|ausgabe|vol|volume"
    r"|rhifyn|zenbakia)\.?\s?#?\d{1,4}(?:\s?[-–—·|,:/]\s?\D{0,20}\d{1,4})?"
    # the print issue a piece ran in: "From the March 2025 issue", "Aus der Ausgabe Nr. 10/2025"
    r"|(?:from|in|aus|dans|del|dal|uit|do|da|o)\s(?:the|this|our|der|dem|le|la|il|het|el|nr)?\s?"
    r"(?:[\w.]+\s){0,3}(?:issue|ausgabe|heft|numéro|número|numero|nummer|edition|édition"
    r"|edición|edizione|editie|rhifyn)\b.{0,30}"
    # an episode's guests: "with guest Alex Marín", "Mit Gästen Jonas Krämer und Birgit Auer"
    r"|(?:with (?:special )?guests?|mit (?:gast|gästin|gästen)|avec (?:l'invitée?|les invités)"
    r"|con (?:l'ospite|gli ospiti|invitad[oa]s?)|met (?:gast|gasten)|(?:in conversation with"
    r"|im gespräch mit|en conversation avec|en conversación con|in conversazione con)"
    r"(?=\s(?!(?:a|an|the|un|une|ein|eine|el|la|il|uno|una|een)\s)))\b.{0,100}"
    # a count of readers (and a thread's replies): "Hits: 412", "Replies: 6   Views: 141"
    r"|(?:(?:hits|views|reads|replies|aufrufe|zugriffe|visite|visualizzazioni|visitas|lecturas"
    r"|leituras|vues|lectures|weergaven|downloads?)\s?:?\s?\d[\d,.]*\s?[km]?\s*)+"
    # an event's entry: "Tickets £5 · 31 left", "Free, but please book", "Pay what you can"
    r"|(?:tickets?|entry|admission|entrée|eintritt|entrada|ingresso|toegang|mynediad)\s?"
    r"(?:[£€$]\s?\d|\d|free|gratis|frei|libre|libero|gratuit).{0,30}"
    r"|(?:free|gratuit|kostenlos|gratis)\s?[,·|–—-]\s?.{0,30}"
    r"|(?:pay what you (?:can|feel|want|like|decide)|prix libre|entrada libre|eintritt frei"
    r"|ingresso libero|vrije toegang)\b.{0,30}"
    r"|(?:sold out|fully booked|ausverkauft|ausgebucht|complet|agotado|esaurito|uitverkocht"
    r"|esgotado|volgeboekt)\b.{0,40}"
    # a press office's contact and notes under a release: "Media contact: Naomi Fraser, …"
    r"|(?:media|press|presse|prensa|stampa|pers|imprensa)\s?(?:contacts?|enquiries|inquiries"
    r"|office)\s?:.{0,120}"
    r"|(?:notes? to editors?|contact presse|pressekontakt|contacto de prensa|contatto stampa"
    r"|noot voor de redactie|contato de imprensa)\s?:?.{0,120})",
    re.IGNORECASE,
)
_FURNITURE_WORDS: Final = (
    frozenset(
        """listen share save follow like reply print email whatsapp facebook twitter x linkedin
    bluesky mastodon telegram instagram tiktok youtube advertisement advertising sponsored
    anzeige publicité publicidad pubblicità advertentie hysbyseb member-only members-only
    premium paywall exclusive-to-members more menu search suche recherche buscar cerca zoeken
    chwilio home accueil startseite inicio inizio início contact kontakt contacto contatti
    login logout register donate doneer spenden faire-un-don dona donar apoia steun cefnogi
    references""".split()
    )
    | frozenset(("post author", "post date", "posts navigation", "post navigation", "copy link"))
    | frozenset(("get involved", "impliquez-vous", "mach mit", "participa", "doe mee"))
    | (
        # an avatar's alternative text over the writer's name ("Writer's picture" / "Gemma Clarke")
        frozenset(("writer's picture", "writer’s picture", "author's picture", "author picture"))
    )
    # a paywall's mark on a post, in the languages pages come in ("Member-only story",
    # "🔒 Paid", "Réservé aux abonnés", "Nur für Abonnenten", "Solo per abbonati")
    | frozenset(
        (
            *("paid", "member-only story", "members-only story", "member only"),
            *("subscriber only", "subscribers only", "paid subscribers only"),
            *("for paid subscribers", "this post is for paid subscribers"),
            *("réservé aux abonnés", "article réservé aux abonnés", "abonnés"),
            *("nur für abonnenten",),
            *("nur für mitglieder", "abo", "exclusivo para suscriptores", "exclusivo para socios"),
            *("solo per abbonati", "riservato agli abbonati", "alleen voor abonnees"),
            *("exclusivo para assinantes", "i danysgrifwyr yn unig", "i aelodau yn unig"),
        )
    )
    # a record's fold-out and the jump back up ("Details" over a Joomla article's fields)
    | frozenset(
        (
            *"""details détails detalles dettagli einzelheiten manylion mehr meer más mais
            weiter""".split(),
            *("top of page", "back to top", "to top", "nach oben", "haut de page"),
            *("volver arriba", "torna su", "naar boven", "voltar ao topo"),
        )
    )
)
_FURNITURE_LINE: Final = re.compile(
    r"(?:\[[^\]]{1,40}\]\s*){1,6}|https?://\S+|\d{1,4}\.\s+https?://\S+|www\.\S+"
    r"|(?:skip|jump|aller|springe|saltar|spring|salta)\b.{0,30}"
    r"|(?:zum|zur)\s(?:haupt)?(?:inhalt|navigation)\s(?:springen|wechseln).{0,40}"
    r"|(?:ir|ir para|vai|vai al|naar)\s(?:al|o|a|de)?\s?"
    r"(?:contenido|conteúdo|contenuto|inhoud)\b.{0,40}"
    r"|(?:open|get|download|télécharger|herunterladen|descargar|scarica|baixe|download)\b.{0,20}"
    r"\b(?:app|application|pdf)\b.{0,40}"
    r"|(?:most (?:read|popular|viewed|shared)|popular|trending|related|recent|latest|more from"
    r"|you (?:might|may) also like|read next|see also|recommended|categories|tags"
    r"|les plus lus|à lire aussi|meistgelesen|auch interessant|lo más leído|más leídas"
    r"|i più letti|mais lidas|meest gelezen|lees ook|mwyaf poblogaidd)\b(?:\s+\w+)?"
    r"|(?:lees verder|lire la suite|weiterlesen|mehr lesen|leer más|leggi tutto|continua a leggere"
    r"|ler mais|leia mais|darllen mwy|read more|continue reading|en savoir plus|ver más)\b.{0,120}"
    r"|read the (?:full|write-up|transcript|summary)\b.{0,40}"
    # a link out to where the story runs: "Read on mirror.co.uk ↗", "Ver en elpais.com"
    r"|(?:read|watch|listen|view|see|lire|regarder|écouter|voir|lesen|ansehen|anhören|leer|ver"
    r"|escuchar|leggi|guarda|ascolta|ler|ouvir|assistir|lees|bekijk|luister|darllen|gwylio"
    r"|gwrando)\s(?:it\s|more\s)?(?:on|at|in|sur|auf|bei|en|su|no|na|op|ar)\s"
    r"(?:.{0,40}[↗⧉]|\S*[a-z]\.[a-z]{2,}\S*(?:\s?[↗⧉→»])?)"
    r"|read full (?:story|article|release|statement|report|post)\b.{0,20}"
    # a player's controls: "▶ Watch the recording (58:12)", "Listen to the episode"
    r"|[▶►]\s?.{0,60}|(?:watch|listen to) the (?:recording|video|sessions?|replay|episode"
    r"|podcast|livestream)\b.{0,60}"
    r"|book (?:tickets?|now|your (?:place|seat|ticket)|a (?:place|seat)|here|online)\b.{0,20}"
    r"|(?:deel deze|partager|teilen|compartir|condividi|compartilhe|rhannu|share this)\b.{0,80}"
    r"|(?:steun ons|soutenez|unterstützen sie|apoya|sostieni|apoie|give today|donate|cefnogwch"
    r"|cyfrannwch|wspieraj|wesprzyj)\b.{0,80}"
    r"|(?:page|pagina|página|seite|pagina's|tudalen)\s?\d+\s?(?:of|sur|von|de|di|van|o)\s?\d+.{0,40}"
    r"|load more.{0,20}|show more.{0,20}"
    r"|(?:sort(?:ed)? by|filter(?: by)?|order by|ordenar por|trier par|sortieren nach)\b.{0,80}"
    r"|(?:filtrar por|filtrer par|filtern nach|filtra per|filter op|filteren op|hidlo yn ôl)"
    r"\b.{0,80}"
    # the same buttons and boxes in other languages: load more, most read, log in, join
    r"|(?:carregar|cargar|charger|carica|mehr|meer|toon|visa|vis|indlæs|pokaż|ver|afficher"
    r"|mostra)\s(?:mais|más|plus|altri|laden|anzeigen|meer|fler|flere|więcej|todo|tutti)\b.{0,20}"
    r"|(?:lo más (?:visto|leído)|más (?:vistas|leídas)|mest (?:lästa|læste|lest)"
    r"|najczęściej czytane|i più (?:letti|visti)|les plus (?:lus|partagés))\b.{0,20}"
    r"|(?:iniciar sesión|se connecter|anmelden|accedi|inloggen|logga in|log ind|logg inn"
    r"|zaloguj się|hazte socio(?:/a)?|afíliate|adhérer|mitglied werden|iscriviti|word lid"
    r"|associe-se|bli medlem|suscríbete|s'abonner|abonnieren|abbonati|abonneer|assine)\b.{0,40}"
    r"|(?:newer|older|nieuwere|oudere|plus récents|plus anciens|neuere|ältere)\b.{0,30}"
    # sign-up form residue and newsletter boxes, in the languages pages come in
    r"|(?:your |votre |la tua |tu |je |ihre |eich )?(?:e-?mail(?: address)?|adresse e-?mail"
    r"|cyfeiriad e-?bost|e-?mailadres|correo electrónico|indirizzo e-?mail)\b.{0,30}"
    r"|(?:our |the |weekly |monthly )?(?:newsletter|nieuwsbrief|boletín(?: de noticias)?"
    r"|lettre d'information|cylchlythyr|infolettre)\b(?!\s(?:n[º°o]|nr|no|#|\d)).{0,20}",
    re.IGNORECASE,
)
# The words _FURNITURE_LINE and _META open with: a line opening with another word (and
# with a letter) matches neither, so the patterns are not run on it.
_FIRST_WORD: Final = re.compile(r"[^\W\d_]+")
_FURNITURE_OPENINGS: Final = frozenset(
    """http https www skip jump aller springe saltar spring salta zum zur ir vai naar open get
    download télécharger herunterladen descargar scarica baixe most popular trending related
    recent latest more you read see recommended categories tags les à meistgelesen auch lo
    más i mais meest lees mwyaf lire weiterlesen mehr leer leggi continua ler leia darllen
    continue en ver deel partager teilen compartir condividi compartilhe rhannu share steun
    soutenez unterstützen apoya sostieni apoie give donate cefnogwch cyfrannwch wspieraj
    wesprzyj page pagina página seite tudalen
    load show newer older nieuwere oudere plus neuere ältere your votre la tu je ihre eich e
    email adresse cyfeiriad correo indirizzo our the weekly monthly newsletter nieuwsbrief
    boletín lettre cylchlythyr infolettre sort sorted filter order ordenar trier filtrar filtrer
    filtern filtra filteren hidlo
    sortieren carregar cargar charger carica toon visa vis indlæs pokaż afficher mostra
    mest najczęściej iniciar se anmelden accedi inloggen logga log logg zaloguj hazte
    afíliate adhérer mitglied iscriviti word associe bli suscríbete s abonnieren abbonati
    abonneer assine book watch listen view regarder écouter voir lesen ansehen anhören escuchar
    guarda ascolta ouvir assistir bekijk luister gwylio gwrando""".split()
)
_META_OPENINGS: Final = frozenset(
    """lesezeit leestijd lecture lectura lettura tempo pdf epub mp3 doc docx venue where when
    lesetid læsetid lästid läsetid lukuaika
    isbn issn eissn e p doi depósito dipòsit dl
    collaboration colaboración collaborazione colaboração parceria zusammenarbeit samenwerking
    mewn em
    location place time cost price ticket tickets lieu heure prix ort zeit preis lugar hora
    precio luogo ora prezzo locatie tijd prijs local preço episode folge épisode episodio
    aflevering photo photos foto fotos picture pictures image images illustration no blog
    series serie série reihe rubrique rubrik section sección sezione topic topics published
    herausgegeben édité editado pubblicato uitgegeven ep issue nr nº n° number numéro nummer
    número numero heft ausgabe vol volume rhifyn zenbakia hits views reads replies aufrufe zugriffe
    visite visualizzazioni visitas lecturas leituras vues lectures weergaven download downloads
    entry admission entrée eintritt entrada ingresso toegang mynediad pay prix ingresso vrije
    sold fully ausgebucht volgeboekt photography fotografie fotografía fotografia cover dates
    date datum termin termine fecha fechas dyddiad speaker speakers chair intervenant intervenants
    referent referentin referenten referentinnen ponente ponentes relatori spreker sprekers
    siaradwyr recording aufzeichnung enregistrement grabación ausverkauft complet agotado esaurito
    uitverkocht esgotado media press presse prensa keynote online virtual zoom hybrid ligne línea
    newsletter bulletin boletim boletín rundbrief nieuwsbrief revista magazine bolletino with mit
    avec con met in im en from aus dans del dal uit do da o
    stampa pers imprensa notes note contact pressekontakt contacto contatto noot contato
    illustrations credit credits tag tags tagged label labels themen thema thème thèmes tema
    temas etiqueta etiquetas filed posted schlagwörter mots onderwerp onderwerpen free gratuit
    kostenlos gratis caption bild imagen immagine imagem afbeelding llun delwedd
    grianghraf article main lead header featured hero top
    editing edição edición edizione édition bearbeitung redigering eindredactie
    translated traduit traduite traducido traducida traduzido traduzida tradotto tradotta
    übersetzt vertaald översatt oversat oversatt""".split()
)
_COUNTER_LETTERS: Final = 3  # a counter opening with a letter is a word of three letters at most
# Lines worth the arrow and pagination patterns: an arrow, or a digit in a short line.
_ARROWS: Final = "«‹←»›→"
_ARROW_LINE: Final = re.compile(r"(?:«|‹|←)\s?.{0,30}|.{0,30}\s?(?:»|›|→)")
# pagination: numbers, arrows and the words for previous and next
_PAGING_LINE: Final = re.compile(
    r"(?:[\d\s.…|/‹›«»<>←→-]|(?:prev(?:ious)?|next|precedente|successiva|anterior|siguiente"
    r"|vorherige|nächste|précédent|suivant|vorige|volgende|page|seite|pagina|página)\b)+",
    re.IGNORECASE,
)
_PAGING_MAX: Final = 80
_SHORT: Final = 4  # words: a line this short at the page's top or bottom edge is a menu entry
_SHORT_LINE: Final = 180
_NAME_WORDS: Final = 5
_JOINED: Final = re.compile(
    r",|&|\s[/|]\s|\s(?:and|und|et|y|e|en|ac|a|i|och|og|oraz|agus|ja|eta)\s", re.IGNORECASE
)
_SEVERAL: Final = re.compile(r", | and ")  # how clean_author joins several names
_PLACES: Final = frozenset(
    """street road lane avenue square house hall centre center park place way building church
    chapel library station rooms quay terrace crescent gardens""".split()
)
_ADDRESS_MAX: Final = 120
_META_ROW: Final = 80
_SEPARATOR: Final = re.compile(r"\s+[·|•]\s+")
_WIDE_GAP: Final = re.compile(r"\s{3,}")
# A second writer with a post of their own: "A, Director and Thandeka Mokoena, Director".
_ANOTHER_WRITER: Final = re.compile(
    r"\s(?:and|&|und|et|y|e|i|och|og|en)\s+[A-ZÀ-Þ][\w'’-]+\s+[A-ZÀ-Þ][\w'’-]+,"
)
_SERIES_NUMBER: Final = re.compile(r"\s*(?:n[º°o]\.?|nr\.?|no\.?|vol\.?|issue|#)\s?\d", re.I)
# A student writer's class year after the name ("Maya Chen '27", "Tom Reyes ’26").
_CLASS_YEAR: Final = re.compile(r"(?<=[^\W\d_])\s?['’]\d{2}\b")
_SEPARATORS: Final = "·|•"
_LABEL_PART: Final = 3  # words: a part of a metadata row that is a label (a section's name)
# a house number and a street: "25 Red Lion Square", "12 rue de la Paix", "Calle Mayor 5",
# "Hauptstraße 12"
_STREET: Final = re.compile(
    r"\d{1,4}[a-z]?\s+(?:[A-Z]\S*\s){0,3}(?:street|road|lane|avenue|square|place|way|row|walk"
    r"|close|drive|parade|terrace|crescent|gardens|quay|st|rd|ave)\.?"
    r"|(?:\d{1,4},?\s)?(?:rue|avenue|boulevard|bd|calle|avda?|avenida|via|viale|piazza|plaza"
    r"|rua|praça|largo|carrer|kalea|c/|ul\.|ulica|ulice|strada|calea)\s.{2,40}"
    r"|(?:[A-ZÀ-Þ]\S*\s)?\S*(?:straße|strasse|str\.|weg|gasse|platz|allee|straat|laan|plein|gracht|kade|gatan"
    r"|vägen|gade|vej|gate|veien|katu|tie|utca)\s\d{1,4}[a-z]?",
    re.IGNORECASE,
)
# a postcode: British ("WC1R 4RL"), or five or four digits before a town ("10117 Berlin")
_POSTCODE: Final = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}$|^\d{4,5}\s[A-Z][a-zà-ÿ]+$")
# the last word of a group signing as one ("Policy Unit", "research team"): no name before it
_COLLECTIVE: Final = frozenset("team teams desk staff newsroom unit group équipe equipo".split())
# A team signing a piece as one: "Equipo de Salarios del IETD", "Ravensworth Institute
# research team", "L'équipe du Pôle Emploi", "Team für Arbeitsmarkt"; no writer named.
_TEAM: Final = re.compile(
    r"(?i:(?:the|l'|el|la|o|a|das|het|y)\s?)?(?i:equipo|équipe|equipe|team|gruppo|grupo|equipa"
    r"|arbeitsgruppe|werkgroep|tîm)\s(?:de|du|des|of|di|da|do|van|für|del|della)\s"
    r"[A-ZÀ-Þ][^.!?:]{1,50}"
    r"|[A-ZÀ-Þ][^.!?:]{1,50}\s(?i:research|policy|editorial|data|analysis)\s(?i:team|unit|group)",
)
_TEAM_LINE: Final = 70
# What every _TEAM match holds, lower-cased: the cheap test before the pattern (letters a
# case-blind pattern matches to ASCII ones that lower() leaves apart send a line to it)
_TEAM_WORDS: Final = ("team", "quip", "grup", "groep", "tîm", "unit", "group")
_CASE_ODDITIES: Final = ("İ", "ı", "ſ", "K")
_LOWER_WORDS: Final = 2
_AFFILIATION_MAX: Final = 200  # a writer, their post and their institution, one line
_MAX_AFFILIATED: Final = 4  # writers one line names so
_WRITERS_APART: Final = re.compile(r";|\s[·•|]\s")  # "A, Fellow; B, Professor", "A, … · B, …"
_WRITER_MARKS: Final = ("·", "•", "|")  # the marks _WRITERS_APART parts writers by, besides ";"
# a label before names ("Rapporteur :", "Připravila:", two words: "Text och bild:"), perhaps
# with its plural's gender-inclusive ending ("Rapporteur·es", "Autor*innen", "Autor:innen")
_LABEL_COLON: Final = re.compile(
    r"(?P<label>[^\W\d_][^\W\d_]{1,24}(?:\s(?:and|och|og|und|et|y|e|i|en|a|és|ja)\s[^\W\d_]{2,24})?)"
    r"(?:[·*_:/](?=[^\W\d_A-Z])[^\W\d_]{1,6})?\s?:\s+(?P<rest>.+)"
)
# the next labelled field after the names: " · Producent: X", " | Kuvat: X"
_NEXT_LABELLED_FIELD: Final = re.compile(r"\s*[·|•]\s*(?=[^\W\d_]+\s?:)")
_DASH: Final = re.compile(r"\s[–-]\s")
_MORE_AUTHORS: Final = re.compile(r",?\s*(?:\.\.\.|…|et al\.?)$")
_BRACKETED: Final = re.compile(r"\s*\([^()]{1,60}\)")
_TRAILING_ASIDE: Final = re.compile(r"(?<=\S)\s+\([^()\d]{1,80}\)$")  # a party, a seat, an employer
# labels crediting other work than the writing, or naming someone else than its writer
_OTHER_CREDITS: Final = frozenset(
    "photo photos foto fotos fotograf fotografie fotografía fotografia fotografias kuva kuvat "
    "bild bilder images image picture pictures illustration illustrations ilustración "
    "ilustração illustrazioni video vídeo kamera camera cámara grafik graphics design "
    "producer producent produzent produktion production producción produção realisation "
    "réalisation editor editors editing edited redaktion montage edición edição "
    "translation translator traducción tradução traduction traduzione übersetzung "
    "contact contacts kontakt contacto contatto guest guests gast gäste invité invités "
    "invitado invitados ospite ospiti convidado speaker speakers sprecher chair chairs "
    "moderator moderation moderación modération cc to an para à a til source sources quelle "
    "fuente fonte tags tag category categories kategorie catégorie categoría section topics "
    "themen thema sujet tema place venue ort lieu lugar luogo local location where wo "
    "organiser organizer organisers organizers veranstalter organisateur organizador "
    "sponsor sponsors partner partners funder with mit avec con com met med".split()
)
_PLACE_WORDS: Final = 3  # "and", a role in lower case: names have no more
_SYMBOLS_LINE: Final = 40  # a line this short without letters is counters or icons
_COUNT: Final = r"(?:[^\w\s]+|\d[\d.,]*\s?[KkMm]?|\d{1,2}:\d{2})"
_COUNTERS: Final = re.compile(rf"{_COUNT}(?:\s+{_COUNT})*")
# counts, each a figure and the word in lower case for what it counts, in a row
_COUNTED: Final = r"\d[\d.,]*\s?[kKmM]?\s[^\W\d_A-ZÀ-ÖØ-Þ]{3,15}"
_WORD_COUNTED: Final = re.compile(r"[^\W\d_A-ZÀ-ÖØ-Þ]{3,15}\s?\(\d[\d.,]*\)")
_COUNTED_WORDS: Final = re.compile(rf"{_COUNTED}(?:\s*[·•|,]?\s+{_COUNTED})*")
# a pictograph or arrow before a counter: "⟶ 31 comentários", "💬 12 comments"
_PICTOGRAPH: Final = re.compile(r"^[^\w\s(\[]{1,3}\s+(?=\d)")
# a headline's label in capitals, which a caption's is not: "PHOTOS: Thousands march …"
# against "Photo: Members on the picket line"
_CAPS_HEADLINE: Final = re.compile(
    r"(?:PHOTOS|FOTOS|IN PICTURES|PICTURES|GALLERY|GALERIA|GALERÍA|VIDEO|VÍDEO|WATCH|LIVE)\s?:\s"
)
# a line wholly in brackets naming a picture: a text dump's image or its alt text ("[image]",
# "[IMG]", "[Photo: Members on the picket line]", "[Bild: ...]")
_PICTURE: Final = re.compile(
    r"\[\s?(?:img|image|images|photo|photos|picture|graphic|illustration|figure|video|bild"
    r"|foto|fotos|imagen|imagem|immagine|afbeelding|llun|delwedd|grafik|zdjęcie|kuva|billede"
    r"|bild)\b[^\[\]]{0,300}\]",
    re.IGNORECASE,
)


def line_symbol(unit: Unit) -> tuple[str, str]:
    """One unit's symbol from its own text and the signals already read for it (the lines
    around it are read by ``context.symbols``)."""
    text = unit.text
    if unit.furniture is not None:
        return FURNITURE, f"furniture ({unit.furniture})"
    if unit.byline is not None:
        return BYLINE, "byline" if unit.byline.author else "date"
    if text[:1] == "[" and _PICTURE.fullmatch(text):
        return META, "metadata (an image or its alt text)"
    if len(text) <= _SHORT_LINE:  # furniture and metadata patterns hold short lines only
        lower = text.lower().strip(" .:!»›→…")
        first = _FIRST_WORD.match(lower)
        opening = first.group() if first is not None else ""
        if lower in _FURNITURE_WORDS or _arrows_or_pages(text):
            return FURNITURE, "furniture (menu, widget or button)"
        if _may_open(opening, _FURNITURE_OPENINGS) and _FURNITURE_LINE.fullmatch(text):
            return FURNITURE, "furniture (menu, widget or button)"
        if not (opening and len(text) > _COUNTER_LETTERS) and _COUNTER.fullmatch(text):
            return META, "metadata"
        if not opening and len(text) <= _SYMBOLS_LINE and not any(map(str.isalpha, text)):
            return META, "metadata"  # counters and pictographs: "♡ 61  💬 9", "↩ 14 ⇄ 30"
        if not opening and len(text) <= _SYMBOLS_LINE and _COUNTERS.fullmatch(text):
            return META, "metadata"  # a post's views and time: "👁 9.8K   18:02"
        if not opening and text[:1].isdigit() and _COUNTED_WORDS.fullmatch(text):
            return META, COUNTS  # in any language: "48 curtidas • 7 comentários"
        if text[-1] == ")" and text[:1].islower() and _WORD_COUNTED.fullmatch(text):
            return META, COUNTS  # "komentarze (12)", "reacties (3)"
        if (
            (_may_open(opening, _META_OPENINGS) or "(" in text)
            and _META.fullmatch(_PICTOGRAPH.sub("", text))
            and _CAPS_HEADLINE.match(text) is None
        ):
            return META, "metadata"
        if ", " in text and has_digit(text) and _address(text):
            return META, "metadata (an address)"
        if _meta_parts(text):
            if _name_before_fields(text) is not None:
                return BYLINE, "name"  # "Jane Doe · 5 min read": a writer, then metadata
            return META, "metadata"
        if has_digit(text) and is_book_reference(text):
            return META, "metadata (a book's reference)"
    if text[-1] in "›→" and _POINTING_ON.search(text) is not None:
        return FURNITURE, "furniture (a promotion pointing on)"
    if unit.marker:
        return LIST, ""
    if name_only(text) is not None:
        return BYLINE, "name"
    if _team(text):
        return BYLINE, "name (a team signs, no writer named)"
    if unit.title_like or unit.heading:
        return TITLE, ""
    return TEXT, ""


def _may_open(word: str, openings: frozenset[str]) -> bool:
    """Whether a line opening with ``word`` (empty: no letter first) may match a pattern
    whose alternatives open with ``openings``: the cheap test before the pattern."""
    return not word or word in openings or word.startswith("categor")


def _arrows_or_pages(text: str) -> bool:
    """A "Next ›" link or a row of page numbers ("‹ Precedente 1 2 3 … 52 Successiva ›")."""
    arrows = any(arrow in text for arrow in _ARROWS)  # substring scans: fast on long lines
    if arrows and _ARROW_LINE.fullmatch(text) and not _quotes(text):
        return True
    paging = arrows or has_digit(text)
    return paging and len(text) <= _PAGING_MAX and _PAGING_LINE.fullmatch(text) is not None


def _team(text: str) -> bool:
    """Whether a team signs the line as one (_TEAM); most lines name no team word."""
    if len(text) > _TEAM_LINE:
        return False
    if not any(odd in text for odd in _CASE_ODDITIES):
        lower = text.lower()
        if not any(word in lower for word in _TEAM_WORDS):
            return False
    return _TEAM.fullmatch(text) is not None


# a notice and the link after it: "Nieuw: ons jaarverslag 2024 staat online. Bekijk het
# jaarverslag ›", "Jetzt wechseln und sparen! Zum Konto →"
_POINTING_ON: Final = re.compile(r"[.!?]\s+(?:\S+\s){0,4}\S+\s?[›→]$")


def _quotes(text: str) -> bool:
    """Whether guillemets in ``text`` quote ("Cine-fórum: «Sin techo ni ley»", "Grève : « On
    ne lâchera rien »"), not point ("« Previous | Next »"): the quote opens after words,
    or right against its first one."""
    opening, closing = text.find("«"), text.rfind("»")
    return 0 <= opening < closing and (opening > 0 or text[1:2] != " ")


def _affiliated(text: str) -> str | None:
    """The writers a long line names with their posts and institutions after commas, as
    academic and policy sites sign ("Ana Ruiz, Research Fellow, Centre for Future Work;
    Tom Lee, Professor, University of Leeds"): one writer to a part between semicolons."""
    if "," not in text:
        return None  # the cheap test: each writer's post stands after a comma (role_signed)
    writers = [_affiliated_writer(part) for part in _writer_parts(text.rstrip("; "))]
    if not writers or len(writers) > _MAX_AFFILIATED or not all(writers):
        return None
    return joined([w for w in writers if w])


def _writer_parts(text: str) -> list[str]:
    """``text`` cut between writers (_WRITERS_APART); most long lines hold no separator,
    and the substring tests are cheaper than the pattern's scan."""
    if ";" not in text and not any(mark in text for mark in _WRITER_MARKS):
        return [text]
    return _WRITERS_APART.split(text)


def _affiliated_writer(text: str) -> str | None:
    """The writer one part names before their post ("Ana Ruiz, Research Fellow, …")."""
    text = text.strip()
    if len(text) > _AFFILIATION_MAX or not text[:1].isupper() or text.endswith((".", "?", "!")):
        return None
    parts = text.split(",")
    if not all(part.strip()[:1].isupper() for part in parts[1:]) or not role_signed(text):
        return None  # "Jane Smith, Professor of Law, dies at 84": a headline
    return clean_author(parts[0])


def name_only(text: str) -> str | None:
    """The author a line holding only names gives ("MAYA OKONJO AND DEREK NWOSU")."""
    if text[:1] == "(" and text.endswith(")") and text.count("(") == 1 and len(text) > 2:
        return name_only(text[1:-1])  # a statement's signature: "(R. Meenakshi Sundaram)"
    if "   " in text:
        return name_only(_WIDE_GAP.split(text, 1)[0])  # columns: "Anna Huber   Kommunikation"
    if "/" in text and WIRE_AFTER_NAME.search(text) is not None:
        return name_only(WIRE_AFTER_NAME.sub("", text))  # a wire's reporter: "Anna Berg/TT"
    if "'" in text or "’" in text:
        text = _CLASS_YEAR.sub("", text)  # a student writer's class: "Maya Chen '27"
    if text[:1].islower():
        text = without_lower_title(text)  # "mr. Anna de Groot"
    if text.endswith(("...", "…", "al", "al.")):
        text = _MORE_AUTHORS.sub("", text)  # a list cut short: "M Okafor, D Nwosu, ..."
        if not text:
            return None
    if len(text) > 80:
        return _affiliated(text)
    if ":" in text and (labelled := _labelled_names(text)) is not None:
        return labelled  # "Rapporteur : A", "Připravila: A", "Autors: A, B i C"
    if "; " in text and (listed := _names_by_semicolons(text)) is not None:
        return listed  # "María José López; Juan Pérez Gil"
    if text[-1] == ")" and (aside := _TRAILING_ASIDE.search(text)) is not None:
        return name_only(text[: aside.start()])  # a deputy's group: "M. A (Les Démocrates - Var)"
    if not text[0].isupper() or text.endswith((".", "?", "!", ":")):
        return None
    if "," in text and (writer := _name_and_post(text)) is not None:
        return writer  # a name and a post of several words: "Jane Doe, Minister for Culture"
    if _team(text):
        return None  # a team signing: "Equipo de Salarios del IETD"
    for dash in (" — ", " – "):
        if dash in text:  # the place the writer files from: "NÚRIA SOLER — BARCELONA"
            head, _, place = text.partition(dash)
            name = name_only(head)
            fits = place[:1].isupper() and len(place.split()) <= _PLACE_WORDS
            return name if fits else None
    text = without_slashed_role(text)  # "Shamoy Reid/Staff Reporter"
    if " | " in text and (signed := _caps_name_at_place(text)) is not None:
        return signed  # a paper's signature: "MARTA ECHEVERRÍA | Tudela"
    if " · " in text or " | " in text:
        # "Cardiff · Jane Smith", "Opinion | Jane Smith": the label first, the name last (an
        # employer before its place, "Fairwork Alliance · Manchester", is no writer)
        among = name_among_labels(text)
        if among is not None and text.rstrip().endswith(among):
            return name_only(among)
        if (name := _name_before_fields(text)) is not None:
            return name
    words = text.split()
    if sum(1 for word in words if word[0].islower()) > _LOWER_WORDS:
        return None  # a sentence or a headline in sentence case, not names
    joined = _JOINED.search(text) is not None
    name = one_name(text) if not joined else ""  # one name: no authors to split, no roles to cut
    if len(words) > _NAME_WORDS and not joined and len(name.split()) > _NAME_WORDS:
        return None  # one name has at most four words (particles, titles, letters aside)
    if not joined and "(" not in text and "[" not in text:
        if name and is_name(name) and not is_role(name):
            return None if no_writer(name) else name
        return _name_before_role(name)
    author = clean_author(text.replace(" | ", ", "))  # names apart: "JOSÉ CANO | ANA SOTO"
    if author is None or no_writer(author):
        return None
    if " and " in author or "," in author:
        # each of several names is a name ("Why Every Small Venue Needs A Union Rep" is none)
        names = _SEVERAL.split(author)
        return author if all(is_name(n) and not _place(n) for n in names) else None
    return author if is_name(author) else None


def _name_and_post(text: str) -> str | None:
    """The writer of a line naming one person and their post after a comma, the post of
    several words ("Jane Doe, Cabinet Secretary for Housing and Local Government"), never
    a list of writers ("Dr Sarah Connell, Matthew Price and Ayo Bello")."""
    post = text.split(",", 2)[1].split()
    opening = " ".join(post[:2])
    if _ANOTHER_WRITER.search(text) or (is_name(opening) and not is_role(opening)):
        return None
    writer = _affiliated_writer(text)
    return None if writer is None or no_writer(writer) else writer


def _labelled_names(text: str) -> str | None:
    """The writers of a line that is a one-word label and names alone ("Rapporteur : Jean
    Dupont", "Programledare: Anna Berg · Producent: Johan Berg"): whatever the language
    calls the role, the person it names under a record's title is the one answerable for
    it; a credit for other work (photos, editing, a guest, a contact) names no writer, and
    a genre's name before a colon opens a headline."""
    match = _LABEL_COLON.match(text)
    if match is None:
        return None
    words = match.group("label").casefold().split()
    if words[0] in _OTHER_CREDITS:
        return None  # "Fotos:", "Foto och video:"
    if len(words) > 1 and words[-1] not in _OTHER_CREDITS:
        return None  # two roles are the writing and its pictures ("Text och bild:")
    if is_section_label(match.group("label")):
        return None  # a genre heading its title: "Review: Bread and Roses"
    rest = _NEXT_LABELLED_FIELD.split(match.group("rest"), maxsplit=1)[0].strip()
    if not rest or not rest[0].isupper() or ":" in rest:
        return None
    if " – " in rest or " - " in rest:
        return _dashed_posts(rest)
    return name_only(rest)


def _dashed_posts(text: str) -> str | None:
    """The signers of a line naming each with their post after a dash ("Jan Kowalski –
    Przewodniczący, Anna Nowak – Sekretarz"); None unless every part is so."""
    parts = [_DASH.split(part, maxsplit=1) for part in text.split(", ")]
    if not all(len(part) == 2 for part in parts):
        return None
    names = [name_only(name) for name, _post in parts]
    if not all(names) or len(names) > _MAX_AFFILIATED:
        return None
    return joined([name for name in names if name])


def _names_by_semicolons(text: str) -> str | None:
    """Names set apart by semicolons, each perhaps with its affiliation in brackets
    ("María José López; Ana Ruiz (Università di Bologna)", "…; Ana Ruiz (coord.)")."""
    parts = [_BRACKETED.sub("", part).strip() for part in text.split(";")]
    if len(parts) < 2 or not all(parts):
        return None
    names = [name for part in parts if (name := name_only(part)) is not None]
    if len(names) < len(parts) or any(" and " in name or "," in name for name in names):
        return None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _caps_name_at_place(text: str) -> str | None:
    """The writer of a signature set in capitals before the place it was filed from, in
    the place's usual case ("MARTA ECHEVERRÍA | Tudela", "ANA RUIZ y LUIS GIL | Pamplona"):
    the capitals set the name apart from a label, which is written as the place is."""
    head, _, place = text.partition(" | ")
    if not place or "|" in place or place.isupper() or not place[:1].isupper():
        return None
    if len(place.split()) > _PLACE_WORDS or not _in_capitals(head):
        return None
    return name_only(head)


def _in_capitals(text: str) -> bool:
    """Whether a line's words are in capitals but for joining words ("ANA RUIZ y LUIS GIL")."""
    words = [w for w in text.split() if len(w) > 1]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= len(words) - 1


def _name_before_fields(text: str) -> str | None:
    """The name opening a row whose other fields are metadata, not a series' number ("Jane
    Doe · 5 min read"; "PAY TRACKER · No. 12" is a series)."""
    head, *fields = _SEPARATOR.split(text)
    if not fields or not all(_meta_part(f) and not _SERIES_NUMBER.match(f) for f in fields):
        return None
    name = one_name(head)
    if not is_name(name) or is_role(name) or no_writer(name):
        return None
    return name


def _meta_parts(text: str) -> bool:
    """A row of a record's metadata set apart by "·" or "|": a section's name and its
    reading time ("Case studies · 6 min read"), every part metadata or a short label."""
    if len(text) > _META_ROW or not any(mark in text for mark in _SEPARATORS):
        return False
    parts = _SEPARATOR.split(text)
    if len(parts) < 2:
        return False
    found = [_meta_part(part) for part in parts]
    labels = all(
        seen or (part.count(" ") < _LABEL_PART and not part.endswith((".", "?", "!")))
        for part, seen in zip(parts, found, strict=True)
    )
    return any(found) and labels


def _meta_part(part: str) -> bool:
    """Whether one part of a row is metadata (the cheap test on its first word first)."""
    first = _FIRST_WORD.match(part.lower())
    opening = first.group() if first is not None else ""
    return (_may_open(opening, _META_OPENINGS) or "(" in part) and _META.fullmatch(part) is not None


def _address(text: str) -> bool:
    """A venue's address: parts set apart by commas, one of them a house number and a
    street or a postcode, no sentence ("Conway Hall, 25 Red Lion Square, London WC1R 4RL")."""
    if len(text) > _ADDRESS_MAX or text.endswith((".", "?", "!")):
        return False
    parts = text.split(", ")
    return any(_STREET.fullmatch(part) for part in parts) or (
        _POSTCODE.search(parts[-1]) is not None
    )


def _place(name: str) -> bool:
    """Whether a name-like phrase is a place: a venue or a street ("Quaker Meeting House",
    "St James Street")."""
    return name.rsplit(None, 1)[-1].lower() in _PLACES


def _name_before_role(text: str) -> str | None:
    """The name in "Rachel Okafor Policy editor": two or three words of a name, then a
    job title of a word or two ending the line, with no comma between them."""
    words = text.split()
    if not 2 < len(words) <= _NAME_WORDS or not is_role(words[-1]):
        return None  # the line ends in a role word, or it is no name and role
    if words[-1].lower() in _COLLECTIVE:
        return None  # a team, not a person: "Ravensworth Institute research team"
    for cut in (2, 3):
        name, role = " ".join(words[:cut]), " ".join(words[cut:])
        if role and role.count(" ") < 2 and is_role(role) and is_name(name) and not is_role(name):
            return name
    return None


def byline_of(unit: Unit, symbol: str) -> Byline | None:
    """What a byline-class unit says: its byline, or a bare name as the author."""
    if unit.byline is not None:
        return unit.byline
    if symbol == BYLINE:
        return Byline(name_only(unit.text), None)
    return None
