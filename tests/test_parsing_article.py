"""One article is one item however many short lines it has: the rules that tell an
article's short paragraphs, subheads, time stamps and contact blocks from a listing."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page

SAVED = datetime(2024, 11, 20, 16, 0, tzinfo=UTC)
MENU = "The Weekly Worker\nNews | Features | Opinion | About\n\n"
FOOTER = "\n\nShare this\nFacebook | X | Email\n\n© 2024 The Weekly Worker\n"

ESSAY = (
    MENU
    + """The landlord state: how benefit became a subsidy

Forty years of policy turned a safety net into a transfer to landlords.

By Anya Ferreira
Published 3 November 2024

In 1979 the state spent most of its housing budget on building homes.

That shift did not happen by accident.

Bricks to benefits

The idea was simple. The market would build.

It did not.

Photo: A block in Tilbury. (Archive)

The trap

Earn a little more and the benefit is withdrawn.

Caseworkers call it the cliff edge."""
    + FOOTER
)


def test_short_paragraphs_under_one_byline_with_short_subheads_are_one_article() -> None:
    result = parse_page(ESSAY, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "The landlord state: how benefit became a subsidy"
    assert item.author == "Anya Ferreira"
    assert item.published is not None and item.published.date().isoformat() == "2024-11-03"


REPORT = (
    MENU
    + """Zero hours, zero security in social care

Priya Natarajan and Owen Lloyd
Published: 6 November 2024

One in four care workers is on a zero-hours contract. This report shows what it means.

1.1 Why zero hours?

Councils commission care by the minute.

1.2 Our method

We surveyed 1,210 care workers in June and July.

2.1 Pay

Unpaid travel between visits takes many below the minimum wage.

2.2 Health

Workers described going to work ill."""
    + FOOTER
)


def test_numbered_sections_with_a_paragraph_each_are_one_report() -> None:
    result = parse_page(REPORT, saved=SAVED)
    assert result.layout == "long-page"
    assert [i.title for i in result.items] == ["Zero hours, zero security in social care"]


LIVE = (
    MENU
    + """LIVE: Thousands march in Bristol against NHS cuts

By Holly Carver
Updated 15:02, 20 NOV 2024

15:02
That's where we'll leave our coverage. Organisers say 8,000 people took part.

14:40
A nurse tells the rally her ward has been short of three nurses on every shift.

14:15
The speeches have started in Castle Park.

12:30
The march has set off from College Green."""
    + FOOTER
)


def test_a_live_page_of_timed_entries_under_its_writer_is_one_item() -> None:
    result = parse_page(LIVE, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "LIVE: Thousands march in Bristol against NHS cuts"
    assert item.author == "Holly Carver"


def test_timed_entries_under_no_writer_are_not_one_article() -> None:
    ticker = LIVE.replace("By Holly Carver\n", "")
    result = parse_page(ticker, saved=SAVED)
    assert result.layout != "long-page"
    assert len(result.items) >= 4


PRESS_RELEASE = (
    MENU
    + """PRESS RELEASE
EMBARGOED UNTIL 00:01 THURSDAY 14 NOVEMBER 2024

One in five renters behind on rent, survey finds

14 November 2024

One in five private renters is behind on their rent, a survey published today finds.

Younger renters and single parents were hardest hit.

Ruth Power, Chief Executive, said:

“These figures should alarm everyone.”

ENDS

Notes to editors
1. The sample was 1,022 adults renting privately.
2. Spokespeople are available on request.

Media contacts
Rhodri Evans, Media Manager
07700 900123
rhodri.evans@example.org"""
    + FOOTER
)


def test_a_press_release_with_notes_and_contacts_is_one_unsigned_item() -> None:
    result = parse_page(PRESS_RELEASE, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "One in five renters behind on rent, survey finds"
    assert item.author is None  # neither the embargo line nor the media contact wrote it
    assert item.published is not None and item.published.date().isoformat() == "2024-11-14"


def test_a_trail_over_the_headline_is_not_the_title() -> None:
    page = MENU + "Features / Interviews\n\n" + ESSAY.removeprefix(MENU)
    [item] = parse_page(page, saved=SAVED).items
    assert item.title == "The landlord state: how benefit became a subsidy"


LISTING = (
    MENU
    + """Latest news
Updated 20 November 2024

Leeds council workers vote to strike over pay
Members voted by 82% for action.

Seacroft tenants win repairs after long campaign
The council agreed to a timetable.

Kirkstall warehouse workers join the union
Forty signed up in a week.

Trades council calls a meeting on buses
All are welcome on Thursday."""
    + FOOTER
)


def test_headlines_with_a_sentence_each_under_a_dated_heading_stay_a_listing() -> None:
    result = parse_page(LISTING, saved=SAVED)
    assert result.layout != "long-page"
    assert len(result.items) == 4


def test_a_later_byline_signing_a_piece_makes_a_listing() -> None:
    two = ESSAY.replace(
        "The trap\n",
        "The trap of rent in the city today\nBy Tom Rees\n",
    )
    result = parse_page(two, saved=SAVED)
    assert result.layout != "long-page"


_PARAGRAPH = (
    "Across the capital, the gap between what tenants earn and what they pay has widened "
    "again. Our analysis of the official rent index and the annual earnings survey shows "
    "that in every borough the rise in the median rent outpaced the rise in median pay, "
    "often by a wide margin, and that private renters now spend more than two fifths of "
    "their take-home pay on housing."
)


def test_an_author_box_over_the_headline_signs_the_article_and_is_no_title() -> None:
    page = "\n".join(
        [
            "Housing Futures Trust",
            "",
            "Briefing",
            "",
            "Maria Lopes",
            "Senior Researcher",
            "Tom Okafor",
            "Policy Officer, Private Renting",
            "",
            "Rents rose faster than pay in every borough. What now for the renters' bill?",
            "",
            "12 May 2025 · 8 min read",
            "",
            _PARAGRAPH,
            "",
            "Where it hurts most",
            "",
            _PARAGRAPH.replace("capital", "outer boroughs"),
            "",
            _PARAGRAPH.replace("tenants", "young renters"),
            "",
            _PARAGRAPH.replace("official", "latest"),
        ]
    )
    result = parse_page(page)
    assert result.layout == "long-page"
    (item,) = result.items
    assert (
        item.title == "Rents rose faster than pay in every borough. What now for the renters' bill?"
    )
    assert item.author == "Maria Lopes and Tom Okafor"
    assert item.published is not None and item.published.date().isoformat() == "2025-05-12"
