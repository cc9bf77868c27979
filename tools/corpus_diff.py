"""Which corpus pages a parser change reads differently, against a git revision.

Usage: python -P tools/corpus_diff.py [REV] [--folder DIR ...]

Parses every page of tests/data/corpus (or of the folders given: a fresh blind batch)
with the working tree's parser and with the parser as of REV (default HEAD, extracted
with ``git archive``), scores both with the same scorer (tests/corpus_scoring.py) and
prints each page whose reading changed: its layout, items produced and matched, authors
and dates right, before -> after, then the totals.  Held-out pages are printed without
their names ("heldout"), so a change can be weighed on them without reading them page by
page.  The quick check before raising PARSER_VERSION: what moved, and where.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import corpus_scoring as cs  # noqa: E402

_FIELDS: Final = ("n", "matched", "authors", "dates")
_HIDDEN: Final = "heldout"

Stats = dict[str, dict[str, object]]


def page_stats(folders: list[Path]) -> Stats:
    """Each page's reading, reduced to what is compared (keyed "folder/page")."""
    stats: Stats = {}
    for folder in folders:
        for page in cs.load_part(folder):
            scored = cs.score_page(page)
            pairs = scored.pairs
            stats[f"{folder.name}/{Path(page.name).name}"] = {
                "truth": page.layout,
                "layout": scored.parsed.layout,
                "expected": len(page.items),
                "n": len(scored.parsed.items),
                "matched": len(pairs),
                "authors": sum(p.author_right for p in pairs),
                "dates": sum(p.date_right for p in pairs),
            }
    return stats


def baseline_stats(rev: str, folders: list[Path]) -> Stats:
    """``page_stats`` under the parser as of git revision ``rev``, in a process of its own."""
    with tempfile.TemporaryDirectory(prefix="corpus-diff-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "publisher"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        command = [sys.executable, "-P", __file__, "--stats", *map(str, folders)]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": tmp},
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"reading the corpus with the parser of {rev} failed:\n{done.stderr}"
            )
        loaded: Stats = json.loads(done.stdout)
        return loaded


def changes(before: Stats, after: Stats) -> list[str]:
    """One line for each page read differently, then the totals."""
    lines: list[str] = []
    totals = {field: [0, 0] for field in (*_FIELDS, "layouts")}
    for key in sorted(after):
        old, new = before.get(key), after[key]
        if old is None:
            continue
        for field in _FIELDS:
            totals[field][0] += int(str(old[field]))
            totals[field][1] += int(str(new[field]))
        totals["layouts"][0] += old["layout"] == old["truth"]
        totals["layouts"][1] += new["layout"] == new["truth"]
        if old != new:
            lines.append(_changed(key, old, new))
    lines.append("totals: " + ", ".join(f"{f} {a} -> {b}" for f, (a, b) in totals.items()))
    return lines


def _changed(key: str, old: dict[str, object], new: dict[str, object]) -> str:
    folder = key.split("/")[0]
    name = _HIDDEN if folder == _HIDDEN else key
    moves = " ".join(f"{field} {old[field]}->{new[field]}" for field in _FIELDS)
    return (
        f"{name[:58]:58} {old['truth']!s:15} {old['layout']!s:15} -> {new['layout']!s:15} {moves}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", nargs="?", default="HEAD", help="git revision to compare with")
    parser.add_argument("--folder", action="append", type=Path, help="pages to read instead")
    parser.add_argument("--stats", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stats:  # the baseline's own process: print its readings
        print(json.dumps(page_stats(args.stats)))
        return 0
    folders = args.folder or [cs.CORPUS / part for part in cs.PARTS]
    print("\n".join(changes(baseline_stats(args.rev, folders), page_stats(folders))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
