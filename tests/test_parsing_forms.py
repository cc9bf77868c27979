"""Records written as forms (forms.py): a line per field, "Title: …", "Date: …", "From: …",
with a colon or, printed as a table of two columns, with a gap for the colon."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.tables import form_fields

SAVED = datetime(2025, 6, 20, 9, 0, tzinfo=UTC)

RECORDS = (
    ("2025-14", "Holiday rota for the summer depots", "16.06.2025", "Marta Lindqvist, Ombudsman"),
    ("2025-13", "Revised grievance procedure: what changes", "11.06.2025", "Facilities Office"),
    ("2025-12", "Call for delegates to the regional assembly", "04.06.2025",
     "Owen Pryce, Secretary; Legal Unit"),
    ("2025-11", "New mileage rates from July", "28.05.2025", "Anja Berger and Tom Reyes"),
)  # fmt: skip


def gapped_register() -> str:
    """A register of notices printed as a two-column table of labels and values."""
    rows = []
    for number, title, issued, sender in RECORDS:
        rows += [
            f"  Ref.        {number}",
            f"  Title       {title}",
            f"  Issued      {issued}",
            f"  From        {sender}",
            "  Audience    All members",
            "  " + "-" * 60,
        ]
    return (
        "Notices register\n\nShowing 4 of 212\n\n"
        + "\n".join(rows)
        + "\n\n© 2025 Staff Association\n"
    )


def colon_register(language: str = "en") -> str:
    """The same register written with colons, in English or German labels."""
    labels = {
        "en": ("Ref.", "Title", "Issued", "From", "Audience"),
        "de": ("Nr.", "Titel", "Datum", "Von", "Verteiler"),
    }[language]
    blocks = [
        "\n".join(
            f"{label}: {value}"
            for label, value in zip(labels, (*record, "All members"), strict=True)
        )
        for record in RECORDS
    ]
    return "Notices\n\n" + "\n\n".join(blocks) + "\n\nImprint · Privacy\n"


def _read(text: str) -> list[tuple[str, str | None, str | None]]:
    result = parse_page(text, saved=SAVED)
    return [
        (i.title, i.author, i.published.date().isoformat() if i.published else None)
        for i in result.items
    ]


EXPECTED = [
    ("Holiday rota for the summer depots", "Marta Lindqvist", "2025-06-16"),
    ("Revised grievance procedure: what changes", None, "2025-06-11"),
    ("Call for delegates to the regional assembly", "Owen Pryce", "2025-06-04"),
    ("New mileage rates from July", "Anja Berger and Tom Reyes", "2025-05-28"),
]


def test_a_form_labelling_its_titles_is_read_field_by_field() -> None:
    assert _read(colon_register()) == EXPECTED


def test_a_form_in_another_language() -> None:
    assert _read(colon_register("de")) == EXPECTED


def test_a_form_printed_as_two_columns_reads_as_one_written_with_colons() -> None:
    assert _read(gapped_register()) == EXPECTED


def test_form_fields_write_gapped_labels_with_colons() -> None:
    raws = gapped_register().split("\n")
    fields = form_fields(raws)
    assert fields[raws.index("  Title       Holiday rota for the summer depots")] == (
        "Title: Holiday rota for the summer depots"
    )
    assert all(not line.startswith("  -") for i, line in enumerate(raws) if i in fields)


def test_a_lone_gapped_line_or_a_kicker_row_is_no_form() -> None:
    contact = "Phone      0300 555 0142\nEmail      help@example.org\n"
    assert form_fields(contact.split("\n")) == {}
    kickers = "\n\n".join(
        f"POLICY PAPER  ·  Housing\nTitle number {n}\nBy Ann Lee" for n in range(4)
    )
    assert form_fields(kickers.split("\n")) == {}
