"""The CRF labeller in the parser: the shipped model is current, and its second opinion
drops the rules' non-titles and adds the titles they missed, with their own bylines."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import corpus_scoring as cs

from publisher.core.models import ParseResult
from publisher.ingest.explanation import FURNITURE, explain
from publisher.ingest.parsing import decode_seed, parse_page
from publisher.ingest.parsing.labeller import ACCEPT, REJECT, packaged

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import train_labeller


def test_the_shipped_model_is_trained_on_todays_corpus_labels_and_features() -> None:
    why = train_labeller.stale(train_labeller.labelled_part())
    assert why is None, f"{why}: run `make labeller` (tools/train_labeller.py train)"


def parsed(name: str, *, rules_only: bool = False) -> ParseResult:
    page = cs.load_page(cs.CORPUS / "tune" / f"{name}.json")
    text, _ = decode_seed(page.text_path.read_bytes(), name=name)
    labeller = None if rules_only else packaged()
    return parse_page(text, name=name, saved=page.saved, labeller=labeller)


def test_a_title_the_rules_left_out_comes_in_with_the_byline_and_date_of_its_record() -> None:
    # the title / "Door Hilde Zwiers" / "zo 2 mrt. 2025", under a box the rules read as no record
    title = "Thuiszorg Drenthe: 'Reistijd wordt nog steeds niet betaald'"
    assert title not in [item.title for item in parsed("ca_nl_krant_sectie", rules_only=True).items]
    result = parsed("ca_nl_krant_sectie")
    added = next(item for item in result.items if item.title == title)
    assert added.author == "Hilde Zwiers"
    assert added.published is not None and added.published.date() == date(2025, 3, 2)
    lines = {line.line: line for line in explain(result).lines}
    assert lines[61].kind == "item" and lines[61].part == "title"
    assert lines[61].title_p is not None and lines[61].title_p >= ACCEPT
    assert (lines[62].part, lines[63].part) == ("byline", "byline")
    assert any(reason.startswith("labeller: added 2 titles") for reason in result.reasons)


def test_an_item_the_labeller_doubts_is_dropped_and_its_lines_say_why() -> None:
    rules = parsed("ca_medium_profile", rules_only=True)
    doubted = next(item.line for item in rules.items if item.title == "Member-only story")
    result = parsed("ca_medium_profile")
    assert "Member-only story" not in [item.title for item in result.items]
    line = next(line for line in explain(result).lines if line.line == doubted)
    assert (line.kind, line.reason) == (FURNITURE, "not a title: labeller")
    assert line.title_p is not None and line.title_p < REJECT


def test_without_a_labeller_the_rules_read_alone_and_no_line_is_weighed() -> None:
    result = parsed("cb_wordpress_by_in_category", rules_only=True)
    assert result.title_p == ()
    assert not any(reason.startswith("labeller") for reason in result.reasons)
