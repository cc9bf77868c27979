"""Batched atomic writes: whole files only, one flush per batch, leftovers of killed runs swept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_MTIME
from lxml import etree

from publisher.core.errors import PublishError
from publisher.publish.atomic import STAGE_FROM, STAGING_PREFIX, Batch, marked_build

PAST = SEED_MTIME
WORDS = "harbour council budget school river bridge library market festival station".split()


def staging_folders(root: Path) -> list[Path]:
    return sorted(root.glob(f"{STAGING_PREFIX}*"))


@pytest.mark.parametrize("extra", [0, STAGE_FROM], ids=["synced-each", "staged"])
def test_batch_writes_changed_files_whole_at_the_end_and_keeps_unchanged_ones(
    tmp_path: Path, extra: int
) -> None:
    same = tmp_path / "same.xml"
    same.write_bytes(b"same")
    os.utime(same, (PAST, PAST))
    kept = same.stat()
    moded = tmp_path / "moded.json"
    moded.write_bytes(b"old")
    moded.chmod(0o640)
    with Batch(tmp_path) as batch:
        assert batch.write(same, b"same") is False
        assert batch.write(moded, b"new") is True
        assert batch.write(tmp_path / "a" / "b" / "new.html", b"<p>new</p>") is True
        assert batch.write(tmp_path / "a" / "b" / "two.html", b"<p>two</p>") is True
        for n in range(extra):
            assert batch.write(tmp_path / "many" / f"{n}.html", b"<p>many</p>") is True
        # Nothing staged is visible before the flush: the old bytes or no file at all.
        assert moded.read_bytes() == b"old" and not (tmp_path / "a" / "b" / "new.html").exists()
    assert moded.read_bytes() == b"new" and moded.stat().st_mode & 0o777 == 0o640
    new = tmp_path / "a" / "b" / "new.html"
    assert new.read_bytes() == b"<p>new</p>" and new.stat().st_mode & 0o777 == 0o644
    assert (same.stat().st_mtime, same.stat().st_ino) == (kept.st_mtime, kept.st_ino)
    assert len(list(tmp_path.glob("many/*.html"))) == extra
    expected = sorted(["a", "moded.json", "same.xml"] + (["many"] if extra else []))
    assert sorted(p.name for p in tmp_path.iterdir()) == expected


def test_batch_flushes_every_max_files(tmp_path: Path) -> None:
    with Batch(tmp_path, max_files=2) as batch:
        batch.write(tmp_path / "1", b"one")
        assert not (tmp_path / "1").exists()
        batch.write(tmp_path / "2", b"two")
        assert (tmp_path / "1").read_bytes() == b"one" and (tmp_path / "2").read_bytes() == b"two"
        batch.write(tmp_path / "3", b"three")
        assert not (tmp_path / "3").exists()
    assert (tmp_path / "3").read_bytes() == b"three"


def test_an_error_in_the_block_renames_nothing_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "rss.xml"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), Batch(tmp_path) as batch:
        batch.write(target, b"new")
        raise RuntimeError("render failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rss.xml"]


def test_a_write_failure_is_a_publish_error_naming_the_path(tmp_path: Path) -> None:
    (tmp_path / "index.html").mkdir()
    with pytest.raises(PublishError, match=r"index\.html"), Batch(tmp_path) as batch:
        batch.write(tmp_path / "index.html", b"<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


@pytest.mark.parametrize("extra", [0, STAGE_FROM], ids=["synced-each", "staged"])
def test_a_removed_path_drops_its_pending_bytes(tmp_path: Path, extra: int) -> None:
    gone = tmp_path / "months" / "2026-01" / "index.html"
    gone.parent.mkdir(parents=True)
    gone.write_bytes(b"old")
    with Batch(tmp_path) as batch:
        for n in range(extra):
            batch.write(tmp_path / "many" / f"{n}.html", b"<p>many</p>")
        assert batch.write(gone, b"new") is True
        assert batch.remove(gone) is True
        gone.parent.rmdir()  # as a caller taking down an emptied listing does
        assert batch.remove(tmp_path / "never.html") is False
        batch.write(tmp_path / "months" / "2026-02" / "index.html", b"kept")
    assert not gone.exists() and not gone.parent.exists()
    assert (tmp_path / "months" / "2026-02" / "index.html").read_bytes() == b"kept"
    assert len(list(tmp_path.glob("many/*.html"))) == extra


BATCH_SCRIPT = """
import os, signal, sys
from pathlib import Path
from publisher.publish.atomic import STAGE_FROM, Batch
root, how = Path(sys.argv[1]), sys.argv[2]
with Batch(root, max_files=STAGE_FROM) as batch:
    for n in range(STAGE_FROM):  # one staged flush: the staging folder lives on with the batch
        batch.write(root / "staged" / str(n), b"staged")
    batch.write(root / "theirs.txt", b"theirs")
    batch.write(root / "deep" / "more.txt", b"more")
    print("staged", flush=True)
    if how == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    sys.stdin.readline()
"""


def run_batch(root: Path, how: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", BATCH_SCRIPT, str(root), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "staged\n"
    return process


def test_a_killed_batch_leaves_nothing_visible_and_the_next_batch_sweeps_it(
    tmp_path: Path,
) -> None:
    dead = run_batch(tmp_path, "die")
    dead.communicate(timeout=30)
    assert dead.returncode == -signal.SIGKILL
    assert len(staging_folders(tmp_path)) == 1
    assert not (tmp_path / "theirs.txt").exists() and not (tmp_path / "deep" / "more.txt").exists()
    assert len(list((tmp_path / "staged").iterdir())) == STAGE_FROM
    with Batch(tmp_path) as batch:
        for n in range(STAGE_FROM):
            batch.write(tmp_path / "ours" / str(n), b"ours")
    assert staging_folders(tmp_path) == []
    assert (tmp_path / "ours" / "0").read_bytes() == b"ours"


def test_the_next_marked_build_removes_a_killed_batch_even_when_it_stages_nothing(
    tmp_path: Path,
) -> None:
    dead = run_batch(tmp_path, "die")
    dead.communicate(timeout=30)
    assert len(staging_folders(tmp_path)) == 1
    with marked_build(tmp_path / "state", tmp_path), Batch(tmp_path) as batch:
        batch.write(tmp_path / "small.txt", b"one file: synced beside its target")
    assert staging_folders(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "small.txt", "staged", "state"]


def test_a_live_batch_in_another_process_is_left_alone(tmp_path: Path) -> None:
    live = run_batch(tmp_path, "wait")
    try:
        with Batch(tmp_path) as batch:
            for n in range(STAGE_FROM):
                batch.write(tmp_path / "ours" / str(n), b"ours")
        assert len(staging_folders(tmp_path)) == 1
        assert not (tmp_path / "theirs.txt").exists()
    finally:
        live.communicate("done\n", timeout=30)
    assert live.returncode == 0
    assert (tmp_path / "theirs.txt").read_bytes() == b"theirs"
    assert (tmp_path / "deep" / "more.txt").read_bytes() == b"more"
    assert staging_folders(tmp_path) == []


def many_seeds(folder: Path, sources: int = 20, per_source: int = 30) -> None:
    """Listing pages enough for about 750 output files, so a build takes a few seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(sources):
        stories = []
        for n in range(per_source):
            k = s * per_source + n
            stories.append(
                f"{WORDS[k % 10].title()} {WORDS[(k // 10) % 10]} report number {k}\n\n"
                f"The {WORDS[k * 7 % 10]} committee met on day {k} to discuss the "
                f"{WORDS[k * 3 % 10]} plan, writes Author Person{k % 30}.\n"
            )
        path = folder / f"source-{s:02d}.txt"
        path.write_text("\n".join(stories), encoding="utf-8")
        os.utime(path, (PAST, PAST))


def visible_files(output: Path) -> list[Path]:
    """What a reader can fetch: every file under the output folder without a dot name."""
    return [
        Path(folder, name)
        for folder, dirs, names in os.walk(output)
        for name in names
        if not any(part.startswith(".") for part in Path(folder, name).relative_to(output).parts)
    ]


def assert_whole(path: Path) -> None:
    """A feed parses, a JSON Feed loads, a page ends where its template ends."""
    data = path.read_bytes()
    if path.suffix == ".xml":
        etree.fromstring(data)
    elif path.suffix == ".json":
        assert json.loads(data)["version"].startswith("https://jsonfeed.org/")
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>"), path
    elif path.suffix == ".css":
        assert data.strip(), path


def kill_when(command: list[str], site: Path, ready: Callable[[], bool]) -> bool:
    """Run ``command`` and SIGKILL it as soon as ``ready()``; True when the kill came first."""
    process = subprocess.Popen(command, cwd=site, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline and not ready():
        time.sleep(0.002)
    killed = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return killed


def test_build_killed_mid_write_shows_only_whole_files_and_resumes_cleanly(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    many_seeds(site / "seeds")
    (site / "publisher.toml").write_text("")  # the defaults: seeds/ in, feeds/ out
    output = site / "feeds"
    build = [sys.executable, "-m", "publisher", "build", "--json"]

    def staging_has_files() -> bool:
        return any(len(os.listdir(folder)) > 100 for folder in staging_folders(output))

    # Killed while the batch is staged: nothing of it is visible.
    assert kill_when(build, site, staging_has_files)
    assert staging_folders(output) and visible_files(output) == []
    # Killed as the renames begin (the first feed is renamed first): whatever shows is whole.
    kill_when(build, site, lambda: (output / "rss.xml").exists())
    for path in visible_files(output):
        assert_whole(path)
    subprocess.run(build, cwd=site, capture_output=True, check=True, timeout=60)
    assert staging_folders(output) == []
    written = visible_files(output)
    assert len(written) > 700
    for path in written:
        assert_whole(path)
    # Byte-identical to a full build from the same store: nothing left half done.
    full = subprocess.run([*build, "--full"], cwd=site, capture_output=True, check=True, timeout=60)
    again = json.loads(full.stdout)
    assert again["feeds_written"] == 0 and again["pages_written"] == 0
