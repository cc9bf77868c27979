"""Train the parser's CRF line labeller on the corpus's tuning part, or show its line labels.

Usage: python tools/train_labeller.py train [--model PATH] [--c1 F] [--c2 F]   (make labeller)
       python tools/train_labeller.py check   (is the shipped model trained on today's data?)
       python tools/train_labeller.py show PAGE...   (e.g. tune/bylines_pipe_1)
       python tools/train_labeller.py stats

`train` derives line labels from tests/data/corpus/tune (tools/line_labels.py), computes
each line's features as the parser does (publisher/ingest/parsing/linefeatures.py), trains
a linear-chain CRF (python-crfsuite, L-BFGS with L1 + L2 regularisation, so most features
are pruned to zero; deterministic) and writes the model into the parser
(publisher/ingest/parsing/labeller.crfsuite) with its fingerprint beside it: a hash of the
training data (pages, item labels, derived line labels, features) and the training
settings. The rules' readings are features, so a change to the rules changes the
fingerprint: `check` (and tests/test_labeller.py) then asks for `make labeller`. `show`
prints a page's lines with their derived labels, to check them by eye; `stats` counts the
labels and the items whose title no line matched. Only the tuning part is ever read here:
bench/labeller_trial.py measures the labeller (cross-validated on tune, then held out).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import pycrfsuite

_TOOLS = Path(__file__).resolve().parent
sys.path[:0] = [str(_TOOLS), str(_TOOLS.parent / "tests")]

import corpus_scoring as cs  # noqa: E402
import line_labels as ll  # noqa: E402

from publisher.ingest.parsing.labeller import MODEL  # noqa: E402
from publisher.ingest.parsing.linefeatures import FEATURES_VERSION  # noqa: E402

DEFAULT_MODEL: Final = ll.ROOT / "publisher" / "ingest" / "parsing" / MODEL
FINGERPRINT_SUFFIX: Final = ".fingerprint"
C1: Final = 0.5  # L1: prunes features that do not earn their keep
C2: Final = 0.01
ITERATIONS: Final = 150


def labelled_part(part: str = "tune") -> list[ll.LabelledPage]:
    """Every page of a corpus part with its derived line labels."""
    return [ll.label_page(page) for page in cs.load_part(cs.CORPUS / part)]


def train(pages: Sequence[ll.LabelledPage], model: Path, *, c1: float = C1, c2: float = C2) -> Path:
    """Train a CRF on ``pages`` and write it to ``model``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for page in pages:
        trainer.append(page.features(), page.labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": ITERATIONS,
            "feature.possible_transitions": True,
        }
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    return model


def fingerprint(pages: Sequence[ll.LabelledPage], *, c1: float = C1, c2: float = C2) -> str:
    """A hash of what a model trained on ``pages`` learns from: every page's text and item
    labels, its lines' derived labels and features, the feature code's version and the
    training settings."""
    digest = hashlib.sha256(f"features {FEATURES_VERSION} c1 {c1} c2 {c2} {ITERATIONS}".encode())
    for page in sorted(pages, key=lambda p: p.page.name):
        digest.update(page.page.name.encode())
        digest.update(page.page.text_path.read_bytes())
        digest.update(page.page.text_path.with_suffix(".json").read_bytes())
        for label, row in zip(page.labels, page.features(), strict=True):
            digest.update("\x1f".join([label, *row]).encode())
            digest.update(b"\x1e")
    return digest.hexdigest()


def fingerprint_path(model: Path) -> Path:
    """Where a model's fingerprint is kept: beside it."""
    return model.with_name(model.name + FINGERPRINT_SUFFIX)


def stale(pages: Sequence[ll.LabelledPage], model: Path = DEFAULT_MODEL) -> str | None:
    """Why ``model`` is not the one ``pages`` train, or None when it is."""
    kept = fingerprint_path(model)
    if not model.exists() or not kept.exists():
        return f"{model.name} or its fingerprint is missing"
    if kept.read_text(encoding="utf-8").strip() != fingerprint(pages):
        return f"{model.name} was trained on other data (the corpus, labels or features changed)"
    return None


def show(page: ll.LabelledPage) -> list[str]:
    """The page's lines, one each: line number, derived label, text."""
    lines = [f"== {page.page.name} ({page.page.layout}, {len(page.page.items)} items)"]
    for unit, label in zip(page.units, page.labels, strict=True):
        lines.append(f"{unit.line:4d} {label:8s} {unit.text[:100]}")
    return lines


def stats(pages: Sequence[ll.LabelledPage]) -> list[str]:
    """How many lines carry each label, and how many labelled items found a title line."""
    counts = Counter(label for page in pages for label in page.labels)
    items = sum(len(page.page.items) for page in pages)
    titled = sum(page.labels.count(ll.TITLE) for page in pages)
    lines = [f"{label:8s} {counts[label]:6d}" for label in ll.LABELS]
    lines.append(f"items {items}, with a title line {titled}")
    for page in pages:
        missing = len(page.page.items) - page.labels.count(ll.TITLE)
        if missing:
            lines.append(f"  {page.page.name}: {missing} titles not found")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    trainer = commands.add_parser("train", help="train on the tuning part, write the model")
    trainer.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    trainer.add_argument("--c1", type=float, default=C1)
    trainer.add_argument("--c2", type=float, default=C2)
    shower = commands.add_parser("show", help="a tuning page's lines and derived labels")
    shower.add_argument("pages", nargs="+")
    commands.add_parser("stats", help="label counts over the tuning part")
    commands.add_parser("check", help="exit 1 when the shipped model is stale")
    args = parser.parse_args(argv)
    if args.command == "train":
        pages = labelled_part()
        model = train(pages, args.model, c1=args.c1, c2=args.c2)
        fingerprint_path(model).write_text(fingerprint(pages, c1=args.c1, c2=args.c2) + "\n")
        print(f"wrote {model} ({model.stat().st_size} bytes), trained on {len(pages)} pages")
    elif args.command == "check":
        why = stale(labelled_part())
        print(why or "the labeller's model is current")
        return 1 if why else 0
    elif args.command == "show":
        for name in args.pages:
            if not name.startswith("tune/"):
                parser.error(f"{name}: only tuning pages (tune/NAME) may be shown")
            sidecar = cs.CORPUS / f"{name}.json"
            print("\n".join(show(ll.label_page(cs.load_page(sidecar)))))
    else:
        print("\n".join(stats(labelled_part())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
