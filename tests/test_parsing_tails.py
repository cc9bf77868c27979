"""Links a page repeats after its teasers, in any language: cut off the teasers."""

from __future__ import annotations

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.lines import Unit, read_all_units, remade
from publisher.ingest.parsing.tails import cut_repeated_links


def _cut(text: str) -> list[Unit]:
    units = read_all_units(text)
    return cut_repeated_links(units, lambda unit, cut: remade(unit, cut, True))


# Slovene and Swedish "read more", words the furniture patterns do not know.
_SLOVENE = """\
Sindikat je z upravo podpisal nov dogovor o dodatkih za nočno delo. Preberi več ›

Delavci v skladišču v Celju so izvolili novega sindikalnega zaupnika. Preberi več ›

Od aprila velja nova tarifa za prevoz na delo za vse člane. Preberi več ›

Dobrodelni tek za stavkovni sklad bo v nedeljo v Mariboru. Preberi več ›
"""


def test_a_link_closing_every_teaser_is_cut_off_it() -> None:
    units = _cut(_SLOVENE)
    assert [u.text for u in units] == [
        "Sindikat je z upravo podpisal nov dogovor o dodatkih za nočno delo.",
        "Delavci v skladišču v Celju so izvolili novega sindikalnega zaupnika.",
        "Od aprila velja nova tarifa za prevoz na delo za vse člane.",
        "Dobrodelni tek za stavkovni sklad bo v nedeljo v Mariboru.",
    ]
    assert all(u.sentence for u in units)


def test_teasers_closed_by_a_repeated_link_give_one_item_each_without_it() -> None:
    result = parse_page(_SLOVENE)
    assert [item.title for item in result.items] == [
        "Sindikat je z upravo podpisal nov dogovor o dodatkih za nočno delo",
        "Delavci v skladišču v Celju so izvolili novega sindikalnega zaupnika",
        "Od aprila velja nova tarifa za prevoz na delo za vse člane",
        "Dobrodelni tek za stavkovni sklad bo v nedeljo v Mariboru",
    ]
    assert not any("Preberi" in (item.summary or "") for item in result.items)


def test_words_said_twice_or_a_name_in_title_case_stay() -> None:
    page = """\
First story about the depot
Posted by Ana Ruiz
The Branch Bulletin

Second story about the depot
Posted by Ana Ruiz
The Branch Bulletin

Third story about the depot
Posted by Ana Ruiz
The Branch Bulletin

A fourth line ends here. Read on
A fifth line ends here. Read on
"""
    units = _cut(page)
    assert [u.text for u in units] == [u.text for u in read_all_units(page)]


def test_a_title_copied_with_its_subtitle_is_not_cut() -> None:
    # the same text three times (a title repeated in a sidebar) closes no three teasers
    page = "\n\n".join(["Who was Selina Cooper? A short life"] * 3 + ["Other story. A short life"])
    units = _cut(page)
    assert all(u.text.endswith("A short life") for u in units)
