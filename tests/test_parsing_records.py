"""Records whose metadata stands before the title, and records with many metadata lines:
each line's symbol (a record's metadata is never a title) and the page read by its own
period, on pages written for these tests in several languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.core.models import ParseResult
from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.lines import read_all_units
from publisher.ingest.parsing.roles import FURNITURE, LABEL, META, TITLE, line_symbol

SAVED = datetime(2025, 3, 20, 12, tzinfo=UTC)


def _symbol(line: str) -> str:
    (unit,) = read_all_units(line, saved=SAVED)
    return line_symbol(unit)[0]


def _parse(text: str) -> ParseResult:
    return parse_page(text, saved=SAVED)


def _titles(result: ParseResult) -> list[str]:
    return [item.title for item in result.items]


@pytest.mark.parametrize(
    "line",
    [
        "EP. 142",
        "Issue 42 — March 2025",
        "Ausgabe 12 · März 2025",
        "Numéro 318 — mars 2025",
        "Boletín nº 12 · marzo 2025",
        "Nieuwsbrief nr. 7",
        "Hits: 412",
        "Aufrufe: 1.234",
        "Visitas: 88",
        "9 likes. Post not marked as liked",
        "Tickets £5 · 31 left",
        "Eintritt frei",
        "Entrada libre",
        "Toegang gratis",
        "Free, but please book",
        "Pay what you can",
        "Ausverkauft",
        "Fully booked – join the waiting list",
        "Media contact: Naomi Fraser, Senior Press Officer",
        "Pressekontakt: Jana Vogt, 0170 000000",
        "Contact presse : Julien Morel",
        "Online (Zoom)",
        "Speakers: Dr Amara Okoye, Jon Reilly",
        "Referentin: Dr. Jana Vogt",
        "Relatori: Paolo Ferrero, Chiara Bonetti",
        "Dates: 15–19 April 2024 · Venue: Online (Zoom)",
        "with guests Siobhan Kerr and Dele Adebayo",
        "Mit Gast Ahmad Rahimi",
        "Conway Hall, 25 Red Lion Square, London WC1R 4RL",
        "Gewerkschaftshaus, Hauptstraße 12, 10117 Berlin",
        "Bourse du Travail, 3 rue du Château-d'Eau, Paris",
        "Case studies · 6 min read",
        "Análisis · 5 min de lectura",
    ],
)
def test_a_records_metadata_line_is_metadata(line: str) -> None:
    assert _symbol(line) == META


@pytest.mark.parametrize(
    "line",
    [
        "Number 10 rejects the pay review body's advice",
        "Ep 12: the nurses who said no",
        "Issue 5: how the rent strike was won",
        "Delegate meeting report, February 2025",
        "Fire at the Leeds depot, 12 workers hurt",
        "Free the Shrewsbury pickets",
        "In conversation with a miners' wife, forty years on",
        "Tickets to the gala sold in an hour as the Durham brass bands return",
        "Why the growth mission keeps running into the Treasury",
    ],
)
def test_a_headline_is_no_metadata(line: str) -> None:
    assert _symbol(line) == TITLE


_NEWSLETTER = """\
Sindicato de Hostelería de Zaragoza

Inicio | Quiénes somos | Boletín | Afíliate

Boletín: archivo

Boletín nº 12 · marzo 2025
Las camareras de piso ganan la demanda contra la subcontrata
La sentencia obliga a aplicar el convenio de hostelería a 140 trabajadoras.
Por Laura Gil · 3 de marzo de 2025

Boletín nº 11 · febrero 2025
Calendario de asambleas en los hoteles de la plaza del Pilar
Por Jorge Sanz · 4 de febrero de 2025

Boletín nº 10 · enero 2025
Qué cambia con la nueva tabla salarial
Las cifras de cada categoría, una a una.
Por Laura Gil · 7 de enero de 2025

Boletín nº 9 · diciembre 2024
Cestas de Navidad para las familias en huelga
Por Marta Ibáñez · 2 de diciembre de 2024

© 2025 Sindicato de Hostelería de Zaragoza
"""


def test_an_issue_number_over_each_title_is_its_metadata_not_an_item() -> None:
    result = _parse(_NEWSLETTER)
    assert _titles(result) == [
        "Las camareras de piso ganan la demanda contra la subcontrata",
        "Calendario de asambleas en los hoteles de la plaza del Pilar",
        "Qué cambia con la nueva tabla salarial",
        "Cestas de Navidad para las familias en huelga",
    ]
    assert [item.author for item in result.items] == [
        "Laura Gil",
        "Jorge Sanz",
        "Laura Gil",
        "Marta Ibáñez",
    ]
    assert result.items[0].published is not None
    assert result.items[0].published.date() == date(2025, 3, 3)


_EVENTS = """\
Vakbondshuis Rotterdam

Home | Agenda | Over ons | Lid worden

Agenda

do 27 maart 2025 · 19.30 uur
Platformwerk en de wet: wat verandert er voor bezorgers?
Sprekers: Fatima El Idrissi, Joost de Wit
Vakbondshuis, Hoogstraat 12, Rotterdam
Toegang gratis

za 5 april 2025 · 10.00 uur
Scholingsdag voor nieuwe kaderleden
Sprekers: Marieke Bos
Online (Zoom)
Volgeboekt

di 15 april 2025 · 20.00 uur
Film en debat: de havenstaking van 1979
Vakbondshuis, Hoogstraat 12, Rotterdam
Toegang gratis

wo 23 april 2025 · 19.00 uur
Huurders en vakbonden: samen sterker
Sprekers: Ahmed Yilmaz, Sanne Verhoef
Online (Zoom)

© 2025 Vakbondshuis Rotterdam
"""


def test_an_events_speakers_venue_and_entry_lines_are_no_items() -> None:
    assert _titles(_parse(_EVENTS)) == [
        "Platformwerk en de wet: wat verandert er voor bezorgers?",
        "Scholingsdag voor nieuwe kaderleden",
        "Film en debat: de havenstaking van 1979",
        "Huurders en vakbonden: samen sterker",
    ]


_META_FIRST = """\
Revista Obrera

Inicio | Análisis | Entrevistas | Suscríbete

Análisis · 5 min de lectura
Ana Ruiz · 4 de marzo de 2025
La reducción de jornada, sector por sector
Quién gana tiempo y quién no con la nueva ley.

Entrevista · 8 min de lectura
Pablo Ortega · 26 de febrero de 2025
Una delegada de Amazon: «Nos cronometran hasta el baño»

Análisis · 4 min de lectura
Ana Ruiz · 19 de febrero de 2025
El salario mínimo y los convenios que se quedan atrás
Los convenios de limpieza y hostelería ya van por detrás.

Crónica · 6 min de lectura
Lucía Prieto y Pablo Ortega · 10 de febrero de 2025
Tres días en el piquete de la planta de Zaragoza

© 2025 Revista Obrera
"""


def test_a_section_reading_time_writer_and_date_above_each_title_open_its_record() -> None:
    result = _parse(_META_FIRST)
    assert _titles(result) == [
        "La reducción de jornada, sector por sector",
        "Una delegada de Amazon: «Nos cronometran hasta el baño»",
        "El salario mínimo y los convenios que se quedan atrás",
        "Tres días en el piquete de la planta de Zaragoza",
    ]
    assert [item.author for item in result.items] == [
        "Ana Ruiz",
        "Pablo Ortega",
        "Ana Ruiz",
        "Lucía Prieto and Pablo Ortega",
    ]


_VARIED = """\
The Riverside Organiser

Home | News | Campaigns | Join

Latest

Bus drivers vote for strike over split shifts
Ninety per cent of the depot backed action on a turnout of 78 per cent.
By Hannah Cole

Library campaign hands in 6,000 signatures
By Imran Qureshi

Nurses' pay: the offer explained
What the new grades mean for band five and six staff
By Hannah Cole

Tenants win repairs after rent strike at Marsh House
By Olu Adebayo

Cleaners at the council offices join the union in a week
Twenty-two of twenty-five cleaners signed up after the agency cut hours.
By Imran Qureshi

© 2025 The Riverside Organiser
"""


def test_records_whose_optional_fields_vary_from_block_to_block_are_read_by_one_period() -> None:
    result = _parse(_VARIED)
    assert _titles(result) == [
        "Bus drivers vote for strike over split shifts",
        "Library campaign hands in 6,000 signatures",
        "Nurses' pay: the offer explained",
        "Tenants win repairs after rent strike at Marsh House",
        "Cleaners at the council offices join the union in a week",
    ]
    assert all(item.author for item in result.items)


_KICKERS = """\
Y Cymro Llafur

Hafan | Newyddion | Barn | Cysylltu

Newyddion

GWLEIDYDDIAETH
Undebau'n croesawu'r cynllun i ddiddymu'r deddfau gwrth-streic
Gan Elin Jones

Tai cymdeithasol
Cyngor Gwynedd yn addo 500 o dai newydd erbyn 2027
Gan Dafydd Roberts

ADDYSG
Athrawon yn pleidleisio dros weithredu diwydiannol
Gan Elin Jones

IECHYD
Nyrsys yn rhybuddio am brinder staff ym Mangor
Gan Siân Pritchard

© 2025 Y Cymro Llafur
"""


def test_a_short_line_in_the_kicker_slot_of_the_period_is_a_kicker_not_the_title() -> None:
    result = _parse(_KICKERS)
    assert _titles(result) == [
        "Undebau'n croesawu'r cynllun i ddiddymu'r deddfau gwrth-streic",
        "Cyngor Gwynedd yn addo 500 o dai newydd erbyn 2027",
        "Athrawon yn pleidleisio dros weithredu diwydiannol",
        "Nyrsys yn rhybuddio am brinder staff ym Mangor",
    ]


_THREADS = """\
Foren › Betriebsräte › Erfahrungsaustausch

Erfahrungsaustausch
Hier tauschen sich Betriebsräte aus. Bitte keine personenbezogenen Daten posten.

  Freistellung nach § 38 – wer hat Erfahrung?
    Gestartet von Anna Berg, 3. März 2025
    Antworten: 6   Aufrufe: 141
    Letzter Beitrag: heute 10:02 von Jonas Krämer

  Wahlvorstand bestellen: Fristen im Überblick
    Gestartet von Jonas Krämer, 28. Februar 2025
    Antworten: 19   Aufrufe: 612
    Letzter Beitrag: gestern 21:40 von Anna Berg

  Schulungsanspruch für Ersatzmitglieder
    Gestartet von Mehmet Yilmaz, 21. Februar 2025
    Antworten: 4   Aufrufe: 97
    Letzter Beitrag: 2. März 2025 von Petra Lange

  Homeoffice-Vereinbarung: Muster gesucht
    Gestartet von Petra Lange, 14. Februar 2025
    Antworten: 11   Aufrufe: 1.204
    Letzter Beitrag: 1. März 2025 von Mehmet Yilmaz
"""


def test_a_field_every_record_repeats_under_its_title_is_no_item() -> None:
    """Lines "Antworten: 6 Aufrufe: 141" and "Letzter Beitrag: …" open alike in every record:
    the records' metadata; "Gestartet von Name, date" is their byline."""
    result = _parse(_THREADS)
    assert _titles(result) == [
        "Freistellung nach § 38 – wer hat Erfahrung?",
        "Wahlvorstand bestellen: Fristen im Überblick",
        "Schulungsanspruch für Ersatzmitglieder",
        "Homeoffice-Vereinbarung: Muster gesucht",
    ]
    assert [item.author for item in result.items] == [
        "Anna Berg",
        "Jonas Krämer",
        "Mehmet Yilmaz",
        "Petra Lange",
    ]
    assert result.items[1].published is not None
    assert result.items[1].published.date() == date(2025, 2, 28)


_RELEASES = """\
Actualités du ministère

Salaire minimum : 412 employeurs mis en demeure
Les contrôles de l'inspection du travail ont porté sur 9 000 entreprises.
Communiqué de presse
De : Ministère du Travail
Publié le 5 mars 2025

Congés de maladie : indemnisation dès le premier jour
Communiqué de presse
De : Ministère de la Santé et Ministère du Travail
Publié le 4 mars 2025

Apprentissage : un nouveau contrat pour les petites entreprises
Le dispositif entrera en vigueur au 1er septembre.
Communiqué de presse
De : Ministère de l'Éducation
Publié le 28 février 2025

Travail saisonnier : fin des frais de recrutement
Les travailleurs ne paieront plus pour obtenir un emploi agricole.
Communiqué de presse
De : Ministère de l'Agriculture
Publié le 26 février 2025
"""


def test_a_label_under_each_title_and_a_labelled_field_are_the_records_metadata() -> None:
    """The line "Communiqué de presse" under each standfirst is the record's kind, over no title,
    and "De : …" a field every record repeats: neither is an item, every item dated."""
    result = _parse(_RELEASES)
    assert _titles(result) == [
        "Salaire minimum : 412 employeurs mis en demeure",
        "Congés de maladie : indemnisation dès le premier jour",
        "Apprentissage : un nouveau contrat pour les petites entreprises",
        "Travail saisonnier : fin des frais de recrutement",
    ]
    assert [i.published.date() if i.published else None for i in result.items] == [
        date(2025, 3, 5),
        date(2025, 3, 4),
        date(2025, 2, 28),
        date(2025, 2, 26),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Lire sur lemonde.fr ↗",
        "Leggi su ilmanifesto.it ↗",
        "Ver en elsaltodiario.com",
        "Watch on news.sky.com ↗",
        "Listen on BBC Sounds (from 2:12:30) ↗",
        "Lees op nos.nl →",
    ],
)
def test_a_link_out_to_where_a_story_runs_is_furniture(line: str) -> None:
    assert _symbol(line) == "F"


@pytest.mark.parametrize(
    "line",
    [
        "Bild: Streikende vor dem Werkstor in Zwickau am Dienstagmorgen, vor Schichtbeginn. dpa",
        "Llun: Golygfa o'r ffilm 'Tir Neb' gyda'r fferm yn y cefndir",
        "Imagen: trabajadoras de la limpieza en huelga frente al ayuntamiento de Sevilla, el lunes",
        "Caption: Nurses on the picket line outside St Thomas' Hospital in the early morning rain",
    ],
)
def test_a_caption_is_metadata_however_long(line: str) -> None:
    assert _symbol(line) == META


@pytest.mark.parametrize(
    "line",
    [
        "[image]",
        "[IMG]",
        "[Image: Disability support workers rally on the steps of Parliament House, Melbourne]",
        "[Foto: Streikende vor dem Werkstor]",
        "[ Photo of the branch banner at the May Day march ]",
    ],
)
def test_a_picture_in_brackets_is_metadata(line: str) -> None:
    assert _symbol(line) == META


def test_a_headline_in_brackets_is_no_picture() -> None:
    assert _symbol("[Updated] Council backs the living wage for every contractor") == TITLE


@pytest.mark.parametrize(
    "line",
    ["Read on: the strike diary, day 40", "Watch on demand as the miners march"],
)
def test_a_headline_opening_like_a_link_out_is_no_furniture(line: str) -> None:
    assert _symbol(line) == TITLE


_EPISODES = """\
De Havenpodcast

Aflevering 41
Hoe de havenstaking begon met gast Jan de Vries
4 maart 2025 · 48 min
Jan vertelt hoe de sjorders zich in drie weken organiseerden.

Aflevering 40
Schoonmakers in het ziekenhuis met gasten Fatima Ouali en Kees Bakker
25 februari 2025 · 51 min
Over de cao, de uitbesteding en wat de staking opleverde.

Aflevering 39
Wat vakbonden van huurders kunnen leren met gast Sanne Mulder
18 februari 2025 · 39 min
Huurdersbonden groeien snel. Wat doen zij anders?
"""


def test_an_episodes_guests_after_its_title_are_cut_from_the_title() -> None:
    result = _parse(_EPISODES)
    assert _titles(result) == [
        "Hoe de havenstaking begon",
        "Schoonmakers in het ziekenhuis",
        "Wat vakbonden van huurders kunnen leren",
    ]


_COVERAGE = """\
Rassegna stampa

Corriere della Sera  |  5 marzo 2025
Sciopero dei treni: salta la trattativa sul contratto
Servizio sulla rottura del tavolo con le aziende.
Leggi su corriere.it ↗

il manifesto  |  4 marzo 2025
Nazionalizzare non basta: le ferrovie a chi ci lavora
Di Carla Neri, segretaria generale
Leggi su ilmanifesto.it ↗

La Stampa  |  28 febbraio 2025
Capotreno in sciopero contro il macchinista unico
Leggi su lastampa.it ↗

Avvenire  |  27 febbraio 2025
Estate a rischio: le aziende temono nuovi scioperi
Leggi su avvenire.it ↗

Il Fatto Quotidiano  |  24 febbraio 2025
Biglietterie chiuse, disagi per i passeggeri disabili
Di Marco Galli, segretario nazionale
Leggi su ilfattoquotidiano.it ↗

Rai News  |  20 febbraio 2025
Pulizie nelle stazioni: le lavoratrici vincono il salario minimo
Guarda su rainews.it ↗

Il Sole 24 Ore  |  14 febbraio 2025
Pensioni dei ferrovieri, il governo apre un tavolo
Analisi della proposta e delle reazioni dei sindacati di categoria.
Leggi su ilsole24ore.com ↗

Il Tirreno  |  11 febbraio 2025
Treni regionali, accordo firmato in Toscana
Leggi su iltirreno.it ↗
"""


def test_a_press_reviews_link_out_lines_leave_each_record_its_own_date() -> None:
    """Blocks of a date, a title, sometimes a standfirst or a byline, and a link out ("Leggi
    su corriere.it ↗"): each block is one record, dated by its own line, not the next one's."""
    result = _parse(_COVERAGE)
    assert len(result.items) == 8
    assert [i.published.date() if i.published else None for i in result.items] == [
        date(2025, 3, 5),
        date(2025, 3, 4),
        date(2025, 2, 28),
        date(2025, 2, 27),
        date(2025, 2, 24),
        date(2025, 2, 20),
        date(2025, 2, 14),
        date(2025, 2, 11),
    ]


_LONG_ES = (
    "Yolanda Pizarro, secretaria general de la federación de servicios: "
    "“El teletrabajo no puede ser la excusa para bajar sueldos”"
)
_LONG_EN = (
    "Maya Okonjo, general secretary of the cleaners' branch, on why the contract fight "
    "is far from over after the council's U-turn"
)
_KICKED = f"""\
ECONOMÍA
Los estibadores de Algeciras convocan paros de 48 horas
JOSÉ ANTONIO CANO
Madrid - 04 mar 2025 - 09:31 CET

ENTREVISTA
{_LONG_ES}
LAURA MARTÍN GARCÍA
Madrid - 02 mar 2025 - 23:30 CET

AUTÓNOMOS
Hacienda retrasa a 2026 la nueva cuota de los autónomos
CRISTINA DELGADO
Madrid - 01 mar 2025 - 11:20 CET
"""

_KICKED_EN = f"""\
INTERVIEW
{_LONG_EN}
By Derek Nwosu
4 March 2025

TRANSPORT
Bus drivers vote to strike over rotas
By Sam Lee
3 March 2025

HOUSING
Tenants win repairs deal at Hulme Court
By Ana Torres
2 March 2025
"""


@pytest.mark.parametrize("page", [_KICKED, _KICKED_EN])
def test_a_long_line_in_a_titles_place_between_kicker_and_byline_is_the_title(page: str) -> None:
    result = _parse(page)
    assert len(result.items) == 3
    assert any(item.title.startswith(("Yolanda Pizarro", "Maya Okonjo")) for item in result.items)
    assert all(item.author for item in result.items)


@pytest.mark.parametrize(
    "line",
    [
        "PHOTOS: Thousands march through Cardiff for the NHS",
        "FOTOS: veja como foi o ato em Salvador",
    ],
)
def test_a_headline_labelled_photos_in_capitals_is_no_caption(line: str) -> None:
    assert _symbol(line) == TITLE


_DATED_BLOCKS = """\
Newyddion

Dydd Mercher, 5 Mawrth 2025
Streic: staff cymorth ysgolion yn pleidleisio dros weithredu
Pleidleisiodd 84% o'r aelodau o blaid streicio.
Gan Elin Haf Roberts
Darllen mwy

Dydd Mawrth, 4 Mawrth 2025
Cynnig cyflog i staff cymorth ysgolion
Darllen mwy

Dydd Llun, 3 Mawrth 2025
Cynhadledd Merched 2025: cynigion yn cau
Gall canghennau gyflwyno hyd at ddau gynnig.
Darllen mwy

Dydd Gwener, 28 Chwefror 2025
Llwyddiant yn Ysbyty Glan Clwyd i'r porthorion
Gan Dafydd Jones a Sioned Price
Darllen mwy

Dydd Iau, 27 Chwefror 2025
Ymateb yr undeb i gyllideb derfynol y llywodraeth
Darllen mwy
"""

_AVATARS = """\
Blog

[Avatar photo of Marcus Bell]
Marcus Bell
4 March 2025

Our diffusion tubes on the A6 show the worst readings since 2019

We've had the lab results back from January, and three sites breached the limit.
Continue reading →

[Avatar photo of Nadia Chowdhury]
Nadia Chowdhury
27 February 2025

Parents at St Sebastian's launch a school streets petition

Continue reading →

[Avatar photo of Jo Kettering]
Jo Kettering
19 February 2025

Why the Clean Air Zone delay matters more than the council says

Greater Manchester's leaders have pushed the decision back again this week.
Continue reading →

[Avatar photo of Marcus Bell]
Marcus Bell
11 February 2025

Volunteer spotlight: the retired chemist who reads our tubes

Continue reading →
"""


@pytest.mark.parametrize(
    ("page", "first"),
    [
        (_DATED_BLOCKS, ("Elin Haf Roberts", date(2025, 3, 5))),
        (_AVATARS, ("Marcus Bell", date(2025, 3, 4))),
    ],
)
def test_a_date_and_a_name_over_the_title_are_its_own_not_the_item_aboves(
    page: str, first: tuple[str, date]
) -> None:
    result = _parse(page)
    assert len(result.items) >= 4
    author, day = first
    assert result.items[0].author == author
    assert result.items[0].published is not None and result.items[0].published.date() == day
    assert all(item.published is not None for item in result.items)


@pytest.mark.parametrize(
    "line",
    ["From the March 2025 issue", "Aus der Ausgabe Nr. 10/2025", "Dans le numéro 42 de mars"],
)
def test_the_issue_a_piece_ran_in_is_metadata(line: str) -> None:
    assert _symbol(line) == META


_ROLES_UNDER_NAMES = """\
Thomas Coley
Political Editor
Luxon rules out fast-tracking the bill after 300,000 submissions
Published: 5:42 PM Mar 4, 2025

Mere Tawhiri
Senior Reporter
Te Pāti Māori MPs to face privileges committee in April
Published: 3:18 PM Mar 4, 2025

Kate Green
Local Democracy Reporter
Wellington council votes to sell airport shares after marathon meeting
Published: 11:47 PM Mar 2, 2025

Anna Whaanga
Economics Correspondent
Poll: Labour and Greens could govern as National slips to 31%
Published: 7:00 AM Feb 28, 2025
"""


def test_a_job_title_under_a_name_is_the_names_role_not_a_title() -> None:
    result = _parse(_ROLES_UNDER_NAMES)
    assert [item.author for item in result.items] == [
        "Thomas Coley",
        "Mere Tawhiri",
        "Kate Green",
        "Anna Whaanga",
    ]
    assert all(item.published for item in result.items)
    roles = {text: role for _, role, text in result.lines}
    assert roles["Political Editor"].endswith("meta")  # no kicker (the item's category)
    assert roles["Economics Correspondent"].endswith("meta")


def _blog(posts: list[tuple[str, str, str]], archive: str) -> str:
    body = "\n\n".join(
        f"{day}\n\n{title}\n\n{_POST_TEXT}\n\n"
        f"Posted by {author} at 14:22   4 comments:\nLabels: strike"
        for day, title, author in posts
    )
    listed = "\n".join(title for _, title, _ in posts)
    return f"Picket Hut Diary\n\n{body}\n\n{archive}\n{listed}\n"


_POST_TEXT = "Management asked for talks this afternoon, and the stewards went in at three o'clock."


@pytest.mark.parametrize(
    ("posts", "archive"),
    [
        (
            [
                (
                    "Monday, 3 March 2025",
                    "Day 41: the council blinks (a little)",
                    "Lorraine Baxter",
                ),
                ("Friday, 28 February 2025", "Hardship fund: where the money went", "Kev Hollis"),
                (
                    "Thursday, 27 February 2025",
                    "A letter from a resident in Gleadless",
                    "Priya Mahmood",
                ),
            ],
            "Blog Archive",
        ),
        (
            [
                (
                    "lunes, 3 de marzo de 2025",
                    "Día 41: el ayuntamiento cede un poco",
                    "Lorena Báez",
                ),
                (
                    "viernes, 28 de febrero de 2025",
                    "Caja de resistencia: en qué se gastó",
                    "Kevin Holgado",
                ),
                (
                    "jueves, 27 de febrero de 2025",
                    "Una carta de una vecina de Vallecas",
                    "Pilar Mahmud",
                ),
            ],
            "Archivo del blog",
        ),
    ],
)
def test_a_post_title_copied_in_the_sidebar_archive_is_still_a_headline(
    posts: list[tuple[str, str, str]], archive: str
) -> None:
    result = _parse(_blog(posts, archive))
    authors = {item.title: item.author for item in result.items}
    assert {title: authors.get(title) for _, title, _ in posts} == {
        title: author for _, title, author in posts
    }


@pytest.mark.parametrize(
    "line",
    [
        "Member-only story",
        "🔒 Paid",
        "Subscriber Only",
        "Réservé aux abonnés",
        "Nur für Abonnenten",
        "Exclusivo para suscriptores",
        "Solo per abbonati",
    ],
)
def test_a_paywalls_mark_over_a_post_is_furniture(line: str) -> None:
    assert _symbol(line) == "F"


_PAYWALLED = """\
Werkstatt-Notizen

Startseite | Archiv | Über uns

Nur für Abonnenten
Jana Reuter
Erschienen in Werkstatt-Notizen · 6 Min. Lesezeit · 3. März 2025
Wie wir den Betriebsrat gegründet haben
Drei Monate Vorbereitung, zwei Abmahnungen und eine Wahl mit 91 Prozent Beteiligung
312

Tobias Lang
Erschienen in Werkstatt-Notizen · 4 Min. Lesezeit · 27. Februar 2025
Schichtpläne lesen lernen
Was im Dienstplan steht, und was der Arbeitgeber gern weglässt
88

Nur für Abonnenten
Mert Yilmaz
Erschienen in Werkstatt-Notizen · 9 Min. Lesezeit · 20. Februar 2025
Warnstreik im Lager: ein Protokoll
Von der Frühschicht bis zur Kundgebung vor dem Tor, Stunde für Stunde
1,2K

Jana Reuter
Erschienen in Werkstatt-Notizen · 5 Min. Lesezeit · 12. Februar 2025
Tarifbindung in drei Grafiken
Warum die Zahl der Betriebe mit Tarifvertrag seit 2000 sinkt
140
"""


def test_a_paywalls_mark_opening_a_block_leaves_the_name_under_it_opening_the_record() -> None:
    result = _parse(_PAYWALLED)
    assert _titles(result) == [
        "Wie wir den Betriebsrat gegründet haben",
        "Schichtpläne lesen lernen",
        "Warnstreik im Lager: ein Protokoll",
        "Tarifbindung in drei Grafiken",
    ]
    assert [item.author for item in result.items] == [
        "Jana Reuter",
        "Tobias Lang",
        "Mert Yilmaz",
        "Jana Reuter",
    ]
    assert [item.published.date() for item in result.items if item.published] == [
        date(2025, 3, 3),
        date(2025, 2, 27),
        date(2025, 2, 20),
        date(2025, 2, 12),
    ]


_DIGEST = """\
── WORK ──────────────────

1. Birmingham bin workers reject council's latest offer
   BBC News · Helen Marsh · Wed 5 Mar
   Read on bbc.co.uk ↗   ☆ Save

2. Scottish nursery staff accept 4.2% pay deal, ending strike threat
   The Herald · Wed 5 Mar
   Read on heraldscotland.com ↗   ☆ Save

3. Peers to vote on zero-hours amendments next week
   Politics Home · Lucy Hartigan · Tue 4 Mar
   Read on politicshome.com ↗   ☆ Save

4. Irish retail workers win Sunday premium in Labour Court ruling
   The Irish Times · Orla Brennock · Tue 4 Mar
   Lire sur irishtimes.com ↗
"""


def test_a_numbered_headline_over_its_source_and_byline_is_an_item() -> None:
    result = _parse(_DIGEST)
    assert [item.title for item in result.items] == [
        "Birmingham bin workers reject council's latest offer",
        "Scottish nursery staff accept 4.2% pay deal, ending strike threat",
        "Peers to vote on zero-hours amendments next week",
        "Irish retail workers win Sunday premium in Labour Court ruling",
    ]
    assert all(item.published for item in result.items)


@pytest.mark.parametrize(
    "line",
    ["Read on theguardian.com ↗   ☆ Save", "Listen on www.bbc.co.uk", "Read it at nation.cymru"],
)
def test_a_link_out_to_the_story_on_its_site_is_furniture(line: str) -> None:
    assert _symbol(line) == FURNITURE


_PARTNER = """\
Politics

Doctors' union gives government 14 days to implement the agreement
KMPDU says the new authority has not paid interns posted in January
Brian Otieno  |  2 hours ago

Senate committee summons Treasury over county arrears
Faith Wanjiru  |  4 hours ago

Teachers' union rejects the proposed 5 percent salary review
KNUT says the offer does not meet the rise in the cost of living
Mercy Chelang'at  |  7 hours ago

Partner content
How small firms are using mobile payments to grow
Brought to you by PesaLink

Raila allies fault party leadership over the coalition deal
Moses Kiprono  |  1 day ago

Gachagua unveils new party to field candidates in all counties
Moses Kiprono  |  2 days ago

Matatu owners call off strike after meeting with the minister
Faith Wanjiru  |  3 days ago
"""


def test_signed_records_after_a_partner_box_are_the_pages_again() -> None:
    result = parse_page(_PARTNER, saved=datetime(2025, 3, 5, 12, 30))
    titles = [item.title for item in result.items]
    assert "How small firms are using mobile payments to grow" not in titles
    assert len(titles) == 6
    assert all(item.author for item in result.items)


_UNSIGNED_TEASERS = """\
{heading}

Members at the Leeds depot have voted to accept the new shift pattern after a campaign. Read on ›

The branch has won back pay for eleven cleaners at the city library after a grievance. Read on ›

Our advice surgery now opens every Thursday evening at the community centre on Park Road. Read on ›

A new rota for the summer has been agreed with management at the bus garage in Hunslet. Read on ›
"""


@pytest.mark.parametrize("heading", ["KRÓTKIE WIADOMOŚCI", "KORTE BERICHTEN"])
def test_a_name_like_heading_over_a_list_that_signs_nothing_signs_no_item(heading: str) -> None:
    # Polish and Dutch "short news" in capitals read like a name; no other item is signed
    result = parse_page(_UNSIGNED_TEASERS.format(heading=heading))
    assert len(result.items) == 4
    assert [item.author for item in result.items] == [None] * 4


@pytest.mark.parametrize(
    "line",
    [
        "Cine-fórum: «Sin techo ni ley»",
        "Vaga a Martorell: «No acceptarem cap acomiadament»",
        "Grève à la RATP : « On ne lâchera rien »",
        "«Il contratto è fermo dal 2021»",
    ],
)
def test_a_headline_with_a_quote_in_guillemets_is_no_arrow_link(line: str) -> None:
    assert _symbol(line) == TITLE


@pytest.mark.parametrize("line", ["« Previous | Next »", "Older posts »", "‹ Zurück"])
def test_arrows_and_paging_stay_furniture(line: str) -> None:
    assert _symbol(line) == FURNITURE


@pytest.mark.parametrize(
    "line",
    [
        "📍 Centro Cívico Delicias, C/ Terminillo 2",
        "Dom Związkowca, ul. Piotrkowska 104",
        "Folkets Hus, Barnhusgatan 12",
        "Fagforeningshuset, Nørre Farimagsgade 49",
        "Työväentalo, Hämeentie 15",
    ],
)
def test_a_venue_and_its_street_in_other_languages_is_an_address(line: str) -> None:
    assert _symbol(line) == META


_SERIES = """\
RAPPORT
{first}
Marie Dubois, Paul Martin
12 mars 2025

{label}
{second}
Claire Petit
5 mars 2025

NOTE
Le salaire minimum en Europe : où en est la France ?
Paul Martin
28 février 2025

{label2}
L'assurance chômage après la réforme de 2023
Marie Dubois
20 février 2025
"""


@pytest.mark.parametrize(
    ("label", "label2"),
    [
        ("WORKING PAPER N. 27/2025", "WORKING PAPER N. 26/2025"),
        ("POLICY BRIEF NO. 12", "DOSSIER Nº 4"),
        ("DOCUMENT DE TRAVAIL  n.º 2025/02", "NOTE D'ANALYSE  n° 30"),  # two spaces, lower case
        ("QUADERNO  n. 14", "DOCUMENTO DE TRABAJO  n.º 2024/11"),
    ],
)
def test_a_series_name_and_number_in_capitals_is_a_kicker_not_a_title(
    label: str, label2: str
) -> None:
    page = _SERIES.format(
        first="Salaires et inflation : qui a rattrapé, qui non",
        second="Le travail pauvre dans les territoires ruraux",
        label=label,
        label2=label2,
    )
    lines = read_lines(page)
    symbols = {unit.text: symbol for unit, symbol in zip(lines.units, lines.syms, strict=True)}
    label, label2 = " ".join(label.split()), " ".join(label2.split())  # spaces run together
    assert symbols[label] == symbols[label2] == symbols["RAPPORT"] == LABEL
    titles = [item.title for item in parse_page(page).items]
    assert "Le travail pauvre dans les territoires ruraux" in titles


@pytest.mark.parametrize("age", ["för 3 timmar sedan", "for 3 timer siden"])
def test_an_age_under_a_headline_without_a_stop_is_a_date_not_its_rest(age: str) -> None:
    # Swedish and Norwegian: the age starts in lower case, like the rest of a sentence
    (title, date) = read_all_units(
        f"Valet 2026 – de sista fyra dagarna av valrörelsen\n{age}", saved=SAVED
    )
    assert date.byline is not None and date.byline.published is not None
    assert title.text.endswith("valrörelsen")


_PROMOTED = """\
19 March 2025 — Report
Bargaining for the heat: climate clauses in contracts
By Rhys Evans and Ffion Jones
PDF (4.2 MB) · 6 pages

14 March 2025 — Factsheet
Housing benefit and the poverty trap in figures
By Tomás Ruiz
PDF (3.2 MB) · 10 pages

12 March 2025 — Report
Pay in the care sector after the new minimum
By Aoife Brennan and Omar Reed
PDF (2.2 MB) · 14 pages

5 March 2025 — Briefing
Sick pay from day one: what it would cost
PDF (1.2 MB) · 18 pages

{promotion}

27 February 2025 — Report
The state of the gig economy in Wales
By Kai Berger and Ines Moreau
PDF (2.2 MB) · 24 pages

20 February 2025 — Essay
Why the four-day week is a union issue
By Ffion Jones
PDF (1.2 MB) · 28 pages
"""


@pytest.mark.parametrize(
    "promotion",
    [
        "New: our annual report 2024 is online. Read the annual report ›",
        "Jetzt wechseln und sparen! Zum Gewerkschaftskonto →",
    ],
)
def test_a_line_alone_between_records_pointing_on_is_a_promotion(promotion: str) -> None:
    result = parse_page(_PROMOTED.format(promotion=promotion))
    assert len(result.items) == 6
    assert sum(1 for item in result.items if item.author) == 5


@pytest.mark.parametrize(
    ("line", "date_text", "headline"),
    [
        (
            "3 février 2025 — Victoire aux prud'hommes de Lyon",
            "3 février 2025",
            "Victoire aux prud'hommes de Lyon",
        ),
        ("4. März 2025 – Warnstreik bei der Post", "4. März 2025", "Warnstreik bei der Post"),
        ("12/02/2025 - Nuevo convenio en Mercadona", "12/02/2025", "Nuevo convenio en Mercadona"),
    ],
)
def test_a_date_and_a_short_headline_on_one_line_are_split(
    line: str, date_text: str, headline: str
) -> None:
    """A line first read whole as a date alone still splits into its date and its headline."""
    lines = read_lines(f"{line}\n")
    texts = [(unit.text, sym) for unit, sym in zip(lines.units, lines.syms, strict=True)]
    assert texts[0][0] == date_text and lines.units[0].byline is not None
    assert texts[1] == (headline, TITLE)


_DATED_OVER_SIGNED_UNDER = """\
Harbour Workers' Federation
News | Campaigns | Join | Contact
Latest news
BULLETIN | 14 March 2025
Dock safety audit finds missing ladders on three quays
By Sean Whelan
Inspectors found gaps in the edge protection at the container terminal and the grain berth.
Read more
BULLETIN | 12 March 2025
Pilots' pay talks resume after a two-week pause
The federation and the port authority return to the table on Monday with a new offer.
Read more
OPINION | 10 March 2025
Why automation must be negotiated, not imposed
By Ruth Okonjo, Branch Secretary
The cranes are coming whether we like it or not. The question is who decides how.
Read more
BULLETIN | 7 March 2025
Canteen reopens at the east gate
Hot food is back for night shifts after a campaign by the east gate branch.
Read more
BULLETIN | 5 March 2025
Members back the new health and safety charter
By Sean Whelan
Nine in ten members voted for the charter at last week's meetings.
Read more
© 2025 Harbour Workers' Federation
"""


def test_a_date_over_each_title_and_a_byline_under_some_date_their_own_records() -> None:
    """ "Section | date" / title / "By A" / standfirst, with no blank line between records:
    the date opens its record, not closes the one before."""
    result = parse_page(_DATED_OVER_SIGNED_UNDER, saved=SAVED)
    assert [(i.author, i.published and i.published.date()) for i in result.items] == [
        ("Sean Whelan", date(2025, 3, 14)),
        (None, date(2025, 3, 12)),
        ("Ruth Okonjo", date(2025, 3, 10)),
        (None, date(2025, 3, 7)),
        ("Sean Whelan", date(2025, 3, 5)),
    ]


_CAUCUS = """\
Ashdown Senate Democrats
Newsroom

Sen. Maria Castellanos (D-Eastfield)
Castellanos bill would cap rent rises on manufactured home lots
March 12, 2025
Press Release | Housing

Sen. Peter Holm (D-Riverton)
Holm: state contracts must pay the prevailing wage
March 10, 2025
Statement | Labor

Senate Democratic Caucus
Caucus statement on the governor's budget address
March 7, 2025
Statement | Budget

Sen. Aisha Boateng (D-Northgate)
Boateng secures hearing on warehouse heat standards
March 5, 2025
Press Release | Labor, Health

Sen. Luis Ortega (D-9)
Ortega town hall on childcare costs draws 200 parents
March 3, 2025
Newsletter | Families

© 2025 Ashdown Senate Democratic Caucus
"""


def test_members_over_their_titles_sign_them_and_a_kind_with_topics_is_no_title() -> None:
    """ "Sen. Maria Castellanos (D-Eastfield)" over each headline is its writer, though a
    lone name elsewhere may be a title; "Press Release | Housing" under the date is the
    piece's kind and topics, no headline of its own."""
    result = parse_page(_CAUCUS, saved=SAVED)
    assert [(i.author, i.published and i.published.date()) for i in result.items] == [
        ("Maria Castellanos", date(2025, 3, 12)),
        ("Peter Holm", date(2025, 3, 10)),
        (None, date(2025, 3, 7)),
        ("Aisha Boateng", date(2025, 3, 5)),
        ("Luis Ortega", date(2025, 3, 3)),
    ]


_SHOW_EPISODES = """\
Voices of the Shop Floor
Podcast · hosted by Nadia Rahman

NIGHT SHIFT · S2 E6
The riders and the algorithm that never sleeps
12 Mar 2025 · 34 min

THE SITE · EP. 41
Subcontracting all the way down: who pays when a scaffold falls?
10 Mar 2025 · 41 min

NIGHT SHIFT · S2 E5
Agency nurses on call
5 Mar 2025 · 29 min

THE SITE · EP. 40
"Paid by the day": farm workers a year on
3 Mar 2025 · 47 min
"""


def test_a_shows_name_and_episode_over_a_title_is_its_kicker() -> None:
    result = parse_page(_SHOW_EPISODES, saved=SAVED)
    assert [i.title for i in result.items] == [
        "The riders and the algorithm that never sleeps",
        "Subcontracting all the way down: who pays when a scaffold falls?",
        "Agency nurses on call",
        '"Paid by the day": farm workers a year on',
    ]


_SECTION_AND_TOPIC_KICKERS = """\
El Observador Laboral
Columnas de opinión

COLUMNA DE OPINIÓN · TRABAJO
Cuarenta horas a mitad de camino
Por Camila Rojas | Abogada laboralista
12.03.2025

COLUMNA DE OPINIÓN · PENSIONES
El seguro social que no fue
Por Andrés Soto | Economista
10.03.2025

COLUMNA DE OPINIÓN · SALUD
Los auxiliares también son trabajadores de la salud
Por Valentina Muñoz | Enfermera
07.03.2025

COLUMNA DE OPINIÓN · EDUCACIÓN
El paro que nadie quiso ver
Por Diego Fuentes | Profesor
05.03.2025
"""


def test_a_section_and_its_topic_in_capitals_over_a_title_is_its_kicker() -> None:
    result = parse_page(_SECTION_AND_TOPIC_KICKERS, saved=SAVED)
    assert [(i.title, i.author) for i in result.items] == [
        ("Cuarenta horas a mitad de camino", "Camila Rojas"),
        ("El seguro social que no fue", "Andrés Soto"),
        ("Los auxiliares también son trabajadores de la salud", "Valentina Muñoz"),
        ("El paro que nadie quiso ver", "Diego Fuentes"),
    ]
