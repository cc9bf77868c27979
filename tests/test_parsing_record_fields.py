"""The fields that sign and date a listing's records, in the forms sites of many kinds and
languages write them: a participle before "by" ("Filed by", "Prepared by"), a writer's
label with both genders ("Autor/a:") or set off by a dash ("Reportagem – A"), the newsroom
signing ("Da Redação"), an editor's credit under the reporter's, and a field named in
capitals heading every record over its title ("RESPONDING TO: Ofgem")."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.authors import clean_author
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.lines import read_all_units
from publisher.ingest.parsing.roles import META, line_symbol, name_only

SAVED = datetime(2025, 3, 20, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Filed by Gill Ackroyd on 21 March 2014 at 10:47 pm | 4 Comments", "Gill Ackroyd"),
        ("Submitted 28/03/2025 · Prepared by Aisha Khan, Policy Officer", "Aisha Khan"),
        ("Verfasst von Jana Roth", "Jana Roth"),
        ("Rédigé par Claire Ducasse", "Claire Ducasse"),
        ("Elaborado por Martín Gutiérrez", "Martín Gutiérrez"),
        ("Opgesteld door Karin Smeets", "Karin Smeets"),
    ],
)
def test_who_filed_or_prepared_a_piece_is_its_writer(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Autor/a: Lucía Gómez Ruiz", "Lucía Gómez Ruiz"),
        ("Autor(es): Ana Paz e Rui Sá", "Ana Paz and Rui Sá"),
        ("Autor/innen: Jan Roth", "Jan Roth"),
        ("Reportagem – Mariana Tolentino Vaz", "Mariana Tolentino Vaz"),
        ("Texto — Ana Paz", "Ana Paz"),
    ],
)
def test_a_writers_label_with_both_genders_or_a_dash_names_the_writer(
    line: str, author: str
) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


def test_a_label_not_a_writers_names_no_writer() -> None:
    assert parse_byline("Tutor/a: Pablo Sanz Ibarra") is None
    assert parse_byline("Edição – Natália Brandt") is None


@pytest.mark.parametrize(
    "line", ["Da Redação – RS", "De la rédaction", "Von der Redaktion", "Dalla redazione"]
)
def test_the_newsroom_signing_names_no_writer(line: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author is None


def test_a_surname_opening_like_the_words_for_from_the_is_no_newsroom() -> None:
    assert parse_byline("De la Rosa visits the plant") is None


def test_authors_set_apart_by_semicolons_are_each_named() -> None:
    assert clean_author("Óscar Villanueva Prieto; Marina Echeverría Sáez") == (
        "Óscar Villanueva Prieto and Marina Echeverría Sáez"
    )


@pytest.mark.parametrize("line", ["Edição – Ana Cheirub", "Editing: Jane Doe"])
def test_an_editors_credit_is_metadata(line: str) -> None:
    (unit,) = read_all_units(line, saved=SAVED)
    assert line_symbol(unit)[0] == META


_REPORTS = [
    ("Comissão aprova fim da escala 6x1", "Proposta segue para análise", "06/03/2025 - 18:47"),
    ("Projeto garante estabilidade a gestante", "", "05/03/2025 - 16:12"),
    ("Câmara pode votar hoje MP do salário mínimo", "", "05/03/2025 - 09:05"),
    ("Proposta amplia licença-paternidade", "", "04/03/2025 - 17:40"),
]
_WRITERS = [
    "Reportagem – Ana Paz",
    "Reportagem – Rui Sá",
    "Da Redação – RS",
    "Reportagem – Eva Lima",
]


def test_records_signed_by_a_dashed_label_over_an_editors_credit_name_the_reporter() -> None:
    records = []
    for (title, standfirst, when), writer in zip(_REPORTS, _WRITERS, strict=True):
        lines = [title, standfirst, when, writer, "Edição – Pierre Tavolaro"]
        records.append("\n".join(line for line in lines if line))
    page = "Agência de Notícias\n\nInício | Notícias\n\n" + "\n\n".join(records) + "\n"
    result = parse_page(page, saved=SAVED)
    assert [item.title for item in result.items] == [title for title, _, _ in _REPORTS]
    assert [item.author for item in result.items] == ["Ana Paz", "Rui Sá", None, "Eva Lima"]


_RESPONSES = [
    ("Department for Business and Trade", "Right to switch off", "28/02/2025", "Aisha Khan"),
    (
        "North East Combined Authority",
        "Local Transport Plan 2025–2040",
        "21/02/2025",
        "Rob Fenwick",
    ),
    ("Cumberland Council", "Budget 2025/26 — have your say", "14/02/2025", "Helen Ashworth"),
    ("Ofgem", 'Debt relief for energy customers: "Who pays?"', "27/02/2025", "Mark Tully"),
]


def test_a_field_named_in_capitals_heading_every_record_is_its_kicker() -> None:
    records = [
        f"RESPONDING TO: {body}\n{title}\nSubmitted {day} · Prepared by {name}, Policy Officer\n"
        "Download our response (PDF, 312 KB)"
        for body, title, day, name in _RESPONSES
    ]
    page = "Northern TUC\n\nHome | Campaigns | Responses\n\n" + "\n\n".join(records) + "\n"
    result = parse_page(page, saved=SAVED)
    assert [item.title for item in result.items] == [title for _, title, _, _ in _RESPONSES]
    assert [item.author for item in result.items] == [name for *_, name in _RESPONSES]
    assert result.items[0].published is not None
    assert result.items[0].published.date() == date(2025, 2, 28)


def test_a_headline_opening_with_a_word_and_a_colon_stays_a_headline() -> None:
    titles = ["Review: The Long Shift", "Review: Bread and Roses", "Review: Night Work"]
    page = "The Ledger\n\n" + "\n\n".join(
        f"{title}\nBy Jane Doe · 4 March 2025\nA short account of the book and its argument."
        for title in titles
    )
    result = parse_page(page, saved=SAVED)
    assert [item.title for item in result.items] == titles


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Tanesha Whyte-Grant/Senior Staff Reporter", "Tanesha Whyte-Grant"),
        ("Shamoy Reid/Chronicle Writer", "Shamoy Reid"),
    ],
)
def test_a_name_and_its_job_title_after_a_slash_name_the_writer(line: str, author: str) -> None:
    assert name_only(line) == author
    assert clean_author(line) == author


def test_two_words_a_slash_joins_are_no_name_and_role() -> None:
    assert name_only("Health/Care Workers") is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Compte rendu de Julien Maréchal", "Julien Maréchal"),
        ("Compte-rendu d’Hélène Vasseur", "Hélène Vasseur"),
        ("Reseña de Ana Paz", "Ana Paz"),
    ],
)
def test_who_wrote_a_review_of_a_book_is_its_writer(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


def test_the_minutes_of_a_meeting_are_no_review_byline() -> None:
    assert parse_byline("Compte rendu de la réunion du bureau") is None


@pytest.mark.parametrize(
    "line", ["Traduit de l'italien par Élise Morin", "Translated from the German by Ann Lee"]
)
def test_a_translators_credit_is_metadata(line: str) -> None:
    (unit,) = read_all_units(line, saved=SAVED)
    assert line_symbol(unit)[0] == META


_REVIEWS = [
    ("Le syndicalisme à l'épreuve des plateformes", "Camille Roussel", "Julien Maréchal"),
    ("Les Bonnes. Domestiques et employées de maison", "Hélène Vasseur", "Nadia Belkacem"),
    ("Care, salaire et dignité", "Sara Conti", "Lucie Vannier"),
    ("L'usure. Corps ouvriers et fins de carrière", "Louis-Marie Tanguy", "Jean-Baptiste Orsini"),
]


def test_a_review_names_its_reviewer_not_the_books_author() -> None:
    records = [
        f"Travail et emploi\n{title}\n{writer}\nParis, La Découverte, 2024, 288 p., 22 €\n"
        f"Traduit de l'italien par Élise Morin\nCompte rendu de {reviewer}\n"
        f"Publié le {day} mars 2025"
        for (title, writer, reviewer), day in zip(_REVIEWS, (4, 6, 8, 10), strict=True)
    ]
    page = "Lectures\n\nAccueil › Comptes rendus\n\n" + "\n\n".join(records) + "\n"
    result = parse_page(page, saved=SAVED)
    assert [item.title for item in result.items] == [title for title, _, _ in _REVIEWS]
    assert [item.author for item in result.items] == [reviewer for *_, reviewer in _REVIEWS]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Uploaded by Imran Qureshi (Branch Secretary) · 20.03.25 · 1.2 MB", date(2025, 3, 20)),
        ("Uploaded by Dave Lockwood · 07.03.25 · 96 KB · 19 downloads", date(2025, 3, 7)),
    ],
)
def test_a_short_year_date_standing_as_a_field_of_a_row_dates_the_record(
    line: str, day: date
) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.published is not None
    assert byline.published.date() == day


def test_a_short_year_number_inside_a_field_is_no_date() -> None:
    byline = parse_byline("Uploaded by Dave Lockwood · release 06.11.24 · 96 KB")
    assert byline is not None and byline.published is None
