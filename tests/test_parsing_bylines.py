"""Who wrote an item: bylines in many languages, names told from bodies, desks and outlets,
co-authors, places after names, and author archives without bylines on their items."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.authors import clean_author, usual_case
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.datelines import dateline_date
from publisher.ingest.parsing.desks import no_writer
from publisher.ingest.parsing.furniture import spaced_menu
from publisher.ingest.parsing.names import is_body_name, is_name
from publisher.ingest.parsing.roles import name_only

# -- a place after the names is no co-author ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Chinedu Okafor, Abuja", "Chinedu Okafor"),
        ("By Tunde Akinola and Ifeoma Nwachukwu, Lagos", "Tunde Akinola and Ifeoma Nwachukwu"),
        ("Par Claire Ducasse, Toulouse", "Claire Ducasse"),
        ("Por Martín Gutiérrez, Rosario", "Martín Gutiérrez"),
        ("Written by Anjali Menon | New Delhi | March 4, 2025 07:00 IST", "Anjali Menon"),
        (
            "By: Karthik Subramanian | Chennai | Updated: March 3, 2025 21:05 IST",
            "Karthik Subramanian",
        ),
        (
            "(Reporting by Maxime Lavoie in Montreal and Aaron Tillman in San Francisco;",
            "Maxime Lavoie and Aaron Tillman",
        ),
        # a category after "in" is no place, and what follows it no name
        ("by Alan Whittaker in Strikes & Disputes | 3 Comments", "Alan Whittaker"),
        ("by Alan Whittaker and Dev Mistry in Walks | 1 Comment", "Alan Whittaker and Dev Mistry"),
        # two full names after a comma are two writers, not a writer and a place
        ("By Sajan Thomas, Nimmi Varghese", "Sajan Thomas and Nimmi Varghese"),
    ],
)
def test_a_place_after_the_names_is_cut(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.author == author


def test_a_venue_alone_is_not_read_as_a_name_and_a_place() -> None:
    assert name_only("Devonshire Green, Sheffield") is None


# -- bodies, departments, desks and outlets are no writers --------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Ação Sindical",
        "Ensino Superior",
        "Campanha Salarial",
        "Departamento Jurídico",
        "Social Sciences",
        "Mumbai News Network",
        "Express Web Desk",
        "Morning Star",
        "Sky News",
        "ITV News Wales",
        "The Guardian",
        "Our Reporter",
        "Staff Reporter",
        "Ufficio Stampa",  # not on any corpus page
        "Servicio de Prensa",
        "Abteilung Tarifpolitik",
        "Toimitus",
    ],
)
def test_bodies_and_outlets_are_not_names(label: str) -> None:
    assert not is_name(label)
    assert not is_name(label, loose=True)
    assert name_only(label) is None


@pytest.mark.parametrize(
    "name",
    ["Chinedu Okafor", "Ursula von der Leyen", "Aino Virtanen", "Siôn Pritchard", "Mark Read"],
)
def test_names_stay_names(name: str) -> None:
    assert is_name(name)
    assert not is_body_name(name)


@pytest.mark.parametrize(
    "line",
    [
        "The Guardian  |  5 March 2025",
        "Sky News  |  3 February 2025",
        "Mumbai News Network | Mumbai | March 3, 2025 14:12 IST",
        "PTI | New Delhi | March 3, 2025 18:30 IST",
        "Madrid - 05 mar 2025 - 06:00 CET",
        "Ledger News Service | Bengaluru | Updated: March 4, 2025 10:42 IST",
        # a letter's or a statement's place and date, its year written
        "Luzern, 28. Februar 2025",
        "Madrid, 5 de marzo de 2025",
        "Caerdydd, 4 Mawrth 2025",
    ],
)
def test_an_outlet_or_a_dateline_beside_a_date_dates_the_line_without_a_writer(
    line: str,
) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.author is None
    assert byline.published is not None


def test_a_place_beside_a_date_without_a_zone_is_no_dateline() -> None:
    """ "Leeds - 14 March 2025" may be an event's place and day: not read as a dateline."""
    byline = parse_byline("Leeds - 14 March 2025")
    assert byline is None or byline.author is None


@pytest.mark.parametrize(
    "line",
    [
        "by admin",
        "Super User",
        "Por Redação",
        "Redacción",
        "la rédaction",
        "Van onze redactie",
        "di Redazione",
        "Por Departamento Jurídico",
        "By Our Reporter",
        "Gan Gohebydd Cwlwm",
        "AFP",
        "ANP",
        "By PTI",
        "Von der Redaktion",
        "Av Redaktionen",  # not on any corpus page
    ],
)
def test_desks_and_agencies_give_no_author(line: str) -> None:
    byline = parse_byline(line)
    assert byline is None or byline.author is None
    assert name_only(line) is None


# -- by-lines once missed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Von Anna Berg und Jonas Keller", "Anna Berg and Jonas Keller"),
        (
            "Von Friederike Nowak, Sina Albrecht und Tobias Hahn",
            "Friederike Nowak, Sina Albrecht and Tobias Hahn",
        ),
        ("Egilea: Miren Agirre eta Amaia Zubiri", "Miren Agirre and Amaia Zubiri"),
        ("(Reporting by Harriet Cole; Editing by Kate Mayberry)", "Harriet Cole"),
        (
            "(Reporting by Jonas Albrecht and Petra Hollmann; Editing by Miranda Murray",
            "Jonas Albrecht and Petra Hollmann",
        ),
        ("WORDS: EILIDH MACLEOD | PICTURES: ROSS McALLISTER", "Eilidh Macleod"),
        ("WORDS & PICTURES: ROSS McALLISTER", "Ross McAllister"),
        ("Text: Erik Holmqvist   Foto: Sara Nyström", "Erik Holmqvist"),
        ("Tekst: Lien Claes | Foto's: Bart Dewaele", "Lien Claes"),
        ("Story by Hannah Reeve, Communications Officer", "Hannah Reeve"),
        ("Av Johanna Lindberg och Mikael Berg", "Johanna Lindberg and Mikael Berg"),
        ("Gan Elin Hughes a Rhodri Evans", "Elin Hughes and Rhodri Evans"),
        ("Por Tiago Rebelo e Marta Gaspar", "Tiago Rebelo and Marta Gaspar"),
        ("Por Lucía Fernández y Tomás Ríos", "Lucía Fernández and Tomás Ríos"),
        ("Par Claire Ducasse et Hugo Marin", "Claire Ducasse and Hugo Marin"),
        ("Door Sanne de Vries en Pieter Bakker", "Sanne de Vries and Pieter Bakker"),
        ("Gan Elin Hughes ac Owain Jones", "Elin Hughes and Owain Jones"),
        # not on any corpus page: Norwegian, Danish, Italian, Estonian
        ("Tekst: Kari Nordmann og Ola Hansen", "Kari Nordmann and Ola Hansen"),
        ("Af Mette Jensen og Lars Møller", "Mette Jensen and Lars Møller"),
        ("Di Giulia Romano e Marco Bruno · 5 marzo 2025", "Giulia Romano and Marco Bruno"),
        ("Autor: Mari Tamm ja Jaan Kask", "Mari Tamm and Jaan Kask"),
        ("By KIRSTY McLEAN", "Kirsty McLean"),
    ],
)
def test_bylines_in_many_languages(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Aino Virtanen ja Mikko Laine", "Aino Virtanen and Mikko Laine"),
        ("Miren Agirre eta Amaia Zubiri", "Miren Agirre and Amaia Zubiri"),
        ("Lucía Merino / Javier Casado", "Lucía Merino and Javier Casado"),
        (
            "Lucía Merino / Ana Belén Ortiz / Raúl Peña",
            "Lucía Merino, Ana Belén Ortiz and Raúl Peña",
        ),
        ("Anna Berg und Jonas Keller", "Anna Berg and Jonas Keller"),
    ],
)
def test_co_authors_on_a_line_of_names_are_joined(line: str, author: str) -> None:
    assert name_only(line) == author


def test_contributors_each_with_a_role_are_all_named() -> None:
    line = (
        "Hannah Price, Senior Economist · Amir Shah, Research Fellow · Elena Costa, Visiting Fellow"
    )
    assert clean_author(line) == "Hannah Price, Amir Shah and Elena Costa"


def test_an_updated_date_after_the_published_one_is_not_the_date() -> None:
    byline = parse_byline("28/02/2025 às 17h05 | Atualizado em 01/03/2025 às 09h10")
    assert byline is not None
    assert byline.published is not None
    assert byline.published.date() == datetime(2025, 2, 28).date()


@pytest.mark.parametrize(
    "line",
    [
        "Notice mise en ligne le 12 mars 2025, dernière modification le 14 mars 2025",
        "Article mis en ligne le 12 mars 2025",
        "Veröffentlicht am 12. März 2025, zuletzt geändert am 14. März 2025",
        "Posted 12 March 2025, last modified 14 March 2025",
        "Pubblicato il 12 marzo 2025, modificato il 14 marzo 2025",
    ],
)
def test_a_piece_put_online_then_changed_is_dated_by_the_first_day(line: str) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.author is None
    assert byline.published is not None
    assert byline.published.date() == datetime(2025, 3, 12).date()


def test_a_reading_time_in_words_leaves_no_author() -> None:
    byline = parse_byline("5. März 2024 · Lesezeit 8 Minuten")
    assert byline is not None
    assert byline.author is None


@pytest.mark.parametrize(
    "line",
    [
        "Publié le 4 mars 2025 · Lecture : environ 5 minutes",
        "Door Eva Hendriks · 4 maart 2025 · leestijd ong. 6 min",
        "Published 4 March 2025 · Reading time: about 6 minutes",
        "4. März 2025 · 12 Min. Lesezeit",
    ],
)
def test_a_reading_time_about_so_many_minutes_still_dates_the_line(line: str) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.published == datetime(2025, 3, 4)


@pytest.mark.parametrize(
    ("caps", "usual"),
    [
        ("KIRSTY McLEAN", "Kirsty McLean"),
        ("ROSS McALLISTER", "Ross McAllister"),
        ("Jo Lee", "Jo Lee"),
    ],
)
def test_names_in_capitals_with_mc_are_written_back(caps: str, usual: str) -> None:
    assert usual_case(caps) == usual


# -- section labels and avatars on a page ------------------------------------------------


def test_a_department_over_a_title_is_a_label_not_the_writer() -> None:
    page = "\n\n".join(
        f"{label}\n{title}\nPublicado em {day:02d}/03/2025\nPor: {who}"
        for label, title, day, who in [
            ("Ação Sindical", "Greve às horas extraordinárias prolongada", 5, "Filipa Antunes"),
            ("Ensino Superior", "Bolseiros concentram-se frente ao Ministério", 4, "Direção"),
            ("Campanha Salarial", "Assembleia aprova estado de greve", 3, "Tiago Rebelo"),
            (
                "Departamento Jurídico",
                "Justiça condena empresa a pagar horas extras",
                2,
                "Marta Gaspar",
            ),
        ]
    )
    items = parse_page(page).items
    assert [item.author for item in items] == [
        "Filipa Antunes",
        None,
        "Tiago Rebelo",
        "Marta Gaspar",
    ]
    assert all(item.title[0] != "A" or item.title.startswith("Assembleia") for item in items)


def test_a_writers_picture_over_the_name_is_furniture() -> None:
    page = "\n\n".join(
        f"Writer's picture\n{who}\n{day} March 2025\n\n{title}\n\n{summary}"
        for who, day, title, summary in [
            ("Gemma Clarke", 5, "Nurseries agree to pay the Living Wage", "All six will pay it."),
            ("Tunde Bakare", 3, "What ratios really mean on the floor", "Three workers explain."),
            (
                "Aisha Rahman",
                1,
                "Know your rights: unpaid training",
                "It probably is not optional.",
            ),
        ]
    )
    result = parse_page(page)
    roles = {role for _, role, text in result.lines if text == "Writer's picture"}
    assert roles == {"furniture (menu, widget or button)"}
    assert "Writer's picture" not in {item.title for item in result.items}


# -- author archives without bylines on their items --------------------------------------

_FINNISH_PROFILE = """Aino Virtanen
Toimittaja

Aino Virtanen on tamperelainen toimittaja, joka kirjoittaa työelämästä.

Kirjoittajan artikkelit (47)

Reportaasi
Siivoojat, joita kukaan ei näe
3.3.2025

Uutiset
Lähettien lakko levisi Tampereelle
28.2.2025

Analyysi
Mitä paikallinen sopiminen oikeasti tarkoittaa?
Aino Virtanen ja Mikko Laine
21.2.2025

Uutiset
Hoitajaliitot hylkäsivät sovittelijan ehdotuksen
13.2.2025
"""

_FOLLOWED_PROFILE = """Kerstin Åberg
812 Följare

Why the nurses' strike spread to the north
Three weeks in, the picket lines reach Luleå.
Mar 3, 2025

What a collective agreement is for
A short explainer for new members.
Feb 24, 2025

Notes from the annual congress
Five things I learned in Gothenburg.
Feb 11, 2025
"""


def test_a_profile_with_a_job_title_and_a_biography_signs_every_item() -> None:
    result = parse_page(_FINNISH_PROFILE)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [
        "Aino Virtanen",
        "Aino Virtanen",
        "Aino Virtanen and Mikko Laine",  # the item names its writers: they sign it
        "Aino Virtanen",
    ]


def test_a_name_over_its_followers_is_an_author_archive() -> None:
    result = parse_page(_FOLLOWED_PROFILE)
    assert result.layout == "author-archive"
    assert len(result.items) == 3
    assert {item.author for item in result.items} == {"Kerstin Åberg"}


# -- round 8b: byline forms of unseen sites ------------------------------------------------

SAVED_8B = datetime(2025, 3, 5, 12, 0)


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        # a forum thread's starter, the date after a comma (relative, or with a clip after it)
        ("Started by Maureen Tierney, 2 hours ago", "Maureen Tierney", 5),
        ("Started by Kevin Maguire, 2 Mar 2025   📎", "Kevin Maguire", 2),
        ("Created by Ana Ruiz, 3 March 2025", "Ana Ruiz", 3),
        # a review's writer, in Welsh, German, Italian, Spanish
        ("Adolygiad gan Elin Haf Jones · 4 Mawrth 2025", "Elin Haf Jones", 4),
        ("Rezension von Jana Roth, 4. März 2025", "Jana Roth", 4),
        ("Recensione di Marco Bassi, 4 marzo 2025", "Marco Bassi", 4),
        ("Reseña por Lucía Merino, 4 de marzo de 2025", "Lucía Merino", 4),
        # co-authors with the comment count after the date, in Portuguese, Spanish, Dutch
        (
            "por Joana Prates e Rafael Siqueira em 4 de março de 2025 · 5 comentários",
            "Joana Prates and Rafael Siqueira",
            4,
        ),
        ("por Ana Ruiz y Pablo Ortega el 4 de marzo de 2025 · 3 comentarios", None, 4),
        ("door Eva Hendriks op 4 maart 2025 · 7 reacties", "Eva Hendriks", 4),
        # a section label in capitals before the writer, parts set apart by "/"
        ("EMPLOYMENT  /  Kate Morrow  /  2025-03-04 09:12 GMT", "Kate Morrow", 4),
        (
            "HOUSING / Priya Chandran and Tom Ashdown / 2025-03-03",
            "Priya Chandran and Tom Ashdown",
            3,
        ),
        ("POLITIK / Jana Roth / 04.03.2025", "Jana Roth", 4),
        # letters after the name and an office before it are no part of it
        ("FAMILY  /  Helen Marsh KC  /  2025-02-28 10:00 GMT", "Helen Marsh", 28),
        ("By Councillor Jo Lee, 4 March 2025", "Jo Lee", 4),
        ("Par la députée Claire Ducasse, le 4 mars 2025", None, 4),
    ],
)
def test_byline_forms_of_unseen_sites(line: str, author: str | None, day: int) -> None:
    """Each line names its writers (None: only the date is asserted) and dates the item."""
    byline = parse_byline(line, saved=SAVED_8B)
    assert byline is not None and byline.published is not None
    assert byline.published.day == day
    if author is not None:
        assert byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Údar: Niamh Ní Fhlatharta", "Niamh Ní Fhlatharta"),
        (
            "Údair: Ciara Breathnach agus Dónall Ó Gallchóir",
            "Ciara Breathnach and Dónall Ó Gallchóir",
        ),
        ("By MEP Margarida Souto", "Margarida Souto"),
        ("Von Abgeordnete Eva Klein", "Eva Klein"),
        ("By Senator Ana Ruiz", "Ana Ruiz"),
        ("By Ana Ruiz MEP", "Ana Ruiz"),
        ("Compiled by Derek Almond", "Derek Almond"),
        ("By Representative Tom Kessling", "Tom Kessling"),
        ("By Reps. Luis Ortiz and Danielle Sauer", "Luis Ortiz and Danielle Sauer"),
        ("By Assemblymember Ana Ruiz", "Ana Ruiz"),
    ],
)
def test_author_labels_offices_and_letters(line: str, author: str) -> None:
    """An author label in Irish, an office before a name and letters after it."""
    byline = parse_byline(line, saved=SAVED_8B)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    "line",
    [
        "CRIME  /  Bench & Bar reporter  /  2025-03-03 12:02 GMT",
        "By Vital Signs Staff",
        "por Equipe Bonde Livre em 27 de fevereiro de 2025 · 0 comentários",
        "par l'Équipe Web, le 4 mars 2025",
        "Compiled by the Society's War Memorials Group",
        "Von der Pressestelle",
        "dpa/lhe",
        "AFP/Reuters",
        # a thread's last reply names who answered last, not who wrote
        "Last post: Today 10:02 by Gareth Lloyd",
        "Letzter Beitrag: heute 10:02 von Jana Roth",
        "Dernière réponse : 4 mars 2025 par Claire Ducasse",
    ],
)
def test_desks_teams_bodies_and_agencies_name_no_writer(line: str) -> None:
    """An outlet's reporter, staff or team, a body after "by the", an agency's initials."""
    byline = parse_byline(line, saved=SAVED_8B)
    assert byline is not None and byline.author is None


@pytest.mark.parametrize(
    "line",
    [
        "By the numbers: how the strike was won",
        "27/02/2024 — Rennie raises Queen Margaret Hospital waiting times at First Minister's"
        " Questions",
        "01/03/2024 — MSP visits Inverkeithing food bank as demand rises by a third",
        "👁 9.8K   18:02",
        "7.3K | edited | 17:10",
        "Yes/No",
    ],
)
def test_headlines_and_counters_name_no_writer(line: str) -> None:
    """A headline after a date, or a post's counters, never gives an author."""
    byline = parse_byline(line, saved=SAVED_8B)
    assert byline is None or byline.author is None


def test_a_forum_index_reads_each_threads_starter_and_date() -> None:
    """Threads listed with their starter, counts and last reply: the starter wrote it."""
    threads = [
        ("Ballot thresholds – has anyone had a recount?", "Maureen Tierney", "4 Mar 2025"),
        ("Facility time being cut – what are our rights?", "Gareth Lloyd", "3 Mar 2025"),
        ("Branch banner: who made yours and what did it cost?", "Deborah Akinola", "2 Mar 2025"),
        ("Welsh-language ballot papers", "Rhodri Evans", "1 Mar 2025"),
    ]
    text = "Threads in forum: Branch officers' corner\n\n" + "\n\n".join(
        f"  {title}\n    Started by {name}, {day}\n    Replies: 6   Views: 141\n"
        f"    Last post: Today 10:02 by Bev Coulson"
        for title, name, day in threads
    )
    items = parse_page(text, saved=SAVED_8B).items
    assert [(i.title, i.author) for i in items] == [(t, n) for t, n, _ in threads]
    assert [i.published.day for i in items if i.published] == [4, 3, 2, 1]


# -- what stands around the names: a serial comma, a role or team before them, the kind of
# piece, a blog platform's publication, a paper's own reporter --------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "by Ana Lucero, Jamal Whitaker, and Heidi Strand",
            "Ana Lucero, Jamal Whitaker and Heidi Strand",
        ),
        (
            "Par Claire Dubois, Marc Lenoir, et Léa Roux | 5 mars 2025",
            "Claire Dubois, Marc Lenoir and Léa Roux",
        ),
        ("By political reporter Ellie Grounds", "Ellie Grounds"),
        (
            "By chief political correspondents Rhiannon Boyd and Sam Kavanagh",
            "Rhiannon Boyd and Sam Kavanagh",
        ),
        ("By the Investigations Team's Nadia Petrakis", "Nadia Petrakis"),
        ("Ein Kommentar von Anna Lübke", "Anna Lübke"),
        ("An analysis by Jane Smith · 4 March 2025", "Jane Smith"),
        ("Une tribune par Hélène Garnier", "Hélène Garnier"),
        ("In Workplace Democracy by Sofía Lindgren", "Sofía Lindgren"),
        ("In Better Humans by Naledi Khumalo · 6 min read · Mar 4, 2025", "Naledi Khumalo"),
        (
            "Autoría: Pilar Ortega Ruiz y Javier Sanz Molina",
            "Pilar Ortega Ruiz and Javier Sanz Molina",
        ),
        ("Van onze verslaggever Karin Smeets · 5 maart, 09:05", "Karin Smeets"),
        ("dal nostro inviato Marco Rossi · 4 marzo 2025", "Marco Rossi"),
    ],
)
def test_names_are_read_from_what_stands_around_them(line: str, author: str) -> None:
    byline = parse_byline(line, saved=datetime(2025, 3, 6, 8, 0))
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    "line",
    [
        "Por que a escala 6x1 virou o tema mais debatido do Congresso",
        "In the heat of the strike by workers",
        "By staff reporter",
    ],
)
def test_a_headline_or_a_role_alone_names_no_writer(line: str) -> None:
    byline = parse_byline(line)
    assert byline is None or byline.author is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("March 5, 2025 • 1:12 PM ET", datetime(2025, 3, 5, 13, 12)),
        ("Updated: Mar 5, 2025 18:42 IST", datetime(2025, 3, 5, 18, 42)),
        ("5 March 2025 | 6:42 PM AEDT", datetime(2025, 3, 5, 18, 42)),
        ("5 maart, 14:10", datetime(2025, 3, 5)),
        ("Door Yusuf Kaya · 5 maart, 14:10", datetime(2025, 3, 5)),
        ("ANP · 4 maart, 16:58", datetime(2025, 3, 4)),
        ("March 4, 2:05 PM", datetime(2025, 3, 4)),
    ],
)
def test_a_date_is_read_with_its_time_and_zone_after_it(line: str, published: datetime) -> None:
    byline = parse_byline(line, saved=datetime(2025, 3, 6, 8, 0))
    assert byline is not None and byline.published == published


def test_capitals_after_a_time_are_a_zone_but_not_a_french_and() -> None:
    byline = parse_byline("PAR CLAIRE DUBOIS ET MARC LENOIR | 5 MARS 2025")
    assert byline is not None and byline.author == "Claire Dubois and Marc Lenoir"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("JOSÉ ANTONIO CANO | ANA R. SOTO", "José Antonio Cano and Ana R. Soto"),
        (
            "KWAME OSEI, RENEE BOUCHARD, AND DALE FENWICK",
            "Kwame Osei, Renee Bouchard and Dale Fenwick",
        ),
    ],
)
def test_names_alone_on_a_line_may_be_set_apart_by_a_pipe_or_a_serial_comma(
    line: str, author: str
) -> None:
    assert name_only(line) == author


@pytest.mark.parametrize(
    "text",
    [
        "STATE POLITICS",
        "World News",
        "Seu Dinheiro",
        "Nuestro Mundo",
        "Unser Land",
        "Priya Nair | New Delhi",
    ],
)
def test_a_section_or_a_phrase_is_no_name(text: str) -> None:
    assert name_only(text) is None


def _profile(name: str, bio: str, byline: str, day: str) -> str:
    """An author page: the name, a biography about them, then their pieces, one co-signed."""
    return f"""{name}

{bio}

Housing: the rent freeze that never came
What tenants were promised, and what they got.
{day.format(3)}

Care workers vote to strike over travel time
The ballot closed on Friday with a turnout of 61%.
{day.format(2)}

The long read: a year on the picket line
{byline}
{day.format(1)}

Why the bus fares cap matters to drivers
Fares and wages are one argument, not two.
{day.format(4)}
"""


@pytest.mark.parametrize(
    ("name", "bio", "byline", "day"),
    [
        (
            "Jane Okafor",
            "Jane Okafor, born 1981 in Leeds, writes about housing, work and the north.",
            "By Jane Okafor and Tom Lee",
            "{} March 2025",
        ),
        (
            "Claire Martin",
            "Claire Martin (Lyon, 1985) est journaliste. Elle suit le travail et les syndicats.",
            "Par Claire Martin et Paul Roux",
            "{} mars 2025",
        ),
        (
            "Ana Ruiz",
            "Ana Ruiz, nacida en Cádiz en 1980, escribe sobre empleo y vivienda desde 2010.",
            "Por Ana Ruiz y Luis Gil",
            "{} de marzo de 2025",
        ),
    ],
)
def test_a_biography_with_an_apposition_after_the_name_makes_an_author_page(
    name: str, bio: str, byline: str, day: str
) -> None:
    page = _profile(name, bio, byline, day)
    result = parse_page(page)
    assert result.layout == "author-archive"
    authors = [item.author or "" for item in result.items]
    assert len(authors) == 4
    assert all(author.startswith(name) for author in authors)  # a co-signed piece is theirs too


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Berlin, 5. März 2025 – Die Gewerkschaft ruft zum Warnstreik auf.", datetime(2025, 3, 5)),
        ("Frankfurt am Main, 21. Februar 2025 – Die geplante Ausgliederung", datetime(2025, 2, 21)),
        ("LONDON, March 4, 2025 (Reuters) - Britain said on Tuesday", datetime(2025, 3, 4)),
        ("MADRID, 4 de marzo de 2025.- El sindicato ha convocado", datetime(2025, 3, 4)),
    ],
)
def test_a_standfirst_opening_with_a_dateline_dates_the_item(text: str, day: datetime) -> None:
    assert dateline_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "The council met on 4 March 2025 - and decided nothing at all.",
        "5 March 2025 – a statement from the executive committee",
        "Members voted on 4 March 2025, and the result was clear.",
    ],
)
def test_a_date_inside_a_sentence_is_no_dateline(text: str) -> None:
    assert dateline_date(text) is None


def test_press_releases_dated_by_their_datelines_are_a_listing() -> None:
    page = "\n\n".join(
        f"PM {n:03d}/2025\n{title}\n{place}, {day}. März 2025 – {body}\nWeiterlesen ›"
        for n, title, place, day, body in [
            (21, "Warnstreik im ÖPNV in 14 Städten", "Berlin", 5, _BODY),
            (20, "Tarifeinigung bei der Hafenlogistik Nord", "Hamburg", 4, _BODY),
            (19, "GVL zum Sondierungspapier der Koalition", "Berlin", 3, _BODY),
            (18, "Paketdienste: Zoll deckt Verstöße auf", "Köln", 2, _BODY),
        ]
    )
    result = parse_page(page, saved=datetime(2025, 3, 6))
    assert result.layout != "long-page" and len(result.items) == 4
    assert [item.published.day for item in result.items if item.published] == [5, 4, 3, 2]


_BODY = (
    "Die Gewerkschaft ruft die Beschäftigten der kommunalen Betriebe zu einem ganztägigen "
    "Warnstreik auf. Die Arbeitgeber hatten auch in der zweiten Verhandlungsrunde kein "
    "Angebot vorgelegt, und die Beschäftigten sind es leid, vertröstet zu werden."
)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "Dr Sarah Connell, Matthew Price and Professor Ayo Bello",
            "Sarah Connell, Matthew Price and Ayo Bello",
        ),
        ("Prof. Dr. Jonas Krämer und Profesora Ana Ruiz", "Jonas Krämer and Ana Ruiz"),
        ("NÚRIA SOLER — BARCELONA", "Núria Soler"),
        ("Jane Smith – Political Correspondent", "Jane Smith"),
        ("MARTA ECHEVERRÍA | Tudela", "Marta Echeverría"),
        ("CARMEN ARBIZU y DAVID OTEIZA | Pamplona", "Carmen Arbizu and David Oteiza"),
    ],
)
def test_titles_before_names_and_places_after_them_are_cut(line: str, author: str) -> None:
    assert name_only(line) == author


@pytest.mark.parametrize(
    "line", ["ECONOMÍA | Madrid", "NEWS | Local", "CASTILLA Y LEÓN | Valladolid"]
)
def test_a_label_in_capitals_before_a_place_names_no_writer(line: str) -> None:
    assert name_only(line) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("gan Elin Rhys AS", "Elin Rhys"),
        ("De notre correspondant Bernard Ollier", "Bernard Ollier"),
        ("Tom Reddish  Labour correspondent  |  2:18pm", "Tom Reddish"),
        ("Anna Ferraro   Caporedattrice   |   4 marzo 2025", "Anna Ferraro"),
        ("By Hannah Okafor, Textile Conservator · 4 March 2025", "Hannah Okafor"),
        ("By Marcus Doyle, Assistant Curator", "Marcus Doyle"),
        ("By Alicia Wen, PhD and Jordan Feeney", "Alicia Wen and Jordan Feeney"),
        ("By Marc-André Cormier, Gulf Region Representative", "Marc-André Cormier"),
        ("By Tom Ward, Western Area Delegate", "Tom Ward"),
    ],
)
def test_a_writer_is_read_past_the_office_and_role_beside_the_name(line: str, author: str) -> None:
    byline = parse_byline(line, saved=datetime(2025, 3, 6, 8, 0))
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    "line",
    [
        "Posted on February 27, 2025 by Branch Secretary",
        "Publicado el 4 de marzo de 2025 por Press Officer",
        "for 2 timer siden",
        "för 3 timmar sedan",
    ],
)
def test_an_office_or_an_ago_word_is_no_writer(line: str) -> None:
    byline = parse_byline(line, saved=datetime(2025, 3, 6, 8, 0))
    assert byline is not None and byline.author is None and byline.published is not None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("6. 3. 2025 | Tisková zpráva", datetime(2025, 3, 6)),
        ("(4. 3. 2025)", datetime(2025, 3, 4)),
        ("12. 2. 2025 | Novice", datetime(2025, 2, 12)),
    ],
)
def test_a_numeric_date_with_spaces_after_its_dots_is_read(line: str, day: datetime) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.published == day


def test_items_signed_with_the_publications_own_name_name_no_writer() -> None:
    posts = "\n\n".join(
        f"{title}\nPublicado el {day} de marzo de 2025 por Asamblea de Vivienda\n{_SENTENCE}"
        for title, day in [
            ("Concentración contra los desahucios", 5),
            ("Comunicado sobre el alquiler social", 4),
            ("Asamblea abierta en el barrio", 3),
        ]
    )
    page = f"Asamblea de Vivienda de Carabanchel\n\n{posts}\n"
    result = parse_page(page, saved=datetime(2025, 3, 6))
    assert len(result.items) == 3
    assert all(item.author is None and item.published for item in result.items)


_SENTENCE = "Nos concentramos frente a la junta de distrito para parar los desahucios del barrio."


def test_a_date_opening_with_a_number_is_no_numbered_list_item() -> None:
    page = "\n\n".join(
        f"{title}\n{line}\n{_SENTENCE}"
        for title, line in [
            ("Warum die Tarifbindung im Osten wieder steigt", "10. MÄRZ • LENA HOFMANN"),
            ("Streiktagebuch, Woche 3", "7. MÄRZ • JAN OSTERKAMP"),
            ("Das Bürgergeld-Märchen", "27. FEB. • LENA HOFMANN"),
        ]
    )
    result = parse_page(page, saved=datetime(2025, 3, 11))
    assert [item.author for item in result.items] == [
        "Lena Hofmann",
        "Jan Osterkamp",
        "Lena Hofmann",
    ]
    assert all(item.published for item in result.items)


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Published in The Organiser’s Notebook · 6 min read · Mar 1, 2025", date(2025, 3, 1)),
        ("Publié dans Les Cahiers du travail · 5 min de lecture · 3 mars 2025", date(2025, 3, 3)),
        ("Veröffentlicht in Gewerkschaftsforum · 7 min Lesezeit · 4. März 2025", date(2025, 3, 4)),
        ("Publicado en Cuadernos de la Huelga General · 2 de marzo de 2025", date(2025, 3, 2)),
    ],
)
def test_the_publication_a_post_ran_in_beside_its_date_names_no_writer(
    line: str, day: date
) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author is None
    assert byline.published is not None and byline.published.date() == day


def test_a_writer_before_the_publication_a_post_ran_in_is_kept() -> None:
    byline = parse_byline("Jane Doe · Published in The Notebook · Mar 1, 2025")
    assert byline is not None and byline.author == "Jane Doe"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Politics Home · Lucy Hartigan · Tue 4 Mar", "Lucy Hartigan"),
        ("Opinion | Jane Smith | 4 March 2025", "Jane Smith"),
        ("Noticias · Ana Ruiz · 4 de marzo de 2025", "Ana Ruiz"),
    ],
)
def test_a_name_beside_the_section_or_outlet_it_ran_in_is_the_writer(
    line: str, author: str
) -> None:
    byline = parse_byline(line, saved=datetime(2025, 3, 6, 8, 0))
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Smith · Cardiff", "Jane Smith"),
        ("Por Ana Soto · Sevilla", "Ana Soto"),
        ("BBC News · Helen Marsh · 5 March 2025", "Helen Marsh"),
        ("RTÉ News | Seán Ó Briain | 4 Márta 2025", "Seán Ó Briain"),
        ("By Jane Smith · Tom Jones", "Jane Smith and Tom Jones"),
    ],
)
def test_a_place_or_an_outlet_beside_a_name_is_no_co_author(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("by Gwen Pritchard   ·   Chartism, Monmouthshire   ·   4 Comments", "Gwen Pritchard"),
        (
            "Geschreven door Femke de Wit en Ahmed Bouzian  |  Categorie: Armoedebeleid, Rotterdam",
            "Femke de Wit and Ahmed Bouzian",
        ),
        ("Par Léa Martin — Social, Santé — 3 commentaires", "Léa Martin"),
    ],
)
def test_the_fields_after_a_byline_are_no_co_authors(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Thomas Rouvier, avec Nadia Benali — 28 février 2025", "Thomas Rouvier and Nadia Benali"),
        ("By Jane Smith with Tom Lee", "Jane Smith and Tom Lee"),
    ],
)
def test_a_writer_with_another_names_both(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    "line",
    ["Dydd Mawrth, 4 Mawrth 2025", "Marți, 4 martie 2025", "Úterý 4. 3. 2025", "Tiistai 4.3.2025"],
)
def test_a_weekday_before_a_date_is_no_writer(line: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author is None and byline.published is not None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Cardiff · Jane Smith", "Jane Smith"),
        ("Sevilla | Ana Soto", "Ana Soto"),
        ("Opinión | Marta Ruiz", "Marta Ruiz"),
    ],
)
def test_a_name_beside_its_place_or_section_is_the_author(line: str, author: str) -> None:
    assert name_only(line) == author


def test_a_newsroom_named_news_signs_no_writer() -> None:
    byline = parse_byline("By Sky News · 3 March 2025")
    assert byline is not None and byline.author is None


@pytest.mark.parametrize(
    ("line", "hour"),
    [("Madrid  |  Actualizado 12/03/2025 - 18:42 h", 18), ("Leeds | Updated 4 March 2025", 0)],
)
def test_a_place_beside_an_updated_stamp_is_a_dateline(line: str, hour: int) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author is None
    assert byline.published is not None and byline.published.hour == hour


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Postiwyd gan Gwenllian Parry ar 5 Mawrth 2025 | 3 sylw", "Gwenllian Parry"),
        ("Skrivet av Anna Berg den 4 mars 2025", "Anna Berg"),
        ("Postat av Anna Berg på 4 mars 2025", "Anna Berg"),
    ],
)
def test_a_posted_by_line_in_welsh_or_swedish_names_its_writer_and_date(
    line: str, author: str
) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author and byline.published is not None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "Dodano: 04.03.2025 | Autor: Katarzyna Wróblewska | Kategoria: Protesty",
            "Katarzyna Wróblewska",
        ),
        ("Blog | 27 February 2025 | by Sarah Nwosu, Head of Community Finance", "Sarah Nwosu"),
        ("Posted 4 March 2025 · Author: Jane Doe · Tags: housing", "Jane Doe"),
    ],
)
def test_a_later_field_labelled_author_names_the_writer(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author and byline.published is not None


@pytest.mark.parametrize(
    "signer", ["Zarząd Regionu Mazowsze", "Junta Directiva", "Hallitus", "Segreteria regionale"]
)
def test_a_board_in_any_language_is_no_writer(signer: str) -> None:
    assert no_writer(signer)


def test_an_office_alone_is_no_writer() -> None:
    byline = parse_byline("Answered by: Minister for Enterprise, Tourism and Employment")
    assert byline is None or byline.author is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Lena Hartmann @lena@social.housing.example · 2h", "Lena Hartmann"),
        ("Ana Ruiz @anaruiz.bsky.social · 1d", "Ana Ruiz"),
        ("Tom Rees @tomrees · Mar 7", "Tom Rees"),
    ],
)
def test_a_social_handle_after_the_name_is_the_same_writer(line: str, author: str) -> None:
    byline = parse_byline(line, saved=datetime(2024, 3, 8, 12, 0))
    assert byline is not None and byline.author == author and byline.published is not None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("14 godzin temu | Marta Lis-Kowalczyk, Gdańsk", "Marta Lis-Kowalczyk"),
        ("Nation.Cymru · Gethin Morgan · Wed 5 Mar", "Gethin Morgan"),
        ("gan Sioned Puw, Swyddog Cangen Ceredigion", "Sioned Puw"),
        ("By Com. R. Lakshmi", "R. Lakshmi"),
        ("By J.R. Hartley", "J.R. Hartley"),
    ],
)
def test_a_place_a_web_address_a_role_or_a_comrade_around_a_name_is_not_the_name(
    line: str, author: str
) -> None:
    byline = parse_byline(line, saved=datetime(2025, 3, 6, 12, 0))
    assert byline is not None and byline.author == author


def test_a_headline_with_a_comma_and_a_day_is_no_byline() -> None:
    line = "Ex Ilva, Urso convoca i sindacati a Roma per il 18 marzo"
    byline = parse_byline(line, saved=datetime(2025, 3, 12))
    assert byline is None or byline.author is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Le Pádraig Ó Ceallaigh | 4 Márta 2024", "Pádraig Ó Ceallaigh"),
        ("ANDRÉS CAMACHO (Sevilla) · hace 12 horas", "Andrés Camacho"),
        ("By Jane Doe (@jane) · 4 March 2025", "Jane Doe"),
    ],
)
def test_a_by_word_before_accented_capitals_and_an_aside_after_the_name(
    line: str, author: str
) -> None:
    byline = parse_byline(line, saved=datetime(2025, 3, 6, 12, 0))
    assert byline is not None and byline.author == author and byline.published is not None


@pytest.mark.parametrize("signer", ["Redacció", "Redakcja", "Toimitus", "Redaktionen"])
def test_a_newsroom_in_more_languages_is_no_writer(signer: str) -> None:
    assert no_writer(signer)


# -- a report's team, and a dated phrase that names nobody ---------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "Fact-finding team: Meera Krishnan, Aditya Rao and Shabnam Qureshi",
            "Meera Krishnan, Aditya Rao and Shabnam Qureshi",
        ),
        ("Research team: Ana Gómez and Luis Prieto", "Ana Gómez and Luis Prieto"),
    ],
)
def test_a_team_labelled_with_a_colon_writes_the_piece(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


def test_a_dated_phrase_in_lower_case_names_no_handle() -> None:
    byline = parse_byline("Released at a press conference, New Delhi, 21.11.2025")
    assert byline is not None
    assert byline.author is None
    assert byline.published == datetime(2025, 11, 21)


@pytest.mark.parametrize(
    ("names", "author"),
    [
        ("Med Elin Sjöberg och Jonas Berg", "Elin Sjöberg and Jonas Berg"),
        ("Com Tiago Monteiro e Inês Valadares", "Tiago Monteiro and Inês Valadares"),
        ("Conor McGregor", "Conor McGregor"),
    ],
)
def test_with_before_the_names_is_no_part_of_them(names: str, author: str) -> None:
    assert clean_author(names) == author


@pytest.mark.parametrize(
    "line",
    [
        "Datum ingediend: 25-11-2025  |  Status: in behandeling",
        "Date submitted: 25/11/2025 | Status: answered",
        "Fecha de publicación: 25/11/2025",
    ],
)
def test_a_labelled_date_field_dates_its_record_and_names_no_writer(line: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author is None
    assert byline.published == datetime(2025, 11, 25)


@pytest.mark.parametrize(
    ("line", "hours"),
    [("Mikko Heiskanen | 2 t sitten", 2), ("3 pv sitten", 72), ("duela 3 ordu", 3)],
)
def test_finnish_and_basque_ages_are_read_against_the_save_time(line: str, hours: int) -> None:
    saved = datetime(2026, 11, 30, 12, 0)
    byline = parse_byline(line, saved=saved)
    assert byline is not None and byline.published is not None
    assert (saved - byline.published).total_seconds() == hours * 3600


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "Meeting report by Zanele Mthembu and Keabetswe Molefe",
            "Zanele Mthembu and Keabetswe Molefe",
        ),
        ("Book review by Jane Doe", "Jane Doe"),
        ("Comhscríofa le Dónall Mac Giolla Easpaig", "Dónall Mac Giolla Easpaig"),
    ],
)
def test_the_kind_of_piece_in_two_words_or_irish_written_by_names_the_writer(
    line: str, author: str
) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


def test_a_phrase_with_by_in_a_headline_names_no_writer() -> None:
    assert parse_byline("Stand by me") is None


def test_names_spaced_wide_between_their_commas_are_writers_not_a_menu() -> None:
    """A journal's contents: the authors written "A,  B,  C", wide between the commas."""
    assert spaced_menu("Nieuws   Sport   Verkeer   Weer") == "Nieuws | Sport | Verkeer | Weer"
    assert spaced_menu("Amelia Hart,  Kwame Boateng,  Siân Pryce") == (
        "Amelia Hart,  Kwame Boateng,  Siân Pryce"
    )
    page = (
        "Early View\n\n"
        + "\n\n".join(
            f"ORIGINAL ARTICLE\n{title}\n{names}\nFirst Published: {day} March 2025"
            for title, names, day in (
                (
                    "Courier collectives in three English cities",
                    "Ann Lee,  Tom Ward,  Mia Chen",
                    11,
                ),
                ("Union renewal among migrant care workers", "Orla Dunne,  Marek Nowak", 10),
                ("A new dataset of strike activity, 2022–2024", "Tom Aldridge,  Ewa Kowalska", 6),
            )
        )
        + "\n"
    )
    result = parse_page(page, saved=datetime(2025, 3, 12, tzinfo=UTC))
    assert [i.author for i in result.items] == [
        "Ann Lee, Tom Ward and Mia Chen",
        "Orla Dunne and Marek Nowak",
        "Tom Aldridge and Ewa Kowalska",
    ]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Rapporteur : Jean Dupont", "Jean Dupont"),
        (
            "Rapporteures : Marie Curie, Anne Roy et Lise Martin",
            "Marie Curie, Anne Roy and Lise Martin",
        ),
        ("Připravili: Jana Nováková a Petr Svoboda", "Jana Nováková and Petr Svoboda"),
        (
            "Autors: Marta Vidal Puig, Joan Serra Mas i Pere Roca",
            "Marta Vidal Puig, Joan Serra Mas and Pere Roca",
        ),
        ("Zgłaszający: Jan Kowalski", "Jan Kowalski"),
        ("Programledare: Anna Berg · Producent: Johan Berglöf", "Anna Berg"),
        ("María José López; Ana Ruiz (Università di Bologna)", "María José López and Ana Ruiz"),
        ("Rapporteur·es : Jean Dupont et Anne Roy", "Jean Dupont and Anne Roy"),
        ("Autor*innen: Anna Huber und Jonas Weber", "Anna Huber and Jonas Weber"),
        ("Autor:innen: Anna Huber und Jonas Weber", "Anna Huber and Jonas Weber"),
        ("Redakteur_innen: Anna Huber", "Anna Huber"),
    ],
)
def test_a_one_word_label_or_semicolons_before_names_alone_sign(line: str, author: str) -> None:
    assert name_only(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "Fotos: Kai Petersen",
        "Fotograf*innen: Kai Petersen und Lea Brandt",
        "Guests: Anna Berg and Tom Jones",
        "Contact: Jane Smith",
        "Ort: Neue Mitte",
    ],
)
def test_a_label_crediting_other_work_names_no_writer(line: str) -> None:
    assert name_only(line) is None


def test_a_count_after_a_bylines_date_is_no_part_of_the_name() -> None:
    byline = parse_byline("Jane Smith - March 4, 2025 3", saved=datetime(2025, 3, 6, 8, 0))
    assert byline is not None and byline.author == "Jane Smith"


def test_a_page_number_in_a_column_of_its_own_leaves_the_byline() -> None:
    page = (
        "Heft 3/2025\n\nInhalt\n\n"
        "Tarifrunde: Was jetzt kommt\n"
        "Von Anna Huber                                              S. 18\n\n"
        "Streik im Hafen\n"
        "Von Jonas Weber                                             S. 24\n\n"
        "Wer pflegt die Pflege?\n"
        "Von Lea Brandt                                              S. 30\n"
    )
    result = parse_page(page, saved=datetime(2025, 3, 6, 8, 0))
    assert [(i.title, i.author) for i in result.items] == [
        ("Tarifrunde: Was jetzt kommt", "Anna Huber"),
        ("Streik im Hafen", "Jonas Weber"),
        ("Wer pflegt die Pflege?", "Lea Brandt"),
    ]
