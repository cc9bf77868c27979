from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs

import feedparser
import pytest
from conftest import NOW, write_seed
from lxml import etree

from publisher import store
from publisher.core.settings import Settings, load_settings
from publisher.publish.atomic import STAGING_PREFIX
from publisher.publish.build import build

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

GOLDEN = Path(__file__).parent / "golden" / "build"
ATOM = "{http://www.w3.org/2005/Atom}"
NEW_PAGE = """Harbour Strike Enters Second Week

Dock workers at the harbour have stayed out for a second week over pay.

Harbour Board Responds

The board says it will meet union negotiators on Monday, writes Dana Whitfield.
"""


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def feed_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.name in {"rss.xml", "atom.xml", "feed.json"})


@pytest.fixture
def built(settings: Settings, db: store.Store) -> Path:
    report = build(settings, db, now=NOW)
    assert report.full and report.feeds_written > 0 and report.pages_written > 0
    return settings.paths.output


def test_first_build_writes_main_source_author_feeds_and_archive(built: Path) -> None:
    for name in ("rss.xml", "atom.xml", "feed.json", "index.html", "opml.xml", "style.css"):
        assert (built / name).is_file(), name
    assert (built / "sources" / "000-44715980d3eba7cf" / "atom.xml").is_file()
    assert (built / "authors" / "ian-lavery" / "rss.xml").is_file()
    assert len(list((built / "items").glob("*.html"))) > 50


def test_every_feed_parses_cleanly_and_ids_agree(built: Path) -> None:
    ids_by_title: dict[str, set[str]] = {}
    for path in feed_files(built):
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["version"] == "https://jsonfeed.org/version/1.1"
            entries = [(item["title"], item["id"]) for item in data["items"]]
        else:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
            entries = [(entry.title, entry.id) for entry in parsed.entries]
        assert len({entry_id for _, entry_id in entries}) == len(entries), path
        for title, entry_id in entries:
            ids_by_title.setdefault(title, set()).add(entry_id)
    assert ids_by_title and all(len(ids) == 1 for ids in ids_by_title.values())


def test_atom_entries_have_required_elements(built: Path) -> None:
    root = etree.parse(str(built / "atom.xml")).getroot()
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in root.iter(f"{ATOM}entry"):
        for child in ("id", "title", "updated", "link"):
            assert entry.find(ATOM + child) is not None
    updated = [e.findtext(f"{ATOM}updated") for e in root.iter(f"{ATOM}entry")]
    assert root.findtext(f"{ATOM}updated") == max(u for u in updated if u)
    assert len(set(updated)) == len(updated)


def test_main_feeds_match_golden_files(built: Path, update_golden: bool) -> None:
    for name in ("rss.xml", "atom.xml", "feed.json"):
        actual = (built / name).read_bytes()
        golden = GOLDEN / name
        if update_golden:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(actual)
        assert actual == golden.read_bytes(), (
            f"{name} differs; review and run pytest --update-golden"
        )


def test_second_build_with_nothing_new_writes_nothing(
    settings: Settings, db: store.Store, built: Path
) -> None:
    before = snapshot(built)
    report = build(settings, db, now=NOW + timedelta(hours=1))
    assert (report.feeds_written, report.pages_written) == (0, 0)
    assert snapshot(built) == before


def test_full_rebuild_of_unchanged_store_is_byte_identical(
    settings: Settings, db: store.Store, built: Path
) -> None:
    before = snapshot(built)
    report = build(settings, db, now=NOW + timedelta(hours=1), full=True)
    assert report.feeds_unchanged > 0 and (report.feeds_written, report.pages_written) == (0, 0)
    assert snapshot(built) == before


def test_new_seed_rewrites_only_what_lists_its_items(
    settings: Settings, db: store.Store, built: Path
) -> None:
    before = snapshot(built)
    write_seed(settings.paths.seeds, "harbour.txt", NEW_PAGE)
    report = build(settings, db, now=NOW + timedelta(hours=1))
    after = snapshot(built)
    changed = {path for path in after if before.get(path) != after[path]}
    main = {"rss.xml", "atom.xml", "feed.json", "index.html", "opml.xml"}
    source = {
        f"sources/harbour/{name}" for name in ("rss.xml", "atom.xml", "feed.json", "index.html")
    }
    author = {
        f"authors/dana-whitfield/{n}" for n in ("rss.xml", "atom.xml", "feed.json", "index.html")
    }
    items = {"items/harbour-strike-enters-second-week.html", "items/harbour-board-responds.html"}
    # The month the new items were found in gains them on its front page; the archive's
    # list of months shows the new count.
    months = {"archive/2026/11/index.html", "archive/index.html"}
    assert changed == main | source | author | items | months
    assert sorted(report.written) == sorted(changed)


def test_template_change_triggers_a_full_rebuild(
    site: Path, settings: Settings, db: store.Store, built: Path
) -> None:
    templates = site / "templates"
    templates.mkdir()
    (templates / "style.css").write_text("body { color: #111; }\n")
    report = build(settings, db, now=NOW + timedelta(hours=1))
    assert report.full and report.written == ["style.css"]


def test_hostile_seed_text_never_becomes_markup(settings: Settings, db: store.Store) -> None:
    hostile = (
        "Breaking <script>alert(1)</script> News\n\n"
        'A standfirst with <img src=x onerror="alert(2)"> and a & b < c.\n'
    )
    write_seed(settings.paths.seeds, "hostile.txt", hostile)
    build(settings, db, now=NOW)
    output = settings.paths.output
    for path in [*feed_files(output), *output.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text, path
    parsed = feedparser.parse((output / "sources" / "hostile" / "rss.xml").read_bytes())
    assert not parsed.bozo
    hostile_entry = next(e for e in parsed.entries if "Breaking" in e.title)
    assert "<" not in hostile_entry.title


class _HubRecorder(BaseHTTPRequestHandler):
    pings: ClassVar[list[dict[str, list[str]]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.pings.append(parse_qs(self.rfile.read(length).decode()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads what was recorded."""


def test_websub_hub_is_advertised_and_pinged_for_changed_feeds(site: Path, db: store.Store) -> None:
    hub = ThreadingHTTPServer(("127.0.0.1", 0), _HubRecorder)
    thread = threading.Thread(target=hub.serve_forever, daemon=True)
    thread.start()
    try:
        hub_url = f"http://127.0.0.1:{hub.server_address[1]}/hub"
        settings = load_settings(None, {"PUBLISHER_FEEDS_WEBSUB_HUB": hub_url}, cwd=site)
        build(settings, db, now=NOW)
    finally:
        hub.shutdown()
        hub.server_close()
        thread.join()
    pinged = {ping["hub.url"][0] for ping in _HubRecorder.pings}
    assert {p["hub.mode"][0] for p in _HubRecorder.pings} == {"publish"}
    assert f"{settings.site.url}rss.xml" in pinged and f"{settings.site.url}feed.json" in pinged
    assert f'href="{hub_url}"' in (settings.paths.output / "atom.xml").read_text()
    assert hub_url in (settings.paths.output / "rss.xml").read_text()


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp"))


def kill_mid_write(site: Path, settings: Settings) -> list[Path]:
    """Run real builds and SIGKILL one while it holds a temporary file; what it left."""
    for _ in range(5):
        shutil.rmtree(settings.paths.output, ignore_errors=True)  # a first build writes all
        (settings.paths.state / "build.json").unlink(missing_ok=True)
        process = subprocess.Popen([sys.executable, "-m", "publisher", "build"], cwd=site)
        while process.poll() is None:
            time.sleep(0.01)
            process.send_signal(signal.SIGSTOP)
            if settings.paths.output.is_dir() and temporaries(settings.paths.output):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return temporaries(settings.paths.output)
            process.send_signal(signal.SIGCONT)
    raise AssertionError("no build was caught mid-write in five tries")


def test_the_next_build_removes_what_a_killed_build_left(site: Path, settings: Settings) -> None:
    (site / "publisher.toml").touch()
    left = kill_mid_write(site, settings)
    assert left
    live = subprocess.Popen(["sleep", "30"])  # another process, still writing
    try:
        theirs = settings.paths.output / f".rss.xml.{live.pid}-0badcafe.abcd_123.tmp"
        others = [settings.paths.output / name for name in ("notes.tmp", ".draft.tmp")]
        for path in [theirs, *others]:
            path.write_bytes(b"not ours to remove")
        db = store.open_store(settings.database.url, now=NOW)
        try:
            build(settings, db, now=NOW)
        finally:
            db.close()
        assert temporaries(settings.paths.output) == sorted([theirs, others[1]])
        assert (settings.paths.output / "notes.tmp").is_file()
        assert not any(path.exists() for path in left)
        assert not list(settings.paths.state.glob(".building.*"))
        assert not list(settings.paths.output.glob(f"{STAGING_PREFIX}*"))
    finally:
        live.kill()
        live.wait()
    for feed in feed_files(settings.paths.output):  # the next build completed every file
        if feed.suffix == ".json":
            assert json.loads(feed.read_bytes())["items"], feed
        else:
            assert not feedparser.parse(feed.read_bytes()).bozo, feed
