"""Which real items the CRF labeller drops, and which lines it adds, on pages it never saw.

Usage: python -P bench/labeller_drops.py [--folds 5] [PAGE-SUBSTRING ...]

On the tuning part the shipped labeller was trained on every page, so there it drops almost
no real item: its doubt has to be judged out of fold. The pages written blind (stems
"ca_" … "dd_": two letters, c or d first) are folded two batches at a time, in name order,
the other pages cut into ``--folds``; each fold is parsed with a labeller trained on the
others, at the shipped thresholds, and by the rules alone. Printed: every page where the two
differ (the items dropped and added, each said real or not against the page's labels), then
the out-of-fold totals beside the rules'. Only the tuning part is read.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tools")]

import corpus_scoring as cs  # noqa: E402
import line_labels as ll  # noqa: E402
import train_labeller  # noqa: E402

from publisher.ingest.parsing.labeller import Labeller  # noqa: E402

_BLIND = re.compile(r"[cd][a-z]_")
_SHOWN = 70  # characters of a title shown


def batch(page: ll.LabelledPage) -> str | None:
    """The blind batch a page was written in ("da_"), or None for the other pages."""
    stem = page.page.name.split("/")[-1]
    return stem[:3] if _BLIND.match(stem) else None


def folds_of(pages: Sequence[ll.LabelledPage], count: int) -> list[list[ll.LabelledPage]]:
    """The blind batches two to a fold, in name order; the other pages in ``count`` folds."""
    batches = sorted({b for b in map(batch, pages) if b is not None})
    folds = [
        [p for p in pages if batch(p) in batches[n : n + 2]] for n in range(0, len(batches), 2)
    ]
    rest = [p for p in pages if batch(p) is None]
    return folds + [rest[n::count] for n in range(count)]


def parsed(page: cs.Page, labeller: Labeller | None) -> cs.PageScore:
    """The page's scores as the parser reads it with ``labeller`` (None: the rules alone)."""
    result = cs.run_parser(
        page.text_path.read_bytes(), page.name, page.saved, {"labeller": labeller}
    )
    return cs.PageScore(page, result, tuple(cs.match(page.items, result.items)))


def differences(rules: cs.PageScore, hybrid: cs.PageScore) -> list[str]:
    """The items the labeller dropped from the rules' and those it brought in, real or not."""
    real = {pair.produced.line for pair in (*rules.pairs, *hybrid.pairs)}
    kept = {item.line for item in hybrid.parsed.items}
    had = {item.line for item in rules.parsed.items}
    out = [
        f"   dropped {'REAL' if item.line in real else 'junk'} L{item.line}: "
        f"{item.title[:_SHOWN]!r}"
        for item in rules.parsed.items
        if item.line not in kept
    ]
    out += [
        f"   added   {'real' if item.line in real else 'JUNK'} L{item.line}: "
        f"{item.title[:_SHOWN]!r}"
        for item in hybrid.parsed.items
        if item.line not in had
    ]
    return out


def row(name: str, s: cs.Scores) -> str:
    return (
        f"{name:12s} P {s.precision:.4f}  R {s.recall:.4f}  author {s.author_accuracy:.4f}"
        f"  date {s.date_accuracy:.4f}  produced {s.produced}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="folds of the other pages")
    parser.add_argument("only", nargs="*", help="report only pages whose name holds one of these")
    args = parser.parse_args(argv)
    pages = train_labeller.labelled_part("tune")
    rules: list[cs.PageScore] = []
    hybrid: list[cs.PageScore] = []
    with tempfile.TemporaryDirectory(prefix="labeller-drops-") as tmp:
        for number, held in enumerate(folds_of(pages, args.folds)):
            wanted = [p for p in held if not args.only or any(o in p.page.name for o in args.only)]
            if not wanted:
                continue
            train = [p for p in pages if p not in held]
            model = train_labeller.train(train, Path(tmp) / f"{number}.crfsuite").read_bytes()
            labeller = Labeller(model)
            for page in wanted:
                alone, helped = parsed(page.page, None), parsed(page.page, labeller)
                rules.append(alone)
                hybrid.append(helped)
                changes = differences(alone, helped)
                if changes:
                    print(page.page.name, *changes, sep="\n")
    print(row("rules alone", cs.total(rules)))
    print(row("out of fold", cs.total(hybrid)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
