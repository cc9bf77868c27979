"""Precision on listings: the site's boxes and widgets after the records yield no items,
and records are grouped by the page's own pattern (bylines above or below the title,
title and short standfirst pairs, a list's heading over the first record)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.core.models import ParseResult
from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.boxes import is_box_heading

SAVED = datetime(2025, 3, 20, 12, tzinfo=UTC)


def _parse(text: str) -> ParseResult:
    return parse_page(text, saved=SAVED)


def _titles(result: ParseResult) -> list[str]:
    return [item.title for item in result.items]


def _role(result: ParseResult, text: str) -> str:
    return next(role for _, role, line in result.lines if line == text)


@pytest.mark.parametrize(
    "heading",
    [
        "Most read",
        "Most Popular this week",
        "Related stories",
        "More from Martin Cowell",
        "You might also like",
        "Editor's picks",
        "Upcoming events",
        "PARTNER CONTENT",
        "Les plus lus",
        "À lire aussi",
        "Das könnte Sie auch interessieren",
        "Mehr zum Thema Rente",
        "Te puede interesar",
        "Lo más leído",
        "Articoli correlati",
        "Leia também",
        "Meest gelezen",
        "Darllenwch hefyd",
    ],
)
def test_a_line_naming_a_box_is_a_box_heading(heading: str) -> None:
    assert is_box_heading(heading)


@pytest.mark.parametrize(
    "line",
    [
        "Latest news",  # the heading of the page's own list
        "Read more",  # a link, not a box
        "More from less: how co-operatives grow",
        "Related parties agree a pay deal",
        "Most read books of the year were written by women.",
        "Events at the depot took a turn on Monday when the pickets arrived early",
    ],
)
def test_a_headline_or_link_is_no_box_heading(line: str) -> None:
    assert not is_box_heading(line)


_RECORDS = """\
Tyneside Evening Post

Gateshead approves plan to take bus depots into public ownership
Leader says the move is the first step towards franchising the network.
By Martin Cowell | 13 March 2025

Nurses at Freeman Hospital vote to strike over unfilled night shifts
The RCN says staffing on some wards fell to one nurse for fourteen patients.
By Sophie Armstrong | 13 March 2025

Parents protest as three nursery schools face closure
A petition signed by 2,000 people will be handed in on Friday.
By Sophie Armstrong | 12 March 2025
"""


def test_a_box_after_the_records_yields_no_items() -> None:
    page = (
        _RECORDS
        + """
You might also like
Ten books every new rep should read
A reading list for the long winter evenings
Organising in the gig economy: what works
Notes from the riders' meetings
"""
    )
    result = _parse(page)
    assert len(result.items) == 3
    assert "Ten books every new rep should read" not in _titles(result)
    assert _role(result, "You might also like").startswith("furniture")
    box = _role(result, "Ten books every new rep should read")
    assert box == "furniture (in the box 'You might also like')"


def test_a_box_between_the_records_leaves_the_records_after_it() -> None:
    first, rest = _RECORDS.split("\nNurses", 1)
    page = f"""{first}
Te puede interesar
El Sindicato de Inquilinas presenta su ley de alquileres
Por Redacción
Cinco claves para entender el índice de precios

Nurses{rest}"""
    result = _parse(page)
    assert len(result.items) == 3
    assert result.items[1].title.startswith("Nurses at Freeman Hospital")
    assert [item.author for item in result.items] == [
        "Martin Cowell",
        "Sophie Armstrong",
        "Sophie Armstrong",
    ]


def test_a_box_heading_alone_takes_the_smaller_records_after_it() -> None:
    page = (
        _RECORDS
        + """
Upcoming events

Women's Committee open meeting
Saturday 1 March 2025, 10.30am

Health and safety reps' refresher course
Tuesday 11 March 2025
"""
    )
    result = _parse(page)
    assert len(result.items) == 3
    assert all("meeting" not in title and "course" not in title for title in _titles(result))


def test_a_heading_over_the_page_own_list_is_no_box() -> None:
    page = """\
Trades Council

Upcoming events

Women's Committee open meeting
Saturday 1 March 2025, 10.30am
All members are welcome at the Friends Meeting House in Manchester.

Health and safety reps' refresher course
Tuesday 11 March 2025
A one-day course at the regional office for reps elected this year.

May Day march and rally
Thursday 1 May 2025
Assemble at All Saints Park at noon for the march to the town hall.
"""
    result = _parse(page)
    assert _titles(result) == [
        "Women's Committee open meeting",
        "Health and safety reps' refresher course",
        "May Day march and rally",
    ]


def test_a_one_word_kicker_that_names_a_box_stays_the_kicker() -> None:
    records = [
        ("Policy", "The statutory duty nobody enforces", "Ade Oyelaran", "Feb 20, 2024"),
        ("Archives", "Ten years of the digital archive", "Lou Chambers", "Feb 13, 2024"),
        ("Campaigns", "Library volunteers want their jobs back", "Ade Oyelaran", "Feb 6, 2024"),
        ("Reading", "What we read in January", "Lou Chambers", "Jan 31, 2024"),
    ]
    page = "Kept Open\n\n" + "\n\n".join("\n".join(record) for record in records) + "\n"
    result = _parse(page)
    assert _titles(result) == [record[1] for record in records]
    assert result.items[1].author == "Lou Chambers"


def test_a_headline_copied_into_a_most_read_box_stays_an_item() -> None:
    page = (
        _RECORDS
        + """
Most read
Nurses at Freeman Hospital vote to strike over unfilled night shifts
Man arrested after car hits bus shelter in Byker
"""
    )
    result = _parse(page)
    assert len(result.items) == 3
    assert result.items[1].title.startswith("Nurses at Freeman Hospital")
    assert "Man arrested after car hits bus shelter in Byker" not in _titles(result)


def test_a_box_heading_read_as_a_name_is_still_a_box_heading() -> None:
    page = (
        _RECORDS
        + """
PARTNER CONTENT
Plan your retirement with a union-friendly adviser
"""
    )
    result = _parse(page)
    assert len(result.items) == 3
    assert _role(result, "PARTNER CONTENT") == "furniture (a box's heading)"


def test_a_date_and_writer_above_the_title_sign_their_own_record() -> None:
    page = """\
Centre for Fair Work

18 March 2025 · Dr Hannah Kaur
Universal Credit's two-child limit: what lifting it would cost
Lifting the limit would cost £3.4bn a year and take 490,000 children out of poverty.

14 March 2025 · Tom Bellamy
The minimum wage is now doing the work of the benefits system
Low-paid workers rely on pay rises more than ever.

10 March 2025 · Dr Hannah Kaur
Child poverty in the North East: a decade of data

4 March 2025 · Samuel Ige
Apprenticeship starts have fallen again
Small firms are walking away from the levy.

Popular
Living standards outlook 2025
Report · 21 January 2025
The low pay map of Britain
Data tool · updated monthly
"""
    result = _parse(page)
    assert [
        (item.author, item.published.date() if item.published else None) for item in result.items
    ] == [
        ("Hannah Kaur", date(2025, 3, 18)),
        ("Tom Bellamy", date(2025, 3, 14)),
        ("Hannah Kaur", date(2025, 3, 10)),
        ("Samuel Ige", date(2025, 3, 4)),
    ]


def test_a_title_and_a_short_standfirst_are_one_record_closed_by_its_byline() -> None:
    posts = [
        ("Why the first meeting should never be in the canteen", "9 March 2025"),
        ("The one-on-one conversation, step by step", "2 March 2025"),
        ("Mapping a workplace without a list of names", "23 February 2025"),
        ("What the 1972 building workers' strike still teaches", "9 February 2025"),
    ]
    lines = ["THE ORGANISER'S NOTEBOOK", "notes on organising from a retired steward", ""]
    lines.append("Recent posts")
    for title, day in posts:
        lines += [title, f"A standfirst about {title.lower()[:30]}", f"Frank Doherty — {day}"]
    result = _parse("\n".join(lines) + "\n")
    assert _titles(result) == [title for title, _ in posts]
    assert {item.author for item in result.items} == {"Frank Doherty"}
    assert result.items[0].published is not None
    assert result.items[0].published.date() == date(2025, 3, 9)


def test_a_list_heading_over_the_first_record_is_not_its_writer() -> None:
    page = """\
UNISON Kirklees Branch

BRANCH NEWS

Pay claim 2024/25 – branch consultation result
Posted 04/03/2024
Thank you to the 1,146 members who took part in the consultation.

Waste and recycling: new rotas on hold
Posted 27/02/2024
Management have agreed to pause the new rotas until the appeal is heard.

AGM 2024 – nominations open
Posted 20/02/2024
Nominations for branch officers close on 8 March.
"""
    result = _parse(page)
    assert len(result.items) == 3
    assert [item.author for item in result.items] == [None, None, None]


def test_title_standfirst_pairs_on_lines_of_their_own_keep_their_first_title() -> None:
    """Every line its own block, standfirsts as short as titles, a masthead line over the
    list and the first headline copied into a "Trending" box: three whole records."""
    stories = [
        ("Rail workers back new strike mandate in ballot", "Owen Pritchard", "14 March 2025"),
        ("Care home staff in Kent win living wage after walkout", "Ruth Adeyemi", "13 March 2025"),
        (
            "Teachers' union warns of a recruitment crisis in maths",
            "Owen Pritchard",
            "12 March 2025",
        ),
    ]
    blocks = ["The Labour Daily", "Politics | Unions | World | Culture | Opinion"]
    for title, name, day in stories:
        blocks += [title, f"A standfirst as short as a title for {name}", f"{name} | {day}"]
    blocks += ["Trending", stories[0][0], "Why the fire and rehire ban matters"]
    result = _parse("\n\n".join(blocks) + "\n")
    assert _titles(result) == [title for title, _, _ in stories]
    assert [item.author for item in result.items] == [name for _, name, _ in stories]


def test_a_feed_post_of_two_sentences_closed_by_its_counters_is_one_item() -> None:
    posts = [
        (
            "March 4",
            "Ballot result: 91% voted yes to strike action.",
            "Committee meets Wednesday.",
            "👁 9.8K   18:02",
        ),
        (
            "March 5",
            "Strike confirmed for Friday from 05:00.",
            "Lines 1 and 2 run a reduced service.",
            "👁 12.4K   14:32",
        ),
        (
            "March 6",
            "Talks broke down after two hours.",
            "Picket lines from 04:30 at three depots.",
            "👁 15.1K   19:44",
        ),
    ]
    page = "Transit Workers Alert\n\n" + "\n\n".join("\n".join(post) for post in posts) + "\n"
    result = _parse(page)
    assert [item.title for item in result.items] == [
        "Ballot result: 91% voted yes to strike action",
        "Strike confirmed for Friday from 05:00",
        "Talks broke down after two hours",
    ]
    assert _role(result, "👁 9.8K   18:02") == "metadata"


# -- boxes between teasers: a heading none of the teasers has -------------------------------


def _teaser_page(teasers: list[str], box: str, tail: str) -> str:
    blocks = [f"{text}\n{tail}" for text in teasers]
    blocks.insert(2, box)
    return "Latest news\n\n" + "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize(
    ("teasers", "box", "tail"),
    [
        (
            [
                "Porters at the Royal Infirmary have won back the night shift allowance.",
                "Cleaners at three colleges will get the real Living Wage from April.",
                "Our survey found one in three care workers skipped meals to pay rent.",
                "Members at the council depot voted to accept the revised offer.",
                "Bus drivers in Leeds have called off Friday's strike after talks.",
            ],
            "Need help at work?\nCall our helpline on 0300 555 0190, Monday to Friday."
            "\nRead more »",
            "Read more »",
        ),
        (
            [
                "Las trabajadoras de la limpieza de hospitales logran un plus de nocturnidad.",
                "El comité de empresa convoca huelga en los almacenes de Getafe.",
                "La inspección de trabajo sanciona a una cadena de supermercados por los turnos.",
                "Firmado el convenio de la hostelería con una subida del cinco por ciento.",
                "Los repartidores de Valencia protestan frente a la sede de la plataforma.",
            ],
            "¿Tienes un problema en el trabajo?\nLlama a nuestra asesoría al 91 555 23 40,"
            " de lunes a viernes.\nLeer más »",
            "Leer más »",
        ),
        (
            [
                "Die Beschäftigten im Klinikum Nord bekommen ab Mai mehr Urlaubstage.",
                "Im Einzelhandel in Hessen hat die dritte Verhandlungsrunde begonnen.",
                "Der Betriebsrat bei der Spedition Krämer wurde neu gewählt.",
                "Unsere Umfrage zeigt, dass jede dritte Pflegekraft Überstunden macht.",
                "Die Warnstreiks im Nahverkehr gehen am Donnerstag weiter.",
            ],
            "Anmerkung der Redaktion\nMorgen erscheint unser Schwerpunkt zum Frauentag.",
            "Weiterlesen",
        ),
    ],
)
def test_a_box_between_teasers_with_a_heading_of_its_own_yields_no_item(
    teasers: list[str], box: str, tail: str
) -> None:
    result = _parse(_teaser_page(teasers, box, tail))
    heading, text = box.split("\n")[:2]
    assert len(result.items) == len(teasers)
    assert result.layout == "teasers"
    assert _role(result, heading) == "furniture (a box's heading)"
    assert _role(result, text) == f"furniture (in the box {heading!r})"


def test_a_source_and_its_age_over_every_teaser_is_no_box() -> None:
    sources = ["The Ferret · 3h", "Der Standard · 5h", "Tribune · yesterday", "Le Soir · 2d"]
    teasers = [
        "A hotel cleaning firm paid staff below the real Living Wage for two years.",
        "Die Beschäftigten im Klinikum Nord bekommen ab Mai mehr Urlaubstage.",
        "The number of people on zero-hours contracts has passed 1.2 million.",
        "Les cheminots belges ont voté la grève pour le 12 mars.",
    ]
    page = "Today's picks\n\n" + "\n\n".join(
        f"{source}\n{text}\nRead at source" for source, text in zip(sources, teasers, strict=True)
    )
    result = _parse(page + "\n")
    assert len(result.items) == 4
    assert [item.published.date() if item.published else None for item in result.items] == [
        date(2025, 3, 20),
        date(2025, 3, 20),
        date(2025, 3, 19),
        date(2025, 3, 18),
    ]


@pytest.mark.parametrize(
    "counter",
    [
        "12.430 firmas · Objetivo: 20.000",
        "1,204 signatures",
        "3.201 Unterschriften",
        "845 supporters",
    ],
)
def test_a_petition_counter_under_each_teaser_is_metadata_not_a_title(counter: str) -> None:
    teasers = [
        "Exigimos que los domingos en el comercio vuelvan a ser voluntarios y se paguen al doble.",
        "Give every cashier a seat at the till and a ten minute break every two hours.",
        "Keine Kündigung wegen Krankheit in den großen Warenhäusern, nirgendwo.",
        "No warehouse should be hotter than 27 degrees in summer, whoever runs it.",
    ]
    page = "Campaigns\n\n" + "\n\n".join(
        f"{text}\nSign the petition\n{counter}" for text in teasers
    )
    result = _parse(page + "\n")
    assert len(result.items) == 4
    assert counter not in _titles(result)
    assert "metadata" in _role(result, counter)
