"""Listings of registers and archives: a digitised newspaper's search results (headlines
set in capitals with full stops, the paper, its date and print page, a word count) and a
council's register of decisions (a labelled date field each record repeats, some on the
same day), on pages written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.core.models import ParseResult
from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.lines import read_all_units
from publisher.ingest.parsing.roles import META, line_symbol
from publisher.ingest.parsing.text import capitals_headline

SAVED = datetime(2025, 3, 20, 12, tzinfo=UTC)

NEWSPAPER_SEARCH = """\
Papers Past
Search the digitised newspapers

Results 1 - 4 of 2,118

DOCK LABOURERS' DISPUTE.
Evening Star (Dunedin) Wed 3 Sep 1890 Page 2
The watersiders met last night in the Choral Hall and resolved to stand by the seamen...
1,122 words

THE MARITIME STRIKE. MEETING OF DELEGATES.
Otago Daily Times Thu 4 Sep 1890 Page 3
Delegates from the several unions assembled at the Trades Hall yesterday afternoon...
768 words · 2 tags

GOLD MINERS' WAGES.
West Coast Times Fri 5 Sep 1890 Page 4
The miners of the district have forwarded a memorial asking that the old rate be restored...
503 words

THE EIGHT HOURS DEMONSTRATION.
Lyttelton Times Sat 6 Sep 1890 Page 5
The procession, which was a long one, started from the Square shortly after ten o'clock...
2,040 words · 1 comment

Help correct the text of these articles.
"""

DECISIONS = """\
Westbury Borough Council
Decisions

Decisions published between 01/03/2025 and 14/03/2025

Library Opening Hours Review
Decision Maker: Cabinet Member for Culture
Decision published: 12/03/2025
Effective from: 20/03/2025
Decision: To extend Saturday opening at the three district libraries.

Repairs to the bus shelters on Mill Road
Decision Maker: Director of Environment
Decision published: 12/03/2025
Effective from: 12/03/2025
Decision: To extend the current contract by twelve months.

Allotment Rents 2025/26
Decision Maker: Cabinet Member for Parks
Decision published: 10/03/2025
Effective from: 18/03/2025
Decision: To hold allotment rents at last year's level.

Staff Travel Policy Update
Decision Maker: Chief Executive
Decision published: 07/03/2025
Effective from: 07/03/2025
Decision: To adopt the revised policy on mileage and rail travel.
"""

OFFICERS = """\
Westbury Borough Council
Decisions

Library Opening Hours Review
Decision Maker: Cabinet
Lead officer: Priya Shah
Decision published: 12/03/2025
Decision: To extend Saturday opening at the three district libraries.

Repairs to the bus shelters on Mill Road
Decision Maker: Cabinet
Decision published: 11/03/2025
Decision: To extend the current contract by twelve months.
Lead officer: Tom Aldridge

Allotment Rents 2025/26
Decision Maker: Cabinet Member for Parks
Decision published: 10/03/2025
Decision: To hold allotment rents at last year's level.
Lead officer: Priya Shah

Staff Travel Policy Update
Decision Maker: Chief Executive
Decision published: 07/03/2025
Decision: To adopt the revised policy on mileage and rail travel.
Lead officer: Megan Doyle
"""


def _parse(text: str) -> ParseResult:
    return parse_page(text, saved=SAVED)


@pytest.mark.parametrize(
    "line",
    ["THE STRIKE IN THE WEST. ARREST OF UNION LEADERS.", "END OF THE STRIKE.", "GRÈVE À LYON."],
)
def test_a_headline_in_capitals_keeps_its_full_stops(line: str) -> None:
    (unit,) = read_all_units(line, saved=SAVED)
    assert capitals_headline(line)
    assert unit.title_like


@pytest.mark.parametrize(
    "line", ["The strike is over.", "OK.", "Members met in the hall. ALL OUT."]
)
def test_a_sentence_is_no_headline_in_capitals(line: str) -> None:
    assert not capitals_headline(line)


@pytest.mark.parametrize(
    "line", ["1,204 words", "2,310 words · 3 tags", "850 Wörter", "1.200 palabras", "640 mots"]
)
def test_a_word_count_is_metadata(line: str) -> None:
    (unit,) = read_all_units(line, saved=SAVED)
    assert line_symbol(unit)[0] == META


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Otago Daily Times Thu 4 Sep 1890 Page 3", date(1890, 9, 4)),
        ("Evening Star (Dunedin) Wed 3 Sep 1890 Page 2", date(1890, 9, 3)),
        ("El Sol · 12 marzo 2025 · pág. 7", date(2025, 3, 12)),
    ],
)
def test_a_paper_its_date_and_print_page_date_the_piece(line: str, day: date) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None and byline.published is not None
    assert byline.published.date() == day


def test_a_digitised_newspapers_results_are_read_one_a_headline() -> None:
    result = _parse(NEWSPAPER_SEARCH)
    assert [item.title for item in result.items] == [
        "DOCK LABOURERS' DISPUTE.",
        "THE MARITIME STRIKE. MEETING OF DELEGATES.",
        "GOLD MINERS' WAGES.",
        "THE EIGHT HOURS DEMONSTRATION.",
    ]
    assert [item.published.date() for item in result.items if item.published] == [
        date(1890, 9, 3),
        date(1890, 9, 4),
        date(1890, 9, 5),
        date(1890, 9, 6),
    ]


def test_a_registers_date_field_dates_each_record_though_two_share_a_day() -> None:
    result = _parse(DECISIONS)
    assert [item.title for item in result.items] == [
        "Library Opening Hours Review",
        "Repairs to the bus shelters on Mill Road",
        "Allotment Rents 2025/26",
        "Staff Travel Policy Update",
    ]
    assert [item.published.date() for item in result.items if item.published] == [
        date(2025, 3, 12),
        date(2025, 3, 12),
        date(2025, 3, 10),
        date(2025, 3, 7),
    ]


def test_a_field_most_records_hold_as_no_byline_signs_none_of_them() -> None:
    result = _parse(OFFICERS)
    assert len(result.items) == 4
    assert [item.author for item in result.items] == [None, None, None, None]
