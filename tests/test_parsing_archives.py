"""Author pages in the forms sites give them: a heading over all of someone's pieces under
their name, a count after the heading's name, a profile beside the posts whose name is the
page's masthead; every item is theirs unless a co-author line says otherwise, and a column's
name in capitals beside the date is no writer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.coauthors import recurring_writer

SAVED = datetime(2025, 3, 20, tzinfo=UTC)

_TITLES = [
    "The hours nobody counts on the shop floor",
    "What a rota tells you about a company",
    "Night shifts and the price of sleep",
]


def _posts(dates: list[str], titles: list[str] = _TITLES) -> str:
    """Records of a date over a title over a standfirst."""
    return "\n\n".join(
        f"{day}\n{title}\nA short standfirst about the piece and why it matters."
        for day, title in zip(dates, titles, strict=True)
    )


@pytest.mark.parametrize(
    ("header", "author"),
    [
        (
            "COLUNISTA\n\nRenata Albuquerque\n\nEconomista do trabalho e professora da Unicamp."
            "\n\nSeguir colunista     Receber por e-mail\n\nTodos os textos  (143)",
            "Renata Albuquerque",
        ),
        (
            "MARCO FERRI\nSegretario confederale\n\nNato a Brescia nel 1968, operaio e delegato."
            "\n\nTutti gli articoli · 57",
            "Marco Ferri",
        ),
        ("Jane Whitfield\nStaff writer\n\nAll articles (57)", "Jane Whitfield"),
    ],
    ids=["pt-todos-os-textos", "it-caps-name", "en-all-articles"],
)
def test_a_heading_over_all_pieces_under_a_name_heads_an_author_archive(
    header: str, author: str
) -> None:
    posts = _posts(["4.mar.2025 às 6h00", "25 February 2025", "18 February 2025"])
    page = f"The Paper\nNews | Work | Culture\n\n{header}\n\n{posts}\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [author] * 3


@pytest.mark.parametrize(
    ("heading", "author"),
    [
        ("Tutti gli articoli di Marco Ferri · 57 contenuti", "Marco Ferri"),
        ("Alle Beiträge von Katrin Baumann · 34 Beiträge", "Katrin Baumann"),
        ("Articles by Jane Whitfield | 12 articles", "Jane Whitfield"),
        ("Kovács Réka cikkei (412)", "Kovács Réka"),
        ("Alla texter av Elin Sjöberg", "Elin Sjöberg"),
        ("Jane Whitfield's articles (34)", "Jane Whitfield"),
        ("Ailt le Caoimhe Ní Bhraonáin (36)", "Caoimhe Ní Bhraonáin"),
    ],
)
def test_an_archive_heading_names_its_author_before_or_after_the_pieces_without_a_count(
    heading: str, author: str
) -> None:
    posts = _posts(["5 March 2025", "25 February 2025", "18 February 2025"])
    result = parse_page(f"The Paper\n\n{heading}\n\n{posts}\n", saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [author] * 3


@pytest.mark.parametrize(
    ("name", "followers", "bio"),
    [
        ("Tendai Moyo", "2.8K Followers", "Hospital porter turned union organiser."),
        ("Katrin Baumann", "312 Abonnenten", "Pflegerin und Gewerkschafterin in Leipzig."),
        ("Lucía Merino", "1.204 seguidores", "Periodista laboral en Sevilla."),
    ],
    ids=["en-medium", "de-abonnenten", "es-seguidores"],
)
def test_a_profile_beside_the_posts_named_as_the_masthead_signs_every_post(
    name: str, followers: str, bio: str
) -> None:
    posts = "\n\n".join(
        f"{title}\nA short standfirst about the piece and why it matters.\n{day}\n·\n5 min read"
        for day, title in zip(["Mar 4, 2025", "Feb 26, 2025", "Feb 12, 2025"], _TITLES, strict=True)
    )
    page = (
        f"Sign in\nWrite\n\n{name}\n\nHome\nLists\nAbout\n\n{posts}\n\n{name}\n{followers}\n{bio}\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [name] * 3


def test_a_profile_beside_the_posts_is_no_header_where_others_sign_them() -> None:
    posts = "\n\n".join(
        f"{title}\nBy {writer}\n{day}"
        for day, title, writer in zip(
            ["Mar 4, 2025", "Feb 26, 2025", "Feb 12, 2025"],
            _TITLES,
            ["Ruth Castellano", "Marcus Obi", "Sinéad Farrell"],
            strict=True,
        )
    )
    page = f"Sign in\n\nTendai Moyo\n\nHome\nAbout\n\n{posts}\n\nTendai Moyo\n2.8K Followers\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout != "author-archive"
    assert [item.author for item in result.items] == [
        "Ruth Castellano",
        "Marcus Obi",
        "Sinéad Farrell",
    ]


@pytest.mark.parametrize(
    ("heading", "dates", "coauthors", "author", "expected"),
    [
        (
            "Tutti gli articoli di Marco Ferri",
            [
                "mercoledì 5 marzo 2025 · IL FILO ROSSO",
                "giovedì 27 febbraio 2025 · CONTRATTI",
                "mercoledì 19 febbraio 2025 · IL FILO ROSSO",
            ],
            "di Marco Ferri e Giulia Santoro",
            "Marco Ferri",
            "Marco Ferri and Giulia Santoro",
        ),
        (
            "Articles by Jane Whitfield",
            [
                "5 March 2025 · THE LONG SHIFT",
                "27 February 2025 · WORKPLACE",
                "19 February 2025 · THE LONG SHIFT",
            ],
            "By Jane Whitfield and Omar Haddad",
            "Jane Whitfield",
            "Jane Whitfield and Omar Haddad",
        ),
    ],
    ids=["it-rubrica", "en-column"],
)
def test_an_author_pages_items_are_theirs_but_for_a_coauthor_line(
    heading: str, dates: list[str], coauthors: str, author: str, expected: str
) -> None:
    records = [
        f"{dates[0]}\n{_TITLES[0]}\nRead more →",
        f"{dates[1]}\n{_TITLES[1]}\n{coauthors}\nRead more →",
        f"{dates[2]}\n{_TITLES[2]}\nRead more →",
    ]
    page = f"The Paper\n\n{heading}\n\n" + "\n\n".join(records) + "\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.title for item in result.items] == _TITLES
    assert [item.author for item in result.items] == [author, expected, author]


@pytest.mark.parametrize(
    ("heading", "line", "expected"),
    [
        ("Work by Nia Fairweather (8)", "with Kayode Bello", "Nia Fairweather and Kayode Bello"),
        (
            "Alle Beiträge von Katrin Baumann",
            "mit Jonas Keller und Lea Roth",
            "Katrin Baumann, Jonas Keller and Lea Roth",
        ),
        ("Tous les articles de Claire Dumont", "avec Léa Roux", "Claire Dumont and Léa Roux"),
        (
            "Ailt le Caoimhe Ní Bhraonáin (36)",
            "Comhscríofa le Dónall Mac Giolla Easpaig",
            "Caoimhe Ní Bhraonáin and Dónall Mac Giolla Easpaig",
        ),
        (
            "Work by Nia Fairweather (8)",
            "Co-written with Jo Bloggs",
            "Nia Fairweather and Jo Bloggs",
        ),
    ],
    ids=["en-with", "de-mit", "fr-avec", "ga-comhscriofa", "en-co-written"],
)
def test_a_with_line_under_a_title_on_an_author_page_names_the_coauthors(
    heading: str, line: str, expected: str
) -> None:
    author = expected.split(",")[0].split(" and ")[0]
    records = [
        f"ESSAY\n{_TITLES[0]}\nOnline · 12 February 2025",
        f"INTERVIEW\n{_TITLES[1]}\nOnline · 28 November 2024\n{line}",
        f"POETRY\n{_TITLES[2]}\nOnline · 3 January 2024",
    ]
    page = f"The Review\n\n{heading}\n\n" + "\n\n".join(records) + "\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [author, expected, author]


_CLIPS = """\
MARTA KOWALCZYK
Reporter

Work   About   Contact

Selected work

I'm a freelance reporter in Bristol covering housing and work for national papers and radio.

2025

Renters in Easton say repairs take a year
The Western Post — 3 February 2025
Reporting

Inside the last bakery on Gloucester Road
Bristol Weekly — 20 January 2025
Features

Why bus drivers keep leaving First West
The Western Post — 9 December 2024
Reporting

© Marta Kowalczyk 2025
"""


def test_a_personal_site_named_over_its_owners_job_title_is_their_archive() -> None:
    result = parse_page(_CLIPS, saved=datetime(2025, 3, 1, tzinfo=UTC), labeller=None)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == ["Marta Kowalczyk"] * 3


def test_a_site_name_over_a_tagline_is_no_owners_archive() -> None:
    tagline = _CLIPS.replace("MARTA KOWALCZYK\nReporter", "MARTA KOWALCZYK\nNews from the city")
    result = parse_page(tagline, saved=datetime(2025, 3, 1, tzinfo=UTC), labeller=None)
    assert result.layout != "author-archive"


_COLUMNIST = """\
CHÃO DA OFICINA
Jornalismo sobre quem trabalha

Início › Colunistas › Mireille Okafor Duarte

[foto: Mireille Okafor Duarte. Crédito: Arquivo pessoal]

COLUNISTA
Mireille Okafor Duarte
Economista, pesquisadora do mercado de trabalho e professora da Universidade do Porto

Mireille escreve às quartas-feiras sobre emprego, renda e desigualdade. As opiniões são dela.

Instagram @mireille.od  ·  Bluesky @mireilleod.bsky.social  ·  E-mail: mireille@oficina.example

ÚLTIMAS COLUNAS (48)

Quem paga a conta da isenção?
A proposta é uma conquista, mas a compensação ainda vai ser disputada no Congresso
há 3 horas  •  💬 14

Escala 6x1: o que os números dizem
Quase 15 milhões de trabalhadores folgam um dia por semana. A maioria é mulher e jovem
ontem às 19h12  •  💬 87

Mulheres ganham 21% menos. E isso não é acidente
08/03/2025 às 08h00  •  💬 32

Uberização não é destino
O debate sobre os aplicativos precisa sair da falsa escolha entre autonomia e CLT
05/03/2025 às 06h00  •  💬 41
"""


def test_a_columnists_page_whose_bio_opens_with_her_first_name_is_her_archive() -> None:
    """A long description under the name, then a biography opening with the first name
    ("Mireille escreve …", Mireille writes): every column below is hers."""
    result = parse_page(_COLUMNIST, saved=datetime(2025, 3, 12, 12, 0, tzinfo=UTC))
    assert result.layout == "author-archive"
    assert [i.author for i in result.items] == ["Mireille Okafor Duarte"] * 4


_NAMED_TWICE = """\
THE WORKBENCH
a daily paper of work

News   Unions   Safety   Opinion   Podcasts

{breadcrumb}

{name}
{role}

Born in Leeds, she has covered disputes and bargaining since 2012 for
regional papers and radio. She also writes about transport.

Write to her · @hwelbourne

88 articles

DISPUTES · 3 hours ago
Depot strike enters its third week as talks stall
Drivers say the offer on the table does not cover inflation.

BARGAINING · yesterday
What is in the new claim for care workers

SAFETY · Monday 7 April 2025
Another crush injury at the container port
A crane operator was hurt on the night shift, the second this year.

INTERVIEW · Saturday 5 April 2025
"Nobody asked the cleaners"
A branch secretary on outsourcing in the hospitals.
"""


@pytest.mark.parametrize(
    ("breadcrumb", "name", "role"),
    [
        ("AUTHORS › HANNAH WELBOURNE", "Hannah Welbourne", "Reporter, North desk"),
        ("[Portrait: Hannah Welbourne]", "Hannah Welbourne", "Industrial correspondent"),
        ("Home / Writers / Hannah Welbourne", "HANNAH WELBOURNE", "Reporter"),
    ],
    ids=["breadcrumb-in-capitals", "portrait-caption", "name-in-capitals-under-breadcrumb"],
)
def test_a_name_standing_alone_and_named_again_beside_it_heads_their_archive(
    breadcrumb: str, name: str, role: str
) -> None:
    """No set header shape (the biography does not open with her name), but the page
    names her twice over the pieces, and no piece is signed by anyone else."""
    page = _NAMED_TWICE.format(breadcrumb=breadcrumb, name=name, role=role)
    result = parse_page(page, saved=datetime(2025, 4, 9, 12, 0, tzinfo=UTC), labeller=None)
    assert result.layout == "author-archive"
    assert [i.author for i in result.items] == ["Hannah Welbourne"] * 4


def test_a_section_named_by_its_breadcrumb_and_its_heading_is_no_ones_archive() -> None:
    """ "News > In brief" over "IN BRIEF": a section the breadcrumb writes in sentence case."""
    page = _NAMED_TWICE.format(breadcrumb="Home > News > Short takes", name="SHORT TAKES", role="")
    result = parse_page(page, saved=datetime(2025, 4, 9, 12, 0, tzinfo=UTC), labeller=None)
    assert result.layout != "author-archive"
    assert {i.author for i in result.items} == {None}


_AVATARS = """\
Blog

[Photo of Priya Nair]
Priya Nair
Welfare Officer
Cost of living: what the union is doing this term
We have extended the breakfast scheme to three more sites.
2 days ago · 3 min read

[Photo of Tom Reyes]
Tom Reyes
Education Officer
Why the timetable change matters for part-time staff
The new rota starts in April and nobody was asked.
4 days ago · 2 min read

[Photo of Dana Whyte]
Dana Whyte
President
Our pay claim, explained in five charts
The numbers behind this year's claim.
1 week ago · 4 min read
"""


def test_each_posts_portrait_and_name_sign_that_post_not_the_page() -> None:
    """The first post's portrait caption names its writer again: not the page's owner,
    since the next posts are signed by others."""
    result = parse_page(_AVATARS, saved=datetime(2025, 3, 20, tzinfo=UTC), labeller=None)
    assert result.layout != "author-archive"
    assert [i.author for i in result.items] == ["Priya Nair", "Tom Reyes", "Dana Whyte"]


@pytest.mark.parametrize(
    ("heading", "author"),
    [
        ("Tutte le gallery di Andrea Rinaldi (312)", "Andrea Rinaldi"),
        ("Notícias de Marta Figueiredo (1.248)", "Marta Figueiredo"),
        ("Reportagen und Fotos von Jonas Keller (12)", "Jonas Keller"),
        ("Photo essays by Jane Whitfield (31)", "Jane Whitfield"),
    ],
    ids=["it-gallery", "pt-noticias", "de-reportagen", "en-photo-essays"],
)
def test_a_heading_naming_a_person_over_a_count_heads_an_author_archive(
    heading: str, author: str
) -> None:
    """Whatever a site calls the pieces, a person named by a by-word over their count."""
    posts = _posts(["4 March 2025", "25 February 2025", "18 February 2025"])
    page = f"The Paper\nNews | Work | Culture\n\n{heading}\n\n{posts}\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [author] * 3


def test_a_counted_heading_naming_no_person_heads_no_archive() -> None:
    posts = _posts(["4 March 2025", "25 February 2025", "18 February 2025"])
    heading = "Statements of the Department of Health (3)"
    page = f"The Paper\nNews | Work | Culture\n\n{heading}\n\n{posts}\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout != "author-archive"


_FRONT = """\
The Coast Weekly
Independent. Community owned. Since 1991.

News   Sport   Arts   Opinion

TOP STORY
Rangers walk off the job over pay gap with state parks staff
Rangers say they do the same work for two-thirds of the wage.
Story by Kirra Walsh

KIMBERLEY
New remote jobs scheme under fire
Community leaders say the replacement repeats old mistakes.

NATIONAL
Treaty talks resume in Victoria after six-month pause
Negotiators return to the table on Monday.
Story by Aaron Nona

SPORT
Footy carnival draws record crowd in Fitzroy Crossing
Twenty teams and three thousand people over two days.
"""


def test_a_byline_over_one_story_heads_no_archive() -> None:
    """ "Story by Name" signs a front page's lead story, unlike "Stories by Name"."""
    result = parse_page(_FRONT, saved=SAVED)
    assert result.layout != "author-archive"
    assert [item.author for item in result.items].count("Kirra Walsh") == 1


_NEWSLETTER = """\
Kept Open
Sign in Subscribe

Kept Open is a newsletter about libraries, archives and the public right to read.

The library that would not close
How the people of one town kept their branch open for nine years.
Lou Chambers
Mar 4, 2024

Ten years of the strike's digital archive
What we kept, and what we lost.
Ade Oyelaran
Feb 27, 2024

The statutory duty nobody enforces
Councils must run a comprehensive service. What does that mean?
Lou Chambers
Feb 20, 2024
"""


def test_a_profile_over_posts_others_sign_on_lines_of_their_own_heads_no_archive() -> None:
    """A name over a biography is no owner where other names sign the posts below."""
    result = parse_page(_NEWSLETTER, saved=SAVED)
    assert result.layout != "author-archive"
    authors = [item.author for item in result.items]
    assert authors[-3:] == ["Lou Chambers", "Ade Oyelaran", "Lou Chambers"]


@pytest.mark.parametrize(
    ("authors", "owner"),
    [
        (["A Rowe and Tom Hill", "A Rowe", "Hana Kobayashi and A Rowe"], None),
        (
            ["Priya Raman and Tom Hill", "Priya Raman", "Hana Kobayashi and Priya Raman"],
            "Priya Raman",
        ),
        (["Priya Raman", "Priya Raman", "Priya Raman"], None),
        (["Priya Raman and Tom Hill", None, "Priya Raman"], None),
        (["Priya Raman and Tom Hill", "Ana Ruiz", "Priya Raman"], None),
    ],
    ids=["no-name", "recurs", "alone-each-time", "one-unsigned", "one-without"],
)
def test_one_person_among_every_records_writers(
    authors: list[str | None], owner: str | None
) -> None:
    assert recurring_writer(authors) == owner


_PAPERS = """\
Research Network
Browse   Search   Submit a paper

Scholarly Papers (3)

1.
Algorithmic Scheduling and the Erosion of the Standard Working Week
Number of pages: 41 Posted: 03 Mar 2025
Priya Raman-Okoye and Tomasz Wieczorek
Downloads 87

2.
Recognition Without Bargaining? The Statutory Procedure After Twenty-Five Years
Number of pages: 28 Posted: 30 Sep 2024
Priya Raman-Okoye
Downloads 512

3.
Night Work, Care Work: Time Poverty Among Migrant Care Assistants
Number of pages: 36 Posted: 02 Jul 2024
Hana Kobayashi and Priya Raman-Okoye
Downloads 341
"""


def test_papers_one_person_writes_among_others_are_their_archive() -> None:
    """Each paper keeps its own writers; the page is the one they all share's archive."""
    result = parse_page(_PAPERS, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [
        "Priya Raman-Okoye and Tomasz Wieczorek",
        "Priya Raman-Okoye",
        "Hana Kobayashi and Priya Raman-Okoye",
    ]


_SECRETARY = """\
Hospitality Workers Union – Queensland Branch
Join now  |  Member login  |  1300 555 010

Home / News / From the Secretary

From the Secretary

Rosa Delaney
State Secretary

She started in hospitality at 15, washing dishes in her uncle's café in Cairns, and became a delegate at a Gold Coast resort in 2009.

Email Rosa: secretary@hwu.example

Columns (34)

Casual conversion: use it or lose it
3 days ago · 4 min read
The rules changed last year. If you've worked regular shifts for six months, you can ask to go permanent.

Why we're taking the penalty rates fight to Canberra
Friday, 28 February 2025 · 5 min read

A note from the Assistant Secretary
By Tom Briggs, Assistant Secretary
Friday, 20 December 2024 · 3 min read
Rosa is on leave until January. In the meantime, here's where things stand on the casino agreement.

Casino agreement: the vote is in
Friday, 6 December 2024 · 4 min read

Ten years since the Whitsundays strike
Friday, 18 October 2024 · 6 min read
"""  # noqa: E501


def test_a_guests_column_among_a_profiles_pieces_leaves_the_rest_hers() -> None:
    """A name, her post and a biography opening with "She": her columns, though one among
    them is signed by a guest (theirs alone)."""
    result = parse_page(_SECRETARY, saved=datetime(2025, 3, 10, 12, 0, tzinfo=UTC))
    assert result.layout == "author-archive"
    assert [i.author for i in result.items] == ["Rosa Delaney"] * 2 + ["Tom Briggs"] + [
        "Rosa Delaney"
    ] * 2


_WRITERS_ARCHIVE = """\
Labour Writings Library  :  Writers  :  M  :  Tom Mann

                         Tom Mann Archive

Engineer, organiser of the 1889 dock strike and of the 1911 Liverpool transport strike.

   Biography  |  Photographs  |  Works by subject

WORKS, IN ORDER OF PUBLICATION

1886

   What a Compulsory Eight Hour Working Day Means to the Workers
      First published: pamphlet, London, March 1886

1890

   The New Unionism
      First published: The New Review, June 14, 1890

1910

   Prepare for Action
      Source: The Industrial Syndicalist, July 1, 1910

   The Way to Win
      Source: pamphlet, Broken Hill, May 12, 1909
"""


def test_a_writers_archive_named_after_them_is_their_author_archive() -> None:
    """ "Tom Mann Archive" over the works: the page is his, every work signed by him."""
    result = parse_page(_WRITERS_ARCHIVE, saved=SAVED)
    assert result.layout == "author-archive"
    assert {item.author for item in result.items} == {"Tom Mann"}
    assert "The New Unionism" in [item.title for item in result.items]
