"""Records written as fields, as registers and databases print them: a legislature's search
results (a number and a kind over each title, then "Label: value" lines, some values shared
by several records) and a table copied out of a browser (a tab between cells), on pages
written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.lines import read_all_units
from publisher.ingest.parsing.references import number_first

SAVED = datetime(2025, 3, 24, 9, tzinfo=UTC)

BILLS = """\
Ashdown State Legislature
Bill search results

Session: 2025 Regular · Sort: newest first

------------------------------------------------------------
25.0412 | Bill
Paid family leave for home care workers
Introduced by: Carla Mendes (D, 14th)
Introduced: 18 March 2025
Chamber: House
Stage: Not yet considered
Referred to: Committee on Labor, Industry and Commerce
Cosponsors: 31
------------------------------------------------------------
25.0388 | Question
Why does the state still pay contractors below the living wage?
Introduced by: Peter Holm (R, 3rd)
Introduced: 14 March 2025
Chamber: Senate
Stage: Answer due 28 March 2025
Referred to: Department of Administration
------------------------------------------------------------
25.0397 | Study request
Report on the effects of automated scheduling on retail staff
Introduced by: Joanna Whitcombe (D, 22nd)
Introduced: 13 March 2025
Chamber: House
Stage: Not yet considered
Referred to: Committee on Labor, Industry and Commerce
Cosponsors: 12
------------------------------------------------------------
25.0371 | Bill
Heat illness standards for outdoor workers
Introduced by: Luis Ortega (D, 9th)
Introduced: 26 February 2025
Chamber: House
Stage: Passed the House on 20 March 2025
Referred to: Committee on Health
------------------------------------------------------------
24.0350 | Resolution
Repeal of the apprenticeship wage exemption
Introduced by: Mary O'Driscoll (D, 11th)
Introduced: 20 February 2025
Chamber: Senate
Stage: Withdrawn
Referred to: Committee on Commerce
Cosponsors: 4
------------------------------------------------------------
Page 1 of 9 · Next ›
"""


def test_a_registers_records_are_read_under_their_number_and_kind() -> None:
    """The number and kind over each title is its reference, not its headline, and a field
    two records share a value of ("Stage: Not yet considered") is still a field: no title."""
    result = parse_page(BILLS, saved=SAVED)
    assert [(i.title, i.author, i.published and i.published.date()) for i in result.items] == [
        ("Paid family leave for home care workers", "Carla Mendes", date(2025, 3, 18)),
        (
            "Why does the state still pay contractors below the living wage?",
            "Peter Holm",
            date(2025, 3, 14),
        ),
        (
            "Report on the effects of automated scheduling on retail staff",
            "Joanna Whitcombe",
            date(2025, 3, 13),
        ),
        ("Heat illness standards for outdoor workers", "Luis Ortega", date(2025, 2, 26)),
        ("Repeal of the apprenticeship wage exemption", "Mary O'Driscoll", date(2025, 2, 20)),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("25.3187 | Motion", True),
        ("24-PA-0913 · Grievance arbitration", True),
        ("ADJ-00052 – Decision", True),
        ("3 – Labour wins the seat", False),  # a count, not a code
        ("2024 | Review of the year in the unions", False),
        ("25.3187 | Motion to raise the minimum wage for apprentices now", False),
    ],
)
def test_a_documents_number_then_its_kind_is_a_reference(line: str, expected: bool) -> None:
    assert number_first(line) is expected


def test_a_table_copied_from_a_browser_is_read_cell_by_cell() -> None:
    page = (
        "Case\tParties\tArbitrator\tAward date\n"
        "24-0913\tMetro Transit and Transit Workers Local 1005\tHannah Lind\t02/27/2025\n"
        "24-0877\tRiver School District and Teachers Local 28\tRoland Ibarra\t02/24/2025\n"
        "24-0861\tHale County and Council 5, Local 552\tSandra Meyer\t02/19/2025\n"
    )
    texts = [unit.text for unit in read_all_units(page, saved=SAVED)]
    assert "Metro Transit and Transit Workers Local 1005" in texts
    assert "Hannah Lind" in texts
    assert "River School District and Teachers Local 28" in texts
    assert not any(
        "\t" in text or ("Roland Ibarra" in text and text != "Roland Ibarra") for text in texts
    )


AWARDS = (
    "Mediation Board of Ashdown\n"
    "Arbitration awards\n"
    "\n"
    "Case No.\tParties\tArbitrator\tIssue\tAward date\tDocument\n"
    "24-0913\tMetro Transit and Transit Workers Local 1005\tHannah Lind"
    "\tDischarge – bus operator; preventable accidents\t02/27/2025\tPDF\n"
    "24-0877\tRiver School District and Teachers Local 28\tRoland Ibarra"
    "\tContract interpretation – preparation time\t02/24/2025\tPDF\n"
    "24-0861\tHale County and Council 5, Local 552\tSandra Meyer"
    "\tSuspension – social worker; caseload records\t02/19/2025\tPDF\n"
    "24-0840\tState University and Teamsters Local 320\tPeter Nakamura"
    "\tOvertime distribution – facilities staff\t02/14/2025\tPDF\n"
    "\n"
    "Awards are posted as arbitrators send them.\n"
)


def test_a_tabled_row_of_two_title_like_cells_is_one_record() -> None:
    """The parties and the issue both read as headlines; a row is still one award."""
    result = parse_page(AWARDS, saved=SAVED)
    assert [(i.title, i.author, i.published and i.published.date()) for i in result.items] == [
        ("Metro Transit and Transit Workers Local 1005", "Hannah Lind", date(2025, 2, 27)),
        ("River School District and Teachers Local 28", "Roland Ibarra", date(2025, 2, 24)),
        ("Hale County and Council 5, Local 552", "Sandra Meyer", date(2025, 2, 19)),
        ("State University and Teamsters Local 320", "Peter Nakamura", date(2025, 2, 14)),
    ]
