"""Choose the CRF labeller's thresholds by cross-validation on the tuning part, and
measure the parser with and without its second opinion.

Usage: python -P bench/labeller_trial.py [--folds 5] [--sweep] [--heldout]

Folds by page: the pages of the sites nobody had seen are a fold per batch (``ca_*`` …
``cp_*``, each batch written by one or two people who never ran the parser, scored before
it joined the corpus), the other tuning pages are cut into ``--folds`` folds. Each fold
is parsed by the parser with a labeller trained on all the other folds
(tools/train_labeller.py), at every pair of thresholds (``REJECTS`` x ``ACCEPTS``: the
rules' items under ``reject`` title probability dropped, lines the rules left out at
``accept`` or over added), and by the rules alone; the out-of-fold scores are summed on
the unseen-site folds and on the rest. The pair chosen is, of those that lose none of
precision, recall, author and date accuracy on the rest against the rules (none falls by
more than ``TOLERANCE``), the one that
gains most on the unseen-site folds (the sum of the four rates). ``--heldout`` scores the
parser as shipped (the model trained on all of tune, the thresholds in labeller.py)
against the rules alone on the held-out part, in aggregate only. Last, throughput.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tools")]

import corpus_scoring as cs  # noqa: E402
import line_labels as ll  # noqa: E402
import train_labeller  # noqa: E402

from publisher.ingest.parsing import decode_seed, parse_page  # noqa: E402
from publisher.ingest.parsing.labeller import ACCEPT, REJECT, Labeller, packaged  # noqa: E402

REJECTS = (0.0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
ACCEPTS = (1.01, 0.995, 0.99, 0.97, 0.95, 0.9, 0.8)  # 1.01: accept nothing
# The blind batches, a fold each: the prefixes of the pages written together.
BATCHES = {
    "ca_": ("ca_",), "cb_": ("cb_",), "cc_cd": ("cc_", "cd_"), "ce_cf": ("ce_", "cf_"),
    "ci_cj": ("ci_", "cj_"), "ck_cl": ("ck_", "cl_"), "cm_cn": ("cm_", "cn_"),
    "co_cp": ("co_", "cp_"),
}  # fmt: skip
UNSEEN = tuple(BATCHES)
_PREFIXES = tuple(prefix for prefixes in BATCHES.values() for prefix in prefixes)
# A rate on the rest may fall this much: an added item that is right but undated lowers the
# date accuracy (a rate over matched items) though no item lost its date.
TOLERANCE = 0.005
Pair = tuple[float, float]
Rates = tuple[float, float, float, float]


@dataclass
class Fold:
    """Pages scored out of fold: the rules' items, and the hybrid's at each pair."""

    name: str
    pages: list[ll.LabelledPage]
    rules: list[cs.PageScore]
    hybrid: dict[Pair, list[cs.PageScore]]


def folds_of(pages: Sequence[ll.LabelledPage], count: int) -> dict[str, list[ll.LabelledPage]]:
    """The unseen-site pages a fold per writer, the rest cut into ``count`` by position."""
    out: dict[str, list[ll.LabelledPage]] = {batch: [] for batch in BATCHES}
    rest = [p for p in pages if not p.page.name.split("/")[-1].startswith(_PREFIXES)]
    for page in pages:
        stem = page.page.name.split("/")[-1]
        for batch, prefixes in BATCHES.items():
            if stem.startswith(prefixes):
                out[batch].append(page)
    for number in range(count):
        out[f"rest{number + 1}"] = rest[number::count]
    return out


def score(page: ll.LabelledPage, labeller: Labeller | None) -> cs.PageScore:
    """The page's scores as the parser reads it with ``labeller`` (None: the rules alone)."""
    raw = page.page.text_path.read_bytes()
    parsed = cs.run_parser(raw, page.page.name, page.page.saved, {"labeller": labeller})
    return cs.PageScore(page.page, parsed, tuple(cs.match(page.page.items, parsed.items)))


def cross_validated(pages: Sequence[ll.LabelledPage], count: int) -> list[Fold]:
    """Every fold parsed by a labeller trained on the others, at every pair of thresholds."""
    folds = folds_of(pages, count)
    out: list[Fold] = []
    with tempfile.TemporaryDirectory(prefix="labeller-") as tmp:
        for name, held in folds.items():
            train = [p for p in pages if p not in held]
            path = train_labeller.train(train, Path(tmp) / f"{name}.crfsuite")
            model = path.read_bytes()
            fold = Fold(name, held, [score(p, None) for p in held], {})
            for pair in ((r, a) for r in REJECTS for a in ACCEPTS):
                labeller = Labeller(model, *pair)
                fold.hybrid[pair] = [score(p, labeller) for p in held]
            out.append(fold)
    return out


def rates(scores: cs.Scores) -> Rates:
    return scores.precision, scores.recall, scores.author_accuracy, scores.date_accuracy


def summed(folds: Sequence[Fold], pair: Pair | None) -> cs.Scores:
    """The folds' scores together: the rules' (``pair`` None) or the hybrid's at ``pair``."""
    return cs.total(s for f in folds for s in (f.rules if pair is None else f.hybrid[pair]))


def choose(unseen: Sequence[Fold], rest: Sequence[Fold]) -> Pair:
    """Of the pairs that lose nothing on the rest (within ``TOLERANCE``), the one that gains
    most on the unseen sites."""
    pairs = list(unseen[0].hybrid)
    floor = rates(summed(rest, None))
    safe = [
        pair
        for pair in pairs
        if all(x >= y - TOLERANCE for x, y in zip(rates(summed(rest, pair)), floor, strict=True))
    ] or pairs
    return max(safe, key=lambda pair: (round(sum(rates(summed(unseen, pair))), 6), pair[1]))


def row(name: str, s: cs.Scores) -> str:
    return (
        f"  {name:34s} P {s.precision:.3f}  R {s.recall:.3f}  author {s.author_accuracy:.3f}"
        f"  date {s.date_accuracy:.3f}  produced {s.produced:4d}  furniture {s.furniture_items:3d}"
    )


def report(folds: Sequence[Fold], chosen: Pair, sweep: bool) -> None:
    unseen = [f for f in folds if f.name in UNSEEN]
    rest = [f for f in folds if f.name not in UNSEEN]
    for title, group in (
        ("unseen sites, a fold per batch", unseen),
        ("the rest", rest),
        ("all", folds),
    ):
        print(f"[tune, out of fold: {title}] {sum(len(f.pages) for f in group)} pages")
        print(row("rules alone", summed(group, None)))
        print(row(f"hybrid (reject<{chosen[0]}, accept>={chosen[1]})", summed(group, chosen)))
        if sweep:
            for pair in group[0].hybrid:
                print(row(f"  reject<{pair[0]}, accept>={pair[1]}", summed(group, pair)))
    for fold in folds:
        print(f"  fold {fold.name:6s} ({len(fold.pages):3d} pages)")
        print(row("    rules alone", cs.total(fold.rules)))
        print(row("    hybrid", cs.total(fold.hybrid[chosen])))


def heldout() -> None:
    """The shipped parser against the rules alone on the held-out part, in aggregate."""
    pages = cs.load_part(cs.CORPUS / "heldout")
    shipped = packaged()
    for name, labeller in (("rules alone", None), (f"shipped ({REJECT}, {ACCEPT})", shipped)):
        scored = [
            cs.PageScore(page, parsed, tuple(cs.match(page.items, parsed.items)))
            for page in pages
            for parsed in [cs.run_parser(page.text_path.read_bytes(), page.name, page.saved,
                                         {"labeller": labeller})]
        ]  # fmt: skip
        print(row(f"heldout: {name}", cs.total(scored)))


def throughput(passes: int = 5) -> None:
    """Pages/s of the whole corpus parsed by the rules alone and with the shipped labeller."""
    pages = [p for part in cs.load_corpus().values() for p in part]
    loaded = [(decode_seed(p.text_path.read_bytes(), name=p.name)[0], p.name, p.saved)
              for p in pages]  # fmt: skip
    times: dict[str, list[float]] = {"rules": [], "hybrid": []}
    for _ in range(passes):
        for key, labeller in (("rules", None), ("hybrid", packaged())):
            start = time.perf_counter()
            for text, name, saved in loaded:
                try:
                    parse_page(text, name=name, saved=saved, labeller=labeller)
                except cs.SeedError:
                    pass
            times[key].append(time.perf_counter() - start)
    rules, hybrid = statistics.median(times["rules"]), statistics.median(times["hybrid"])
    print(
        f"throughput over {len(loaded)} pages (median of {passes}): rules alone"
        f" {len(loaded) / rules:.1f} pages/s, with the labeller {len(loaded) / hybrid:.1f}"
        f" pages/s ({hybrid / rules:.2f}x the time)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="folds of the non-unseen pages")
    parser.add_argument("--sweep", action="store_true", help="print every pair's scores")
    parser.add_argument("--heldout", action="store_true", help="score the held-out part too")
    args = parser.parse_args(argv)
    tune = train_labeller.labelled_part("tune")
    folds = cross_validated(tune, args.folds)
    chosen = choose(
        [f for f in folds if f.name in UNSEEN], [f for f in folds if f.name not in UNSEEN]
    )
    report(folds, chosen, args.sweep)
    print(f"chosen: reject < {chosen[0]}, accept >= {chosen[1]} (labeller.py: {REJECT}, {ACCEPT})")
    if args.heldout:
        heldout()
    throughput()
    return 0


if __name__ == "__main__":
    sys.exit(main())
