"""The CRF labeller's line labels (tools/line_labels.py), features (parsing/linefeatures.py)
and training (tools/train_labeller.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import corpus_scoring as cs
import line_labels as ll
import train_labeller


def labelled(name: str) -> ll.LabelledPage:
    return ll.label_page(cs.load_page(cs.CORPUS / "tune" / f"{name}.json"))


def by_line(page: ll.LabelledPage) -> dict[int, str]:
    return {unit.line: label for unit, label in zip(page.units, page.labels, strict=True)}


def test_titles_bylines_and_standfirsts_are_labelled_from_the_items() -> None:
    page = labelled("bylines_pipe_1")
    labels = by_line(page)
    titles = [line for line, label in labels.items() if label == ll.TITLE]
    assert titles == [8, 13, 17, 20, 23, 27, 30, 33, 37, 40]
    bylines = [line for line, label in labels.items() if label == ll.BYLINE]
    assert bylines == [11, 15, 18, 21, 25, 28, 31, 35, 38, 41]
    assert [line for line, label in labels.items() if label == ll.BODY] == [9, 14, 24, 34]
    # the masthead, the menu, "Older posts", the appeal and the footer
    assert all(labels[line] == ll.OTHER for line in (1, 2, 4, 6, 43, 45, 46, 47, 49, 51))


def test_a_date_heading_over_its_item_is_its_date() -> None:
    labels = by_line(labelled("blogger_dateheaders_1"))
    assert [line for line, label in labels.items() if label == ll.DATE] == [5, 15, 29, 36, 44]
    assert labels[12] == ll.BYLINE  # "Posted by Steve Cairns at 4:12 PM …"
    assert labels[13] == ll.OTHER  # "Labels: new stock, zines"


def test_features_give_each_line_its_neighbours_and_the_page_edges() -> None:
    page = labelled("bylines_pipe_1")
    rows = page.features()
    assert len(rows) == len(page.units)
    assert "-1:edge" in rows[0] and "-2:edge" in rows[0] and "+1:edge" in rows[-1]
    title = rows[[u.line for u in page.units].index(8)]
    assert "+1:byline=none" in title and "+2:byline=namedate" in title


def test_a_model_trained_on_pages_labels_their_titles(tmp_path: Path) -> None:
    names = ("bylines_pipe_1", "blogger_dateheaders_1", "archive_articles_by_count_1")
    pages = [labelled(name) for name in names]
    model = train_labeller.train(pages, tmp_path / "model.crfsuite")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    for page in pages:
        tagged = tagger.tag(page.features())
        wanted = [i for i, label in enumerate(page.labels) if label == ll.TITLE]
        assert [i for i, label in enumerate(tagged) if label == ll.TITLE] == wanted, page.page.name
    tagger.close()
