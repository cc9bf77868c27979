"""Who a listing credits, read as a careful reader would: offices and titles before a name,
a Catalan double surname, a filter menu's categories, a letter's sign-off over its date,
a name under a letter's closing words, and an office under a minister's name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.authors import clean_author
from publisher.ingest.parsing.roles import name_only

SAVED = datetime(2025, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Deputada Carla Monteiro Reis", "Carla Monteiro Reis"),
        ("Deputado Nuno Abreu e Deputada Sofia Leal", "Nuno Abreu and Sofia Leal"),
        ("Onorevole Mario Bianchi", "Mario Bianchi"),
        ("Senadora Lucía Paredes", "Lucía Paredes"),
        ("The Hon Jane Whitfield MP", "Jane Whitfield"),
        ("Senator the Hon Tom Ellery", "Tom Ellery"),
    ],
)
def test_an_office_or_title_before_a_name_is_cut(text: str, author: str) -> None:
    assert clean_author(text) == author


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Marta Soler i Vidal", "Marta Soler i Vidal"),
        ("Marta Soler i Vidal i Pau Roig", "Marta Soler i Vidal and Pau Roig"),
        ("Pau Roig i Marta Soler i Vidal", "Pau Roig and Marta Soler i Vidal"),
        ("Pau Roig i Marta Soler", "Pau Roig and Marta Soler"),
        ("Pau i Marta", "Pau and Marta"),
    ],
)
def test_a_catalan_double_surname_is_one_person(text: str, author: str) -> None:
    assert clean_author(text) == author


def test_a_title_and_the_letters_after_a_name_leave_a_long_line_a_name() -> None:
    assert name_only("The Hon Dr Alan Mercer MP") == "Alan Mercer"


def test_a_filter_menus_categories_sign_nothing() -> None:
    page = (
        "Filter by region:  All regions | North Coast Region | Inland Region | Metro Region\n\n"
        "Posted 2025-03-04 · North Coast Region\n"
        "Ferry crews accept new roster after two-week dispute\n\n"
        "Posted 2025-03-01 · Inland Region\n"
        "Depot closure postponed until the autumn review\n\n"
        "Posted 2025-02-25 · Metro Region\n"
        "Night bus drivers win new rest breaks\n"
    )
    result = parse_page(page, saved=SAVED)
    assert len(result.items) == 3
    assert [item.author for item in result.items] == [None, None, None]


def test_a_letters_sign_off_over_its_date_names_the_writer() -> None:
    page = "\n\n".join(
        f"{title}\nI have read your paper for forty years and never written before, but...\n"
        f"{signer}\n{day} marzo 2025\nLeggi →"
        for title, signer, day in [
            ("Il treno delle sei non arriva mai", "Lucia Ferri, Lecco", 5),
            ("La mensa della scuola chiude a giugno", "Paolo Conte, Treviglio (BG)", 4),
            ("Il mio contratto scade di nuovo", "Giulia Serra, Bari", 3),
            ("Cosa chiedo al sindacato", "Mario Neri, Pisa", 2),
        ]
    )
    result = parse_page(page, saved=SAVED)
    assert [item.author for item in result.items] == [
        "Lucia Ferri",
        "Paolo Conte",
        "Giulia Serra",
        "Mario Neri",
    ]


def test_a_name_under_a_letters_closing_words_signs_no_later_item() -> None:
    page = "\n".join(
        [
            "Posted 2025-03-04",
            "Tentative agreement reached at the county care homes",
            "Late last night your team reached a tentative agreement covering 900 members.",
            "In solidarity,",
            "Carla Brandt, Chief Negotiator",
            "Read the full update",
            "",
            "Posted 2025-03-01",
            "Arbitration dates set for May",
            "Hearing dates are now fixed for the second week of May, in the city hall.",
            "Read the full update",
            "",
            "Posted 2025-02-25",
            "Talks continue past midnight with no deal yet",
            "Carla Brandt, Chief Negotiator",
            "Read the full update",
        ]
    )
    result = parse_page(page, saved=SAVED)
    by_title = {item.title[:20]: item.author for item in result.items}
    assert by_title.get("Arbitration dates se") is None


def test_an_office_under_a_ministers_name_is_the_names_role() -> None:
    page = "\n\n".join(
        f"Media release\n{title}\n{name}\n{office}\n{day} March 2025"
        for title, name, office, day in [
            (
                "New standards for gig workers come into force",
                "The Hon Jane Whitfield MP",
                "Minister for Employment and Workplace Relations",
                5,
            ),
            (
                "Funding for new training centres in clean energy",
                "Senator the Hon Tom Ellery",
                "Minister for Skills and Training",
                4,
            ),
            (
                "Government backs a real wage rise for award workers",
                "The Hon Jane Whitfield MP",
                "Minister for Employment and Workplace Relations",
                3,
            ),
        ]
    )
    result = parse_page(page, saved=SAVED)
    assert [item.title[:20] for item in result.items] == [
        "New standards for gi",
        "Funding for new trai",
        "Government backs a r",
    ]
    assert [item.author for item in result.items] == [
        "Jane Whitfield",
        "Tom Ellery",
        "Jane Whitfield",
    ]


def test_a_post_types_label_signs_nothing() -> None:
    page = "\n\n".join(
        f"TEXT POST\n\n{title}\n\nI promised you this one a while ago, so here it is at last...\n\n"
        f"Mar {day}th, 2025  ·  {day}04 notes"
        for title, day in [
            ("The dockers' strike of 1889, told from the other side", 4),
            ("Why the eight-hour day started with the builders", 6),
            ("A box of old union badges turned up at the library", 8),
        ]
    )
    result = parse_page(page, saved=SAVED)
    assert len(result.items) == 3
    assert [item.author for item in result.items] == [None, None, None]


def test_a_profiles_buttons_are_not_its_owner() -> None:
    page = (
        "picket-line-notes\nFollow   Message\n\n"
        "PICKET LINE NOTES\nlabour history and my own rants, posted when I can.\n\n"
        "A thread I promised you about the Toledo strike\n"
        "I said I would write this up before the anniversary, and I am only a little late.\n\n"
        "My favourite button from the whole collection\n"
        "I found it in a box at a car boot sale for fifty pence, and I love it.\n\n"
        "Why I keep an archive of strike leaflets at home\n"
        "My flat is small, but the leaflets have to live somewhere, and I like them near.\n"
    )
    result = parse_page(page, saved=SAVED)
    assert all(item.author != "Follow Message" for item in result.items)
