"""Dates on pages from unseen sites: relative dates read on the clock of the save time's own
offset, long forms with "del"/"d'" (Catalan, Spanish, Galician, Portuguese), Welsh ordinals
and mutated months, Nordic, Finnish, Czech and Croatian relative dates, reading times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.dates import find_date
from publisher.ingest.parsing.relative import find_when

# 09:40 in Auckland (+13:00) is 20:40 UTC the day before; 20:00 in Mexico City (-06:00)
# is 02:00 UTC the day after; 00:30 in Berlin (+01:00) is 23:30 UTC the day before.
AUCKLAND = datetime(2025, 3, 12, 9, 40, tzinfo=timezone(timedelta(hours=13)))
MEXICO = datetime(2025, 11, 13, 20, 0, tzinfo=timezone(timedelta(hours=-6)))
BERLIN = datetime(2025, 11, 14, 0, 30, tzinfo=timezone(timedelta(hours=1)))

TICKER = """\
Latest

12m ago  |  Politics
The union says it will take the Government to court over the pay equity law passed last night.

1h ago  |  Business
The dairy co-op has confirmed a four-shift roster at its plant from July, for 300 workers.

Yesterday  |  NZ
Teachers in Canterbury will hold rolling strikes across three weeks in March after talks broke.
"""

NOTICIAS = """\
Noticias

Trabajadores de la automotriz votan el contrato colectivo
POR: ANDREA SOLÍS  |  hace 5 horas

Maestros anuncian un paro de 48 horas en el estado
POR: LUIS OROZCO  |  hace 7 horas

Alcalde pide reforzar la vigilancia en la zona industrial
POR: MARIANA TREJO  |  ayer
"""

MELDUNGEN = """\
Meldungen

Betriebsrat setzt neue Vereinbarung zur Arbeitszeit durch
vor 2 Stunden | Von Anna Berger

Tarifkommission weist das Angebot der Arbeitgeber zurück
vor 20 Minuten | Von Jonas Keller

Frauenausschuss lädt zum Frühstück ins Gewerkschaftshaus ein
gestern | Von Anna Berger
"""


@pytest.mark.parametrize(
    ("page", "saved", "expected"),
    [
        (TICKER, AUCKLAND, [date(2025, 3, 12), date(2025, 3, 12), date(2025, 3, 11)]),
        (NOTICIAS, MEXICO, [date(2025, 11, 13), date(2025, 11, 13), date(2025, 11, 12)]),
        (MELDUNGEN, BERLIN, [date(2025, 11, 13), date(2025, 11, 14), date(2025, 11, 13)]),
    ],
)
def test_relative_dates_are_the_days_the_pages_readers_see(
    page: str, saved: datetime, expected: list[date]
) -> None:
    items = parse_page(page, saved=saved).items
    assert [item.published.date() if item.published else None for item in items] == expected


def test_a_relative_date_keeps_its_time_on_the_pages_clock() -> None:
    items = parse_page(TICKER, saved=AUCKLAND).items
    assert items[0].published == datetime(2025, 3, 12, 9, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the article before the month, "del" before the year
        ("Dijous, 13 de novembre del 2025", date(2025, 11, 13)),
        ("Divendres, 31 d'octubre del 2025", date(2025, 10, 31)),
        ("31 d’octubre de 2025", date(2025, 10, 31)),
        ("jueves, 13 de noviembre del 2025", date(2025, 11, 13)),
        ("quinta-feira, 13 de novembro de 2025", date(2025, 11, 13)),
        ("Xoves, 17 de xullo de 2025", date(2025, 7, 17)),
        ("2 de xaneiro do 2025", None),  # "do" is no article a year takes
        # Welsh ordinals, and the months mutated after "o"
        ("Dydd Mercher, 12fed Mawrth 2025", date(2025, 3, 12)),
        ("Dydd Sadwrn, 1af Mawrth 2025", date(2025, 3, 1)),
        ("2il Ebrill 2025", date(2025, 4, 2)),
        ("3ydd Mai 2025", date(2025, 5, 3)),
        ("Dydd Iau, 27ain Chwefror 2025", date(2025, 2, 27)),
        ("Dydd Llun, 17eg Chwefror 2025", date(2025, 2, 17)),
        ("y 12fed o Fawrth 2025", date(2025, 3, 12)),
        ("5ed o Fedi 2024", date(2024, 9, 5)),
        ("21ain o Ragfyr 2024", date(2024, 12, 21)),
        # Finnish and Norwegian months
        ("13. marraskuuta 2025", date(2025, 11, 13)),
        ("3. desember 2025", date(2025, 12, 3)),
    ],
)
def test_long_date_forms(text: str, expected: date | None) -> None:
    found = find_date(text)
    assert (found.value.date() if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 tuntia sitten", datetime(2025, 11, 14, 13, 0)),
        ("eilen", datetime(2025, 11, 13, 15, 0)),
        ("eilen klo 14.05", datetime(2025, 11, 13, 14, 5)),
        ("tänään", datetime(2025, 11, 14, 15, 0)),
        ("před 45 minutami", datetime(2025, 11, 14, 14, 15)),
        ("včera 19:40", datetime(2025, 11, 13, 19, 40)),
        ("prije 3 sata", datetime(2025, 11, 14, 12, 0)),
        ("fa 20 minuts", datetime(2025, 11, 14, 14, 40)),
        ("fa 2 setmanes", datetime(2025, 10, 31, 15, 0)),
        ("jučer", datetime(2025, 11, 13, 15, 0)),
        ("for 3 dager siden", datetime(2025, 11, 11, 15, 0)),
        ("för 2 veckor sedan", datetime(2025, 10, 31, 15, 0)),
        ("i går kl. 21.14", datetime(2025, 11, 13, 21, 14)),
        ("yesterday at 6:42pm", datetime(2025, 11, 13, 18, 42)),
        ("gestern, 18:02 Uhr", datetime(2025, 11, 13, 18, 2)),
        # the day before yesterday, which is not yesterday ("avant-hier" holds "hier")
        ("avant-hier à 14h30", datetime(2025, 11, 12, 14, 30)),
        ("vorgestern, 18:02 Uhr", datetime(2025, 11, 12, 18, 2)),
        ("anteayer", datetime(2025, 11, 12, 15, 0)),
        ("przedwczoraj", datetime(2025, 11, 12, 15, 0)),
        ("i forgårs kl. 14.02", datetime(2025, 11, 12, 14, 2)),
        ("eergisteren", datetime(2025, 11, 12, 15, 0)),
        # last night, and tonight, with the programme's time
        ("Neithiwr · 21:00", datetime(2025, 11, 13, 21, 0)),
        ("Last night · 9:00pm", datetime(2025, 11, 13, 21, 0)),
        ("anoche, 22:15", datetime(2025, 11, 13, 22, 15)),
        ("gisteravond", datetime(2025, 11, 13, 15, 0)),
        ("Heno · 20:00", datetime(2025, 11, 14, 20, 0)),
        ("stasera alle 21:00", datetime(2025, 11, 14, 21, 0)),
        # a day without a year: the latest not after the save
        ("Divendres, 31 d'octubre", datetime(2025, 10, 31)),
        ("Dydd Mercher, 12fed Mawrth", datetime(2025, 3, 12)),
        ("5ed o Fedi", datetime(2025, 9, 5)),
        ("3 de xullo", datetime(2025, 7, 3)),
    ],
)
def test_relative_dates_in_more_languages(text: str, expected: datetime) -> None:
    found = find_when(text, saved=datetime(2025, 11, 14, 15, 0))
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "author", "expected"),
    [
        ("3. november 2025 · 12 min lesetid", None, date(2025, 11, 3)),
        ("12. nov. 2025 · 5 min. læsning", None, date(2025, 11, 12)),
        ("4 mars 2025 · 5 min läsning", None, date(2025, 3, 4)),
        ("13.11.2025 · 3 min lukuaika", None, date(2025, 11, 13)),
        ("Lesetid: 6 min · 3. november 2025", None, date(2025, 11, 3)),
        ("4. mars 2025 · 7 min lästid", None, date(2025, 3, 4)),
        ("Anna Berg · 4 mars 2025 · 5 min läsning", "Anna Berg", date(2025, 3, 4)),
        ("5 March 2025 · 6 min read · By Kate Morrow", "Kate Morrow", date(2025, 3, 5)),
    ],
)
def test_a_reading_time_in_any_words_is_metadata(
    text: str, author: str | None, expected: date
) -> None:
    byline = parse_byline(text, saved=datetime(2025, 11, 14, 15, 0))
    assert byline is not None and byline.published is not None
    assert (byline.author, byline.published.date()) == (author, expected)


def test_a_scandinavian_age_under_a_title_is_its_own_line() -> None:
    page = """\
Af Rasmus Bach
LIVE: Kommunalvalg 2025 – de sidste fire dage af valgkampen
for 3 timer siden

Av Karin Lund
Regeringen lägger fram budgeten för nästa år
för 2 dagar sedan

Af Mette Holm
Sygeplejersker truer med ny konflikt om lønnen
for 5 timer siden
"""
    items = parse_page(page, saved=datetime(2025, 11, 14, 15, 0)).items
    assert [item.title for item in items] == [
        "LIVE: Kommunalvalg 2025 – de sidste fire dage af valgkampen",
        "Regeringen lägger fram budgeten för nästa år",
        "Sygeplejersker truer med ny konflikt om lønnen",
    ]
    assert [item.published.date() if item.published else None for item in items] == [
        date(2025, 11, 14),
        date(2025, 11, 12),
        date(2025, 11, 14),
    ]


def test_a_byline_set_apart_by_another_middle_dot_is_read() -> None:
    page = """\
Archive

The hospital porters who shut down a trust board meeting
They were told their jobs were soft. Then 200 of them turned up in the boardroom.
MAR 11 ∙ RUTH ABERNATHY AND KWAME DUAH

Streik bei der Großbäckerei: zwei Stunden Stillstand am Morgen
12. März 2025 ⋅ Anna Berger

La grève des agents d'entretien entre dans sa deuxième semaine
10 mars 2025 ‧ Par Marie Dubois
"""
    items = parse_page(page, saved=datetime(2025, 3, 14, 10, 0)).items
    assert [(item.author, item.published.date() if item.published else None) for item in items] == [
        ("Ruth Abernathy and Kwame Duah", date(2025, 3, 11)),
        ("Anna Berger", date(2025, 3, 12)),
        ("Marie Dubois", date(2025, 3, 10)),
    ]
