"""Pages whose records the page lays out by position or time: text tables as lynx dumps
them (tables.py), times of day under date headings, an issue's date in the masthead, a
personal site's owner, and a masthead over the site's menu."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.tables import drawn_frames, table_cells

SAVED = datetime(2024, 3, 6, 16, 0, tzinfo=UTC)

LYNX_TABLE = """\
   Date       Title                                               Author
   06/03/2024 [1]Hospital porters win back-pay after two-year    Maureen Kelly
              fight
   04/03/2024 [2]March delegate meeting: agenda and papers       Imran Siddiqui
   29/02/2024 [3]Huddersfield bus drivers ballot over rotas      Gary Holroyd
   08/02/2024 [4]Solidarity message to striking university staff Imran Siddiqui

References

   1. https://tuc.example/news/porters/
   2. https://tuc.example/news/delegates/
   3. https://tuc.example/news/buses/
   4. https://tuc.example/news/solidarity/
"""


def test_table_cells_read_rows_by_their_columns() -> None:
    cells = table_cells(LYNX_TABLE.split("\n"))
    assert cells[1] == [
        "06/03/2024",
        "[1]Hospital porters win back-pay after two-year fight",
        "Maureen Kelly",
    ]
    assert cells[2] == []  # the wrapped title joined its cell
    assert cells[5][1:] == ["[4]Solidarity message to striking university staff", "Imran Siddiqui"]


def test_plain_paragraphs_are_no_table() -> None:
    text = "A line of text\nthat wraps onto  a second line\nand a third one\n"
    assert table_cells(text.split("\n")) == {}


def test_a_lynx_table_is_a_listing_with_bylines() -> None:
    result = parse_page(LYNX_TABLE, saved=SAVED)
    assert result.layout == "listing-bylines"
    assert [(i.title, i.author, i.published, i.url) for i in result.items][:2] == [
        (
            "Hospital porters win back-pay after two-year fight",
            "Maureen Kelly",
            datetime(2024, 3, 6, tzinfo=UTC),
            "https://tuc.example/news/porters/",
        ),
        (
            "March delegate meeting: agenda and papers",
            "Imran Siddiqui",
            datetime(2024, 3, 4, tzinfo=UTC),
            "https://tuc.example/news/delegates/",
        ),
    ]
    assert len(result.items) == 4


def test_a_time_of_day_takes_its_day_from_the_date_heading() -> None:
    page = """\
Tuesday, March 5, 2024

New in: March pamphlets and zines
Fresh from the printers this week, three zines and a reprint.

Posted by Steve Cairns at 4:12 PM 2 comments:

Saturday, March 2, 2024

Reading group: chapters 10-20
We meet on the last Thursday of the month. Tea provided.

Posted by Maureen Dunn at 10:03 AM No comments:

Review: a clear-eyed book about organising
It refuses to romanticise the work.

Posted by Steve Cairns at 8:40 AM 5 comments:

Monday, February 26, 2024

Shop opening hours in March
We open late on Thursdays from next week.

Posted by Steve Cairns at 6:55 PM No comments:
"""
    result = parse_page(page, saved=SAVED)
    assert [(i.author, i.published) for i in result.items] == [
        ("Steve Cairns", datetime(2024, 3, 5, 16, 12, tzinfo=UTC)),
        ("Maureen Dunn", datetime(2024, 3, 2, 10, 3, tzinfo=UTC)),
        ("Steve Cairns", datetime(2024, 3, 2, 8, 40, tzinfo=UTC)),
        ("Steve Cairns", datetime(2024, 2, 26, 18, 55, tzinfo=UTC)),
    ]


def test_a_time_before_a_headline_is_split_off() -> None:
    page = """\
2024ko martxoaren 5a, asteartea

14:32  Bilboko metroko langileek greba eguna deitu dute martxoaren 14rako.

12:10  Donostiako Udalak bidegorri berria onartu du Amara auzoan.

2024ko martxoaren 4a, astelehena

19:05  Ehunka lagunek elkarretaratzea egin dute Iruñeko Gaztelu plazan.

16:30  Ekaitzak kalte handiak eragin ditu Bizkaiko kostaldean.
"""
    result = parse_page(page, saved=SAVED)
    assert [(i.title[:20], i.author, i.published) for i in result.items] == [
        ("Bilboko metroko lang", None, datetime(2024, 3, 5, 14, 32, tzinfo=UTC)),
        ("Donostiako Udalak bi", None, datetime(2024, 3, 5, 12, 10, tzinfo=UTC)),
        ("Ehunka lagunek elkar", None, datetime(2024, 3, 4, 19, 5, tzinfo=UTC)),
        ("Ekaitzak kalte handi", None, datetime(2024, 3, 4, 16, 30, tzinfo=UTC)),
    ]


def test_an_issue_date_in_the_masthead_dates_the_undated_items() -> None:
    page = """\
RED STAR
Weekly paper of the Workers' Unity Network
Issue 1,412 | 6 March 2024 | £1 / solidarity price £2

Bosses try to break the bin strike with agency drivers
By Imran Chaudhry
Refuse workers say the council is spending more on agency drivers than on a deal.

Gaza: why the ceasefire marches must go on
By Eleanor Price
The movement has brought hundreds of thousands onto the streets every month.

The fight for council housing in the 1970s
By Ron Fisher
How tenants and building workers won a generation of homes.
"""
    result = parse_page(page, saved=SAVED)
    assert [(i.author, i.published) for i in result.items] == [
        ("Imran Chaudhry", datetime(2024, 3, 6, tzinfo=UTC)),
        ("Eleanor Price", datetime(2024, 3, 6, tzinfo=UTC)),
        ("Ron Fisher", datetime(2024, 3, 6, tzinfo=UTC)),
    ]


PERSONAL_BLOG = """\
~/notes — Ravi Gupta

home   posts   talks   about   rss

Posts

2024-03-04 · 7 min read · #maintainers
The bus factor is a labour question
Who does the work that keeps a dependency alive, and who pays for it.

2024-02-02 · 12 min read · #funding
Fiscal hosts compared: what I learned moving three projects
The differences matter more than the fees.

2024-01-15 · 3 min read · #bread
Sourdough and semantic versioning
A short, silly post about breaking changes.
"""


def test_a_personal_sites_unsigned_posts_are_its_owners() -> None:
    result = parse_page(PERSONAL_BLOG, saved=SAVED)
    assert [i.author for i in result.items] == ["Ravi Gupta"] * 3
    assert any("Ravi Gupta" in reason for reason in result.reasons)


def test_a_publication_in_the_third_person_has_no_owner() -> None:
    page = PERSONAL_BLOG.replace("~/notes — Ravi Gupta", "Red Pepper — a magazine").replace(
        "what I learned", "lessons from"
    )
    result = parse_page(page, saved=SAVED)
    assert [i.author for i in result.items] == [None] * 3


def test_a_masthead_over_the_menu_is_no_item() -> None:
    page = """\
The Wharfedale & Airedale Observer

Home | News | Sport | What's On | Announcements | Property

Tuesday 5th March 2024

Ilkley Lido to open early after record bookings
By Sarah Lister
The heated pool will open on 1 May, a fortnight earlier than usual.

Otley bypass plans go back to the drawing board
By Tom Wray
Councillors rejected the third set of plans in five years.

Burley station footbridge finally reopens
By Sarah Lister
Passengers no longer need to walk half a mile round.
"""
    result = parse_page(page, saved=SAVED)
    assert [i.title for i in result.items] == [
        "Ilkley Lido to open early after record bookings",
        "Otley bypass plans go back to the drawing board",
        "Burley station footbridge finally reopens",
    ]


# -- boxes drawn around a few lines (tables.py: drawn_frames) -------------------------------------

FRAMED_TEASERS = """\
News in brief

3 March 2025
Members at the Leeds depot have voted to accept the improved pay offer after a long dispute.
Read more »

{top}
{side} SUPPORT THE STRIKE FUND! {side}
{side} Sort code 00-00-00, account 12345678 {side}
{bottom}

28 February 2025
The branch meeting on Thursday will discuss the new rota and the ballot timetable.
Read more »

26 February 2025
Our survey found that two in three drivers work unpaid overtime every single week.
Read more »

24 February 2025
The tribunal has ruled that the agency must pay holiday pay to every driver it employs.
Read more »
"""


@pytest.mark.parametrize(
    ("top", "side", "bottom"),
    [
        ("╔══════════════════════════════╗", "║", "╚══════════════════════════════╝"),
        ("┌──────────────────────────────┐", "│", "└──────────────────────────────┘"),
        ("+------------------------------+", "|", "+------------------------------+"),
    ],
)
def test_a_box_drawn_between_teasers_is_one_line_of_furniture(
    top: str, side: str, bottom: str
) -> None:
    """The box's lines are one unit of furniture, and the teasers on both sides of it are
    one list: none is dropped, the box is no item."""
    page = FRAMED_TEASERS.format(top=top, side=side, bottom=bottom)
    result = parse_page(page, saved=SAVED.replace(year=2025))
    titles = [item.title for item in result.items]
    assert len(titles) == 4
    assert not any("STRIKE FUND" in title or "Sort code" in title for title in titles)
    assert drawn_frames(page.split("\n"))  # the box was read as one


@pytest.mark.parametrize(
    "lines",
    [
        # columns inside: a table, not a box
        ["┌──────────┬──────────┐", "│ Datum    │ Titel    │", "└──────────┴──────────┘"],
        # a grid table of Markdown
        ["+------+------+", "| a    | b    |", "+------+------+"],
        # no bottom: a rule and text
        ["+--------------+", "| Unclosed box", "and more text"],
    ],
)
def test_a_frame_with_columns_or_open_is_no_box(lines: list[str]) -> None:
    """Only a closed frame around text without columns is a box."""
    assert drawn_frames(lines) == {}


# -- teasers grouped under day headings (fields.py: day_headings) --------------------------------

DAY_HEADINGS = """\
{name}


{day1}

{t1}
{more}

{t2}
{more}


{day2}

{t3}
{more}


{day3}

{t4}
{more}


{day4}

{t5}
{more}
"""


@pytest.mark.parametrize(
    ("fields", "days"),
    [
        (
            {
                "name": "Branch news in brief",
                "day1": "Wednesday 5 March 2025",
                "day2": "Monday 3 March 2025",
                "day3": "Thursday 27 February 2025",
                "day4": "Tuesday 25 February 2025",
                "more": "Read more »",
                "t1": "We set up a strike committee for the call centre. It meets on Tuesday.",
                "t2": "The ministry has again rejected our pay claim. Talks resume on 20 March.",
                "t3": "Places on the spring training course for reps are still open. It is free.",
                "t4": "More than 12,000 people have signed our petition on pay. Thank you all!",
                "t5": "A tribunal has ruled that the dismissal of our colleague was unlawful.",
            },
            [(2025, 3, 5), (2025, 3, 5), (2025, 3, 3), (2025, 2, 27), (2025, 2, 25)],
        ),
        (
            {
                "name": "Kurz notiert",
                "day1": "Mittwoch, 5. März 2025",
                "day2": "Montag, 3. März 2025",
                "day3": "Donnerstag, 27. Februar 2025",
                "day4": "Dienstag, 25. Februar 2025",
                "more": "Weiterlesen »",
                "t1": "Wir haben einen Streikausschuss für das Callcenter gegründet.",
                "t2": "Das Ministerium hat unsere Forderung abgelehnt. Wir verhandeln weiter.",
                "t3": "Für die Frühjahrsschulung der Vertrauensleute gibt es noch freie Plätze.",
                "t4": "Mehr als 12.000 Menschen haben unsere Petition unterschrieben. Danke!",
                "t5": "Das Arbeitsgericht hat die Kündigung einer Kollegin für unwirksam erklärt.",
            },
            [(2025, 3, 5), (2025, 3, 5), (2025, 3, 3), (2025, 2, 27), (2025, 2, 25)],
        ),
    ],
)
def test_teasers_under_day_headings_take_their_day(
    fields: dict[str, str], days: list[tuple[int, int, int]]
) -> None:
    """Each teaser is an item dated by the day heading above it, two under the first."""
    result = parse_page(DAY_HEADINGS.format(**fields), saved=datetime(2025, 3, 6, tzinfo=UTC))
    assert result.layout == "teasers"
    assert [item.published.date() if item.published else None for item in result.items] == [
        date(*day) for day in days
    ]


@pytest.mark.parametrize(
    "row",
    ["POR: MARIANA TREJO  |  10/11/2025", "Von Anna Weber      |  vor 3 Stunden"],
)
def test_one_row_spaced_out_over_prose_makes_no_table(row: str) -> None:
    # the lines under it start words where its cells start by chance: no columns
    block = [
        row,
        "Maestros de la CNTE en Guanajuato anuncian paro de 48 horas en todo el estado",
        "Los docentes exigen el pago de bonos atrasados desde agosto y piden diálogo.",
        "Die Beschäftigten im Einzelhandel legen am Samstag in Bielefeld die Arbeit nieder.",
        "Leer nota completa",
    ]
    assert table_cells(block) == {}


def test_wide_gaps_on_two_rows_still_make_a_table() -> None:
    rows = [
        "06/03/2024   Hospital porters win back-pay        Maureen Kelly",
        "04/03/2024   March delegate meeting papers        Imran Siddiqui",
        "29/02/2024   Huddersfield bus drivers ballot      Gary Holroyd",
    ]
    assert table_cells(rows)[0] == ["06/03/2024", "Hospital porters win back-pay", "Maureen Kelly"]
