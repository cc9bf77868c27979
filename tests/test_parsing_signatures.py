"""Who signs an item on sites nobody has seen: bullet-like separators, roles after a name,
several writers one a line, desks and bodies that name no writer, sections that are no
writers, and signatures that stand over their titles."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from publisher.core.models import ParseResult
from publisher.ingest.parsing import normalise_text, parse_page
from publisher.ingest.parsing.authors import clean_author
from publisher.ingest.parsing.bylines import parse_byline

SAVED = datetime(2025, 3, 14, 8, 0)


def _byline(line: str) -> tuple[str | None, date | None]:
    """A line's author and day, as the parser reads the line (its text cleaned first)."""
    byline = parse_byline(normalise_text(line), day_first=False, saved=SAVED)
    assert byline is not None, line
    return byline.author, byline.published.date() if byline.published else None


def _authors(text: str) -> dict[str, str | None]:
    """Each item's title and author."""
    result: ParseResult = parse_page(text, saved=SAVED)
    return {item.title: item.author for item in result.items}


# -- one separator: every bullet-like dot reads as "·" ---------------------------------------


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        ("MAR 13 ∙ RUTH ABERNATHY", "Ruth Abernathy", date(2025, 3, 13)),
        ("DEC 30, 2024 ∙ RUTH ABERNATHY AND KWAME DUAH", "Ruth Abernathy and Kwame Duah", None),
        ("FEB 27 ∙ GUEST POST BY LOUISA MARCHETTI", "Louisa Marchetti", date(2025, 2, 27)),
        ("12 mars 2025 ‧ Claire Ducasse", "Claire Ducasse", date(2025, 3, 12)),
        ("4. März 2025 ⋅ Eva Klein", "Eva Klein", date(2025, 3, 4)),
        ("4 de marzo de 2025 ◦ Ana Ruiz", "Ana Ruiz", date(2025, 3, 4)),
        ("Mar 4, 2025 • Jane Doe", "Jane Doe", date(2025, 3, 4)),
    ],
)
def test_a_bullet_like_dot_separates_a_bylines_parts(
    line: str, author: str, day: date | None
) -> None:
    found_author, found_day = _byline(line)
    assert found_author == author
    if day is not None:
        assert found_day == day


def test_a_dot_inside_a_word_or_opening_a_line_stays() -> None:
    assert normalise_text("• first point") == "• first point"
    assert normalise_text("Privacy ∙ Terms") == "Privacy · Terms"
    assert normalise_text("a∙b") == "a∙b"


# -- a role after "·" is the writer's, in any language ---------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Gan Elin Haf Roberts · Gohebydd Gwaith", "Elin Haf Roberts"),
        ("Von Eva Klein · Redakteurin Politik", "Eva Klein"),
        ("Por Ana Ruiz · corresponsal en Oaxaca", "Ana Ruiz"),
        ("By Jane Doe · Labour Correspondent", "Jane Doe"),
        ("Par Claire Ducasse · journaliste", "Claire Ducasse"),
        # a surname that is also a role word is still a name
        ("By Mary Head · Tom Lee", "Mary Head and Tom Lee"),
    ],
)
def test_a_role_after_a_dot_is_no_co_author(line: str, author: str) -> None:
    assert _byline(line)[0] == author


# -- several writers, each with a role ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "Dr Helen Achebe, Senior Economist, and Aroha Tane, Visiting Fellow",
            "Helen Achebe and Aroha Tane",
        ),
        ("Eva Klein, Redakteurin, und Jonas Berg, Korrespondent", "Eva Klein and Jonas Berg"),
        ("Ana Ruiz, periodista, y Luis Gómez, corresponsal", "Ana Ruiz and Luis Gómez"),
        ("Dr Yasmin Farouk, Research Associate (Teesside University)", "Yasmin Farouk"),
        ("A Jones, B Smith and C Brown", "A Jones, B Smith and C Brown"),
    ],
)
def test_writers_each_with_a_role_are_all_named(text: str, author: str) -> None:
    assert clean_author(text) == author


def _one_a_line(first: str, second: str, when: str) -> str:
    return "\n".join(
        [
            "Publications",
            "",
            *(
                f"{title}\n{first}\n{second}\n{when}\n"
                for title in (
                    "Real pay in the care sector after the spring settlement",
                    "What the budget means for local government pay",
                    "Insecure work across the northern regions, ward by ward",
                )
            ),
        ]
    )


@pytest.mark.parametrize(
    ("first", "second", "when", "author"),
    [
        (
            "Dr Helen Achebe, Senior Economist",
            "Rory Quinn, Research Fellow",
            "Published 11 March 2025",
            "Helen Achebe and Rory Quinn",
        ),
        (
            "Eva Klein, Redakteurin",
            "Jonas Berg, Korrespondent",
            "Veröffentlicht am 11. März 2025",
            "Eva Klein and Jonas Berg",
        ),
        (
            "Ana Ruiz, investigadora",
            "Luis Gómez, analista",
            "Publicado el 11 de marzo de 2025",
            "Ana Ruiz and Luis Gómez",
        ),
    ],
)
def test_writers_named_one_a_line_under_a_title_all_sign_it(
    first: str, second: str, when: str, author: str
) -> None:
    authors = _authors(_one_a_line(first, second, when))
    assert len(authors) == 3
    assert set(authors.values()) == {author}


# -- desks, outlets and bodies name no writer ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By Sentinel Staff and The Associated Press",
        "Par Les Décodeurs",
        "Door Het Onderzoeksteam",
        "By The Fact Checkers",
        "Publicado el 20 de febrero de 2025 por Asesoría Jurídica",
        "Posted by Erewash Women's Forum on 8th March 2025",
        "Pubblicato il 3 marzo 2025 da Coalizione Civica",
    ],
)
def test_a_desk_or_a_body_signs_no_writer(line: str) -> None:
    assert _byline(line)[0] is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Par Marine Le Pen", "Marine Le Pen"),
        ("By the Specialist Reporting Team's Nadia Petrakis", "Nadia Petrakis"),
        (
            "By Desmond Clarke and Aaliyah Browne, CUTRW Black Workers' Caucus",
            "Desmond Clarke and Aaliyah Browne",
        ),
        ("Par Claire Ducasse et Luc Moreau, Fédération Santé", "Claire Ducasse and Luc Moreau"),
        ("Por Ana Ruiz y Luis Gómez, Sindicato de Inquilinas", "Ana Ruiz and Luis Gómez"),
    ],
)
def test_writers_beside_a_body_are_named(line: str, author: str) -> None:
    assert _byline(line)[0] == author


# -- a section of the page's menu is no writer -------------------------------------------------


_SECTIONS_EN = """Aotearoa Daily

NZ   World   Politics   Business   Te Ao Māori   Climate   Sport

12m ago  |  Politics
Nurses vote to strike across the country next month over staffing levels.

45m ago  |  Business
Dairy exporter confirms a four-shift roster at its southern plant from July.

Yesterday  |  Te Ao Māori
A housing trust in the north has opened twenty new homes built by local apprentices.
"""

_SECTIONS_ES = """Diario del Sur

Inicio   Política   Economía   Cultura Viva   Deportes

Hace 2 horas  |  Política
El parlamento regional aprueba la ley de vivienda tras meses de debate intenso.

Hace 5 horas  |  Economía
La patronal y los sindicatos firman el convenio del metal con una subida salarial.

Ayer  |  Cultura Viva
El festival de teatro de la ciudad abre su programa con tres estrenos absolutos.
"""


@pytest.mark.parametrize("page", [_SECTIONS_EN, _SECTIONS_ES])
def test_an_entry_of_the_section_menu_is_no_writer(page: str) -> None:
    authors = _authors(page)
    assert len(authors) == 3
    assert set(authors.values()) == {None}


# -- a signature over its title: "Name" / "in" / "Publication" / "· date" --------------------


def _signed_over(names: list[str], word: str, outlets: list[str], days: list[str]) -> str:
    titles = [
        "The algorithm is the manager now",
        "We unionised a forty-person startup and here is the playbook",
        "Content moderators are the miners of the internet",
        "Burnout is a labour issue and not a wellness issue",
    ]
    blocks = [
        f"{name}\n{word}\n{outlet}\n·\n{day}\n\n{title}\nA standfirst that says what the "
        f"piece is about in one sentence.\n6 min read\n·\n{day}\n1.2K\n38\n"
        for name, outlet, title, day in zip(names, outlets, titles, days, strict=True)
    ]
    return "Reading list\n\n" + "\n".join(blocks) + "\nShow more\n"


@pytest.mark.parametrize(
    ("names", "word", "outlets", "days"),
    [
        (
            ["Nadia Okonkwo", "Tom Vasquez", "Harriet Blomqvist", "Kenji Mori"],
            "in",
            ["Towards Data Science", "The Startup", "UX Collective", "Better Programming"],
            ["Mar 4", "Feb 20", "Feb 11", "Jan 28"],
        ),
        (
            ["Lucía Fernández", "Pablo Ortega", "Marta Gil", "Diego Navarro"],
            "en",
            ["El Salto Diario", "Ctxt Revista", "La Marea", "Público Opinión"],
            ["4 mar 2025", "20 feb 2025", "11 feb 2025", "28 ene 2025"],
        ),
    ],
)
def test_a_signature_over_a_title_signs_that_item(
    names: list[str], word: str, outlets: list[str], days: list[str]
) -> None:
    authors = list(_authors(_signed_over(names, word, outlets, days)).values())
    assert authors[-4:] == names


# -- a by-line right under a title signs it, over a kicker read as a name ------------------------


_UNDER_DE = """INNENPOLITIK

vor 3 Stunden
Nationalrat
Misstrauensantrag gegen Innenminister scheitert an Koalitionsmehrheit
Von Katharina Stadlmayr
Die Opposition wirft dem Ministerium Versäumnisse bei der Statistik vor.

vor 7 Stunden
Analyse
Warum die Partei in den Ländern plötzlich gegen die eigene Regierung stimmt
Von Martin Ruhdorfer
💬 61 Postings

Gestern, 21:05
Landtagswahl Steiermark
Neue Umfrage: Die Opposition verliert erstmals seit zwei Jahren an Zustimmung
Von Katharina Stadlmayr
Die Grünen würden den Wiedereinzug knapp schaffen, die Neos bleiben stabil.

Gestern, 16:40
Wien
Gemeindebau: Mieten steigen ab Jänner um 4,8 Prozent
Von Florian Gassner
Die Stadt beruft sich auf den Richtwert. Die Mietervereinigung fordert mehr.
"""


def test_a_by_line_under_a_title_signs_it_over_a_kicker() -> None:
    authors = _authors(_UNDER_DE)
    assert list(authors.values()) == [
        "Katharina Stadlmayr",
        "Martin Ruhdorfer",
        "Katharina Stadlmayr",
        "Florian Gassner",
    ]


# -- a newsletter's writer, named in its copyright, signs with guests ------------------------


def _newsletter(lines: list[tuple[str, str]], owner: str) -> str:
    blocks = [f"{title}\nA line that says what the post is about.\n{by}\n" for title, by in lines]
    return "Shift Change\n\n" + "\n".join(blocks) + f"\n© 2025 {owner}\nPrivacy ∙ Terms\n"


@pytest.mark.parametrize(
    ("lines", "owner"),
    [
        (
            [
                ("The hospital porters who shut down a board meeting", "MAR 13 ∙ RUTH ABERNATHY"),
                ("What the leaked rota tells us", "MAR 11 ∙ RUTH ABERNATHY AND KWAME DUAH"),
                ("Notes from the Durham picket line", "FEB 27 ∙ GUEST POST BY LOUISA MARCHETTI"),
                ("The year the strike wave did not end", "FEB 21 ∙ RUTH ABERNATHY"),
            ],
            "Ruth Abernathy",
        ),
        (
            [
                ("Les brancardiers qui ont bloqué le conseil", "13 MARS ∙ CLAIRE DUCASSE"),
                ("Ce que dit le planning qui a fuité", "11 MARS ∙ CLAIRE DUCASSE ET LUC MOREAU"),
                ("Notes depuis le piquet de grève", "27 FÉVR. ∙ PAR LOUISA MARCHETTI"),
                ("L'année où la vague de grèves a duré", "21 FÉVR. ∙ CLAIRE DUCASSE"),
            ],
            "Claire Ducasse",
        ),
    ],
)
def test_the_writer_a_copyright_names_signs_beside_guests(
    lines: list[tuple[str, str]], owner: str
) -> None:
    authors = list(_authors(_newsletter(lines, owner)).values())
    assert authors[0] == owner
    assert authors[-1] == owner
    assert authors[2] == "Louisa Marchetti"
