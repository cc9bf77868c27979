"""Widgets and boxes: a heading that names a box ("Most read", "À lire aussi", "Upcoming
events", "Partner content") and the short items under it, which are the site's
furniture, not the page's own records.

A box heading is known by its words (in the languages pages come in); what the box
holds is known by the page's structure: the lines under the heading in its block, or,
where the heading stands alone, the next block and the records after it that are
smaller than the page's own (a title alone where the page's records carry a standfirst
and a byline).  Only a heading standing after the first record opens a box: one above
the records ("Latest news", "Events") heads the page's own list.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from typing import Final

from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.relative import has_age, has_day_word
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LABEL, LIST, META, TEXT, TITLE

_HEADING_CHARS: Final = 60
_HEADING_WORDS: Final = 7
_TAIL: Final = r"(?:\s+\S+){1,4}"  # "More from Martin Cowell", "Mehr zum Thema Rente"
_BOX_HEADING: Final = re.compile(
    # English
    r"(?:most|best)\s(?:read|popular|viewed|shared|commented|watched)(?:\s(?:this week|today"
    r"|now|stories|articles|posts))?|popular(?:\snow|\stoday|\sthis week|\sposts|\sstories"
    r"|\sarticles)?|trending(?:\snow|\sstories|\stopics)?|related(?:\s(?:articles|stories|posts"
    r"|content|news|reading|links|coverage|topics))?|(?:more|latest|also)\s(?:from|by|in|on"
    rf"|about){_TAIL}|more\s(?:stories|news|articles|headlines)|you\s(?:might|may)\s(?:also\s)?"
    r"(?:like|enjoy|be interested in)|(?:read|watch|listen)\snext|see also"
    r"|further reading|recommended(?:\s(?:for you|reading|stories|articles|posts))?"
    r"|(?:editor'?s'?|editors'?|staff)\s(?:picks?|choice)|top\s(?:stories|picks|reads)"
    r"|don'?t miss|must reads?|in case you missed it|around the web|elsewhere(?:\son" + _TAIL + ")?"
    r"|from\s(?:our|the)\spartners?|partner content|sponsored(?:\s(?:content|stories|links))?"
    r"|promoted(?:\s(?:stories|content))?|paid (?:content|post|partnership)"
    r"|advertisement feature|(?:upcoming|forthcoming|future|next|our)\sevents|events"
    r"|what'?s on|(?:latest|current)\s(?:jobs|vacancies)|jobs|vacancies|job (?:opportunities"
    r"|vacancies)|recent\s(?:posts|articles|comments|entries)|archives|blogroll"
    r"|from (?:the|our) archives?|(?:tiré )?des archives|aus dem archiv|del archivo"
    r"|dall'archivio|do arquivo|uit het archief|o'r archif"
    # French
    r"|les plus (?:lus|partagés|commentés|populaires|consultés)|(?:à )?lire aussi"
    r"|à (?:voir|découvrir|écouter) aussi|sur le même (?:sujet|thème)|dans la même rubrique"
    r"|(?:nos|notre) (?:recommandations|sélection)|à ne pas manquer|populaires"
    r"|(?:articles|contenus) (?:liés|associés|similaires)|(?:prochains )?(?:événements"
    r"|rendez-vous)|offres d'emploi|nous recrutons|du même auteur|de la même autrice"
    # German
    r"|meistgelesen(?:e)?(?: artikel)?|am meisten gelesen|auch interessant|lesen sie auch"
    r"|das könnte sie (?:auch )?interessieren|mehr zum thema(?:" + _TAIL + ")?"
    r"|(?:weitere|verwandte) (?:artikel|beiträge|themen)|(?:unsere )?empfehlungen"
    r"|termine|veranstaltungen|stellenangebote|stellenanzeigen|mehr von" + _TAIL + "|gesponsert"
    # Spanish
    r"|lo más (?:leído|visto|compartido|comentado)|(?:las |los )?más (?:leídas|leídos|vistas"
    r"|vistos|compartidas)|(?:también )?(?:te|le) (?:puede|pueden|podría) interesar"
    r"|te recomendamos|recomendados|relacionad[oa]s|(?:noticias|artículos) relacionad[oa]s"
    r"|lee también|ver también|más (?:noticias|artículos) (?:de|sobre)"
    + _TAIL
    + "|más de"
    + _TAIL
    + r"|próximos eventos|ofertas de empleo"
    # Italian
    r"|(?:i |le )?più (?:letti|lette|visti|viste|condivisi|popolari)|articoli correlati"
    r"|correlati|notizie correlate|leggi anche|potrebbe interessarti"
    r"|ti potrebbe(?:ro)? interessare|(?:ti )?consigliamo|da non perdere|(?:prossimi )?eventi"
    r"|appuntamenti|altri articoli di" + _TAIL + "|dello stesso autore"
    # Portuguese
    r"|(?:as |os )?mais (?:lidas|lidos|vistas|vistos|partilhadas|compartilhadas|populares)"
    r"|leia também|veja também|(?:notícias|artigos) relacionad[oa]s|você (?:pode|poderá) gostar"
    r"|(?:também )?pode(?:rá)? interessar(?:-lhe)?|recomendad[oa]s|próximos eventos"
    # Dutch
    r"|meest (?:gelezen|bekeken|gedeeld)|populair|lees ook|ook interessant"
    r"|gerelateerd(?:e (?:artikelen|berichten))?|aanbevolen|aanraders|evenementen"
    r"|activiteiten|vacatures|meer van" + _TAIL + "|gesponsord"
    # Welsh
    r"|mwyaf poblogaidd|poblogaidd|darllenwch hefyd|darllen pellach"
    r"|(?:erthyglau|straeon) cysylltiedig|mwy gan" + _TAIL + "|digwyddiadau|swyddi(?: gwag)?"
    # Polish
    r"|najczęściej (?:czytane|komentowane)|najpopularniejsze|czytaj (?:także|też|również)"
    r"|zobacz (?:także|też|również)|polecamy|(?:powiązane|podobne) (?:artykuły|wiadomości)"
    r"|więcej (?:od|z|o)" + _TAIL + r"|(?:nadchodzące )?wydarzenia|oferty pracy|ogłoszenia"
    r"|artykuł sponsorowany|materiał (?:partnera|promocyjny|sponsorowany)"
    r"|(?:najnowsze|ostatnie) komentarze"
    # Czech
    r"|nejčtenější(?: články)?|čtěte (?:také|též)|mohlo by vás zajímat|související články"
    r"|doporučujeme|další články|pozvánky|volná (?:pracovní )?místa|komerční sdělení"
    r"|partnerský obsah|nejnovější komentáře"
    # Swedish, Danish, Norwegian
    r"|mest (?:lästa|läste|læste|leste|delade|delte)|läs (?:också|även)|læs også|les også"
    r"|relaterade artiklar|relaterede artikler|relaterte saker|rekommenderat|anbefalet"
    r"|evenemang|arrangementer|lediga jobb|ledige stillinger|sponsrat|sponsoreret"
    r"|annonsørinnhold|senaste kommentarerna"
    # Finnish
    r"|luetuimmat(?: uutiset)?|lue myös|aiheeseen liittyvät|suosittelemme|tapahtumat"
    r"|avoimet työpaikat|kaupallinen yhteistyö"
    # Hungarian
    r"|legolvasottabb(?: cikkek)?|ezt is ajánljuk|kapcsolódó cikkek|programok|események"
    r"|állásajánlatok|szponzorált tartalom|legfrissebb hozzászólások"
    # Romanian
    r"|cele mai citite|citește și|articole similare|recomandări|evenimente|locuri de muncă"
    r"|conținut sponsorizat|ultimele comentarii"
    # Catalan
    r"|(?:els )?més llegits|(?:llegiu|llegeix) també|notícies relacionades|ofertes de feina"
    r"|contingut patrocinat"
    # sponsored pieces and the latest comments, in the languages above
    r"|contenuto sponsorizzato|publiredazionale|ultimi commenti|contenu sponsorisé"
    r"|publireportage|derniers commentaires|laatste reacties|advertorial|neueste kommentare"
    r"|(?:latest|recent) comments|classifieds|death notices"
    # an agenda in every language that has the word
    r"|agenda",
    re.IGNORECASE,
)
_TRIM: Final = " :»›→↓▼…-–—"
# The first words _BOX_HEADING's alternatives open with: the cheap test before it.
_OPENINGS: Final = frozenset(
    """most best popular trending related more latest also you read watch listen see
    further recommended editor editors staff top don dont must in around elsewhere from
    partner sponsored promoted paid advertisement upcoming forthcoming future next our
    events what whats current jobs vacancies job recent archives blogroll
    les lire à sur dans nos notre populaires articles contenus prochains événements
    rendez offres nous du de tiré des
    meistgelesen meistgelesene am auch lesen das mehr weitere verwandte unsere
    empfehlungen termine veranstaltungen stellenangebote stellenanzeigen gesponsert aus
    lo las los más también te le recomendamos recomendados relacionados relacionadas
    noticias artículos lee ver próximos ofertas del
    i più articoli correlati notizie leggi potrebbe ti consigliamo da prossimi eventi appuntamenti
    altri dello dall
    as os mais leia veja notícias artigos você pode poderá recomendadas do
    meest populair ook gerelateerd gerelateerde aanbevolen aanraders evenementen
    activiteiten vacatures meer gesponsord uit
    mwyaf poblogaidd darllenwch darllen erthyglau straeon mwy digwyddiadau swyddi o
    najczęściej najpopularniejsze czytaj zobacz polecamy powiązane podobne więcej nadchodzące
    wydarzenia oferty ogłoszenia artykuł materiał najnowsze ostatnie
    nejčtenější čtěte mohlo související doporučujeme další pozvánky volná komerční partnerský
    nejnovější
    mest läs læs les relaterade relaterede relaterte rekommenderat anbefalet evenemang
    arrangementer lediga ledige sponsrat sponsoreret annonsørinnhold senaste
    luetuimmat lue aiheeseen suosittelemme tapahtumat avoimet kaupallinen
    legolvasottabb ezt kapcsolódó programok események állásajánlatok szponzorált legfrissebb
    cele citește articole recomandări evenimente locuri conținut ultimele
    els més llegiu llegeix notícies ofertes contingut
    contenuto publiredazionale ultimi contenu publireportage derniers laatste advertorial
    neueste classifieds death
    agenda""".split()
)
_FIRST_WORD: Final = re.compile(r"[^\W\d_]+")


def is_box_heading(text: str) -> bool:
    """Whether a line names a box of the site's: most read, related, more from, events."""
    if len(text) > _HEADING_CHARS or text.count(" ") >= _HEADING_WORDS:
        return False
    stripped = text.strip(_TRIM)
    if not stripped or stripped[-1] in ".?!,;" or ":" in stripped:
        return False
    first = _FIRST_WORD.match(stripped.lower())
    if first is None or first.group() not in _OPENINGS:
        return False
    return _BOX_HEADING.fullmatch(stripped) is not None


def in_boxes(units: list[Unit], syms: list[str], heads: list[int]) -> dict[int, int]:
    """The lines each box heading in ``heads`` holds by the page's blocks (line -> its
    heading): the rest of its block, or the next block where it stands alone.  A heading
    of one word ("Events", "Archives") over a single item in its block is that item's
    kicker, and holds nothing."""
    held: dict[int, int] = {}
    for head in heads:
        block = units[head].block
        after = head + 1
        if after < len(units) and units[after].block != block:
            block = units[after].block  # a heading alone: the next block is its box
        elif " " not in units[head].text.strip() and _titles(units, syms, after, block) < 2:
            continue
        while after < len(units) and units[after].block == block:
            held.setdefault(after, head)
            after += 1
    return held


def _titles(units: list[Unit], syms: list[str], start: int, block: int) -> int:
    """How many title-like lines or list items stand from ``start`` to its block's end."""
    count = 0
    while start < len(units) and units[start].block == block:
        count += syms[start] in (TITLE, LIST)
        start += 1
    return count


_RECORD_FIELDS: Final = (TITLE, TEXT, BYLINE, LABEL, LIST)


def boxed_lines(units: list[Unit], syms: list[str], records: list[list[int]]) -> dict[int, int]:
    """The lines of boxes opened after the page's first record (line -> heading): each
    heading, its box's block, and the records after it that are smaller than the page's
    own, up to the first one of full size.  ``records`` are the records found, as lists
    of unit indexes in page order; a box never holds as many of them as the page keeps."""
    if not records:
        return {}
    heads = [i for i, unit in enumerate(units) if i > records[0][0] and _heading(unit, syms[i])]
    blocks = in_boxes(units, syms, heads) if heads else {}
    held: dict[int, int] = {}
    for head in heads:
        box = [i for i, h in blocks.items() if h == head]
        before = [r for r in records if r[-1] < head]
        if not box or not before:
            continue  # a kicker over its item, or a heading over the page's own list
        box.extend(_smaller_after(units, syms, records, before, max(box), heads))
        lines = set(box)
        inside = sum(1 for r in records if r[0] in lines)
        if inside * 2 < len(records):
            held.update({i: head for i in (head, *box) if i not in held})
    return held


def _smaller_after(
    units: list[Unit],
    syms: list[str],
    records: list[list[int]],
    before: list[list[int]],
    end: int,
    heads: list[int],
) -> list[int]:
    """The lines of the records after a box's block that are smaller than the page's own
    (a headline alone where records hold a standfirst and a byline), up to the first of
    full size or the next box."""
    usual = statistics.median_low(_size(syms, r) for r in before)
    # where writers sign the page's records, a signed one after the box is the page's again
    signing = sum(1 for r in before if _signed(units, syms, r)) * 5 >= len(before) * 4
    lines: list[int] = []
    for record in records:
        if record[0] <= end:
            continue
        if _size(syms, record) >= usual or any(end < h < record[0] for h in heads):
            break
        if signing and _signed(units, syms, record):
            break
        lines.extend(range(end + 1, record[-1] + 1))
        end = record[-1]
    return lines


def _signed(units: list[Unit], syms: list[str], record: list[int]) -> bool:
    """Whether a record holds a byline naming a writer."""
    bylines = [units[i].byline for i in record if syms[i] == BYLINE]
    return any(byline is not None and byline.author for byline in bylines)


def _heading(unit: Unit, symbol: str) -> bool:
    """Whether a unit is a box heading: a short line naming a box, not a date."""
    undated = unit.byline is None or unit.byline.published is None  # "PARTNER CONTENT"
    return symbol in (FURNITURE, LABEL, TITLE, BYLINE) and undated and is_box_heading(unit.text)


def _size(syms: list[str], record: list[int]) -> int:
    """How many fields a record fills: its content lines, a run of text or bylines one."""
    fields = 0
    last = ""
    for symbol in (syms[i] for i in record if syms[i] in _RECORD_FIELDS):
        fields += not (symbol == last and symbol in (TEXT, BYLINE))
        last = symbol
    return fields


_TEXTS: Final = (TITLE, TEXT, LIST)
_HEADED_RECORDS: Final = 4  # teasers a page lists before a box between them stands out
_HEAD_WORDS: Final = 8


def headed_boxes(units: list[Unit], syms: list[str], records: list[list[int]]) -> dict[int, int]:
    """In a list of teasers (records of one text each, in blocks of their own), the
    blocks that open with a heading of a kind few of the page's teasers have ("Are you a
    rep?", "Sponsored", "Editor's note", "Join today"): a promotion, a helpline or a note
    set between the teasers, its heading, text and button furniture (line -> heading).
    Dated heads are one kind, undated ones another: a kind over many teasers (a source
    and its age, a writer's handle and the day) is the page's."""
    if len(records) < _HEADED_RECORDS or any(_fields(syms, r) != 1 for r in records):
        return {}
    texts = [next(i for i in r if syms[i] in _TEXTS) for r in records]
    if len({units[i].block for i in texts}) < len(texts):
        return {}  # lines of one block (an interview's answers): no teasers in boxes of their own
    heads = {text: head for text in texts if (head := _own_head(units, syms, text)) is not None}
    kinds = Counter(_dated(units[head]) for head in heads.values())
    held: dict[int, int] = {}
    for text, head in heads.items():
        if kinds[_dated(units[head])] * 4 > len(records):
            continue  # a field the page's teasers carry
        end = text
        while end + 1 < len(units) and units[end + 1].block == units[text].block:
            end += 1
        held.update({i: head for i in range(head, end + 1)})
    return held


def _dated(unit: Unit) -> bool:
    """Whether a line dates something: heads that date their teasers are one kind (a
    source and its age, a day), heads that do not another ("Sponsored", "Need help?")."""
    if unit.byline is not None and unit.byline.published is not None:
        return True
    return has_age(unit.text) or has_day_word(unit.text) or find_date(unit.text) is not None


def _fields(syms: list[str], record: list[int]) -> int:
    """How many lines of text a record holds."""
    return sum(1 for i in record if syms[i] in _TEXTS)


def _own_head(units: list[Unit], syms: list[str], text: int) -> int | None:
    """The heading over a teaser in its own block: the one line above it there, short,
    and neither metadata (a caption, a counter) nor a label the page gives its items."""
    head = text - 1
    block = units[text].block
    if head < 0 or units[head].block != block or (head and units[head - 1].block == block):
        return None
    if syms[head] in (META, LABEL, LIST):
        return None
    words = units[head].text.split()
    return head if len(words) <= _HEAD_WORDS and not units[head].text.endswith(".") else None
