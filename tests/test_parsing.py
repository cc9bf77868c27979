"""Layout detection and items: golden files for the sample seeds, and the same layouts
written differently (tests/data/seeds/<scenario>.txt and small pages inline)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from publisher.core.errors import SeedError
from publisher.core.models import PageHints, ParsedItem, ParseResult
from publisher.ingest.parsing import decode_seed, normalise_text, parse_page

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "seeds").glob("*.txt"))
SCENARIOS = ROOT / "tests" / "data" / "seeds"
GOLDEN = ROOT / "tests" / "golden" / "parse"
FURNITURE_WORDS = ("read more", "subscribe", "newsletter", "stay up to date", "©", "follow us")


NO_HINTS = PageHints()


def parse_file(path: Path, hints: PageHints = NO_HINTS) -> ParseResult:
    text, _ = decode_seed(path.read_bytes(), name=path.name)
    return parse_page(text, hints=hints, name=path.name)


def sample(prefix: str) -> ParseResult:
    (path,) = [p for p in SAMPLES if p.name.startswith(prefix)]
    return parse_file(path)


def scenario(name: str, hints: PageHints = NO_HINTS) -> ParseResult:
    return parse_file(SCENARIOS / f"{name}.txt", hints)


def as_json(result: ParseResult) -> dict[str, Any]:
    items = []
    for item in result.items:
        row = asdict(item)
        row["published"] = item.published.isoformat() if item.published else None
        items.append(row)
    return {"layout": result.layout, "items": items}


def assert_sane(items: tuple[ParsedItem, ...]) -> None:
    for item in items:
        assert item.title and "\n" not in item.title and len(item.title) <= 100
        assert item.title == item.title.strip()
        assert not any(word in item.title.lower() for word in FURNITURE_WORDS)
        assert item.published is None or item.published.tzinfo is UTC
    lines = [item.line for item in items]
    assert lines == sorted(lines)


# -- the five samples: golden files -------------------------------------------------------


def test_there_are_five_samples() -> None:
    assert len(SAMPLES) == 5


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_matches_golden(path: Path, update_golden: bool) -> None:
    got = as_json(parse_file(path))
    golden = GOLDEN / f"{path.stem}.json"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


# -- the five samples: acceptance ---------------------------------------------------------


def test_listing_000() -> None:
    result = sample("000")
    assert result.layout == "listing"
    assert len(result.items) == 18
    assert_sane(result.items)
    assert all(item.summary for item in result.items)
    first, last = result.items[0], result.items[-1]
    assert first.title == "In Defence of Community Organising"
    assert first.author == "Ian Lavery"
    assert first.line == 1
    assert last.title == "Renewing Scottish Labour"
    assert last.summary is not None and last.summary.endswith("even when it’s a challenge.")
    by_title = {item.title: item for item in result.items}
    assert by_title["Why Socialists Should Talk About Aspiration"].author == "Grace Blakeley"
    assert by_title["The Starmer Narrative"].author is None


def test_teasers_001() -> None:
    result = sample("001")
    assert result.layout == "teasers"
    assert_sane(result.items)
    titles = [item.title for item in result.items]
    assert "The Fate of the Russian Revolution" not in titles
    assert not any(t.startswith(("Buy ", "Book online")) for t in titles)
    for item in result.items:
        assert item.summary
        assert "online here" not in item.summary
    first = result.items[0]
    assert first.summary is not None and first.summary.startswith("The fire at Grenfell Tower")
    assert first.title.endswith("…")
    by_line = {item.line: item for item in result.items}
    assert by_line[3].title == "Protests demand justice for the victims of Grenfell and change"
    assert by_line[17].summary == "A new book from Workers' Liberty, published April 2017."


def test_listing_with_bylines_002() -> None:
    result = sample("002")
    assert result.layout == "listing-bylines"
    assert len(result.items) == 21
    assert_sane(result.items)
    for item in result.items:
        assert item.author and item.published and item.summary
    titles = [item.title for item in result.items]
    assert "Class struggle bulletin" not in titles
    first = result.items[0]
    assert (first.author, first.published) == ("Peter Main", datetime(2022, 9, 12, tzinfo=UTC))
    by_title = {item.title: item for item in result.items}
    voting = by_title["Nothing new on offer in Momentum leadership elections"]
    assert voting.author == "Urte March"
    assert voting.summary is not None and voting.summary.startswith("VOTING IS open")
    assert voting.summary.endswith("the need to…")
    tim = by_title["Starmer lays down the law with CLP discussion ban"]
    assert tim.author == "Tim Nailsea"  # "By Tim Nailsea …" names the writer; the byline the paper
    assert tim.summary is not None and tim.summary.startswith("On 12 August")
    short = by_title["Controversial launch for Labour anti-racism campaign"]
    assert short.summary == "Grassroots activist initiative expropriated by Momentum"


def test_author_archive_003() -> None:
    result = sample("003")
    assert result.layout == "author-archive"
    assert len(result.items) == 11
    assert_sane(result.items)
    assert {item.author for item in result.items} == {"Ian Lavery"}
    titles = [item.title for item in result.items]
    assert "Ian Lavery" not in titles and "22 Articles by:" not in titles
    assert titles[0] == "The Changing Face of the Enemy Within"
    assert not any(
        item.summary and item.summary.startswith("Ian Lavery is") for item in result.items
    )


def test_long_page_004() -> None:
    result = sample("004")
    assert result.layout == "long-page"
    (item,) = result.items
    assert item.title == "What we fight for!"
    assert item.content is not None and item.summary is not None
    assert item.summary.startswith("The election of Keir Starmer")
    assert len(item.summary) < 300
    bullets = [line for line in item.content.split("\n") if line.startswith("• ")]
    assert len(bullets) == 9
    assert bullets[0] == "• organises democratically and transparently;"
    paragraphs = item.content.split("\n\n")
    assert "Appeal for a democratic Labour Left Alliance" in paragraphs
    assert "Yes, I support the appeal!" in paragraphs
    assert paragraphs[0].startswith("The election of Keir Starmer")
    assert paragraphs[-1].endswith("personal information we collect about you.")
    text, _ = decode_seed(SAMPLES[4].read_bytes())
    for line in text.split("\n")[2:]:
        assert normalise_text(line).lstrip("• ") in item.content


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_reasons_explain_the_choice(path: Path) -> None:
    result = parse_file(path)
    assert result.reasons[0].startswith(f"chose {result.layout}: {len(result.items)} items")
    assert any("fit" in reason for reason in result.reasons[1:])


# -- the same layouts, written differently ------------------------------------------------


def test_listing_split_by_dashes_on_one_line() -> None:
    result = scenario("listing_dash_separated")
    assert result.layout == "listing"
    assert [item.title for item in result.items] == [
        "Rent strike spreads to Salford",
        "Council votes down library closures",
        "Bus drivers win 9% pay rise",
        "Hospital cleaners brought in-house",
        "School meals petition hits 10,000",
    ]
    assert result.items[0].summary is not None
    assert result.items[0].summary.startswith("Tenants in three more")
    assert result.items[0].line == 3


def test_listing_split_by_colons_on_one_line() -> None:
    page = (
        "Pay deal agreed: The union has accepted an offer worth 7% over two years.\n"
        "Ballot opens: Members at the depot will vote on strike action from Monday.\n"
        "Rally on Saturday: Join us at noon outside the town hall to support the strikers.\n"
    )
    result = parse_page(page)
    assert result.layout == "listing"
    assert [item.title for item in result.items] == [
        "Pay deal agreed",
        "Ballot opens",
        "Rally on Saturday",
    ]


def test_bylines_posted_on_date_by_name() -> None:
    result = scenario("listing_bylines_posted_on")
    assert result.layout == "listing-bylines"
    assert [(item.author, item.published) for item in result.items] == [
        ("Maria Gonzalez", datetime(2023, 2, 14, tzinfo=UTC)),
        ("Tom Hughes", datetime(2023, 1, 3, tzinfo=UTC)),
        ("Maria Gonzalez", datetime(2022, 11, 17, tzinfo=UTC)),
    ]
    assert [item.title for item in result.items][-1] == "A budget for the rich"


def test_bylines_month_first_when_the_source_says_so() -> None:
    hints = PageHints(day_first=False)
    result = scenario("listing_bylines_posted_on", hints)
    assert result.items[1].published == datetime(2023, 3, 1, tzinfo=UTC)
    # 14/02 cannot be month first, so it still reads as 14 February
    assert result.items[0].published == datetime(2023, 2, 14, tzinfo=UTC)


def test_bylines_name_line_then_iso_date_line() -> None:
    result = scenario("listing_name_then_date_lines")
    assert result.layout == "listing-bylines"
    assert [(item.author, item.published) for item in result.items] == [
        ("Aisha Rahman", datetime(2022, 9, 12, tzinfo=UTC)),
        ("Daniel O'Connor", datetime(2022, 8, 30, tzinfo=UTC)),
        ("Aisha Rahman", datetime(2022, 8, 1, tzinfo=UTC)),
    ]
    assert all(item.summary and item.summary.endswith(".") for item in result.items)


def test_bylines_between_title_and_standfirst() -> None:
    result = scenario("listing_byline_under_title")
    assert result.layout == "listing-bylines"
    assert [(item.title, item.author, item.published) for item in result.items] == [
        ("Nurses reject the pay offer", "Jane Doe", datetime(2022, 9, 12, tzinfo=UTC)),
        ("Postal workers walk out again", "John Smith", datetime(2022, 10, 2, tzinfo=UTC)),
        ("Teachers balloted over funding", "Jane Doe", datetime(2022, 9, 12, tzinfo=UTC)),
    ]
    assert all(item.summary for item in result.items)


def test_bylines_that_are_only_american_dates() -> None:
    result = scenario("listing_dates_american")
    assert result.layout == "listing-bylines"
    assert [item.published for item in result.items] == [
        datetime(2022, 9, 12, tzinfo=UTC),
        datetime(2022, 9, 2, tzinfo=UTC),
        datetime(2022, 8, 28, tzinfo=UTC),
    ]
    assert {item.author for item in result.items} == {None}


def test_bylines_mixed_forms() -> None:
    result = scenario("listing_by_lines_dash_dates")
    assert [(item.author, item.published) for item in result.items] == [
        ("Priya Patel", datetime(2022, 9, 12, tzinfo=UTC)),
        ("Owen Clarke", None),
        (None, datetime(2022, 9, 12, tzinfo=UTC)),
    ]


def test_headlines_dated_on_their_own_line() -> None:
    page = (
        "Campaign newsletter archive\n\n"
        "03/04/2024 - This week: hearing and canvass on Saturday\n"
        "02/27/2024 - We packed City Hall and here is what comes next\n"
        "02/20/2024 - Transit town hall recap and three ways to plug in\n"
    )
    result = parse_page(page, hints=PageHints(day_first=False))
    assert [(item.title, item.published) for item in result.items] == [
        ("This week: hearing and canvass on Saturday", datetime(2024, 3, 4, tzinfo=UTC)),
        ("We packed City Hall and here is what comes next", datetime(2024, 2, 27, tzinfo=UTC)),
        ("Transit town hall recap and three ways to plug in", datetime(2024, 2, 20, tzinfo=UTC)),
    ]
    page = "\n".join(
        f"{title} – {day} February 2024"
        for title, day in (
            ("Congress debates a four-day week", 26),
            ("Cleaners at the city hospital win back pay", 20),
        )
    )
    assert [(item.title, item.published) for item in parse_page(page).items] == [
        ("Congress debates a four-day week", datetime(2024, 2, 26, tzinfo=UTC)),
        ("Cleaners at the city hospital win back pay", datetime(2024, 2, 20, tzinfo=UTC)),
    ]


def test_bylines_under_the_standfirst_on_a_page_without_blank_lines() -> None:
    stories = [
        ("Bus routes in the villages: we keep at it", "Jens Petersen", 8),
        ("Rosa Luxemburg day: roses and demands at the market", "Maren Lüth", 7),
        ("Maternity ward must stay open, say the midwives", "Okan Arslan", 4),
    ]
    page = "Latest from the district party\n" + "".join(
        f"{title}\nWe handed out leaflets and spoke to hundreds of people in the town.\n"
        f"Posted on 0{day}.03.2024 by {name}\nRead more »\n"
        for title, name, day in stories
    )
    page += "Join the party in your county\n"
    assert [(i.title, i.author, i.published) for i in parse_page(page).items] == [
        (title, name, datetime(2024, 3, day, tzinfo=UTC)) for title, name, day in stories
    ]


def test_a_headline_standing_alone_between_stories_is_one() -> None:
    page = "".join(
        f"{title}\n{text}\n\n"
        for title, text in (
            ("Residents draw up their own plan for the park", "Over 300 came to the day."),
            ("Stop the library closing on Sundays", "Sign the petition by Friday."),
            ("Free legal advice sessions restart at the centre", ""),
            ("Damp and mould survey results are in", "Two thirds reported damp."),
        )
    )
    titles = [item.title for item in parse_page(page).items]
    assert titles[2] == "Free legal advice sessions restart at the centre"
    assert len(titles) == 4


def test_a_rating_is_metadata() -> None:
    page = "".join(
        f"★★★★☆\nReviewed by {name} · {day} March 2024\n{title}\nA novel of the docks.\n\n"
        for name, day, title in (
            ("Daniel Achebe", 4, "The Salt Road by Imogen Hale"),
            ("Harriet Lumley", 1, "Tidewater by Marcus Oyelowo"),
        )
    )
    result = parse_page(page)
    assert [(i.title, i.author) for i in result.items] == [
        ("The Salt Road by Imogen Hale", "Daniel Achebe"),
        ("Tidewater by Marcus Oyelowo", "Harriet Lumley"),
    ]
    assert "meta" in result.lines[0][1]


def test_link_aggregator_rows() -> None:
    page = (
        "  1. ▲ A from-scratch TCP stack in 900 lines of Zig (notes.kestrel.example)\n"
        "       412 points by mkoval 5 hours ago | hide | 138 comments\n"
        "  2. ▲ Why SQLite uses B-trees and not LSM trees (sqlite-notes.example)\n"
        "       173 points by r_ostrowski 11 hours ago | hide | 64 comments\n"
    )
    result = parse_page(page, saved=datetime(2024, 3, 7, 10, 20, tzinfo=UTC))
    assert [(i.title, i.author, i.published) for i in result.items] == [
        (
            "A from-scratch TCP stack in 900 lines of Zig",
            None,
            datetime(2024, 3, 7, 5, 20, tzinfo=UTC),
        ),
        (
            "Why SQLite uses B-trees and not LSM trees",
            None,
            datetime(2024, 3, 6, 23, 20, tzinfo=UTC),
        ),
    ]


def test_dates_are_local_to_the_source_timezone() -> None:
    result = scenario("listing_dates_american", PageHints(timezone="America/Chicago"))
    assert result.items[0].published == datetime(2022, 9, 12, 5, tzinfo=UTC)
    london = scenario("listing_bylines_posted_on", PageHints(timezone="Europe/London"))
    assert london.items[0].published == datetime(2023, 2, 14, tzinfo=UTC)  # GMT in winter
    assert london.items[2].published == datetime(2022, 11, 17, tzinfo=UTC)


def test_archive_with_posts_by_header() -> None:
    result = scenario("archive_posts_by")
    assert result.layout == "author-archive"
    assert [item.title for item in result.items] == [
        "Evictions are rising again",
        "The truth about empty homes",
        "Why rent controls work",
    ]
    assert {item.author for item in result.items} == {"Jane Doe"}


ARCHIVE_BODY = (
    "Rents are rising again\n\n"
    "Landlords have pushed up rents by 9% in a year, the figures show.\n\n"
    "A win in Hackney\n\nTenants have forced a landlord to carry out repairs after a rent strike.\n"
)


@pytest.mark.parametrize(
    "header",
    [
        "Articles by Jane Doe",
        "Posts by: Jane Doe",
        "Author: Jane Doe",
        "All stories by Jane Doe",
        "Jane Doe — 14 articles",
        "14 Articles by:\n\nJane Doe",
        "14 Articles by:\n\nJane Doe\n\nJane Doe is a housing campaigner in east London.",
    ],
)
def test_archive_header_wordings(header: str) -> None:
    result = parse_page(f"{header}\n\n{ARCHIVE_BODY}")
    assert result.layout == "author-archive"
    assert [item.title for item in result.items] == ["Rents are rising again", "A win in Hackney"]
    assert {item.author for item in result.items} == {"Jane Doe"}


def test_long_page_with_numbered_list() -> None:
    result = scenario("long_page_numbered_list")
    assert result.layout == "long-page"
    (item,) = result.items
    assert item.title == "Our programme for the council elections"
    assert item.content is not None
    bullets = [line for line in item.content.split("\n") if line.startswith("• ")]
    assert bullets == [
        "• No cuts to services and no rise in council tax for the lowest bands.",
        "• Bring outsourced contracts back in-house when they expire.",
        "• A council house building programme of 1,000 homes a year.",
        "• Free school meals for every primary school pupil.",
    ]
    assert "\n\nWhat we will fight for\n\n" in item.content
    assert item.content.endswith("in every ward of the borough.")


def test_teasers_from_another_site() -> None:
    result = scenario("teasers_other_site")
    assert result.layout == "teasers"
    assert len(result.items) == 8
    assert_sane(result.items)
    summaries = [item.summary or "" for item in result.items]
    assert not any(
        "News | Analysis" in s or "Book online" in s or "Sign up" in s for s in summaries
    )
    festival = result.items[3]
    # the sentence goes on past its clause: the title says it was cut
    assert festival.title == "Edinburgh's festival workers are organising for better pay…"
    assert festival.summary is not None and festival.summary.endswith("over 300 members.")


def test_listing_with_numbered_titles() -> None:
    result = scenario("listing_numbered_titles")
    assert result.layout == "listing"
    assert [item.title for item in result.items] == [
        "The miners' strike, forty years on",
        "Women Against Pit Closures",
        "Policing the picket lines",
        "Lesbians and Gays Support the Miners",
    ]


def test_listing_with_navigation_and_footer() -> None:
    result = scenario("listing_with_nav_and_footer")
    assert result.layout == "listing"
    assert [item.title for item in result.items] == [
        "Bangladesh garment workers win wage rise",
        "French pension protests enter third month",
        "Chile's new constitution rejected",
    ]
    assert_sane(result.items)
    assert all(item.summary and "Read more" not in item.summary for item in result.items)


def test_listing_with_html_left_in_titles() -> None:
    result = scenario("listing_html_left_in_titles")
    assert [item.title for item in result.items] == [
        "Pay & conditions: the new offer",
        "Why 3 < 5 matters",
        "Reps conference report",
    ]
    summaries = [item.summary for item in result.items]
    assert (
        summaries[0]
        == "The employers’ offer is worth less than half of inflation, the union's negotiators say."
    )
    assert summaries[1] is not None and '"a < b"' in summaries[1]


@pytest.mark.parametrize(
    "name",
    [
        "listing_crlf_endings",
        "listing_cp1252",
        "listing_utf16_bom",
        "listing_utf8_bom_cr_endings",
    ],
)
def test_encodings_and_line_ends_read_the_same(name: str) -> None:
    result = scenario(name)
    assert result.layout == "listing-bylines"
    assert [(item.title, item.author, item.line) for item in result.items] == [
        ("Café workers win union recognition", "Jane Doe", 1),
        ("“Fire and rehire” ban promised", "John Smith", 7),
    ]
    assert result.items[1].published == datetime(2022, 10, 2, tzinfo=UTC)
    assert (
        result.items[0].summary is not None
        and "90% for recognition – a first" in result.items[0].summary
    )


def test_blog_listing_with_posted_by_and_continue_reading() -> None:
    result = scenario("listing_blog_posted_by_admin")
    assert result.layout == "listing-bylines"
    assert [(i.title, i.author, i.published) for i in result.items] == [
        # "Posted by admin": the site's account, not a writer
        ("Why the Tories fear a general strike", None, datetime(2022, 9, 12, tzinfo=UTC)),
        ("Housing: the crisis nobody voted for", "Sam Okafor", datetime(2022, 9, 5, tzinfo=UTC)),
        ("What does 'levelling up' actually mean?", None, datetime(2022, 8, 29, tzinfo=UTC)),
    ]
    assert_sane(result.items)


def test_listing_under_a_site_name() -> None:
    result = scenario("listing_site_name_header")
    assert result.layout == "listing"
    assert [item.title for item in result.items] == [
        "Strike at the docks enters second week",
        "Council cuts: what they mean for you",
        "Are the railways about to be renationalised?",
    ]


def test_long_page_with_dash_and_star_bullets() -> None:
    result = scenario("long_page_dash_bullets")
    assert result.layout == "long-page"
    (item,) = result.items
    assert item.title == "About the Campaign for a Living Wage"
    assert item.content is not None
    paragraphs = item.content.split("\n\n")
    assert paragraphs[1:3] == [
        "Our demands",
        "• A real living wage for all workers, including under-25s\n"
        "• Guaranteed hours for those who want them\n"
        "• An end to fire and rehire\n"
        "• Sick pay from day one",
    ]
    assert paragraphs[-1].startswith("Contact us at the address below")


def test_archive_with_count_header_and_date_lines() -> None:
    result = scenario("archive_count_header_dated")
    assert result.layout == "author-archive"
    assert [(i.title, i.author, i.published) for i in result.items] == [
        ("Rents are rising again", "Jane Doe", datetime(2022, 9, 12, tzinfo=UTC)),
        ("A win in Hackney", "Jane Doe", datetime(2022, 9, 3, tzinfo=UTC)),
    ]


def test_teasers_with_read_more_links() -> None:
    result = scenario("teasers_read_more_links")
    assert result.layout == "teasers"
    assert len(result.items) == 4
    assert [item.line for item in result.items] == [1, 3, 5, 7]


NURSES = "Nurses reject the pay offer"
POSTAL = "Postal workers walk out"
VOTED = "Members voted to reject the offer."
STRIKE = "Royal Mail workers held a strike."
SEP12 = datetime(2022, 9, 12, tzinfo=UTC)
OCT2 = datetime(2022, 10, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            f"12 September 2022\n{NURSES}\n{VOTED}\n\n2 October 2022\n{POSTAL}\n{STRIKE}\n",
            [(NURSES, None, SEP12, VOTED), (POSTAL, None, OCT2, STRIKE)],
            id="date-above-title",
        ),
        pytest.param(
            f"{NURSES}\nBy Jane Doe\n12 September 2022\n{VOTED}\n\n"
            f"{POSTAL}\nBy John Smith\n2 October 2022\n{STRIKE}\n",
            [(NURSES, "Jane Doe", SEP12, VOTED), (POSTAL, "John Smith", OCT2, STRIKE)],
            id="name-and-date-lines-under-title",
        ),
        pytest.param(
            f"{NURSES}\n{VOTED}\nBy Jane Doe\n12 September 2022\n\n"
            f"{POSTAL}\n{STRIKE}\nBy John Smith\n2 October 2022\n",
            [(NURSES, "Jane Doe", SEP12, VOTED), (POSTAL, "John Smith", OCT2, STRIKE)],
            id="by-line-then-date-line",
        ),
        pytest.param(
            f"{NURSES}\n\n{VOTED}\n\nJane Doe\n\n{POSTAL}\n\n{STRIKE}\n\nJohn Smith\n",
            [(NURSES, "Jane Doe", None, VOTED), (POSTAL, "John Smith", None, STRIKE)],
            id="bare-name-under-standfirst",
        ),
        pytest.param(
            f"{NURSES}\n12 September 2022\n\n{POSTAL}\n2 October 2022\n",
            [(NURSES, None, SEP12, None), (POSTAL, None, OCT2, None)],
            id="titles-and-dates-only",
        ),
        pytest.param(
            f"Latest news\n\n{NURSES}\n\n{VOTED}\n\nMore stories\n\n{POSTAL}\n\n{STRIKE}\n",
            [(NURSES, None, None, VOTED), (POSTAL, None, None, STRIKE)],
            id="section-headings-are-not-items",
        ),
    ],
)
def test_listing_variants(
    page: str, expected: list[tuple[str, str | None, datetime | None, str | None]]
) -> None:
    result = parse_page(page)
    dated_or_signed = expected[0][1] is not None or expected[0][2] is not None
    assert result.layout == ("listing-bylines" if dated_or_signed else "listing")
    assert [(i.title, i.author, i.published, i.summary) for i in result.items] == expected


def test_headlines_alone_are_teasers() -> None:
    result = parse_page(f"{NURSES}\n{POSTAL}\nTeachers balloted over funding\n")
    assert result.layout == "teasers"
    assert [item.title for item in result.items] == [
        NURSES,
        POSTAL,
        "Teachers balloted over funding",
    ]


def test_article_with_byline_and_short_paragraphs_is_a_long_page() -> None:
    page = (
        f"{NURSES}\n\nBy Jane Doe, 12 September 2022\n\n"
        "Members of the nurses' union have voted by a large majority to reject the offer.\n\n"
        "The result opens the way to a strike ballot this autumn, the first in its history.\n\n"
        "The government said the offer was fair and final.\n"
    )
    result = parse_page(page)
    assert result.layout == "long-page"
    (item,) = result.items
    assert (item.title, item.author, item.published) == (NURSES, "Jane Doe", SEP12)
    assert item.content is not None and item.content.count("\n\n") == 2


def test_teasers_with_dates_under_them() -> None:
    page = f"{VOTED}\n12 September 2022\n{STRIKE}\n2 October 2022\n"
    result = parse_page(page)
    assert result.layout == "teasers"
    assert [(i.summary, i.published) for i in result.items] == [(VOTED, SEP12), (STRIKE, OCT2)]


# -- hints and errors ---------------------------------------------------------------------


def test_hints_force_author_and_layout() -> None:
    text = (SCENARIOS / "listing_numbered_titles.txt").read_text(encoding="utf-8")
    result = parse_page(text, hints=PageHints(layout="teasers", author="Mining Heritage"))
    assert result.layout == "teasers"
    assert len(result.items) == 8
    assert {item.author for item in result.items} == {"Mining Heritage"}


def test_forced_archive_without_header_warns() -> None:
    text = (SCENARIOS / "listing_numbered_titles.txt").read_text(encoding="utf-8")
    result = parse_page(text, hints=PageHints(layout="author-archive"))
    assert len(result.items) == 4
    assert result.warnings


def test_forced_long_page_keeps_everything() -> None:
    result = scenario("listing_numbered_titles", PageHints(layout="long-page"))
    (item,) = result.items
    assert item.content is not None and "Lesbians and Gays Support the Miners" in item.content


def test_unknown_layout_or_timezone_is_a_seed_error() -> None:
    with pytest.raises(SeedError, match="unknown layout 'grid'"):
        parse_page("Title\n\nText.", hints=PageHints(layout="grid"), name="a.txt")
    with pytest.raises(SeedError, match="unknown timezone 'Mars/Olympus'") as caught:
        parse_page("Title\n\nText.", hints=PageHints(timezone="Mars/Olympus"), name="a.txt")
    assert caught.value.path == "a.txt"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t\n",
        "Read more\n\nSubscribe to our newsletter\n",
        "Home | News | About | Contact",
    ],
)
def test_pages_without_items_are_seed_errors(text: str) -> None:
    with pytest.raises(SeedError, match="no items found") as caught:
        parse_page(text, name="empty.txt")
    assert caught.value.path == "empty.txt"


def test_a_single_sentence_is_one_item() -> None:
    result = parse_page("Just one line of news about the strike.")
    assert [item.title for item in result.items] == ["Just one line of news about the strike"]
