"""Dates and bylines as sites in many languages write them: a weekday (often cut short)
before the date, a time after it in the language's own words, an "updated" clause."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.dates import find_date, page_day_first

SAVED = datetime(2024, 11, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time after the date, in each language's words
        ("12 November 2024 at 6:42pm", datetime(2024, 11, 12, 18, 42)),
        ("mardi 12 novembre 2024 à 14h30", datetime(2024, 11, 12, 14, 30)),
        ("11. Nov. 2024, 08:45 Uhr", datetime(2024, 11, 11, 8, 45)),
        ("06.11.2024 um 10:00 Uhr", datetime(2024, 11, 6, 10, 0)),
        ("lunes, 11 de noviembre de 2024 - 09:15h", datetime(2024, 11, 11, 9, 15)),
        ("11 de noviembre de 2024 a las 9:15", datetime(2024, 11, 11, 9, 15)),
        ("12 novembre 2024 alle ore 21:10", datetime(2024, 11, 12, 21, 10)),
        ("5/11/2024 alle 18:45", datetime(2024, 11, 5, 18, 45)),
        ("14/11/2024 às 16h20", datetime(2024, 11, 14, 16, 20)),
        ("04.11.2024 - 09h00", datetime(2024, 11, 4, 9, 0)),
        ("31-10-2024 om 21.15 uur", datetime(2024, 10, 31, 21, 15)),
        ("12 nov 2024 om 14:30", datetime(2024, 11, 12, 14, 30)),
        ("7 nov. 2024 | 17:30", datetime(2024, 11, 7, 17, 30)),
        ("12 Tachwedd 2024 am 10:00", datetime(2024, 11, 12, 10, 0)),
        # a two-digit year: a day only with a time after it
        ("06.11.24 um 10:00 Uhr", datetime(2024, 11, 6, 10, 0)),
        ("06-11-24 10:00", datetime(2024, 11, 6, 10, 0)),
    ],
)
def test_dates_with_times_in_many_languages(text: str, expected: datetime) -> None:
    found = find_date(text)
    assert found is not None and found.value == expected


@pytest.mark.parametrize("text", ["version 1.2.34", "release 06.11.24", "build 10.4.22 is out"])
def test_a_two_digit_year_without_a_time_is_no_date(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "author", "published"),
    [
        ("Publié le ven. 8 nov. 2024 à 09h05 par Karim Benali", "Karim Benali", (11, 8, 9, 5)),
        (
            "Publié le mardi 12 novembre 2024 à 14h30 par Claire Martin",
            "Claire Martin",
            (11, 12, 14, 30),
        ),
        (
            "Veröffentlicht am Mo., 11. Nov. 2024, 08:45 Uhr · von Jana Becker",
            "Jana Becker",
            (11, 11, 8, 45),
        ),
        (
            "Veröffentlicht am 06.11.24 um 10:00 Uhr · von Malte Schröder",
            "Malte Schröder",
            (11, 6, 10, 0),
        ),
        ("Jue, 14/11/2024 - 12:40", None, (11, 14, 12, 40)),
        ("Publicado el lunes, 11 de noviembre de 2024 - 09:15h", None, (11, 11, 9, 15)),
        ("Publicado el 31 oct 2024", None, (10, 31, 0, 0)),
        (
            "Pubblicato il 12 novembre 2024 alle ore 21:10 da Luca Bianchi",
            "Luca Bianchi",
            (11, 12, 21, 10),
        ),
        ("Pubblicato il sab 9 nov 2024 da Giulia Rossi", "Giulia Rossi", (11, 9, 0, 0)),
        ("Publicado em 14/11/2024 às 16h20 | Atualizado há 2 horas", None, (11, 14, 16, 20)),
        ("Publicado em sexta-feira, 8 de novembro de 2024", None, (11, 8, 0, 0)),
        ("Postado em qui, 7 nov 2024", None, (11, 7, 0, 0)),
        (
            "Geplaatst op di 12 nov 2024 om 14:30 door Sanne de Vries",
            "Sanne de Vries",
            (11, 12, 14, 30),
        ),
        (
            "Geplaatst op 31-10-2024 om 21.15 uur door Sanne de Vries",
            "Sanne de Vries",
            (10, 31, 21, 15),
        ),
        ("Geplaatst op 24 okt. 2024", None, (10, 24, 0, 0)),
        ("12 November 2024 | Updated 2 hours ago", None, (11, 12, 0, 0)),
    ],
)
def test_bylines_with_weekdays_times_and_updates(
    text: str, author: str | None, published: tuple[int, int, int, int]
) -> None:
    byline = parse_byline(text, saved=SAVED)
    month, day, hour, minute = published
    assert byline is not None
    assert byline.author == author
    assert byline.published == datetime(2024, month, day, hour, minute)


def test_an_embargo_names_no_writer() -> None:
    byline = parse_byline("EMBARGOED UNTIL 00:01 THURSDAY 14 NOVEMBER 2024", saved=SAVED)
    assert byline is not None and byline.author is None
    assert byline.published is not None and byline.published.date().isoformat() == "2024-11-14"


# -- round 8b: date forms of unseen sites -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Irish months, and the weekday before them left out of the byline
        ("Dé Máirt 4 Márta 2025", datetime(2025, 3, 4)),
        ("10 Meán Fómhair 2026", datetime(2026, 9, 10)),  # the months of two words
        ("8 Deireadh Fómhair 2026", datetime(2026, 10, 8)),
        ("Dé hAoine 28 Feabhra 2025", datetime(2025, 2, 28)),
        ("Déardaoin 9 Eanáir 2025", datetime(2025, 1, 9)),
        # a time with its word in capitals ("Uhr", "UUR", "H")
        ("04.03.2025, 14:22 Uhr", datetime(2025, 3, 4, 14, 22)),
        ("04-03-2025 om 14.22 UUR", datetime(2025, 3, 4, 14, 22)),
        # the year first, in numbers
        ("2025/02/05", datetime(2025, 2, 5)),
        ("2025.02.05 14:30", datetime(2025, 2, 5, 14, 30)),
        # "Added" and "Created" before the date
        ("Added 28/12/2024", datetime(2024, 12, 28)),
        ("Erstellt am 04.03.2025", datetime(2025, 3, 4)),
        ("Ajouté le 4 mars 2025", datetime(2025, 3, 4)),
        # the updated date after a comma is not the published one
        ("Published 27 February 2025, updated 3 March 2025", datetime(2025, 2, 27)),
        ("Publicado el 27 de febrero de 2025, actualizado el 3 de marzo", datetime(2025, 2, 27)),
    ],
)
def test_date_lines_of_unseen_sites(text: str, expected: datetime) -> None:
    """Each line is a date-only byline with the day it was published."""
    byline = parse_byline(text, saved=datetime(2025, 3, 5, 12, 0))
    assert byline is not None and byline.author is None
    assert byline.published == expected


@pytest.mark.parametrize(
    ("text", "configured", "expected"),
    [
        ("Posted 03/04/2025\n…\nPosted 02/27/2025", True, False),  # only month first fits
        ("Publié le 03/04/2025\n…\nPublié le 27/02/2025", False, True),  # only day first
        ("03/04/2025 and 04/03/2025", True, True),  # nothing to tell: the setting holds
        ("03/04/2025 and 04/03/2025", False, False),
        ("13/02/2025 and 02/13/2025", False, False),  # they disagree: the setting holds
        ("version 1.2.34, no dates", True, True),
    ],
)
def test_a_page_says_which_way_it_writes_numeric_dates(
    text: str, configured: bool, expected: bool
) -> None:
    """A numeric date that can only be read one way sets the order of the page's others."""
    assert page_day_first(text, day_first=configured) is expected


def test_a_us_listing_reads_its_dates_month_first_without_a_setting() -> None:
    """ "Posted 03/04/2025" is 4 March on a page that also writes "02/27/2025"."""
    text = "\n\n".join(
        f"{title}\nPosted {day}\nBy Dana Whitfield"
        for title, day in [
            ("Members Ratify New Three-Year Agreement", "03/04/2025"),
            ("Safety Committee Wins Barrier Retrofit", "02/27/2025"),
            ("Steward Training Set for April", "02/24/2025"),
        ]
    )
    items = parse_page(text, saved=datetime(2025, 3, 5, 12, 0)).items
    assert [(i.published.month, i.published.day) for i in items if i.published] == [
        (3, 4),
        (2, 27),
        (2, 24),
    ]


# -- a day opening a teaser, set apart by a dash or colon -----------------------------------

_SAVED = datetime(2025, 6, 12, 9, 0, tzinfo=UTC)


def test_diary_entries_opening_with_relative_and_yearless_days_are_dated_teasers() -> None:
    page = "\n".join(
        [
            "Occupation diary",
            "",
            "Hoy — La asamblea de la fábrica votó por unanimidad mantener la ocupación hasta "
            "que la empresa presente un plan industrial creíble.",
            "Ayer — Los vecinos del barrio trajeron comida caliente y mantas para el turno de "
            "noche del piquete.",
            "Lun 9 Jun — La dirección envió burofaxes a los 140 trabajadores amenazando con "
            "despidos disciplinarios por ausencia injustificada.",
            "Vie 6 Jun — Primer día de ocupación: las puertas se cerraron a las seis de la mañana.",
        ]
    )
    items = parse_page(page, saved=_SAVED).items
    assert [i.published.date() if i.published else None for i in items] == [
        date(2025, 6, 12),
        date(2025, 6, 11),
        date(2025, 6, 9),
        date(2025, 6, 6),
    ]
    # the day is no part of the title
    assert [i.title.split()[:3] for i in items] == [
        ["La", "asamblea", "de"],
        ["Los", "vecinos", "del"],
        ["La", "dirección", "envió"],
        ["Primer", "día", "de"],
    ]


def test_wiki_bullets_opening_with_a_full_date_and_a_colon_are_dated_however_long() -> None:
    page = "\n".join(
        [
            "Nieuws",
            "",
            "  * 11 juni 2025: De huurdersvereniging van Overvecht heeft een petitie tegen de "
            "geplande huurverhoging van vijf procent aangeboden aan de gemeenteraad. De "
            "wethouder beloofde een reactie binnen zes weken.[1]",
            "  * 04.06.2025: Het kantongerecht heeft een huurder in Zuilen in het gelijk gesteld "
            "die wegens schimmel de huur met een kwart had verlaagd. De verhuurder gaat niet in "
            "beroep, meldt de Woonbond.",
            "  * 2 juni 2025: Een nieuwe bewonerscommissie is opgericht in Kanaleneiland.",
        ]
    )
    items = parse_page(page, saved=_SAVED).items
    assert [i.published.date() if i.published else None for i in items] == [
        date(2025, 6, 11),
        date(2025, 6, 4),
        date(2025, 6, 2),
    ]
    assert items[0].title.startswith("De huurdersvereniging van Overvecht heeft een petitie")
    assert items[2].title == "Een nieuwe bewonerscommissie is opgericht in Kanaleneiland"


def test_a_headline_with_a_label_before_its_colon_keeps_it() -> None:
    page = """\
Statement: we stand with the cleaners at the town hall
Interview: the organiser who won sick pay for agency staff
Analysis: why the pay offer falls short again this year
"""
    titles = [i.title for i in parse_page(page, saved=_SAVED).items]
    assert titles[0] == "Statement: we stand with the cleaners at the town hall"
    assert all(i.published is None for i in parse_page(page, saved=_SAVED).items)


# -- pq10 teasers: the date headings of teaser lists ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Hungarian months, the year first, the weekday after the date left out
        ("2025. március 5., szerda", datetime(2025, 3, 5)),
        ("2025. febr. 27., csütörtök", datetime(2025, 2, 27)),
        ("2024. október 8. 10:30", datetime(2024, 10, 8, 10, 30)),
        # a weekday and "den" or "d." before the day (Danish, Swedish, Norwegian)
        ("Onsdag d. 5. marts 2025", datetime(2025, 3, 5)),
        ("Tisdag den 4 mars 2025", datetime(2025, 3, 4)),
        ("fredag den 28. februar 2025", datetime(2025, 2, 28)),
        # an article alone before the date still names no one
        ("Le 5 mars 2025", datetime(2025, 3, 5)),
    ],
)
def test_date_headings_with_weekdays_and_articles(text: str, expected: datetime) -> None:
    """Each line is a date-only byline: the weekday and the article around it name no one."""
    byline = parse_byline(text, saved=datetime(2025, 3, 6, 12, 0))
    assert byline is not None and byline.author is None
    assert byline.published == expected


def test_an_article_after_a_name_is_no_weekday() -> None:
    """Only weekdays may stand before the article: "Anna Berg den 4 mars 2025" names Anna."""
    byline = parse_byline("Anna Berg · 4 mars 2025", saved=datetime(2025, 3, 6, 12, 0))
    assert byline is not None and byline.author == "Anna Berg"


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("The Ferret · 3h", 3),
        ("Der Standard · 5h", 5),
        ("El Salto | 45m", 0.75),
        ("Lena Hartmann · 2d", 48),
    ],
)
def test_an_age_written_short_after_the_source_dates_the_line(text: str, hours: float) -> None:
    saved = datetime(2025, 3, 5, 18, 30, tzinfo=UTC)
    byline = parse_byline(text, saved=saved)
    assert byline is not None and byline.published is not None
    assert (saved - byline.published).total_seconds() == hours * 3600


@pytest.mark.parametrize("text", ["Size 4m", "Route A3h", "Level 2d"])
def test_a_letter_after_a_number_in_words_is_no_age(text: str) -> None:
    byline = parse_byline(text, saved=datetime(2025, 3, 5, 18, 30, tzinfo=UTC))
    assert byline is None or byline.published is None


@pytest.mark.parametrize(
    ("text", "hours"),
    [("for 2 timer siden", 2), ("för 3 dagar sedan", 72), ("for 12 minutter siden", 0.2)],
)
def test_a_scandinavian_age_names_no_writer(text: str, hours: float) -> None:
    saved = datetime(2025, 3, 20, 12, tzinfo=UTC)
    byline = parse_byline(text, saved=saved)
    assert byline is not None and byline.author is None and byline.published is not None
    assert (saved - byline.published).total_seconds() == hours * 3600


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.mar.2025 às 6h00", datetime(2025, 3, 4, 6, 0)),  # Brazilian papers
        ("3.dic.2024, 10:15", datetime(2024, 12, 3, 10, 15)),  # Italian
        ("5.nov.2024 à 14h30", datetime(2024, 11, 5, 14, 30)),  # French
        ("12.sept.2024", datetime(2024, 9, 12)),
    ],
)
def test_a_date_with_dots_all_through_is_read(text: str, expected: datetime) -> None:
    match = find_date(text)
    assert match is not None and match.value == expected


@pytest.mark.parametrize("text", ["v1.mar.2", "file.mar.txt", "release 4.mar"])
def test_a_month_between_dots_without_a_year_is_no_date(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dot closing the year, and "u" before the time (Croatian, Serbian, Slovenian)
        ("27.01.2025. u 13:58", datetime(2025, 1, 27, 13, 58)),
        ("31.01.2025.", datetime(2025, 1, 31)),
        ("12.03.2025 o 9:15", datetime(2025, 3, 12, 9, 15)),
        # the year first with a space after each dot (Hungarian)
        ("Kovács Lilla | 2025. 02. 24. | Olvasási idő: 5 perc", datetime(2025, 2, 24)),
        ("2025.02.24.", datetime(2025, 2, 24)),
        # months in Filipino, in Māori (as New Zealand pages write them), and a Basque year
        # after five ("2025eko")
        ("PAHAYAG  ·  Pebrero 12, 2025", datetime(2025, 2, 12)),
        ("RNZ · Rāhina 27 Kohitātea 2025", datetime(2025, 1, 27)),
        ("24 Whiringa-ā-rangi 2025", datetime(2025, 11, 24)),
        ("2025eko martxoaren 1a", datetime(2025, 3, 1)),
    ],
)
def test_dates_written_in_more_ways(text: str, expected: datetime) -> None:
    found = find_date(text)
    assert found is not None and found.value == expected


@pytest.mark.parametrize("text", ["v1.2.2025.3", "In 2025. 3. The", "2025. 12 people came"])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.11.24 | Text: Sabine Wolf", date(2024, 11, 12)),
        ("30.01.25 · 5 min read", date(2025, 1, 30)),
        ("Text: Sabine Wolf | 12.11.24", date(2024, 11, 12)),
        ("16.12.24", date(2024, 12, 16)),
        ("asteartea, otsailak 18", date(2025, 2, 18)),  # Basque, the year left out
    ],
)
def test_short_and_yearless_dates_beside_other_fields(text: str, expected: date) -> None:
    saved = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
    byline = parse_byline(text, saved=saved)
    assert byline is not None and byline.published is not None
    assert byline.published.date() == expected


def test_a_short_date_inside_running_text_is_left_alone() -> None:
    byline = parse_byline("Release 06.11.24 fixes the export", saved=SAVED)
    assert byline is None or byline.published is None
