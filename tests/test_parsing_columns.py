"""Layouts a text dump keeps only in its spacing or numbering: a date in a column of its
own beside each headline (lines.py), and a search result's running number over its address
(context.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline

SAVED = datetime(2025, 11, 29, 19, 0, tzinfo=UTC)

_ARCHIVE = """\
The Stairwell — a newsletter from the Eastside Tenants Union
Subscribe
Archive
About

Archive

2025

Nov 24    Rent strike ledger, week 9: the landlord blinks
Nov 17    What the rent board vote actually means for you
Nov 10    Heat season is here and how to file a complaint that sticks
Nov 3     Election special: where every council candidate stands
Oct 27    Notes from the citywide tenant assembly

Older issues →
Powered by a newsletter service.
"""

_DATE_LAST = """\
Trades Council Bulletins

Budget vote recap for branch secretaries          24.11.2025
Picket rota for the depot dispute this winter     17.11.2025
Minutes of the November delegate meeting in full  10.11.2025
Why the outsourcing plan must be stopped         03.11.2025

© 2025 Trades Council
"""


def test_a_date_in_a_column_of_its_own_dates_the_headline_beside_it() -> None:
    result = parse_page(_ARCHIVE, saved=SAVED)
    assert [(i.title, i.published and i.published.date().isoformat()) for i in result.items] == [
        ("Rent strike ledger, week 9: the landlord blinks", "2025-11-24"),
        ("What the rent board vote actually means for you", "2025-11-17"),
        ("Heat season is here and how to file a complaint that sticks", "2025-11-10"),
        ("Election special: where every council candidate stands", "2025-11-03"),
        ("Notes from the citywide tenant assembly", "2025-10-27"),
    ]


def test_a_date_column_at_the_end_of_the_line_is_read_too() -> None:
    result = parse_page(_DATE_LAST, saved=SAVED)
    assert [i.title for i in result.items][:3] == [
        "Budget vote recap for branch secretaries",
        "Picket rota for the depot dispute this winter",
        "Minutes of the November delegate meeting in full",
    ]
    assert [i.published and i.published.date().isoformat() for i in result.items][:3] == [
        "2025-11-24",
        "2025-11-17",
        "2025-11-10",
    ]


_RESULTS = """\
Allied Workers Union
Join   Log in
Search

Search results for "pay deal"
Showing results 1 – 5 of 41

1. Pay deal: what happens next?
https://www.example.org/news/2025/11/pay-deal-what-happens-next
News · 26 Nov 2025 · by Eoin Brady
... now that the ballot is over, here is the timeline for the first increase under the
new agreement, the arrears and the local bargaining clause ...

2. Members vote to accept the pay deal
https://www.example.org/news/2025/11/members-vote-to-accept
News · 20 Nov 2025 · by Gráinne Walsh
... members voted by 81% to accept the proposed deal on a
turnout of 62%. The general secretary said ...

3. Arrears to be paid in the January payroll
https://www.example.org/press/arrears-january
Press release · 14 Nov 2025
... the employer has confirmed that arrears due under the deal will be
paid to all staff in the January payroll ...

4. Why we recommended a yes vote
https://www.example.org/opinion/why-yes
Opinion · 5 Nov 2025 · by Máire Nolan
... the executive met on Monday and decided to recommend
acceptance of the deal ...

Next page →
"""


def test_a_numbered_result_over_its_address_heads_its_record() -> None:
    result = parse_page(_RESULTS, saved=SAVED)
    assert result.layout == "listing-bylines"  # its records read whole, not as teasers
    assert [(i.title, i.author) for i in result.items] == [
        ("Pay deal: what happens next?", "Eoin Brady"),
        ("Members vote to accept the pay deal", "Gráinne Walsh"),
        ("Arrears to be paid in the January payroll", None),
        ("Why we recommended a yes vote", "Máire Nolan"),
    ]


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        ("Publicat: 02/12/2024 · 40 pàgines · PDF", None, date(2024, 12, 2)),
        (
            "Publicado: 11 feb. 2025 · Revisado: 3 mar. 2025 · 52 págs. · PDF (2,8 MB)",
            None,
            date(2025, 2, 11),
        ),
        ("10. 2. 2025 · 4 min čtení · 38 komentářů", None, date(2025, 2, 10)),
        ("k.walsh | 28.02.2025 21:14 | Trade Unions | Wales", "k.walsh", date(2025, 2, 28)),
    ],
)
def test_a_row_of_fields_around_a_date_dates_its_record(
    line: str, author: str | None, day: date
) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None and byline.published is not None
    assert (byline.author, byline.published.date()) == (author, day)


def test_a_row_around_a_date_with_a_sentence_in_it_is_no_byline() -> None:
    assert (
        parse_byline(
            "Adopted 4 March 2025 · the council voted to close three libraries", saved=SAVED
        )
        is None
    )


def test_a_template_placeholder_the_page_left_unfilled_is_no_text() -> None:
    page = (
        "Labour Notes Daily\n\n"
        "Dockers ballot over new shift patterns\n"
        "Jane Smith · 4 March 2025 · {{hitsCtrl.values.hits}}\n\n"
        "Care workers win back pay after tribunal ruling\n"
        "Tom Jones · 3 March 2025 · {{hitsCtrl.values.hits}}\n\n"
        "Minister opens the regional skills hub in Dundee\n"
        "Ana Ruiz · 2 March 2025 · {{hitsCtrl.values.hits}}\n"
    )
    result = parse_page(page, saved=SAVED)
    assert [(i.author, i.published and i.published.date()) for i in result.items] == [
        ("Jane Smith", date(2025, 3, 4)),
        ("Tom Jones", date(2025, 3, 3)),
        ("Ana Ruiz", date(2025, 3, 2)),
    ]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Adopté le 17/09/2024", date(2024, 9, 17)),
        ("Adopté le 25/02/2025 à l'unanimité moins 3 abstentions", date(2025, 2, 25)),
        ("Aprobado el 3 de marzo de 2025", date(2025, 3, 3)),
    ],
)
def test_a_short_phrase_saying_when_dates_its_record(line: str, day: date) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None and byline.published is not None
    assert byline.published.date() == day


@pytest.mark.parametrize(
    "line",
    [
        "The strike began on 3 March 2025 after the talks collapsed",
        "Strikes began on 3 March 2025.",
        "Fim: Seg Mar 10 18:40:11 WET 2025 e mais nada",
    ],
)
def test_a_sentence_or_a_bare_word_before_a_date_is_no_dating_phrase(line: str) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is None or byline.published is None
