"""A date's scope: the day a front page prints once over its stories names none of them,
a numbered issue's date dates every article of the issue, and a date line closing a
record's block is that record's, not the next one's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import names_weekday, parse_byline
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.fields import Record
from publisher.ingest.parsing.itemdates import date_headings, dates_to_their_items

SAVED = datetime(2025, 3, 14, 18, 0, tzinfo=UTC)

_FRONT = """\
THE HARBOUR LEDGER
Independent news for the north shore

Home | News | Labour | Housing | Opinion

Friday, March 14, 2025

Support local news: become a member today →

Dock workers vote to strike over automation plans
The union says the new cranes would cut a third of the jobs on the quay.
By Priya Sandhu

Council approves new ferry timetable
Sailings every half hour from May.

Tenants at Elm Court win repairs after a winter of leaks
The landlord agreed to a schedule of works on Tuesday.
By Kenji Tanaka

Why the shore needs its own bus company
Public control worked before and it can work again.

© 2025 The Harbour Ledger
"""


def test_the_day_a_front_page_prints_over_its_stories_dates_none() -> None:
    result = parse_page(_FRONT, saved=SAVED, labeller=None)
    assert len(result.items) == 4
    assert [item.published for item in result.items] == [None] * 4


def test_an_issue_date_over_the_list_dates_every_article() -> None:
    page = _FRONT.replace("\nFriday, March 14, 2025\n", "").replace(
        "north shore\n", "north shore\nIssue 1,412 | 6 March 2025 | £1\n"
    )  # in the masthead's block, beside the paper's name
    result = parse_page(page, saved=SAVED, labeller=None)
    assert {item.published.date() if item.published else None for item in result.items} == {
        date(2025, 3, 6)
    }


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("Tuesday, March 4, 2025", True),
        ("Édition n° 48 · mercredi 25 novembre 2026", True),
        ("2025. március 5., szerda", True),
        ("Issue 1,412 | 6 March 2024 | £1", False),
        ("Vol. 60, No. 9, 1 March 2025", False),
    ],
)
def test_a_date_written_with_its_weekday(text: str, weekday: bool) -> None:
    assert names_weekday(text) is weekday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vol. 60, Issue No. 10, 08 Mar, 2025", datetime(2025, 3, 8)),
        ("Parlamentskorrespondenz Nr. 1312 vom 30.11.2026", datetime(2026, 11, 30)),
        ("No. 5 of 12 March 2025", datetime(2025, 3, 12)),
        # a document's reference, its session's years and what was done with it that day
        ("Rapport d'information n° 431 (2024-2025), déposé le 12 mars 2025", datetime(2025, 3, 12)),
        ("Drucksache Nr. 20/1234, eingereicht am 4. März 2025", datetime(2025, 3, 4)),
        ("Report No. 17 (2024-25), published on 3 April 2025", datetime(2025, 4, 3)),
        # a wire's release code, its date and time, and who sent it
        ("OTX0187 | 12.03.2025 | 14:52 | Arbeiterkammer Wien", datetime(2025, 3, 12, 14, 52)),
    ],
)
def test_an_issue_number_before_a_date_names_no_writer(text: str, expected: datetime) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert (byline.author, byline.published) == (None, expected)


_BULLETINS = """\
Local 2291 Bulletins

Home | About | Bulletins | Contact

Members in Public Works voted 96% to ratify the letter of understanding on winter pay.
Posted Mar. 4, 2025

The Employer has agreed to reopen the staff room after the committee documented mould.
Posted Mar. 3, 2025

Our general membership meeting will be held on Tuesday, March 18 at the Legion hall.
Posted Feb. 27, 2025

The arbitrator has upheld our policy grievance on the misuse of temporary assignments.
Posted Feb. 20, 2025

« Older bulletins
"""


def test_a_date_closing_a_records_block_is_its_own() -> None:
    result = parse_page(_BULLETINS, saved=SAVED, labeller=None)
    assert [item.published.date() if item.published else None for item in result.items] == [
        date(2025, 3, 4),
        date(2025, 3, 3),
        date(2025, 2, 27),
        date(2025, 2, 20),
    ]


_STAFF = """\
Reporters / Ana Ruiz

Stories by Ana Ruiz

LABOR
The heat rule for indoor workers is a year old. Inspections have barely begun.
By Ana Ruiz
March 13, 2025

INVESTIGATIONS
The farm labor contractor with 41 violations and a state license
By Ana Ruiz and Darnell Price
Co-published with CalMatters
Feb. 27, 2025

LABOR
Fast food council sets first industry standards
By Ana Ruiz
Feb. 20, 2025

EXPLAINER
Can my employer ask about my immigration status?
By Ana Ruiz
Jan. 24, 2025
"""


def test_a_date_closing_the_block_above_dates_no_record_below() -> None:
    result = parse_page(_STAFF, saved=SAVED, labeller=None)
    dates = {item.title: item.published for item in result.items}
    contractor = "The farm labor contractor with 41 violations and a state license"
    assert dates[contractor] is None or dates[contractor].date() == date(2025, 2, 27)


_UNREAD_ABOVE = """\
Stories by Ana Ruiz

The heat rule for indoor workers is a year old. Inspections have barely begun.
By Ana Ruiz
March 13, 2025

INVESTIGATIONS
The farm labor contractor with 41 violations and a state license
By Ana Ruiz and Darnell Price

Posted on the notice board
Members in Public Works voted to ratify the letter of understanding on winter pay.
Posted Mar. 4, 2025
"""


def test_a_date_closing_a_block_dates_what_it_stands_under() -> None:
    units, syms = read_lines(_UNREAD_ABOVE).units, read_lines(_UNREAD_ABOVE).syms
    contractor = Record(indexes=[4, 5, 6])
    bulletin = Record(indexes=[8])
    dates_to_their_items(units, syms, [contractor, bulletin])
    assert contractor.indexes == [4, 5, 6]  # March 13 closes the block above: not its date
    assert bulletin.indexes == [8, 9]  # the date under the teaser, closing its block


_ARTICLES = """\
Ses articles

SOCIAL
Assurance chômage : ce que change vraiment la réforme
le 13/03/2025 · Lecture 7 min

POLITIQUE
Retraites : à quoi joue la CFDT ?
le 11/03/2025 · Lecture 6 min

PODCAST
Le travail, c'est (pas) la santé — épisode 4 : les TMS
le 07/03/2025 · Lecture 5 min

SOCIAL
Ruptures conventionnelles : record battu en 2024
le 05/03/2025 · Lecture 4 min
"""


def test_a_title_opening_with_the_article_the_dates_open_with_stays_a_title() -> None:
    result = parse_page(_ARTICLES, saved=SAVED, labeller=None)
    assert "Le travail, c'est (pas) la santé — épisode 4 : les TMS" in [
        item.title for item in result.items
    ]


_KICKED_FRONT = """\
THE PICKET LINE

News | Labour | Politics | Housing

ONTARIO ELECTION
What the third majority means for public sector unions
Bill 124 was struck down. The premier has a new mandate and a deficit.
By Nora Lorenzetti

STRIKES
Canada Post strike: the back-to-work order, three months later
The board's decision to use section 107 is now before the Federal Court.

Air Canada flight attendants vote for a strike mandate

BC
Port foremen return to the table as a federal mediator steps in today, unions say
Longshore Local 514 says the employer has not moved on automation.

ANALYSIS
Is section 107 the new normal?
Ottawa has used the provision five times in two years.
By Sophie Tremblay

OPINION
Stop calling it a skills gap
Employers who won't train workers have only themselves to blame.
By Doug Naismith

© 2025 The Picket Line
"""


def test_a_headline_alone_between_teasers_and_kicked_blocks_is_an_item() -> None:
    result = parse_page(_KICKED_FRONT, saved=SAVED, labeller=None)
    assert "Air Canada flight attendants vote for a strike mandate" in [
        item.title for item in result.items
    ]


_ON_THIS_DAY = """\
Plaid a Gwaith — a history blog

8 Mai 1984: Glowyr Cortonwood yn cerdded allan dros y pwll
Postiwyd gan Siân Morgan ar 8 Mai 2025

Deugain mlynedd yn ôl, dechreuodd streic a newidiodd y cymoedd am byth.

2 May 1926: The General Strike Is Called For Monday
Posted by Rhodri Evans on 2 May 2025

A century on, the TUC's decision still divides historians of the movement.

Open Thread: What Are You Reading This Week?
Posted by Rhodri Evans on 30 April 2025

Tell us what is on the bedside table.

April 28, 1914: Miners Hold The Tent Colony Through The Spring
Posted by Siân Morgan on 28 April 2025

A hundred and eleven years ago, the colony at Ludlow held out.
"""


def test_a_headline_opening_with_the_day_it_recalls_keeps_it() -> None:
    """A date opening a headline dated another day by the byline under it is the
    headline's subject ("2 May 1926: The General Strike …"), not the post's date."""
    result = parse_page(_ON_THIS_DAY, saved=datetime(2025, 5, 9, tzinfo=UTC))
    assert [(i.title, i.published.date() if i.published else None) for i in result.items] == [
        ("8 Mai 1984: Glowyr Cortonwood yn cerdded allan dros y pwll", date(2025, 5, 8)),
        ("2 May 1926: The General Strike Is Called For Monday", date(2025, 5, 2)),
        ("Open Thread: What Are You Reading This Week?", date(2025, 4, 30)),
        ("April 28, 1914: Miners Hold The Tent Colony Through The Spring", date(2025, 4, 28)),
    ]


_AGENCY = """\
NP — Notícias de Portugal

Notícias de Marta Figueiredo (1.248)
Atualizado há 3 horas

Salário mínimo: Governo e parceiros voltam à mesa na quinta-feira
Lisboa, 14 abr 2025 (NP) – O Governo convocou os parceiros sociais para uma reunião.

CGTP diz que adesão à greve na recolha do lixo ronda os 90%
Lisboa, 11 abr 2025 (NP) – A adesão à greve rondava os 90% ao início da manhã.
"""


def test_a_record_its_dateline_dates_takes_no_date_over_the_records() -> None:
    """A wire story's dateline opening its standfirst dates it, not the date over them all."""
    units = read_lines(_AGENCY, saved=datetime(2025, 4, 15, 15, 30, tzinfo=UTC)).units
    assert units[2].byline is not None and units[2].byline.published is not None
    records = [
        Record([3, 4], {3: "title", 4: "standfirst"}),
        Record([5, 6], {5: "title", 6: "standfirst"}),
    ]
    date_headings(units, records)
    assert [record.heading for record in records] == [None, None]
