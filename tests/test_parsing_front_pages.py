"""Front and section pages: teasers of mixed sizes under kickers (headlines.py), the day
a site prints beside its name, and listings set "Headline — what it is about."."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.fields import Record, names_to_their_items
from publisher.ingest.parsing.itemdates import dates_to_their_items
from publisher.ingest.parsing.text import dash_headline

SAVED = datetime(2025, 3, 7, 18, 0, tzinfo=UTC)

_FRONT = """\
THE RIVERSIDE RECORD
The independent weekly of the Calder valley

Home | News | Opinion | Sport | Arts

NEWS · TRANSPORT
Bus drivers vote to strike over new rotas
Drivers at the Halifax depot say the rotas leave them no time for breaks.
By Amira Hussain

COUNCIL
Library hours cut again as the budget bites

HOUSING
Tenants win repairs after a year-long campaign
The housing association agreed to a schedule of works on Tuesday.

OPINION
Why the valley needs its own bus company
Public control worked before and it can work again.
By Dana Price

CULTURE
Review: a folk festival that remembers the mills

SPORT
Town hold the league leaders to a draw in the rain

MOST READ
1. Bus drivers vote to strike over new rotas
2. Ten walks along the canal this spring
3. Library hours cut again as the budget bites

© 2025 The Riverside Record
"""


_SIGNED_FRONT = _FRONT.replace(
    "works on Tuesday.\n", "works on Tuesday.\nBy Tom Whitely\n"
)  # every lead story signed: the record pattern is kicker, title, standfirst, byline


def test_a_kicker_over_a_headline_alone_is_a_teaser_of_its_own() -> None:
    result = parse_page(_SIGNED_FRONT, saved=SAVED, labeller=None)
    assert [item.title for item in result.items] == [
        "Bus drivers vote to strike over new rotas",
        "Library hours cut again as the budget bites",
        "Tenants win repairs after a year-long campaign",
        "Why the valley needs its own bus company",
        "Review: a folk festival that remembers the mills",
        "Town hold the league leaders to a draw in the rain",
    ]


def test_a_front_page_of_mixed_sizes_under_kickers_is_teasers() -> None:
    result = parse_page(_FRONT, saved=SAVED, labeller=None)
    assert result.layout == "teasers"
    assert [item.author for item in result.items][:4] == [
        "Amira Hussain",
        None,
        None,
        "Dana Price",
    ]


def test_kicked_headlines_follow_the_records_until_a_box() -> None:
    page = _SIGNED_FRONT.replace("COUNCIL\nLibrary hours cut again as the budget bites\n\n", "")
    result = parse_page(page, saved=SAVED, labeller=None)
    titles = [item.title for item in result.items]
    assert titles[-2:] == [
        "Review: a folk festival that remembers the mills",
        "Town hold the league leaders to a draw in the rain",
    ]
    assert "Ten walks along the canal this spring" not in titles


def test_a_kicker_over_sentences_one_a_line_after_the_teasers_gives_briefs() -> None:
    page = _SIGNED_FRONT.replace(
        "MOST READ\n",
        "IN BRIEF\nThe swimming baths close for repairs from 10 to 14 March.\n"
        "The health centre now opens on Saturday mornings.\n\nMOST READ\n",
    )
    result = parse_page(page, saved=SAVED, labeller=None)
    assert [item.title for item in result.items][-3:] == [
        "Town hold the league leaders to a draw in the rain",
        "The swimming baths close for repairs from 10 to 14 March",
        "The health centre now opens on Saturday mornings",
    ]


def _with_points(mark: str) -> str:
    """The signed front page with a kicker over three headlines behind ``mark``."""
    return _SIGNED_FRONT.replace(
        "MOST READ\n",
        f"IN BRIEF\n{mark} Swimming baths to close for repairs in March\n"
        f"{mark} Health centre now opens on Saturday mornings\n"
        f"{mark} Canal path reopens after the floods\n\nMOST READ\n",
    )


def test_a_kicker_over_bulleted_headlines_after_the_teasers_gives_an_item_each() -> None:
    for mark in ("•", "›", "—"):
        result = parse_page(_with_points(mark), saved=SAVED, labeller=None)
        assert [item.title for item in result.items][-4:] == [
            "Town hold the league leaders to a draw in the rain",
            "Swimming baths to close for repairs in March",
            "Health centre now opens on Saturday mornings",
            "Canal path reopens after the floods",
        ], mark


def test_a_numbered_ranking_under_a_kicker_gives_no_items() -> None:
    page = _SIGNED_FRONT.replace("MOST READ\n", "POPULAR\n")
    titles = [item.title for item in parse_page(page, saved=SAVED, labeller=None).items]
    assert "Ten walks along the canal this spring" not in titles


def test_a_kicker_over_a_headline_and_one_line_of_standfirst_is_a_teaser() -> None:
    page = _with_points("•").replace(
        "MOST READ\n",
        "FROM THE PODCAST\nValley Talk #12: Who runs the buses?\n"
        "The depot, the council and the rotas. 38 mins.\n\nMOST READ\n",
    )
    result = parse_page(page, saved=SAVED, labeller=None)
    assert result.items[-1].title == "Valley Talk #12: Who runs the buses?"
    assert result.items[-1].summary == "The depot, the council and the rotas. 38 mins."


_STUDENT = """\
THE CAMPUS CLARION
The students' paper · Est. 1952
Friday 7 March 2025

News | Comment | Sport

BREAKING: Halls to stay open over the Easter break, university confirms

Rent strike enters its third week in halls
Residents say the university has not answered their letter.
By Oona Fitzgerald

Union backs the cleaners' pay claim
Officers voted eight to two on Tuesday night.
By Kwame Boateng

Chess club wins the northern league
A last-round draw was enough for the title.
By Lena Hartmann

© 2025 The Campus Clarion
"""


def test_the_day_beside_the_site_name_dates_no_story() -> None:
    result = parse_page(_STUDENT, saved=SAVED, labeller=None)
    assert [item.author for item in result.items] == [
        "Oona Fitzgerald",
        "Kwame Boateng",
        "Lena Hartmann",
    ]
    assert [item.published for item in result.items] == [None, None, None]


_NEWSLETTER = """\
The Valley Organiser

Latest

Why the county keeps coming back to the bus franchise
The plan is dead again. Here is why it will not stay that way.

Inside the depot survey
Results from 1,200 drivers across the valley.

Quick hits: a bakery, a brewery and a win at the bus garage

INTERVIEW
"We had to learn to be loud": a first-time steward speaks
A young warehouse worker on organising in the busy season.

The council week in ninety seconds
Everything that moved in the town hall this week.

View more posts →
"""


def test_a_headline_alone_before_a_kicked_record_is_an_item() -> None:
    result = parse_page(_NEWSLETTER, saved=SAVED, labeller=None)
    assert "Quick hits: a bakery, a brewery and a win at the bus garage" in [
        item.title for item in result.items
    ]


_PUBLICATIONS = """\
Stichting Werk en Wonen

Publicaties

Rapport
Huren die meegroeien — Waarom de huur mee moet gaan met de lonen en niet met de inflatie.

Essay
De publieke bouwer keert terug — Nederland bouwde ooit veel meer sociale huurwoningen dan nu.

Rapport
Zorg dichtbij huis — Lessen uit tien gemeenten die de wijkverpleging weer zelf doen.

Essay
Het einde van de flexibele schil — Hoe tijdelijke contracten de productiviteit juist ondermijnen.

Toon meer publicaties
"""


def test_headlines_set_before_a_dash_are_a_listing_of_titles() -> None:
    result = parse_page(_PUBLICATIONS, saved=SAVED, labeller=None)
    assert result.layout == "listing"
    assert [item.title for item in result.items] == [
        "Huren die meegroeien",
        "De publieke bouwer keert terug",
        "Zorg dichtbij huis",
        "Het einde van de flexibele schil",
    ]


def test_a_dash_headline_needs_words_without_figures_before_a_sentence() -> None:
    assert dash_headline("Zorg dichtbij huis — Lessen uit tien gemeenten.") == (
        "Zorg dichtbij huis",
        "Lessen uit tien gemeenten.",
    )
    assert dash_headline("Today — Picket numbers were the biggest yet.") is None
    assert dash_headline("ore 11:20 – Firmato l'accordo integrativo alla Lavazza.") is None
    assert dash_headline("A rep was elected at the hub – congratulations to Sam.") is None


_CLOSED_BY_LINKS = """\
BLOG
Why we need a property act
This is not only about housing: it is about language, work and community.
by Ellen Price, Chair
Read more →

STATEMENT
Our response to the final budget
We welcome the rise in the social housing grant, but it will not reach the target.
4 March 2025
Read more →

NEWS
Membership passes 3,000 for the first time
"""


def test_a_name_or_date_closing_a_block_before_its_link_joins_that_blocks_record() -> None:
    """Records read as kicker, title and standfirst: the byline and the date after them,
    before the block's "Read more →", are that record's, never the next one's."""
    lines = read_lines(_CLOSED_BY_LINKS, saved=datetime(2025, 3, 10, tzinfo=UTC))
    units, syms = lines.units, lines.syms
    texts = [u.text for u in units]
    blog, statement, news = (
        Record(indexes=[texts.index(k), texts.index(k) + 1, texts.index(k) + 2])
        for k in ("BLOG", "STATEMENT", "NEWS")
    )
    news.indexes = news.indexes[:2]
    dates_to_their_items(units, syms, [blog, statement, news])
    names_to_their_items(units, syms, [blog, statement, news])
    assert texts.index("by Ellen Price, Chair") in blog.indexes
    assert texts.index("4 March 2025") in statement.indexes
    assert news.indexes[0] == texts.index("NEWS")


def test_a_front_page_signing_its_lead_stories_but_dating_none_is_teasers() -> None:
    result = parse_page(_SIGNED_FRONT, saved=SAVED, labeller=None)
    assert result.layout == "teasers"
    assert [item.author for item in result.items][:3] == [
        "Amira Hussain",
        None,
        "Tom Whitely",
    ]


def test_kicked_stories_of_mixed_sizes_each_signed_and_dated_stay_a_listing() -> None:
    dated = _SIGNED_FRONT.replace("By Amira Hussain", "By Amira Hussain, 6 March 2025")
    dated = dated.replace("By Tom Whitely", "By Tom Whitely, 5 March 2025")
    dated = dated.replace("By Dana Price", "By Dana Price, 4 March 2025")
    result = parse_page(dated, saved=SAVED, labeller=None)
    assert result.layout == "listing-bylines"


_TEASERS_ONE_SIGNED = """\
Northfield Tenants' Voice
Home | About | Campaigns | Join us

Rent freeze vote goes to full council next week
Councillors will decide whether to hold social rents for a second year after a petition of 4,000 names.

Repairs hotline: what to do when the landlord doesn't call back
Our volunteers explain the steps, from the first report to the ombudsman.

"We were told to wait six months for a boiler"
Residents of Carver House describe a winter without heating.
By Maria Ojo

Meet the new committee
Five tenants elected at the spring meeting set out their priorities.

Community garden opens on the estate
Seeds, tools and tea every Saturday morning.

© 2025 Northfield Tenants' Voice
"""  # noqa: E501


def test_headlines_with_standfirsts_one_of_them_signed_are_teasers_not_a_bare_listing() -> None:
    """A listing is bare titles; a page that signs one of its pieces is a front page."""
    result = parse_page(_TEASERS_ONE_SIGNED, saved=SAVED)
    assert result.layout == "teasers"
    assert [item.author for item in result.items] == [None, None, "Maria Ojo", None, None]


def test_headlines_with_standfirsts_none_signed_or_dated_stay_a_listing() -> None:
    unsigned = _TEASERS_ONE_SIGNED.replace("By Maria Ojo\n", "")
    assert parse_page(unsigned, saved=SAVED).layout == "listing"


_FEW_SIGNED_FRONT = """\
The Valley Cooperative News
Home | Members | Shops | Events

Members vote to open a second food hub in Treorchy
The board will now look for premises on the high street, with a decision expected by June.
By Rhian Evans

Apprentices start at the bakery
Four young members begin two-year placements this month.

Energy co-op pays its first dividend
Households that joined the solar scheme in 2022 will see £41 back this spring.
4 March 2025

Why we are backing the tenants' union
The society's chair explains the board's decision to affiliate.
By Carys Morgan

New opening hours at the Aberdare store
The Cardiff Road shop now opens at seven for early shifts.

Crèche places for members on shifts
The pilot scheme at the Pontypridd depot takes bookings from Monday.
Members can open a savings account in store without an appointment.

© 2025 Valley Cooperative Society
"""


def test_a_front_page_signing_two_of_its_teasers_and_dating_one_is_teasers() -> None:
    """A listing with bylines signs or dates most of its pieces; one that signs two of
    six and dates one is a front page."""
    result = parse_page(_FEW_SIGNED_FRONT, saved=SAVED)
    assert result.layout == "teasers"
    signed = [item.author for item in result.items if item.author]
    assert signed == ["Rhian Evans", "Carys Morgan"]
