"""A date among other words on its line, with no writer beside it (datedrows.py), and the
forms of byline around it that pages from unseen sites wrote: an agency's hour, a phrase
saying where a piece came out, labelled fields with no separators, a category after the
date, a shared link's site, a credit for the words and the pictures, a deputy's group."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.roles import META, name_only

SAVED = datetime(2025, 3, 14, 12, 0)


def _signed_and_dated(line: str) -> tuple[str | None, date | None]:
    """The writer and the day a line signs and dates (None, None if it is no byline)."""
    byline = parse_byline(line, saved=SAVED)
    if byline is None or byline.published is None:
        return None, None
    return byline.author, byline.published.date()


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Aug. 28, 2024, 5 a.m. ET", date(2024, 8, 28)),  # an hour alone, with its zone
        ("Sept. 30, 2024, 5 a.m.", date(2024, 9, 30)),
        ("Question publiée au JO le : 04/02/2025 page : 655", date(2025, 2, 4)),
        ("Column published in the Daily Record, 28th March, 2025", date(2025, 3, 28)),
        ("Published in The Herald, 30th January, 2025", date(2025, 1, 30)),
        ("Lieferbar seit 16.12.2024", date(2024, 12, 16)),
        ("enviado: 12/03/2025 10:11 publicado: 12/03/2025 14:27", date(2025, 3, 12)),
        ("Ort: Berlin Datum: 3.3.2025", date(2025, 3, 3)),
    ],
)
def test_a_phrase_or_a_row_of_fields_around_a_date_dates_its_record(line: str, day: date) -> None:
    assert _signed_and_dated(line) == (None, day)


@pytest.mark.parametrize(
    "line",
    [
        "The report was published on 3 March 2025.",  # a sentence
        "Members since 2019",
    ],
)
def test_a_sentence_around_a_date_is_no_dated_phrase(line: str) -> None:
    assert parse_byline(line, saved=SAVED) is None


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        (
            "Posted by Jane Smith on 21st January 2025 in Community | 4 Comments",
            "Jane Smith",
            date(2025, 1, 21),
        ),
        (
            "Posted by Jane Smith on 14th February 2025 in Club Ownership | 12 Comments",
            "Jane Smith",
            date(2025, 2, 14),
        ),
        ("Publié par Jean Dupont le 3 mars 2025 dans Actualités", "Jean Dupont", date(2025, 3, 3)),
        (
            "Pubblicato da Marco Rossi il 3 marzo 2025 nella categoria Lavoro",
            "Marco Rossi",
            date(2025, 3, 3),
        ),
    ],
)
def test_the_category_after_a_bylines_date_leaves_the_writer(
    line: str, author: str, day: date
) -> None:
    assert _signed_and_dated(line) == (author, day)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("por jgarcia a eldiario.es", "jgarcia"),  # a shared link's sharer, then its site
        ("submitted by jgarcia to bbc.co.uk", "jgarcia"),
        ("de Ana Popescu și Ion Ionescu", "Ana Popescu and Ion Ionescu"),  # Romanian's by-word
        ("de Ana Popescu", "Ana Popescu"),
    ],
)
def test_a_by_word_opens_names_whatever_follows_them(line: str, author: str) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Text och bild: Anna Berg", "Anna Berg"),
        ("Texto y fotos: Ana Ruiz", "Ana Ruiz"),
        ("M. Jean Dupont (Droite Républicaine - Cantal)", "Jean Dupont"),
        (
            "Mme Anne Roy (La France insoumise - Nouveau Front Populaire - Haute-Garonne)",
            "Anne Roy",
        ),
    ],
)
def test_names_under_a_credit_for_words_and_pictures_or_before_a_group_sign(
    line: str, author: str
) -> None:
    assert name_only(line) == author


@pytest.mark.parametrize(
    "line",
    [
        "Foto och video: Anna Berg",  # the pictures alone
        "Questions and answers: Anna Berg",  # two words before a colon open a headline
        "Budget cuts (the amended version)",
    ],
)
def test_a_credit_for_pictures_or_a_headline_names_no_writer(line: str) -> None:
    assert name_only(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "48 curtidas",
        "48 curtidas • 7 comentários",
        "12 polubień · 3 komentarze",
        "1.2k kedvelés 34 hozzászólás",
    ],
)
def test_counts_in_any_language_are_metadata_never_a_title(line: str) -> None:
    lines = read_lines(f"A headline over the counts of its readers\n{line}\n", saved=SAVED)
    assert lines.syms[1] == META


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("M Okafor, D Nwosu", "M Okafor and D Nwosu"),  # an initial without its dot is no "M."
        ("M Okafor, D Nwosu, T Lee, ...", "M Okafor, D Nwosu and T Lee"),  # a list cut short
        ("Okafor M, Nwosu D, et al.", "Okafor M and Nwosu D"),
        ("M. Jean Dupont", "Jean Dupont"),  # "M." is Monsieur
    ],
)
def test_a_scholars_co_authors_by_their_initials_are_names(line: str, author: str) -> None:
    assert name_only(line) == author


_PAPERS = [
    (
        "Bargaining in the shadow of the algorithm: platform work and collective voice",
        "R Adeyemi, K Brandt",
        "Industrial Relations Journal 54 (2), 101-123, 2023",
    ),
    (
        "Minimum wage spillovers in the care sector",
        "K Brandt",
        "Journal of Labor Research 44 (1), 55-80, 2023",
    ),
    (
        "Union joins? Organizing elections after card check",
        "L Moreau, K Brandt, T Quist",
        "ILR Review 76 (3), 512-530, 2022",
    ),
    (
        "Heat, hours, and harm: temperature exposure and injury claims",
        "S Okoro, K Brandt",
        "Work and Occupations 49, 99-120, 2022",
    ),
    (
        "The geography of strikes, 1990–2020",
        "K Brandt",
        "Labor Studies Journal 47 (4), 301-329, 2021",
    ),
]


def test_a_papers_journal_under_its_title_is_no_headline_and_its_authors_sign_it() -> None:
    papers = "\n\n".join(
        f"{title}\n{authors}\n{venue}\t12\t{venue[-4:]}" for title, authors, venue in _PAPERS
    )
    page = (
        "Katrin Brandt\nAssociate Professor of Labor Economics, University of Somewhere\n"
        "Verified email at somewhere.edu - Homepage\nlabor economics\nminimum wage\n\n"
        f"TITLE\tCITED BY\tYEAR\n\n{papers}\n\nShow more\n"
    )
    result = parse_page(page, saved=SAVED)
    assert [(i.title, i.author) for i in result.items] == [
        (
            "Bargaining in the shadow of the algorithm: platform work and collective voice",
            "R Adeyemi and K Brandt",
        ),
        ("Minimum wage spillovers in the care sector", "K Brandt"),
        ("Union joins? Organizing elections after card check", "L Moreau, K Brandt and T Quist"),
        ("Heat, hours, and harm: temperature exposure and injury claims", "S Okoro and K Brandt"),
        ("The geography of strikes, 1990–2020", "K Brandt"),
    ]


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        (
            "Par Jean Dupont - Publié le Dimanche 9 Mars 2025 à 10:30 | Lu 1234 fois",
            "Jean Dupont",
            date(2025, 3, 9),
        ),
        ("By Jane Smith - Updated 3 March 2025", "Jane Smith", date(2025, 3, 3)),
        (
            "Anna Nowak · 3 godz. temu · opinie (12)",
            "Anna Nowak",
            date(2025, 3, 14),
        ),  # "godz." short for hours
        ("Jane Smith · 3 March 2025 · Comments (4)", "Jane Smith", date(2025, 3, 3)),
    ],
)
def test_a_count_of_readers_or_comments_and_a_dash_before_when_leave_the_writer(
    line: str, author: str, day: date
) -> None:
    assert _signed_and_dated(line) == (author, day)


@pytest.mark.parametrize("line", ["komentarze (12)", "reacties (3)"])
def test_a_word_and_its_count_in_brackets_is_metadata(line: str) -> None:
    lines = read_lines(f"Miners Demand Talks on Pay\n{line}\n", saved=SAVED)
    assert lines.syms[1] == META


def test_a_sponsored_box_in_polish_holds_no_item_of_the_page() -> None:
    records = [
        ("Związkowcy żądają rozmów o płacach w kopalniach", "Anna Nowak", "07.03.2025, 10:15"),
        ("Kopalnia wstrzymała wydobycie na jednej ze ścian", "Jan Kowalski", "06.03.2025, 14:40"),
        ("Wypadek w kopalni: dwóch górników w szpitalu", "Ewa Lis", "05.03.2025, 09:05"),
        ("Emerytury górnicze 2025: ile wyniesie waloryzacja?", "Piotr Zając", "04.03.2025, 16:20"),
    ]
    listing = "\n\n".join(
        f"{title}\n{day}\nAutor: {name}\nkomentarze ({n})"
        for n, (title, name, day) in enumerate(records, 3)
    )
    head, tail = listing.split("\n\n", 2)[:2], listing.split("\n\n", 2)[2]
    page = (
        "Portal Górniczy\nWiadomości\nZwiązki zawodowe\nBezpieczeństwo\n\n"
        + "\n\n".join(head)
        + "\n\nARTYKUŁ SPONSOROWANY\n"
        "Nowe obudowy zmechanizowane – jak zmienia się praca na ścianie?\n"
        "Materiał partnera: Firma Górtech\n\n" + tail + "\n\n© 2025 Portal Górniczy\n"
    )
    result = parse_page(page, saved=SAVED)
    assert [(i.title, i.author) for i in result.items] == [(t, a) for t, a, _ in records]


def test_a_name_after_a_title_in_lower_case_heads_an_author_archive() -> None:
    posts = "\n\n".join(
        f"Arbeidsrecht\n{title}\nGepubliceerd op {day} · Leestijd 4 minuten\nLees verder ›"
        for title, day in [
            ("Ontslag bij ziekte: wat verandert er per 1 juli?", "14 april 2025"),
            ("Rechten van de OR bij een overname", "3 april 2025"),
            ("Vaststellingsovereenkomst getekend? Zo gebruik je je bedenktermijn", "20 maart 2025"),
        ]
    )
    page = (
        "Van Dijk & Meijer Advocaten\nHome\nExpertise\nTeam\nBlog\nContact\n\n"
        "Home › Team › mr. Anna de Groot\n\nmr. Anna de Groot\nAdvocaat arbeidsrecht · Partner\n\n"
        f"Blogs van mr. Anna de Groot (14)\n\n{posts}\n\n© 2025 Van Dijk & Meijer Advocaten\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [i.author for i in result.items] == ["Anna de Groot"] * 3


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        # a press-cuttings service: writer, length, date, paper, place, language
        (
            "Sarah Malik, 845 words, 4 March 2025, The Times, London, English",
            "Sarah Malik",
            date(2025, 3, 4),
        ),
        (
            "Tom Hale and Ruth Ince, 1,204 words, 3 March 2025, Daily Post, Leeds, English",
            "Tom Hale and Ruth Ince",
            date(2025, 3, 3),
        ),
        ("612 words, 4 March 2025, Financial Times, London, English", None, date(2025, 3, 4)),
    ],
)
def test_a_cuttings_line_names_its_writer_before_the_length_and_date(
    line: str, author: str | None, day: date
) -> None:
    assert _signed_and_dated(line) == (author, day)


CONTENTS = """Retired Transport Workers' Association
Newsletter articles online
Articles from our quarterly newsletter are put up here as they are typed up.
Dates shown are the date each article went online.
==========================================
2025
==========================================
Heritage day at Junction Yard (Bob Marsh) ...................... 12.03.25
Farewell to Jim Kerr (Mary Allen) ...................... 03.03.25
The long strike of 1971, remembered ............ 24.02.25
Bus passes for partners: a win at last (Alan Reid) ..... 10.02.25
Our trip to the tram museum (Joan Pike and Eric Pike) ...... 27.01.25
==========================================
(c) 2025 Retired Transport Workers' Association
"""


def test_a_contents_list_dates_each_title_after_its_leader_dots() -> None:
    result = parse_page(CONTENTS, saved=datetime(2025, 3, 20, 12, 0))
    assert [(i.title, i.author, i.published and i.published.date()) for i in result.items] == [
        ("Heritage day at Junction Yard", "Bob Marsh", date(2025, 3, 12)),
        ("Farewell to Jim Kerr", "Mary Allen", date(2025, 3, 3)),
        ("The long strike of 1971, remembered", None, date(2025, 2, 24)),
        ("Bus passes for partners: a win at last", "Alan Reid", date(2025, 2, 10)),
        ("Our trip to the tram museum", "Joan Pike and Eric Pike", date(2025, 1, 27)),
    ]


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        # the year's word after the year ("roku", abbreviated "r.")
        ("Warszawa, 6 marca 2025 r.", None, date(2025, 3, 6)),
        ("Kraków, dnia 6 marca 2025 roku", None, date(2025, 3, 6)),
        # an hour's word beside the time signs nothing: "godz." (godzina)
        (
            "Marta Kaczmarek · 6 marca 2025, godz. 09:15 · opinie (103)",
            "Marta Kaczmarek",
            date(2025, 3, 6),
        ),
        (
            "Anna Nowak, Piotr Lis · 5 marca 2025, godz. 18:05",
            "Anna Nowak and Piotr Lis",
            date(2025, 3, 5),
        ),
    ],
)
def test_the_words_for_year_and_hour_beside_a_date_sign_nothing(
    line: str, author: str | None, day: date
) -> None:
    assert _signed_and_dated(line) == (author, day)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Podpisał: Jan Kowalski – Przewodniczący Zarządu Krajowego", "Jan Kowalski"),
        (
            "Podpisali: Jan Kowalski – Przewodniczący, Anna Nowak – Sekretarz Zarządu",
            "Jan Kowalski and Anna Nowak",
        ),
    ],
)
def test_signers_each_with_a_post_after_a_dash_are_named(line: str, author: str) -> None:
    assert name_only(line) == author
