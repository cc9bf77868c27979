"""Ingest throughput and incremental cost on synthetic seed pages in the sample layouts.

Usage: python bench/ingest.py [--files 10000]

Prints the full ingest of N files (files/s, MB/s), then the cost of an ingest that
finds one new file among 100 and among N, against the naive baseline of re-reading
and re-parsing every file (a fresh store) in the same process.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from publisher import store
from publisher.core.settings import load_settings
from publisher.ingest.pipeline import IngestReport, ingest

WORDS = (
    "labour union council budget housing strike election campaign workers rail health school "
    "climate energy water transport tenants rent wages pension court protest market city river "
    "vote party leader reform plan review crisis debate policy members branch region national"
).split()
NAMES = ("Ann Lee", "Rob Hart", "Mia Chen", "Tom Ward", "Sara Okafor", "Ian Ross", "Eve Park")
MONTHS = ("January", "March", "May", "July", "September", "November")
MTIME = datetime(2026, 1, 1, tzinfo=UTC).timestamp()


def phrase(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def title(rng: random.Random, serial: int) -> str:
    return f"{phrase(rng, 4).title()} {serial}"


def sentence(rng: random.Random) -> str:
    return phrase(rng, 18).capitalize() + "."


def listing(rng: random.Random, serial: int, bylines: bool) -> str:
    blocks = []
    for n in range(12):
        block = [title(rng, serial * 100 + n), sentence(rng)]
        if bylines:
            date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"
            block.append(f"{rng.choice(NAMES)}\u00a0 ·\u00a0 {date}")
        blocks.append("\n\n".join(block))
    return "\n\n".join(blocks) + "\n"


def teasers(rng: random.Random, serial: int) -> str:
    return "\n".join(f"{sentence(rng)[:-1]} number {serial * 100 + n}." for n in range(20)) + "\n"


def archive(rng: random.Random, serial: int) -> str:
    name = rng.choice(NAMES)
    header = (
        f"{rng.randint(5, 40)} Articles by:\n\n{name}\n\n{name} writes about {phrase(rng, 3)}.\n\n"
    )
    return header + listing(rng, serial, bylines=False)


def long_page(rng: random.Random, serial: int) -> str:
    paragraphs = [" ".join(sentence(rng) for _ in range(6)) for _ in range(6)]
    bullets = "\n".join(f"  • {phrase(rng, 8)};" for _ in range(6))
    return (
        f"{title(rng, serial)}!\n\n"
        + "\n\n".join(paragraphs[:3])
        + "\n\nOur Demands\n\n"
        + (bullets + "\n\n" + "\n\n".join(paragraphs[3:]) + "\n")
    )


def make_page(rng: random.Random, serial: int) -> str:
    kind = serial % 5
    makers: list[Callable[[], str]] = [
        lambda: listing(rng, serial, bylines=False),
        lambda: listing(rng, serial, bylines=True),
        lambda: teasers(rng, serial),
        lambda: archive(rng, serial),
        lambda: long_page(rng, serial),
    ]
    return makers[kind]()


def write_corpus(folder: Path, count: int, start: int = 0) -> int:
    rng = random.Random(start)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for serial in range(start, start + count):
        path = folder / f"page_{serial:06d}.txt"
        data = make_page(rng, serial).encode("utf-8")
        path.write_bytes(data)
        os.utime(path, (MTIME, MTIME))
        total += len(data)
    return total


def timed_ingest(site: Path, now: datetime) -> tuple[float, IngestReport]:
    settings = load_settings(None, {}, cwd=site)
    db = store.open_store(settings.database.url, now=now)
    started = time.perf_counter()
    report = ingest(settings, db, now=now)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed, report


def incremental(site: Path, serial: int, now: datetime) -> float:
    write_corpus(site / "seeds", 1, start=serial)
    elapsed, report = timed_ingest(site, now)
    assert report.files_new == 1, report
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        write_corpus(small / "seeds", 100)
        size = write_corpus(large / "seeds", args.files)
        full_small, _ = timed_ingest(small, now)
        full_large, report = timed_ingest(large, now)
        print(
            f"full ingest of {args.files:,} files "
            f"({size / 1e6:.1f} MB, {report.items_new:,} items): "
            f"{full_large:.2f} s = {args.files / full_large:,.0f} files/s, "
            f"{size / 1e6 / full_large:.2f} MB/s"
        )
        print(f"full ingest of 100 files: {full_small * 1000:.0f} ms")
        inc_small = incremental(small, 900_000, now + timedelta(minutes=1))
        inc_large = incremental(large, 900_001, now + timedelta(minutes=1))
        print(f"one new file among 100: {inc_small * 1000:.0f} ms")
        print(f"one new file among {args.files:,}: {inc_large * 1000:.0f} ms")
        budget = inc_small + full_small
        print(
            f"target: among {args.files:,} <= among 100 + full ingest of 100 "
            f"= {budget * 1000:.0f} ms"
            f" -> {'met' if inc_large <= budget else 'MISSED'}"
        )
        print(
            f"naive baseline (re-read and re-parse all {args.files:,} files): {full_large:.2f} s; "
            f"incremental is {full_large / inc_large:,.0f}x faster"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
