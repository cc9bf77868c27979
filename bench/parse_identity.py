"""Everything the parser yields on a fixed set of pages, as one JSON file to diff.

Usage: python -P bench/parse_identity.py [--out FILE] [--compare FILE] [--synthetic N] [--rules]

Parses every page of the labelled corpus (tests/data/corpus/*/), the test seeds
(tests/data/seeds/), the samples (seeds/ and ../shared/seeds/) and N synthetic pages of
bench/ingest.py, each under several hints (the saved time given or not, month first,
another time zone and a forced author, every forced layout) and once with its lines
shuffled, and writes each result in full: layout, items with every field, reasons,
warnings, publication, every line's role and the ``--explain`` reading, or the error.

A speed change to the parser must leave this file byte-identical: --compare FILE says
whether it does and names the first pages that differ. Prints the file's SHA-256.
--rules parses without the CRF labeller's second opinion (the rules' part alone), so a
change to the labeller's features or model leaves that file identical too.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run with -P: the repository and bench/ (for the synthetic pages) go on the path explicitly.
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import ingest as ingest_bench  # noqa: E402

from publisher.core.errors import SeedError  # noqa: E402
from publisher.core.models import PageHints  # noqa: E402
from publisher.ingest.explanation import explain  # noqa: E402
from publisher.ingest.parsing import LAYOUTS, decode_seed, parse_page  # noqa: E402
from publisher.ingest.parsing.labeller import Labeller, packaged  # noqa: E402

SAVED = datetime(2026, 1, 1, 9, 30, tzinfo=UTC)
FOLDERS = (
    ROOT / "tests" / "data" / "corpus" / "tune",
    ROOT / "tests" / "data" / "corpus" / "heldout",
    ROOT / "tests" / "data" / "seeds",
    ROOT / "seeds",
    ROOT.parent / "shared" / "seeds",
)
Variant = tuple[str, PageHints, datetime | None]
VARIANTS: tuple[Variant, ...] = (
    ("default", PageHints(), SAVED),
    ("unsaved", PageHints(), None),
    ("month-first", PageHints(day_first=False), SAVED),
    ("zone-author", PageHints(timezone="Europe/Berlin", author="Pat Doe"), SAVED),
    *((f"layout={layout}", PageHints(layout=layout), SAVED) for layout in LAYOUTS),
)


def pages(synthetic: int) -> Iterator[tuple[str, str, bool]]:
    """(name, text, full) for every page; ``full``: try every variant, not just the default."""
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            text, _ = decode_seed(path.read_bytes(), name=path.name)
            yield f"{folder.relative_to(ROOT.parent)}/{path.name}", text, True
    rng = random.Random(0)
    for serial in range(synthetic):
        yield f"synthetic/{serial:06d}", ingest_bench.make_page(rng, serial), False


def shuffled(text: str, seed: str) -> str:
    """The page's lines in another order: odd neighbours for every detector."""
    lines = text.splitlines()
    random.Random(seed).shuffle(lines)
    return "\n".join(lines) + "\n"


def result_of(
    text: str, name: str, hints: PageHints, saved: datetime | None, labeller: Labeller | None
) -> Any:
    """One parse, in full, as plain JSON data."""
    try:
        result = parse_page(text, hints=hints, name=name, saved=saved, labeller=labeller)
    except SeedError as exc:
        return {"error": str(exc)}
    return {"result": dataclasses.asdict(result), "explain": explain(result).as_dict()}


def everything(synthetic: int, labeller: Labeller | None) -> dict[str, Any]:
    """Every page's results under each of its variants, keyed by page and variant."""
    out: dict[str, Any] = {}
    for name, text, full in pages(synthetic):
        for label, hints, saved in VARIANTS if full else VARIANTS[:1]:
            out[f"{name} [{label}]"] = result_of(text, name, hints, saved, labeller)
        if full:
            mixed = shuffled(text, name)
            out[f"{name} [shuffled]"] = result_of(mixed, name, PageHints(), SAVED, labeller)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("parse_identity.json"))
    parser.add_argument("--compare", type=Path, help="a file written before, to diff with")
    parser.add_argument("--synthetic", type=int, default=500, help="synthetic pages to add")
    parser.add_argument("--rules", action="store_true", help="the rules alone, no labeller")
    args = parser.parse_args(argv)
    results = everything(args.synthetic, None if args.rules else packaged())
    data = json.dumps(results, indent=1, sort_keys=True, default=str, ensure_ascii=False)
    args.out.write_text(data + "\n", encoding="utf-8")
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    print(f"{len(results)} parses written to {args.out} (sha256 {digest[:16]})")
    if args.compare is None:
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    now = json.loads(data)
    changed = [key for key in sorted(set(before) | set(now)) if before.get(key) != now.get(key)]
    for key in changed[:20]:
        print(f"differs: {key}")
    print(f"{len(changed)} of {len(results)} parses differ from {args.compare}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
