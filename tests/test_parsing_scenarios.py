"""The five layouts as other sites write them: pages scraped from news sites, blogs, union
and campaign sites and magazine archives (tests/data/seeds/<scenario>.txt), each read as a
reader would: the right layout, one item per story, no site furniture, clean titles, and
the right authors and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from publisher.core.models import ParsedItem, ParseResult
from publisher.ingest.parsing import decode_seed, parse_page

SCENARIOS = Path(__file__).resolve().parent / "data" / "seeds"
# Words of site furniture that no title or summary should carry.
FURNITURE = (
    "read more",
    "continue reading",
    "cookie",
    "share on",
    "share this",
    "tags:",
    "categories:",
    "comments (",
    "showing 1",
    "page 1 of",
    "next page",
    "older posts",
    "©",
    "rights reserved",
    "lire la suite",
    "weiterlesen",
    "leer más",
    "(more…)",
    "follow ",
    "related:",
)

Row = tuple[str, str | None, date | None]


def parse(name: str) -> ParseResult:
    text, _ = decode_seed((SCENARIOS / f"{name}.txt").read_bytes(), name=name)
    return parse_page(text, name=name)


def rows(items: tuple[ParsedItem, ...]) -> list[Row]:
    return [(i.title, i.author, i.published.date() if i.published else None) for i in items]


def assert_clean(result: ParseResult) -> None:
    """Titles one short line with no kicker, numbering or heading mark; no furniture."""
    for item in result.items:
        assert item.title and "\n" not in item.title and len(item.title) <= 100
        assert item.title == item.title.strip()
        assert not item.title.startswith(("#", "•", "* ", "- ", "NEWS", "OPINION"))
        assert not item.title.isupper()
        assert item.published is None or item.published.tzinfo is UTC
        for text in (item.title, item.summary or "", item.content or ""):
            assert not any(word in text.lower() for word in FURNITURE), text
    lines = [item.line for item in result.items]
    assert lines == sorted(lines)


D = date
EXPECTED: dict[str, tuple[str, list[Row]]] = {
    "listing_kicker_lines": (
        "listing",
        [
            ("Bus drivers in Leeds vote for strike action", None, None),
            ("Why the minimum wage still isn't enough", "Rachel Adeyemi", None),
            ("Chile's copper miners shut down Escondida", None, None),
            ('Review: "Pride" ten years on', None, None),
            ("Council tenants win repairs after 18-month campaign", None, None),
        ],
    ),
    "listing_bylines_pipe": (
        "listing-bylines",
        [
            ("Housing minister resigns over planning row", "Jane Doe", D(2024, 3, 3)),
            ("Water bills to rise by 21% from April", "Mark Ellison", D(2024, 3, 2)),
            ("Q&A: What the new tenancy rules mean for you", "Jane Doe", D(2024, 2, 28)),
            (
                '"We were treated like criminals": nurses speak out',
                "Priya Natarajan",
                D(2024, 2, 27),
            ),
        ],
    ),
    "listing_bylines_name_comma_date": (
        "listing-bylines",
        [
            ("Organising the gig economy: lessons from Deliveroo", "Jane Doe", D(2024, 3, 3)),
            ("Ten years of the bedroom tax", "Tom O'Brien", D(2024, 2, 24)),
            ("Is the four-day week coming to the public sector?", "Jane Doe", D(2024, 2, 12)),
        ],
    ),
    "bylines_date_dash_name": (
        "listing-bylines",
        [
            ('Postal workers reject the "modernisation" deal', "Jane Doe", D(2024, 3, 3)),
            ("Teachers' ballot closes with record turnout", "Kwame Mensah", D(2024, 2, 28)),
            ("Why the sell-off of Royal Mail still matters", "Jane Doe", D(2024, 2, 21)),
        ],
    ),
    "listing_words_published_labels": (
        "listing-bylines",
        [
            ("The long road back to the picket line", "Jane Doe", D(2024, 3, 3)),
            ("Inside the Amazon warehouse vote", "Samira Haddad", D(2024, 2, 14)),
            ("Can unions win in the care sector?", "Jane Doe", D(2024, 1, 30)),
        ],
    ),
    "listing_date_line_then_name_line": (
        "listing-bylines",
        [
            ("Leicester library workers win living wage", "Harriet Cole", D(2022, 9, 12)),
            ("Tower Hamlets refuse collectors return to work", "Ben Osei", D(2022, 9, 5)),
            ("Sheffield cinema staff join union", "Harriet Cole", D(2022, 8, 29)),
        ],
    ),
    "listing_bylines_posted_on_by_tags": (
        "listing-bylines",
        [
            ("May Day march route announced", "Jane Doe", D(2024, 3, 3)),
            ("Solidarity with the Hillside strikers", "Gareth Lloyd", D(2024, 2, 26)),
            ("New affiliates welcomed", "Jane Doe", D(2024, 2, 19)),
        ],
    ),
    "listing_one_line_bylines_dot_sep": (
        "listing-bylines",
        [
            ("Why we're balloting again", "Jane Doe", D(2024, 3, 3)),
            ("Meet the reps: Sunita at the depot", "Harry Webb", D(2024, 2, 26)),
            ("From the archive: the 1972 dock strike", "Jane Doe", D(2024, 2, 19)),
        ],
    ),
    "listing_hard_wrapped_standfirsts": (
        "listing",
        [
            ("The strike that changed Britain: Grunwick at forty-five", None, None),
            ('Why "levelling up" was never going to work', None, None),
            ("Five lessons from the Felixstowe dock strike", None, None),
            ('Interview: "We built the union one canteen at a time"', None, None),
        ],
    ),
    "listing_separator_rules": (
        "listing",
        [
            ("Glasgow care workers accept improved offer", None, None),
            ("Ferry crews to ballot over P&O-style contracts", None, None),
            ("Edinburgh bin strike: the lessons one year on", None, None),
            ("Students occupy Aberdeen university buildings", None, None),
        ],
    ),
    "listing_no_blank_lines": (
        "listing",
        [
            ("Members back new pay claim", None, None),
            ("Ballot result in Wales announced", None, None),
            ("Union wins tribunal case over unfair dismissal", None, None),
            ("Regional officers to be balloted", None, None),
        ],
    ),
    "listing_titles_with_punctuation": (
        "listing",
        [
            ('"Enough is enough": 50,000 march in London', None, None),
            ("Q&A: Can a general strike be legal?", None, None),
            ("2024: the year of the ballot?", None, None),
            ("ANALYSIS: Who really owns Britain's water?", None, None),
            ("7 things you need to know about the Strikes Act", None, None),
            ("Is it time to scrap the House of Lords?", None, None),
        ],
    ),
    "listing_french_dates": (
        "listing-bylines",
        [
            (
                "Grève nationale dans l'éducation : une mobilisation historique",
                "Marie Dupont",
                D(2022, 9, 12),
            ),
            ("Les cheminots obtiennent une prime exceptionnelle", "Jean-Luc Martin", D(2022, 8, 1)),
            ("Salaires : pourquoi l'indexation est indispensable", "Marie Dupont", D(2022, 7, 4)),
        ],
    ),
    "listing_german_dates": (
        "listing-bylines",
        [
            (
                "Warnstreik bei der Deutschen Bahn legt Fernverkehr lahm",
                "Hans Müller",
                D(2024, 3, 3),
            ),
            ("Pflegekräfte in Berlin erkämpfen Entlastung", "Anna Schmidt", D(2024, 2, 14)),
            ("Was bedeutet der neue Mindestlohn für Beschäftigte?", "Hans Müller", D(2024, 1, 2)),
        ],
    ),
    "listing_spanish_dates": (
        "listing-bylines",
        [
            ("Los trabajadores de Amazon en Madrid convocan huelga", "Ana García", D(2022, 9, 12)),
            ("¿Qué cambia con la nueva reforma laboral?", "Luis Fernández", D(2022, 9, 5)),
            (
                "Las kellys logran el reconocimiento de sus enfermedades profesionales",
                "Ana García",
                D(2022, 8, 29),
            ),
        ],
    ),
    "listing_spanish_no_bylines_wrapped": (
        "listing",
        [
            ("Huelga en el metal de Cádiz", None, None),
            ("Acuerdo en el convenio de hostelería", None, None),
            ("Movilizaciones por la vivienda en Barcelona", None, None),
        ],
    ),
    "archive_showing_count": (
        "author-archive",
        [
            ("Landlords face fines over damp homes", "Jane Doe", D(2024, 3, 3)),
            ("Council to buy back 500 homes from the private sector", "Jane Doe", D(2024, 2, 27)),
            ("Renters' Reform Bill: what's been watered down?", "Jane Doe", D(2024, 2, 19)),
        ],
    ),
    "archive_contributor_profile": (
        "author-archive",
        [
            ("The forgotten strike at Grunwick", "Maya Fernández", None),
            ("How the Spanish dockers beat liberalisation", "Maya Fernández", None),
            ("What the gig economy owes to the putting-out system", "Maya Fernández", None),
        ],
    ),
    "archive_stories_by_paged": (
        "author-archive",
        [
            ("Uber drivers win worker status in Spain", "Alex Morgan", D(2024, 1, 12)),
            ("The algorithm is the boss", "Alex Morgan", D(2023, 12, 3)),
            ("What happened to the four-day week?", "Alex Morgan", D(2023, 11, 21)),
        ],
    ),
    "long_page_markdown_headings": (
        "long-page",
        [("Save our NHS: why we are marching on 9 March", None, None)],
    ),
    "long_page_news_article": (
        "long-page",
        [("Refinery workers walk out as talks collapse", "Jane Doe", D(2024, 3, 3))],
    ),
    "long_page_campaign_numbered_no_markdown": (
        "long-page",
        [("Stop the closure of Hillside Library", None, D(2024, 3, 1))],  # "admin" signs
    ),
}

# Teasers: titles are derived, so the expectation is the teaser each item starts with.
TEASERS: dict[str, list[tuple[str, str | None, date | None]]] = {
    "teasers_read_more_arrows": [
        ("Hundreds of cleaners at the University of London", None, None),
        ("The government has quietly dropped", None, None),
        ("A new report finds that one in five workers", None, None),
        ("Campaigners in Bristol have won", None, None),
        ("Striking junior doctors say", None, None),
    ],
    "teasers_dated_excerpts": [
        ("The campaign to save Hillside Library", None, D(2024, 3, 3)),
        ("We are delighted to announce", None, D(2024, 2, 25)),
        ("Volunteers delivered leaflets", "Sue Whitfield", D(2024, 2, 11)),
    ],
    "teasers_news_briefs_tags": [
        ("Tube drivers on the Central line", None, None),
        ("Royal College of Nursing members", None, None),
        ("Barristers have voted", None, None),
        ("Amazon workers in Coventry", None, None),
    ],
    "teasers_bracket_ellipsis_more": [
        ("Campaigners have delivered a petition", None, None),
        ("The annual general meeting", None, None),
        ("Our new pamphlet", None, None),
        ("Volunteers are needed", None, None),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scenario_reads_as_expected(name: str) -> None:
    layout, expected = EXPECTED[name]
    result = parse(name)
    assert result.layout == layout
    assert rows(result.items) == expected
    assert_clean(result)
    if layout != "long-page":
        assert all(item.summary and item.summary.endswith((".", "?", "!")) for item in result.items)


@pytest.mark.parametrize("name", sorted(TEASERS))
def test_teaser_scenario_reads_as_expected(name: str) -> None:
    result = parse(name)
    assert result.layout == "teasers"
    assert len(result.items) == len(TEASERS[name])
    for item, (start, author, day) in zip(result.items, TEASERS[name], strict=True):
        assert item.summary is not None and item.summary.startswith(start)
        assert item.title.startswith(start)
        assert (item.author, item.published.date() if item.published else None) == (author, day)
    assert_clean(result)


def test_every_new_scenario_has_an_expectation() -> None:
    covered = set(EXPECTED) | set(TEASERS)
    assert covered <= {path.stem for path in SCENARIOS.glob("*.txt")}
    assert len(covered) >= 15


def test_hard_wrapped_standfirsts_are_joined() -> None:
    items = parse("listing_hard_wrapped_standfirsts").items
    assert items[0].summary == (
        "When Asian women workers walked out of a photo-processing plant in north-west "
        "London in 1976, few expected their dispute to draw thousands to the picket line."
    )
    # two sentences on two lines of one block are one standfirst
    assert items[3].summary is not None and items[3].summary.endswith("winning sick pay.")
    assert all(item.content is None for item in items)
    spanish = parse("listing_spanish_no_bylines_wrapped").items
    assert spanish[1].summary == (
        "Los sindicatos firman una subida salarial del 4 % para este año y del 3 % para el "
        "próximo, además de una reducción de jornada."
    )


def test_teasers_lose_their_trailing_links() -> None:
    arrows = parse("teasers_read_more_arrows").items
    assert arrows[0].summary is not None and arrows[0].summary.endswith("over sick pay.")
    excerpts = parse("teasers_dated_excerpts").items
    assert excerpts[0].summary is not None and excerpts[0].summary.endswith("church hall…")
    brackets = parse("teasers_bracket_ellipsis_more").items
    assert brackets[1].summary is not None and brackets[1].summary.endswith("to attend…")


def test_markdown_long_page_keeps_sections_without_marks() -> None:
    (item,) = parse("long_page_markdown_headings").items
    assert item.content is not None and item.summary is not None
    paragraphs = item.content.split("\n\n")
    assert "Why this matters" in paragraphs and "How you can help" in paragraphs
    assert not any(p.startswith("#") for p in paragraphs)
    bullets = [line for line in item.content.split("\n") if line.startswith("• ")]
    assert len(bullets) == 4 and bullets[0].startswith("• A fully funded")
    assert paragraphs[-1].startswith("Join us on Saturday 9 March")
    assert item.summary.startswith("The NHS is facing the deepest crisis")


def test_news_article_keeps_its_paragraphs_and_drops_its_furniture() -> None:
    (item,) = parse("long_page_news_article").items
    assert item.content is not None
    paragraphs = item.content.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("More than 1,200 contractors")
    assert (
        paragraphs[-1]
        == "Further walkouts are planned for later in the month if no agreement is reached."
    )
    assert "OK, I agree" not in item.content and "NEWS" not in item.content


def test_campaign_page_signed_at_the_foot() -> None:
    (item,) = parse("long_page_campaign_numbered_no_markdown").items
    assert item.content is not None
    assert "Posted by admin" not in item.content
    bullets = [line for line in item.content.split("\n") if line.startswith("• ")]
    assert len(bullets) == 3
    assert item.published == datetime(2024, 3, 1, tzinfo=UTC)


# -- small pages: the same signals, inline ------------------------------------------------

HEADLINES = (
    "Hundreds of cleaners at the University of London walk out in a dispute over sick pay\n"
    "Government quietly drops its promise to ban fire and rehire, leaked documents reveal\n"
    "One in five workers in Wales is paid less than the Real Living Wage, new report finds\n"
    "Campaigners in Bristol win two-year fight to keep the city's last public baths open\n"
)


def test_long_headlines_are_not_joined_or_paired() -> None:
    result = parse_page(HEADLINES)
    assert result.layout == "teasers"
    assert [item.title for item in result.items] == HEADLINES.strip().split("\n")


def test_pipe_kicker_is_not_part_of_the_title() -> None:
    page = (
        "OPINION | Why the minimum wage still isn't enough\n"
        "A decade on, families are worse off than ever, argues Rachel Adeyemi.\n\n"
        "NEWS | Bus drivers in Leeds vote for strike action\n"
        "Drivers backed walkouts by 87% on a 76% turnout, the union said.\n"
    )
    titles = [item.title for item in parse_page(page).items]
    assert titles == [
        "Why the minimum wage still isn't enough",
        "Bus drivers in Leeds vote for strike action",
    ]


def test_a_story_about_a_person_is_not_their_archive() -> None:
    page = (
        "Tony Benn\n"
        "Tony Benn was one of the most influential socialists of his generation.\n\n"
        "Nurses reject the pay offer\n"
        "Members voted by a large majority to reject the offer.\n"
    )
    result = parse_page(page)
    assert result.layout == "listing"
    assert [(item.title, item.author) for item in result.items] == [
        ("Tony Benn", None),
        ("Nurses reject the pay offer", None),
    ]


def test_a_navigation_row_in_capitals_is_still_navigation() -> None:
    page = "NEWS | SPORT | CULTURE\nNurses reject the pay offer\nMembers voted to reject it.\n"
    assert [item.title for item in parse_page(page).items] == ["Nurses reject the pay offer"]


_BRANCH_STORIES = (
    (
        "Pay talks reopen at the depot",
        "Managers agreed to meet the union on Friday after a month of overtime bans.",
    ),
    (
        "Cleaners win the living wage at the town hall",
        "After a year of lobbying the council agreed to pay every cleaner the living wage.",
    ),
    (
        "Night buses return to the estate from April",
        "The route cut in the autumn comes back after a petition reached the mayor.",
    ),
    (
        "Branch meeting moves to the library next month",
        "The room at the social club is being repaired, so we meet in the library.",
    ),
)
_BRANCH_NAMES = ("Sam Lee", "Amira Khan", "Dave Price", None)


def _branch_page(names_first: bool) -> str:
    """A branch's news page whose last story is unsigned, its names over each title or
    under each story's "Read more"."""
    blocks = ["Northgate Branch News", "Home | News | Events | Join"]
    for (title, standfirst), name in zip(_BRANCH_STORIES, _BRANCH_NAMES, strict=True):
        lines = [title, standfirst, "Read more"]
        if name is not None:
            lines = [name, *lines] if names_first else [*lines, name]
        blocks.append("\n".join(lines))
    return "\n\n".join([*blocks, "© 2024 Northgate Branch"]) + "\n"


@pytest.mark.parametrize("names_first", [False, True])
def test_an_unsigned_last_story_takes_no_name_from_the_others(names_first: bool) -> None:
    result = parse_page(_branch_page(names_first), name="branch")
    assert result.layout == "listing-bylines"
    got = [(item.title, item.author) for item in result.items]
    titles = [title for title, _ in _BRANCH_STORIES]
    assert got == list(zip(titles, _BRANCH_NAMES, strict=True))
