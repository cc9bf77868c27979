"""Parse quality on the labelled corpus (tests/data/corpus), and parse throughput.

Usage: python -P bench/parse_quality.py [--verbose] [--record] [--part tune|heldout|all]
                                        [--baseline REV|none]

Prints a table per part (tune, heldout): overall and per labelled layout, the pages,
expected and produced items, item precision and recall, author, date and URL accuracy over
matched items, furniture items (produced items matching no labelled one) and layout
accuracy. --verbose lists every page with what went wrong on it.

Then the throughput of the current parser over the whole corpus in pages/s (median of
3 passes) and, measured in the same run, that of the parser at git revision REV
(default 17cac2e): its publisher/ package is extracted with `git archive` into a
temporary folder and timed in a subprocess, like the current one, so both run alike.

--record writes the tune and heldout overall scores to tests/data/corpus/scores.json,
which tests/test_parse_corpus.py holds the parser to.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# Run with -P: the repository and tests/ (for corpus_scoring) go on the path explicitly.
sys.path[:0] = [str(ROOT), str(TESTS)]

import corpus_scoring as cs  # noqa: E402

BASELINE = "17cac2e"
PASSES = 3

# Runs in a subprocess with PYTHONPATH=<publisher's parent>:<tests>: times the parser found
# there over the corpus and prints {"rate": pages/s, "parser": <module file>} as JSON. The
# editable install's finder is dropped so that no module falls back to the working tree.
_TIMER = """
import json, sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
import corpus_scoring as cs
pages = [p for part in cs.load_corpus().values() for p in part]
rate = cs.throughput(pages, passes=int(sys.argv[1]))
print(json.dumps({"rate": rate, "parser": sys.modules[cs.parse_page.__module__].__file__}))
"""


def timed(package_parent: Path) -> tuple[float, str]:
    """Pages/s of the parser in the publisher package under ``package_parent``, and its file."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(package_parent), str(TESTS)]))
    done = subprocess.run(
        [sys.executable, "-P", "-c", _TIMER, str(PASSES)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"timing the parser under {package_parent} failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return float(result["rate"]), str(result["parser"])


def baseline_rate(rev: str) -> tuple[float, str]:
    """Pages/s of the parser as of git revision ``rev``, extracted to a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="parse-baseline-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "publisher"],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        return timed(Path(tmp))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list each page's failures")
    parser.add_argument("--record", action="store_true", help="write scores.json")
    parser.add_argument("--part", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument(
        "--baseline", default=BASELINE, help="git revision to compare throughput with, or none"
    )
    args = parser.parse_args(argv)

    parts = cs.PARTS if args.part == "all" else (args.part,)
    for part in parts:
        for problem in cs.unpaired(cs.CORPUS / part):
            print(f"warning: {problem}", file=sys.stderr)
    reports = cs.score_corpus(cs.CORPUS, parts)
    for report in reports.values():
        if args.verbose:
            print("\n".join(cs.verbose(report)))
            print()
        print("\n".join(cs.table(report)))
        print()

    if args.record:
        if set(reports) != set(cs.PARTS):
            parser.error("--record needs every part (--part all)")
        try:
            cs.record(reports)
        except ValueError as exc:
            parser.error(str(exc))
        print(f"recorded overall scores to {cs.SCORES_FILE.relative_to(ROOT)}")
        print()

    pages = sum(len(part) for part in cs.load_corpus().values())
    current, where = timed(ROOT)
    print(f"throughput over {pages} pages (median of {PASSES} passes):")
    print(f"  current parser ({Path(where).parent.relative_to(ROOT)}): {current:8.1f} pages/s")
    if args.baseline.lower() != "none":
        base, _ = baseline_rate(args.baseline)
        print(f"  baseline parser (git {args.baseline}): {base:8.1f} pages/s")
        print(f"  current / baseline: {current / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
