"""Bylines and dates in the words of more languages and site habits: Romanian by-words,
months and relative dates, Welsh "Words:", gender-inclusive German labels, note marks
after names, particles in names written in capitals, and two-digit years on date lines."""

from __future__ import annotations

from datetime import datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.authors import clean_author, usual_case
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.dates import find_date, short_year_date
from publisher.ingest.parsing.names import is_name

SAVED = datetime(2024, 5, 10, 18, 0)


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        ("Scris de Maria Ionescu · 14 aprilie 2024", "Maria Ionescu", datetime(2024, 4, 14)),
        ("scris de: Vlad Enache și Elena Dobre", "Vlad Enache and Elena Dobre", None),
        ("Geiriau: Elin Jones ac Owain Rhys", "Elin Jones and Owain Rhys", None),
        ("Autor_in: Kim Schulz | 02.05.2024", "Kim Schulz", datetime(2024, 5, 2)),
        ("Autor:innen: Ali Demir und Lea Vogt", "Ali Demir and Lea Vogt", None),
        ("By Ana Lima†", "Ana Lima", None),
        ("BY MARIE VAN DER BERG", "Marie van der Berg", None),
        ("By Thanh Le and Rohan Das", "Thanh Le and Rohan Das", None),
    ],
)
def test_bylines_in_more_words(line: str, author: str, published: datetime | None) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None
    assert (byline.author, byline.published) == (author, published)


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("acum 5 minute", datetime(2024, 5, 10, 17, 55)),
        ("Publicat acum 3 zile", datetime(2024, 5, 7, 18, 0)),
        ("azi, 09:15", datetime(2024, 5, 10, 9, 15)),  # today, at the time it gives
        ("1 noiembrie 2023", datetime(2023, 11, 1)),
        ("Medienmitteilung | 07.05.24", datetime(2024, 5, 7)),
        ("07.05.24", datetime(2024, 5, 7)),
    ],
)
def test_date_lines_in_more_words(line: str, published: datetime) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None and byline.author is None
    assert byline.published is not None
    assert byline.published.date() == published.date()
    if published.hour:
        assert byline.published == published


@pytest.mark.parametrize("text", ["build 07.05.24 is out", "v2 · 1.2.34", "7.5.24", "12.13.14"])
def test_a_two_digit_year_is_a_date_only_on_a_date_line(text: str) -> None:
    assert find_date(text) is None
    assert short_year_date(text) is None


def test_a_particle_in_capitals_is_written_back_in_lower_case_inside_a_name_only() -> None:
    assert usual_case("JUAN DE LA CRUZ") == "Juan de la Cruz"
    assert usual_case("DA SILVA") == "Da Silva"  # a particle opening the name stays capitalised
    assert is_name("Mai Le") and not is_name("Mai le")
    assert clean_author("Bruno Dos Santos, deputado municipal") == "Bruno Dos Santos"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Por Carmen Vidal, sección sindical de Correos", "Carmen Vidal"),
        ("by Owen Hale and Ruth Mills, Tenants' union steering group", "Owen Hale and Ruth Mills"),
    ],
)
def test_a_branch_written_in_words_after_a_byline_is_cut(line: str, author: str) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None and byline.author == author


def test_a_sentence_after_a_name_is_no_branch() -> None:
    assert parse_byline("Hosted by Dee Mann and Olu Ade. Produced by Radio Ten.") is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("LISBOA, 12 maio 2024 (Lusa) -", datetime(2024, 5, 12)),
        ("BRUXELLES, 3 avril 2024 —", datetime(2024, 4, 3)),
    ],
)
def test_a_wire_dateline_dates_its_story_and_names_no_writer(
    line: str, published: datetime
) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None
    assert (byline.author, byline.published) == (None, published)


def test_a_name_in_capitals_beside_a_date_is_still_a_writer() -> None:
    byline = parse_byline("MARTA SOLER, 3 April 2024", saved=SAVED)
    assert byline is not None and byline.author == "Marta Soler"


_OWN_NAME_PAGE = """Ferry Workers Bulletin
News from the crossings

Deckhands on the night boat win a third break
Posted by Ferry Workers Bulletin on 4 April 2024

Ticket office closures: what the company has not said
Posted by Ines Moreau on 2 April 2024

Our new caseworker starts on Monday
Posted by Ferry Workers Bulletin on 28 March 2024

Why the pension offer falls short
Posted by Tomasz Nowak on 25 March 2024

© 2024 Ferry Workers Bulletin
"""


def test_a_byline_naming_the_page_own_publication_names_no_writer() -> None:
    result = parse_page(_OWN_NAME_PAGE, saved=SAVED)
    authors = {item.title: item.author for item in result.items}
    assert result.publication == "Ferry Workers Bulletin"
    assert authors["Deckhands on the night boat win a third break"] is None
    assert authors["Our new caseworker starts on Monday"] is None
    assert authors["Why the pension offer falls short"] == "Tomasz Nowak"


def test_a_personal_site_named_after_its_owner_keeps_them_as_writer() -> None:
    page = _OWN_NAME_PAGE.replace("Ferry Workers Bulletin", "Ines Moreau").replace(
        "Tomasz Nowak", "Ines Moreau"
    )
    result = parse_page(page, saved=SAVED)
    assert {item.author for item in result.items} == {"Ines Moreau"}


@pytest.mark.parametrize(
    ("heading", "footer", "publication"),
    [
        ("Politics", "© 2025 Valleys Daily", "Valleys Daily"),
        ("Politik", "© 2025 Kieler Rundschau", "Kieler Rundschau"),
        ("Politics", "© 2025 Valleys Daily ∙ Privacy ∙ Terms", "Valleys Daily"),
        ("Politik", "© 2025 Kieler Rundschau · Impressum · Datenschutz", "Kieler Rundschau"),
    ],
)
def test_a_section_heading_is_not_the_publication(
    heading: str, footer: str, publication: str
) -> None:
    page = (
        f"Home | News | {heading} | Sport\n\n{heading}\n\n"
        "Council tax to rise by five per cent in April\nCardiff · Jane Smith\n5 March 2025\n\n"
        "Ministers defend housing plan after critics speak out\nSwansea · Owen Price\n"
        "4 March 2025\n\n"
        "Rail strike called off after late-night talks\nNewport · Carys Jones\n2 March 2025\n\n"
        f"{footer}\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.publication == publication
    assert [item.author for item in result.items] == ["Jane Smith", "Owen Price", "Carys Jones"]


def test_a_shop_or_a_venue_heading_its_page_is_no_owner_who_signs() -> None:
    page = (
        "Red Kite Books\n\nEvents at the shop\n\n"
        "Poetry night: Words from the Valley\nTHU 13 MAR · 7.00pm\n"
        "I am delighted to welcome three local poets to the shop.\n\n"
        "Reading group: The Ragged Trousered Philanthropists\nFRI 14 MAR · 6.30pm\n"
        "My favourite book, and we will read it together.\n\n"
        "Book launch: Mill Town Commons\nSAT 15 MAR · 3.00pm\n"
        "Join us for the launch and a glass of something.\n\n"
        "© 2025 Red Kite Books\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.items and all(item.author != "Red Kite Books" for item in result.items)
