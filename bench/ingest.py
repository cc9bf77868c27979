"""Ingest throughput, where its time goes, and incremental cost, on synthetic seed pages.

Usage: python -P bench/ingest.py [--files 10000] [--runs 3] [--baseline DIR]

Prints, for N files in the sample layouts:
- the phase split (read, parse, keys, transfer between processes, store), each timed
  alone in this process, so the next person sees where the time goes;
- a whole ``publisher ingest`` process into an empty store, median of ``--runs``, with
  ``ingest.workers`` at its default (a parse worker per core) and at 0 (no workers);
  with ``--baseline DIR`` (a checkout's folder holding an older ``publisher`` package,
  e.g. ``git archive main publisher | tar -x -C DIR``) the same runs of that code,
  interleaved with these so both see the same machine;
- the cost of an ingest that finds one new file among 100 and among N.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from publisher import store
from publisher.core.models import ParseResult
from publisher.core.settings import Settings, load_settings
from publisher.ingest.matching import Clock, parsed_rows
from publisher.ingest.pipeline import (
    PARALLEL_CHUNK,
    IngestReport,
    ingest,
    parse_seed_bytes,
    prepare_file,
    saved_at,
    store_prepared,
)
from publisher.ingest.scanning import SeedEntry, read_seed, scan_seed_dir
from publisher.ingest.sources import source_for

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


@contextmanager
def timed(name: str, split: dict[str, tuple[float, float]]) -> Iterator[None]:
    """Record (wall, CPU) seconds of a phase."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    split[name] = (time.perf_counter() - wall, time.process_time() - cpu)


def parse_entry(settings: Settings, entry: SeedEntry, data: bytes) -> ParseResult:
    saved = saved_at(entry.mtime_ns)
    hints = source_for(settings, entry.path).hints
    return parse_seed_bytes(data, name=entry.path, hints=hints, saved=saved)


def phase_split(site: Path, now: datetime) -> dict[str, tuple[float, float]]:
    """Each phase of a full ingest alone, in this process, in the order the pipeline runs them."""
    shutil.rmtree(site / "var", ignore_errors=True)
    settings = load_settings(None, {}, cwd=site)
    entries = scan_seed_dir(settings.paths.seeds).entries
    limit = settings.ingest.max_file_bytes
    split: dict[str, tuple[float, float]] = {}
    with timed("read", split):
        data = [read_seed(entry, max_bytes=limit)[0] for entry in entries]
    with timed("parse", split):
        pairs = zip(entries, data, strict=True)
        results = [parse_entry(settings, entry, raw) for entry, raw in pairs]
    with timed("keys", split):
        for result in results:
            parsed_rows(result.items)
    del data, results
    tasks = [(entry, None) for entry in entries]
    prepared = [prepare_file(task, settings=settings, reparse=False) for task in tasks]
    with timed("transfer", split):  # a worker's pickling of its chunks, the main's unpickling
        chunks = [prepared[n : n + PARALLEL_CHUNK] for n in range(0, len(prepared), PARALLEL_CHUNK)]
        sent = [pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL) for chunk in chunks]
        received = list(itertools.chain.from_iterable(pickle.loads(blob) for blob in sent))
    split["transfer MB"] = (sum(map(len, sent)) / 1e6, 0.0)
    db = store.open_store(settings.database.url, now=now)
    with timed("store", split):
        report = IngestReport()
        store_prepared(db, zip(tasks, received, strict=True), len(tasks), Clock(now), report)
    db.close()
    return split


def whole_process(site: Path, environ: dict[str, str]) -> tuple[float, float]:
    """Seconds and CPU-seconds (its parse workers' included) of one ``publisher ingest``
    process into an empty store. On a busy machine the CPU-seconds compare fairer."""
    shutil.rmtree(site / "var", ignore_errors=True)
    (site / "publisher.toml").touch()  # the defaults: seeds/ and var/ beside it
    command = [sys.executable, "-P", "-m", "publisher", "ingest", "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=site, env=environ, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu


def compare_processes(
    site: Path, runs: int, baseline: Path | None
) -> dict[str, list[tuple[float, float]]]:
    """Whole processes of each kind in turn, ``runs`` rounds: all see the same machine."""
    base = dict(os.environ)
    no_workers = base | {"PUBLISHER_INGEST_WORKERS": "0"}
    kinds = (
        {}
        if baseline is None
        else {"baseline " + str(baseline): base | {"PYTHONPATH": str(baseline.resolve())}}
    )
    # This code's own run goes last: the incremental runs after it use the store it left.
    kinds |= {"this code, ingest.workers = 0": no_workers, "this code": base}
    times: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind, environ in kinds.items():
            times[kind].append(whole_process(site, environ))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs of each kind")
    parser.add_argument("--baseline", type=Path, help="a folder holding an older publisher/")
    args = parser.parse_args()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        write_corpus(small / "seeds", 100)
        size = write_corpus(large / "seeds", args.files)
        print(f"{args.files:,} files, {size / 1e6:.1f} MB; on {os.cpu_count()} cores")
        split = phase_split(large, now)
        total = sum(cpu for name, (_, cpu) in split.items() if not name.endswith("MB"))
        for name, (wall, cpu) in split.items():
            if name.endswith("MB"):
                print(f"  {name[:-3]:<9} {wall:6.1f} MB pickled")
            else:
                print(f"  {name:<9} {cpu:6.2f} CPU-s ({cpu / total:4.0%}), {wall:6.2f} s")
        for kind, times in compare_processes(large, args.runs, args.baseline).items():
            median = statistics.median(wall for wall, _ in times)
            cpu = statistics.median(cpu for _, cpu in times)
            shown = ", ".join(f"{wall:.2f}" for wall, _ in times)
            print(
                f"publisher ingest, {kind}: median {median:.2f} s "
                f"({args.files / median:,.0f} files/s; runs {shown}), {cpu:.2f} CPU-s"
            )
        full_small, _ = timed_ingest(small, now)
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
    sys.stdout.flush()


if __name__ == "__main__":
    main()
