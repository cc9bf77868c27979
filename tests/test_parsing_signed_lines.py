"""Bylines as more sites sign: credits for words and pictures together, labels in more
languages, a wire's code after the reporter, a student's class year, a name before a post of
several words, a name before its reading time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.roles import name_only

SAVED = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Texto e fotos: Ana Silva", "Ana Silva"),
        ("Texte et photos : Marie Dupont", "Marie Dupont"),
        ("Testo e foto di Mario Rossi", "Mario Rossi"),
        ("Words & photos: Jane Doe", "Jane Doe"),
        ("Servizio di Mario Rossi e Anna Bianchi", "Mario Rossi and Anna Bianchi"),
        ("As told to Jane Doe", "Jane Doe"),
        ("Idazleak: Miren Etxeberria eta Jon Agirre", "Miren Etxeberria and Jon Agirre"),
        ("Szerző: Kiss Anna | 2025. 02. 24. | Olvasási idő: 5 perc", "Kiss Anna"),
        ("Publicado o 04/03/2025 por Ana Pereira", "Ana Pereira"),
        ("Publicado hai 3 horas por Ana Pereira", "Ana Pereira"),
        ("Anna Berg/TT · 9 mars", "Anna Berg"),
    ],
)
def test_credit_lines_in_more_words(line: str, author: str) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Maya Chen '27, Opinion Columnist", "Maya Chen"),
        ("Ana Cruz, Chairperson", "Ana Cruz"),
        ("Jane Doe, Cabinet Secretary for Housing and Local Government", "Jane Doe"),
        ("Jane Doe, Minister for Culture, Skills and Social Partnership", "Jane Doe"),
        ("Fr John Smith, Parish Priest, Holy Cross, Salford", "John Smith"),
        ("Ola Nordmann/NTB", "Ola Nordmann"),
    ],
)
def test_names_signed_with_more_around_them(line: str, author: str) -> None:
    assert name_only(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "PAY TRACKER · No. 12",  # a series and its number
        "Jane Smith, Professor of Law, dies at 84",  # a headline
    ],
)
def test_what_is_not_a_signature(line: str) -> None:
    assert name_only(line) is None


def test_a_name_before_its_reading_time_signs_the_record() -> None:
    titles = [
        "Workers at the depot vote to accept the new pay offer",
        "Council confirms budget for libraries after long campaign",
        "Why the housing plan fails renters in the city",
    ]
    names = ["Hannah Lee", "Sam Ortiz", "Priya Shah"]
    lines = ["Shop Floor Notes", "", "Posts", ""]
    for title, name in zip(titles, names, strict=True):
        lines += [title, f"{name} · 6 min read", "A standfirst that says what it is about.", ""]
    result = parse_page("\n".join(lines), saved=SAVED)
    assert [item.author for item in result.items] == names


def test_a_padded_short_date_beside_a_credit_dates_and_signs() -> None:
    byline = parse_byline("12.11.24 | Bericht: Anna Huber", saved=SAVED)
    assert byline is not None and byline.author == "Anna Huber"
    assert byline.published is not None and byline.published.date() == date(2024, 11, 12)
