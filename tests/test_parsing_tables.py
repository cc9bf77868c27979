"""Pages whose records the page lays out by position or time: text tables as lynx dumps
them (tables.py), times of day under date headings, an issue's date in the masthead, a
personal site's owner, and a masthead over the site's menu."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.tables import table_cells

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
