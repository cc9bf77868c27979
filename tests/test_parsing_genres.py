"""A wire's "Genre: who" line under each title (genres.py): a person named there writes
the record, an organisation only issues it."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page

SAVED = datetime(2025, 5, 2, 18, 0, tzinfo=UTC)

_WIRE = """\
THE LABOUR WIRE
Every release, column and speech on work, as it lands

Work | Health | Housing | Politics

Dockers Ballot Over New Shift Patterns
Friday, 2 May 2025, 3:10 pm
Press Release: Harbour Workers Union
Members at both container terminals will vote on strike action from Monday... More >>

What The Pay Equity Ruling Means For Care Workers
Friday, 2 May 2025, 11:02 am
Column: Mereana Tipene
The judgment is short, but it will reshape bargaining across the care sector... More >>

Minister Opens Regional Skills Hub
Thursday, 1 May 2025, 4:45 pm
Speech: Ministry Of Education
Thank you all for coming today to open this building... More >>

Why Apprenticeships Stall After Year Two
Thursday, 1 May 2025, 9:30 am
Opinion: Daniel Okoro, University of Otago
Completion rates tell us less than we think about who stays in a trade... More >>

Rail Freight Figures Show Steady Growth
Wednesday, 30 April 2025, 2:15 pm
Press Release: Freight Association
More >>
"""


def test_a_genre_line_names_the_writer_or_the_issuer() -> None:
    # the rules' reading: the labeller retrained on 810 pages doubts the first record
    # under the nav row (title probability 0.12), a weakness of its own
    result = parse_page(_WIRE, saved=SAVED, labeller=None)
    assert [(i.title, i.author) for i in result.items] == [
        ("Dockers Ballot Over New Shift Patterns", None),
        ("What The Pay Equity Ruling Means For Care Workers", "Mereana Tipene"),
        ("Minister Opens Regional Skills Hub", None),
        ("Why Apprenticeships Stall After Year Two", "Daniel Okoro"),
        ("Rail Freight Figures Show Steady Growth", None),
    ]


def test_labelled_lines_naming_no_one_are_left_alone() -> None:
    """A search form's criteria ("Status: All") under a heading name no writer."""
    page = _WIRE.replace("Column: Mereana Tipene", "Status: Published").replace(
        "Opinion: Daniel Okoro, University of Otago", "Type: Opinion"
    )
    result = parse_page(page, saved=SAVED)
    assert all(item.author is None for item in result.items)
