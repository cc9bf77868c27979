"""Records written as forms: a line per field, each a label and its value ("Title: Pay
claim 2025/26 …", "Issued: 10.03.2025", "From: Priya Nandakumar, Head of Bargaining",
"To: All branch secretaries"), the way registers of circulars, motions, tenders or
decisions print.  The field the form labels as the title is the record's title, without
its label; a field whose value is a date, or that names the writer, dates or signs the
record; the other fields are left to the rules that read a record's fields
(``repeats.repeated_fields``).  A form printed as a table of two columns ("Issued
10.03.2025" with a gap for the colon) is written with colons first (``tables.form_fields``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from publisher.ingest.parsing.authors import clean_author, is_role, joined
from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.tables import repeated_labels

_LABELS: Final = 2  # labels the page's forms repeat, at the least
_LABEL_WORDS: Final = 3
# a label and its colon, then the value: "Date of issue: 10.03.2025"
_LABELLED: Final = re.compile(r"(?P<label>[^\W\d_][^\W\d:]{0,30}?)\s?:\s+(?P<value>\S.*)")
# the labels a form gives its title, in the parser's languages
_TITLE_LABELS: Final = frozenset(
    "title titel titre título titulo titolo teitl tytuł otsikko naslov headline subject"
    " betreff objet asunto assunto oggetto onderwerp emne ämne aihe temat pwnc".split()
)

# the labels of the field naming who wrote or sent the record
_AUTHOR_LABELS: Final = frozenset(
    (
        "from, by, author, authors, written by, posted by, sender, signed by, autor, autora,"
        " autores, autorin, autoren, autore, autori, auteur, auteure, auteurs, verfasser,"
        " verfasserin, door, von, par, por, di, gan, awdur, awduron"
    ).split(", ")
)


def read_forms(units: list[Unit], remake: Callable[[Unit, str], Unit]) -> list[Unit]:
    """The page's units with the fields of its forms read: a form that labels its records'
    titles ("Title:", "Titel:", "Subject:") in three records or more, and another field as
    often.  ``remake`` reads a unit again with another text."""
    labelled: dict[int, tuple[str, str]] = {}
    for index, unit in enumerate(units):
        match = _LABELLED.fullmatch(unit.text) if ":" in unit.text else None
        if match is not None and match.group("label").count(" ") < _LABEL_WORDS:
            labelled[index] = (match.group("label"), match.group("value"))
    labels = repeated_labels({index: label for index, (label, _) in labelled.items()})
    if len(labels) < _LABELS or not labels & _TITLE_LABELS:
        return units
    out = list(units)
    for index, (label, value) in labelled.items():
        key = label.casefold()
        if key not in labels:
            continue
        read = remake(units[index], value)
        writer = _writer(value) if key in _AUTHOR_LABELS else None
        if key in _TITLE_LABELS:
            out[index] = read
        elif writer is not None:
            out[index] = units[index]._replace(byline=Byline(writer, None), furniture=None)
        elif read.byline is not None and read.furniture is None:
            out[index] = read  # "Issued: 10.03.2025", "From: Name": the record's byline
    return out


def _writer(value: str) -> str | None:
    """The writers a form's "From:" or "Author:" field names, read as after a by-word,
    their roles cut ("Joanne Pike, Regional Secretary; Health & Safety Unit" is Joanne
    Pike); None for a desk or a role alone ("Finance Department", "Returning Officer")."""
    names = [clean_author(part, places=True) for part in value.split(";")]
    found = [name for name in names if name is not None and not is_role(name)]
    return joined(found) if found else None
