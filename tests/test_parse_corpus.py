"""The parser against the labelled corpus (tests/data/corpus): each part's overall scores
may not fall below those recorded in scores.json (rates by more than 0.005, furniture items
not at all), so improving one page cannot silently break another; and no page raises
anything but SeedError. After a deliberate change, or new pages, re-record with
`python -P bench/parse_quality.py --record`."""

from __future__ import annotations

from typing import Any

import corpus_scoring as cs
import pytest

from publisher.ingest.parsing import PARSER_VERSION

RECORD = "run `.venv/bin/python -P bench/parse_quality.py --record`"


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    if not cs.SCORES_FILE.exists():
        pytest.fail(f"{cs.SCORES_FILE} is missing: {RECORD}")
    return cs.load_recorded()


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[cs.Page]]:
    return cs.load_corpus()


def test_every_page_has_a_sidecar() -> None:
    problems = [p for part in cs.PARTS for p in cs.unpaired(cs.CORPUS / part)]
    assert not problems


@pytest.mark.parametrize("part", cs.PARTS)
def test_no_page_raises_but_seed_error(part: str, corpus: dict[str, list[cs.Page]]) -> None:
    assert corpus[part], f"no labelled pages in {part}"
    crashed = []
    for page in corpus[part]:
        try:
            cs.parse(page)
        except Exception as exc:  # noqa: BLE001 - every crash is collected and reported
            crashed.append(f"{page.name}: {type(exc).__name__}: {exc}")
    assert not crashed, "\n".join(crashed)


@pytest.fixture(scope="module")
def reports(corpus: dict[str, list[cs.Page]]) -> dict[str, cs.PartReport]:
    return {part: cs.score_part(part, corpus[part]) for part in cs.PARTS}


@pytest.mark.parametrize("part", cs.PARTS)
def test_scores_do_not_fall(
    part: str, reports: dict[str, cs.PartReport], recorded: dict[str, Any]
) -> None:
    report = reports[part]
    then = recorded.get(part)
    if then is None or then["pages"] != cs.page_names(report):
        pytest.fail(f"the {part} pages changed since scores were recorded: {RECORD}")
    problems = cs.regressions(report.overall, then["scores"])
    detail = [line for score in report.pages if not score.perfect for line in cs.failures(score)]
    assert not problems, "\n".join([*problems, f"({len(detail)} failures; see --verbose)"])


def test_url_accuracy_is_checked_only_once_recorded() -> None:
    scores = cs.Scores(pages=1, expected=4, produced=4, matched=4, urls_right=2)
    then = {rate: 0.0 for rate in cs.RATES} | {"furniture_items": 0}
    assert scores.as_dict()["url_accuracy"] == 0.5
    assert cs.regressions(scores, then) == []
    assert cs.regressions(scores, then | {"url_accuracy": 1.0}) == [
        "url_accuracy fell from 1.0000 to 0.5000"
    ]


def test_a_change_to_what_the_parser_yields_raises_its_version(
    reports: dict[str, cs.PartReport], recorded: dict[str, Any]
) -> None:
    """Stored seeds are re-read only when PARSER_VERSION rises: a parser that reads a page
    otherwise under the same version would leave every live site on the old reading."""
    then = recorded.get("parser")
    if then is None or "pages" not in then:
        pytest.fail(f"scores.json records no parser version: {RECORD}")
    changed = cs.changed_pages(cs.page_outputs(reports), then["pages"])
    if changed and PARSER_VERSION == then["version"]:
        pytest.fail(
            f"{len(changed)} pages read otherwise than under parser version {PARSER_VERSION}"
            f" (first {changed[0]}): raise PARSER_VERSION in publisher/ingest/parsing/__init__.py"
            f" (stored seeds are re-read at the next scan), then {RECORD}"
        )
    assert PARSER_VERSION == then["version"], RECORD


def test_a_page_read_otherwise_is_named_and_a_new_page_is_not() -> None:
    assert cs.changed_pages({"a": "1", "b": "2", "new": "3"}, {"a": "1", "b": "9"}) == ["b"]
