"""Lines a reader sees as a record's reference or label, never its title: a document's
number over its title, the article a letter answers; and who signs such records: a
letter's sign-off, the member who asks, a name heading an obituary signed by a by-line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from publisher.core.models import ParseResult
from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.authors import clean_author
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.furniture import strip_promotion
from publisher.ingest.parsing.lives import life_headline
from publisher.ingest.parsing.references import (
    answers_article,
    numbered_kind,
    without_subject_label,
)

SAVED = datetime(2026, 12, 1, tzinfo=UTC)


def _parse(text: str) -> ParseResult:
    return parse_page(text, saved=SAVED, labeller=None)


def _titles(result: ParseResult) -> list[str]:
    return [item.title for item in result.items]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Dokument nr. 15:512 (2026-2027)", "dokument nr"),
        ("Proyecto de Ley N.° 01279/2026-CR", "proyecto de ley n.°"),
        ("Analyse n° 25/2026 · Syndicalisme", "analyse n°"),
        ("Bill No. 42", "bill no"),
        ("WP 2025-14", "wp"),
        ("Issue #58", "issue #"),
    ],
)
def test_a_documents_number_is_a_reference(line: str, kind: str) -> None:
    assert numbered_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Episode 34: How unions win",
        "10 things every steward should know",
        "Letters: the strike fund",
        "Editorial: the year of the picket line",
        "Chapter 3 - The long strike begins",
        "Vol. 3, No. 2",
    ],
)
def test_a_headline_with_a_number_is_no_reference(line: str) -> None:
    assert numbered_kind(line) is None


@pytest.mark.parametrize(
    ("line", "answers"),
    [
        ("Zu: „Busfahrer streiken erneut“", True),
        ("Re: 'Pay deal rejected by nurses'", True),
        ("À propos de « La grève des cheminots »", True),
        ("Re: Pay deal", False),  # a forum reply's own title
        ('Letters: "We need the ward"', False),
    ],
)
def test_a_reply_names_the_article_it_answers_in_quotes(line: str, answers: bool) -> None:
    assert answers_article(line) is answers


_QUESTIONS = """\
Written questions

Written question no. 15:512 (2026-2027)
How will the minister secure the agreed wage for migrant workers in fish processing?
Question from Mari Holm Dahl (R) to the Minister of Labour
Submitted 27.11.2026 · Status: Pending

Written question no. 15:497 (2026-2027)
Will the minister tighten the rules on hiring through staffing agencies in construction?
Question from Kari Bergstad (SV) to the Minister of Labour
Submitted 25.11.2026 · Status: Answered

Written question no. 15:481 (2026-2027)
What is the reason the job centre in Vardø is proposed closed?
Question from Sandra Brekke (Sp) to the Minister of Labour
Submitted 23.11.2026 · Status: Answered

Written question no. 15:466 (2026-2027)
How many employees have had their sick pay cut since the new rules came in?
Question from Sylvi Lunde (FrP) to the Minister of Labour
Submitted 20.11.2026 · Status: Answered
"""


def test_a_documents_number_over_each_title_is_its_kicker_and_the_member_asking_signs() -> None:
    """A written question's number heads every record over the question: the record's
    reference, not its title; "Question from NAME (party) to …" names who asks."""
    result = _parse(_QUESTIONS)
    assert _titles(result) == [
        "How will the minister secure the agreed wage for migrant workers in fish processing?",
        "Will the minister tighten the rules on hiring through staffing agencies in construction?",
        "What is the reason the job centre in Vardø is proposed closed?",
        "How many employees have had their sick pay cut since the new rules came in?",
    ]
    assert [item.author for item in result.items] == [
        "Mari Holm Dahl",
        "Kari Bergstad",
        "Sandra Brekke",
        "Sylvi Lunde",
    ]


_LETTERS = """\
Leserbriefe

Sa., 08.03.2025
Zu: „Busse stehen still – Verdi ruft zum Warnstreik auf“
Verständnis für die Fahrerinnen und Fahrer
Ja, der Streik trifft uns Pendler. Aber die Fahrer verdienen mehr ...
Hans Köhler, Bielefeld
Weiterlesen

Fr., 07.03.2025
Zu: „Klinik vor dem Aus?“
Wir brauchen die Geburtsstation
Ich habe drei Kinder dort zur Welt gebracht. Der Weg ist zu weit ...
Miriam Ostendorf, Lübbecke
Weiterlesen

Fr., 07.03.2025
Zu: „Union will Sanktionen verschärfen“
Wer zahlt am Ende die Zeche?
Werner Pahl, Bad Salzuflen
Weiterlesen

Do., 06.03.2025
Zu: „Tarifrunde öffentlicher Dienst“
Applaus allein bezahlt keine Miete
Als Pflegekraft frage ich mich, wo der Applaus geblieben ist ...
Sabine Große, Gütersloh
Weiterlesen
"""


def test_a_letter_answering_an_article_keeps_its_own_title_and_its_sign_off_names_one_writer() -> (
    None
):
    """The line "Zu: „…“" names the article the letter answers; "Name, Town" under the
    letter signs it, the town no second writer."""
    result = _parse(_LETTERS)
    assert _titles(result) == [
        "Verständnis für die Fahrerinnen und Fahrer",
        "Wir brauchen die Geburtsstation",
        "Wer zahlt am Ende die Zeche?",
        "Applaus allein bezahlt keine Miete",
    ]
    assert [item.author for item in result.items] == [
        "Hans Köhler",
        "Miriam Ostendorf",
        "Werner Pahl",
        "Sabine Große",
    ]


_OBITUARIES = """\
OBITUARIES

MAUREEN HALLORAN, 1938–2026
A shirt-factory machinist who became a giant of the women's union movement
by BRIAN McGUINNESS
Monday 30th November 2026

TOMMY BREW
Shop steward at Longbridge who never stopped organising
by ANITA DESAI
Friday 27th November 2026

Ruth Abernethy, teacher, peace campaigner and branch secretary
by SIMON PARKES
Wednesday 25th November 2026

GWYN PRICE, 1935–2026
The last of the Maerdy miners' lodge officials
by SIÂN EVANS
Thursday 12th November 2026
"""


def test_a_name_heading_a_signed_obituary_is_its_headline() -> None:
    """With a by-line present, the name (and years) at the record's head is whom the
    obituary remembers: its headline, not a kicker and not a second writer."""
    result = _parse(_OBITUARIES)
    assert _titles(result) == [
        "MAUREEN HALLORAN, 1938–2026",
        "TOMMY BREW",
        "Ruth Abernethy, teacher, peace campaigner and branch secretary",
        "GWYN PRICE, 1935–2026",
    ]
    assert [item.author for item in result.items] == [
        "Brian McGuinness",
        "Anita Desai",
        "Simon Parkes",
        "Siân Evans",
    ]


@pytest.mark.parametrize(
    ("line", "life"),
    [
        ("GWYN PRICE, 1935–2026", True),
        ("PETER “PADDY” LYNCH, 1949–2026", True),
        ("Strikes of 1926–2026", False),
        ("TOMMY BREW", False),
    ],
)
def test_a_life_headline_is_a_name_and_its_years(line: str, life: bool) -> None:
    assert life_headline(line) is life


def test_a_second_writer_credited_for_working_with_the_first_is_a_writer() -> None:
    byline = parse_byline("Par Kevin Depauw, avec la collaboration de Sophie Lambert")
    assert byline is not None
    assert byline.author == "Kevin Depauw and Sophie Lambert"
    assert clean_author("Ana Pérez, con la colaboración de Juan Soto") == "Ana Pérez and Juan Soto"


def test_a_documents_pages_and_file_beside_its_date_are_metadata() -> None:
    byline = parse_byline("Released Nov. 18, 2025 · 42 pp. · PDF (1.2 MB)")
    assert byline is not None
    assert byline.published == datetime(2025, 11, 18)


def test_a_call_to_donate_closing_a_line_is_a_promotion() -> None:
    text = "Fighting Fund: We need £18,000 a month to keep going. Donate now"
    assert strip_promotion(text) == "Fighting Fund: We need £18,000 a month to keep going."


_MOTIONS = """\
Early motions

Motion 412
Fire and rehire at the port
Tabled 30 November 2026
Primary sponsor: Chris Stevens (Scottish National Party)
Signatures: 7

Motion 401
Safe staffing levels on the railway
Tabled 25 November 2026
Primary sponsor: Rebecca Long (Labour)
Signatures: 22

Motion 397
Blacklisting in the construction industry
Tabled 24 November 2026
Primary sponsor: John McDowell (Independent)
Signatures: 45
"""


def test_a_labelled_field_naming_a_member_and_party_signs_and_a_tabled_date_dates() -> None:
    """The field "Primary sponsor: NAME (Party)" names who moved the motion; "Tabled" and
    a date in every record is its date, though one word opens it."""
    result = _parse(_MOTIONS)
    assert _titles(result) == [
        "Fire and rehire at the port",
        "Safe staffing levels on the railway",
        "Blacklisting in the construction industry",
    ]
    assert [item.author for item in result.items] == [
        "Chris Stevens",
        "Rebecca Long",
        "John McDowell",
    ]
    assert [item.published.day for item in result.items if item.published] == [30, 25, 24]


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        ("Subject: Deaths in Sewer Cleaning", "Deaths in Sewer Cleaning"),
        ("Objet : Les retraites des saisonniers", "Les retraites des saisonniers"),
        ("Subjects that unions avoid", "Subjects that unions avoid"),
        ("Editorial: the year of the picket line", "Editorial: the year of the picket line"),
    ],
)
def test_the_label_naming_a_records_subject_is_no_part_of_its_title(title: str, bare: str) -> None:
    assert without_subject_label(title) == bare


_QUESTION_ROWS = """Questions answered

1842     UNSTARRED   30.11.2026    LABOUR AND EMPLOYMENT
Subject: Implementation of Labour Codes in States
Answered by: MINISTER OF STATE FOR LABOUR

1815     UNSTARRED   28.11.2026    LABOUR AND EMPLOYMENT
Subject: Social Security for Gig and Platform Workers
Answered by: MINISTER OF STATE FOR LABOUR

1544     UNSTARRED   27.11.2026    LABOUR AND EMPLOYMENT
Subject: Minimum Wages for Tea Plantation Workers
Answered by: MINISTER OF STATE FOR LABOUR
"""


def test_a_record_titled_by_its_subject_field_has_the_subject_as_its_title() -> None:
    result = _parse(_QUESTION_ROWS)
    assert _titles(result) == [
        "Implementation of Labour Codes in States",
        "Social Security for Gig and Platform Workers",
        "Minimum Wages for Tea Plantation Workers",
    ]
