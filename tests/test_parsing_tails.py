"""Links a page repeats after its teasers, in any language: cut off the teasers."""

from __future__ import annotations

from datetime import datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.lines import Unit, read_all_units, remade
from publisher.ingest.parsing.tails import cut_repeated_links, mark_closing_links, read_apart_dates


def _cut(text: str) -> list[Unit]:
    units = read_all_units(text)
    return cut_repeated_links(units, lambda unit, cut: remade(unit, cut, True))


# Slovene and Swedish "read more", words the furniture patterns do not know.
_SLOVENE = """\
Sindikat je z upravo podpisal nov dogovor o dodatkih za nočno delo. Preberi več ›

Delavci v skladišču v Celju so izvolili novega sindikalnega zaupnika. Preberi več ›

Od aprila velja nova tarifa za prevoz na delo za vse člane. Preberi več ›

Dobrodelni tek za stavkovni sklad bo v nedeljo v Mariboru. Preberi več ›
"""


def test_a_link_closing_every_teaser_is_cut_off_it() -> None:
    units = _cut(_SLOVENE)
    assert [u.text for u in units] == [
        "Sindikat je z upravo podpisal nov dogovor o dodatkih za nočno delo.",
        "Delavci v skladišču v Celju so izvolili novega sindikalnega zaupnika.",
        "Od aprila velja nova tarifa za prevoz na delo za vse člane.",
        "Dobrodelni tek za stavkovni sklad bo v nedeljo v Mariboru.",
    ]
    assert all(u.sentence for u in units)


def test_teasers_closed_by_a_repeated_link_give_one_item_each_without_it() -> None:
    result = parse_page(_SLOVENE)
    assert [item.title for item in result.items] == [
        "Sindikat je z upravo podpisal nov dogovor o dodatkih za nočno delo",
        "Delavci v skladišču v Celju so izvolili novega sindikalnega zaupnika",
        "Od aprila velja nova tarifa za prevoz na delo za vse člane",
        "Dobrodelni tek za stavkovni sklad bo v nedeljo v Mariboru",
    ]
    assert not any("Preberi" in (item.summary or "") for item in result.items)


def test_words_said_twice_or_a_name_in_title_case_stay() -> None:
    page = """\
First story about the depot
Posted by Ana Ruiz
The Branch Bulletin

Second story about the depot
Posted by Ana Ruiz
The Branch Bulletin

Third story about the depot
Posted by Ana Ruiz
The Branch Bulletin

A fourth line ends here. Read on
A fifth line ends here. Read on
"""
    units = _cut(page)
    assert [u.text for u in units] == [u.text for u in read_all_units(page)]


def test_a_title_copied_with_its_subtitle_is_not_cut() -> None:
    # the same text three times (a title repeated in a sidebar) closes no three teasers
    page = "\n\n".join(["Who was Selina Cooper? A short life"] * 3 + ["Other story. A short life"])
    units = _cut(page)
    assert all(u.text.endswith("A short life") for u in units)


def _apart(text: str) -> list[Unit]:
    units = read_all_units(text)
    return read_apart_dates(units, lambda unit, cut: remade(unit, cut, True))


def test_a_date_stacked_over_lines_is_read_as_one_date_line() -> None:
    # English and Portuguese day / month / year stacked, as a date badge is scraped
    units = _apart("12\nMay\n2024\nMembers at the depot voted to strike over pay.\n")
    assert [u.text for u in units] == [
        "12 May 2024",
        "Members at the depot voted to strike over pay.",
    ]
    assert units[0].byline is not None and units[0].byline.published == datetime(2024, 5, 12)
    units = _apart("7\nfev.\n2025\nOs trabalhadores da Carris aprovaram a greve de quinta-feira.\n")
    assert units[0].byline is not None and units[0].byline.published == datetime(2025, 2, 7)


def test_numbers_or_words_stacked_that_make_no_date_stay_apart() -> None:
    # a count over a label ("12" / "members"), a list of numbered steps
    units = _apart("12\nmembers\nsigned the petition this week in Leeds.\n")
    assert [u.text for u in units][:2] == ["12", "members"]
    units = _apart("3\n\nAlbert Street\n")
    assert [u.text for u in units] == ["3", "Albert Street"]


def test_a_date_in_brackets_closing_a_teaser_is_set_apart_from_it() -> None:
    # German and English teasers closed by their date in brackets
    units = _apart("Die Tarifrunde im Einzelhandel geht in die dritte Runde. (14.03.2025)\n")
    assert [u.text for u in units] == [
        "Die Tarifrunde im Einzelhandel geht in die dritte Runde.",
        "14.03.2025",
    ]
    assert units[1].byline is not None and units[1].byline.published == datetime(2025, 3, 14)
    units = _apart("Cleaners at the museum won the London Living Wage. [2 April 2025]\n")
    assert units[1].byline is not None and units[1].byline.published == datetime(2025, 4, 2)


def test_brackets_that_hold_no_date_or_close_a_short_line_stay() -> None:
    # an issue number, a count, a headline too short to be a teaser
    for text in (
        "Izšla je nova številka glasila Kulturni delavec (št. 1/2025)",
        "Our survey of members drew many answers (1,204 replies)",
        "Congress (2024)",
    ):
        assert [u.text for u in _apart(text + "\n")] == [text]


def test_teasers_dated_in_brackets_give_their_dates() -> None:
    page = """\
News

Hospital porters at St Mary's have won a pay rise of 6% after a two-week strike. (3.3.2025)

The branch meeting on Thursday will elect a new health and safety rep. (28.2.2025)

Members at the council depot have voted to accept the new rota offer. (21.2.2025)
"""
    result = parse_page(page, saved=datetime(2025, 3, 5))
    assert [item.published and item.published.date() for item in result.items] == [
        datetime(2025, 3, 3).date(),
        datetime(2025, 2, 28).date(),
        datetime(2025, 2, 21).date(),
    ]


# A date then, after a separator, a category each teaser names: English and German
_POSTED = """\
Bulletins

Cleaners at the museum have won the London Living Wage after a year of action.
Posted 2 days ago · Region: London

Members at the bus garage voted to accept the new rota after a ballot.
Posted 4 days ago · Branch Officers

The branch has a new health and safety rep at the depot this month.
Posted 6 March 2025 · Topic: Safety
"""

_VEROEFFENTLICHT = """\
Meldungen

Die Beschäftigten im Einzelhandel haben das Angebot der Arbeitgeber abgelehnt.
Veröffentlicht vor 2 Stunden · Bereich Handel

Der Betriebsrat der Klinik fordert mehr Personal für die Nachtschicht.
Veröffentlicht am 3. März 2025 · Thema: Gesundheit

Die Tarifkommission trifft sich am Donnerstag zur dritten Verhandlungsrunde.
Veröffentlicht am 28. Februar 2025 · Bereich Öffentlicher Dienst
"""


@pytest.mark.parametrize(
    ("page", "days"),
    [(_POSTED, [(3, 3), (3, 1), (3, 6)]), (_VEROEFFENTLICHT, [(3, 5), (3, 3), (2, 28)])],
)
def test_a_date_over_a_category_under_each_teaser_dates_it_and_names_no_writer(
    page: str, days: list[tuple[int, int]]
) -> None:
    result = parse_page(page, saved=datetime(2025, 3, 5, 10))
    assert [(i.published.month, i.published.day) for i in result.items if i.published] == days
    assert [item.author for item in result.items] == [None, None, None]


def test_a_date_over_a_writer_under_each_title_still_names_the_writer() -> None:
    page = """\
Blog

Vector tiles are now the default
FEB 26, 2024 · Tomasz Wiśniewski

Mapathon report: 1,400 buildings in one evening
FEB 19, 2024 · Kemi Adebayo

How we cut our planet file build from 19 hours to 6
FEB 12, 2024 · Ana Ribeiro
"""
    result = parse_page(page, saved=datetime(2024, 3, 5))
    assert [item.author for item in result.items] == [
        "Tomasz Wiśniewski",
        "Kemi Adebayo",
        "Ana Ribeiro",
    ]


# Day headings over teasers each followed by the same link, words the furniture patterns
# do not know, a day's last teaser with an attachment: English and Italian
_DAYS_WITH_LINKS = [
    """\
Branch news

————————————————————
Wednesday 5 March 2025
————————————————————

► The pay offer was rejected by 82% of members in the consultation. Reps report on Friday.
  → the whole story

► Reps will meet the employer on Friday to discuss the rota changes at the depot.
  → the whole story
  📎 Leaflet "Rota changes" (PDF, 312 KB)

————————————————————
Monday 3 March 2025
————————————————————

► A new steward has been elected at the Hillside depot this week. Congratulations to Sam.
  → the whole story

► Our annual general meeting will be held at the Trades Hall on 20 March at 6 pm.
  → the whole story
  📎 Agenda (PDF, 90 KB)

————————————————————
Friday 28 February 2025
————————————————————

► Night shift workers at the sorting office have won back their meal break after a petition.
  → the whole story
""",
    """\
Notizie

————————————————————
Mercoledì 5 marzo 2025
————————————————————

► I lavoratori hanno respinto la proposta dell'azienda sul nuovo contratto. Venerdì si decide.
  → il seguito

► Venerdì la commissione si riunisce per la terza tornata di trattative con l'azienda.
  → il seguito
  📎 Volantino "Trattativa" (PDF, 312 KB)

————————————————————
Lunedì 3 marzo 2025
————————————————————

► Il nuovo delegato del magazzino nord è stato eletto questa settimana. Auguri a Sara.
  → il seguito

► L'assemblea degli iscritti si terrà il 20 marzo alla Camera del lavoro alle 18.
  → il seguito
  📎 Ordine del giorno (PDF, 90 KB)

————————————————————
Venerdì 28 febbraio 2025
————————————————————

► I lavoratori del turno di notte hanno riottenuto la pausa pasto dopo una petizione.
  → il seguito
""",
]


@pytest.mark.parametrize("page", _DAYS_WITH_LINKS)
def test_teasers_under_day_headings_with_a_link_after_each_are_dated_by_their_day(
    page: str,
) -> None:
    result = parse_page(page, saved=datetime(2025, 3, 5, 12))
    assert [item.published and item.published.day for item in result.items] == [5, 5, 3, 3, 28]
    assert not any("→" in item.title for item in result.items)


# A badge of parts over each one-sentence teaser, then a share link: German and Spanish
_BADGES = [
    """\
Erfolge

✔ ERFOLG   Bayern · Pflege
Die Pflegekräfte in drei Münchner Heimen bekommen ab April den vollen Tariflohn.
Erfolg teilen

✔ ERFOLG   Hessen · Handel
Die Beschäftigten eines Frankfurter Lagers haben einen Betriebsrat gewählt.
Erfolg teilen

✔ ERFOLG   Sachsen · Gastronomie
Das Küchenpersonal einer Leipziger Hotelkette erhält künftig Nachtzuschläge.
Erfolg teilen
""",
    """\
Victorias

★ VICTORIA   Madrid · Limpieza
Las limpiadoras del hospital han conseguido la subrogación de toda la plantilla.
Comparte esta victoria

★ VICTORIA   Asturias · Sanidad
El personal de las residencias cobrará el plus de nocturnidad desde marzo.
Comparte esta victoria

★ VICTORIA   Galicia · Hostelería
Los camareros de piso de tres hoteles de Vigo reducen su carga de habitaciones.
Comparte esta victoria
""",
]


# A place in capitals and a sector over each teaser, one under its picture's caption:
# Italian and Dutch
_PLACE_BADGES = [
    """\
Vittorie

LOMBARDIA · Logistica
I magazzinieri di un polo di Piacenza hanno ottenuto il passaggio al contratto nazionale.
Leggi la storia completa →

Foto: I delegati davanti ai cancelli.
LAZIO · Sanità
Gli infermieri di due ospedali romani avranno l'indennità di pronto soccorso da aprile.
Leggi la storia completa →

PUGLIA · Agricoltura
I braccianti di tre aziende del foggiano hanno firmato il primo accordo sui trasporti.
Leggi la storia completa →
""",
    """\
Successen

NOORD-HOLLAND · Schoonmaak
De schoonmakers van een Amsterdams ziekenhuis krijgen voortaan een reiskostenvergoeding.
Lees het hele verhaal →

Foto: Leden vieren het akkoord.
LIMBURG · Metaal
Het personeel van een fabriek in Venlo heeft een loonsverhoging van zes procent gewonnen.
Lees het hele verhaal →

UTRECHT · Zorg
Thuiszorgmedewerkers in Utrecht worden voortaan betaald voor hun reistijd tussen cliënten.
Lees het hele verhaal →
""",
]


@pytest.mark.parametrize("page", _BADGES + _PLACE_BADGES)
def test_a_badge_over_each_teaser_is_its_kicker_not_its_title(page: str) -> None:
    result = parse_page(page, saved=datetime(2025, 3, 5))
    assert len(result.items) == 3
    assert all(
        item.title.startswith(
            ("Die", "Das", "Las", "El", "Los", "I ", "Gli", "De ", "Het", "Thuis")
        )
        for item in result.items
    )
    assert result.layout == "teasers"


# One word and an arrow close each teaser: Hungarian and Czech "read more".
_HUNGARIAN_ONE_WORD = """\
A győri gyárban a szakszervezet új műszakbeosztást harcolt ki a dolgozóknak.   Tovább »

A kereskedelmi bértárgyalások hétfőn a harmadik fordulóval folytatódnak.   Tovább »

Jogsegélyszolgálatunk mostantól csütörtökön is előzetes bejelentkezés nélkül fogad.   Tovább »
"""
_CZECH_ONE_WORD = """\
Odbory v nemocnici v Kladně vyjednaly nový rozpis služeb pro sestry. Více ›

Zaměstnanci skladu v Brně zvolili nového odborového důvěrníka. Více ›

Kolektivní smlouva pro obchod platí od ledna i pro brigádníky. Více ›
"""


@pytest.mark.parametrize("page", [_HUNGARIAN_ONE_WORD, _CZECH_ONE_WORD])
def test_one_word_and_an_arrow_repeated_after_every_teaser_is_a_link(page: str) -> None:
    result = parse_page(page)
    assert result.layout == "teasers"
    assert len(result.items) == 3
    assert not any(w in item.title for item in result.items for w in ("Tovább", "Více"))


def test_one_word_without_an_arrow_stays() -> None:
    page = "\n\n".join(
        f"The branch met on {day} to plan the ballot. Reuters"
        for day in ("Monday", "Friday", "Sunday")
    )
    assert all(u.text.endswith("Reuters") for u in _cut(page))


# A link on a line of its own under each item, in words no pattern knows: Spanish and Finnish.
_SPANISH_CLOSED = """\
Por: Ana Ruiz | 12/11/2025
Metro de Monterrey aprueba el nuevo contrato
La votación terminó con un 84 % a favor tras tres semanas de asambleas.
Leer nota completa

Por: Luis Pérez | 11/11/2025
Maestros de Guanajuato anuncian paro de 48 horas
Leer nota completa

Por: Ana Ruiz | 10/11/2025
El Congreso aprueba la reforma de movilidad
Las plataformas deberán registrar a sus conductores.
Leer nota completa

Por: Marta Gil | 09/11/2025
Sindicato minero denuncia despidos en Zacatecas
Leer nota completa
"""
_FINNISH_CLOSED = """\
Liitto vaatii lisää työsuojelua työmaille
Vaatimus esitettiin ministeriölle maanantaina.
Lue koko uutinen

Kassan käsittelyajat pidentyivät
Lue koko uutinen

Tampereen työmaalle uusi sopimus
Sopimus koskee noin 200 työntekijää.
Lue koko uutinen

Luottamusmiesten koulutus alkaa helmikuussa
Lue koko uutinen
"""


@pytest.mark.parametrize("page", [_SPANISH_CLOSED, _FINNISH_CLOSED])
def test_a_line_closing_every_item_is_its_link_whatever_the_language(page: str) -> None:
    marked = mark_closing_links(read_all_units(page))
    links = [u.text for u in marked if u.furniture == "link"]
    assert len(links) == 4 and len(set(links)) == 1
    result = parse_page(page)
    assert len(result.items) == 4
    assert not any(w in item.title for item in result.items for w in ("Leer nota", "Lue koko"))


def test_a_line_repeated_inside_blocks_is_no_closing_link() -> None:
    # "Photo gallery" under three titles, never last in its block: a label, not a link
    page = "\n\n".join(
        f"Story number {n} about the depot\nPhoto gallery\nA standfirst ends here."
        for n in range(5)
    )
    assert not any(u.furniture for u in mark_closing_links(read_all_units(page)))


# Teasers dated in brackets, closed by a link; one of them undated: still an item.
_POLISH_BOUNDED = """\
» Związek podpisał z zarządem nowe porozumienie w sprawie dodatków nocnych. (12. 3. 2025)
  Czytaj dalej

» Pracownicy magazynu w Poznaniu wybrali nowego społecznego inspektora pracy. (10. 3. 2025)
  Czytaj dalej

» Zapraszamy na warsztaty »Umowa o dzieło bez pułapek«, które odbędą się 6 marca w Warszawie.
  Czytaj dalej

» Od kwietnia obowiązuje nowa stawka za dojazdy dla wszystkich członków. (3. 3. 2025)
  Czytaj dalej

» Związek potępia groźby wobec dziennikarki lokalnej gazety w Lublinie. (1. 3. 2025)
  Czytaj dalej
"""
_ENGLISH_BOUNDED = """\
» The branch has agreed a new night premium with the management at the depot. (12/03/2025)
  Find out more

» Warehouse members in Leeds have elected a new health and safety rep this week. (10/03/2025)
  Find out more

» Join our workshop on freelance contracts at the Cornerhouse on the sixth of March.
  Find out more

» From April the travel allowance goes up for every member of the branch. (03/03/2025)
  Find out more

» We condemn the threats made against a reporter at the local paper in Hull. (01/03/2025)
  Find out more
"""


@pytest.mark.parametrize("page", [_POLISH_BOUNDED, _ENGLISH_BOUNDED])
def test_an_undated_teaser_the_page_closes_like_the_others_is_an_item(page: str) -> None:
    result = parse_page(page, saved=datetime(2025, 3, 14))
    assert len(result.items) == 5
    assert sum(1 for item in result.items if item.published is None) == 1
