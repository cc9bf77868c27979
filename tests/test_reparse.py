"""Upgrading the parser on a live site: files re-read, ids kept, orphans listed, not deleted.

``data/reparse/old_reading.json`` holds what the parser on main (d25e983, before the
record reader) read from two corpus pages: a lynx dump whose titles kept their "[11]"
reference marks, with its nav, bylines and URLs as teasers; and a newsletter archive
whose titles it cut short. The site "built with today's parser" is those readings
stored through the real matcher, with the seed files at no parser version, as
migration 6 leaves a database from before it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from conftest import NOW, write_seed

from publisher import store
from publisher.core.models import ParsedItem, SeedFile
from publisher.core.settings import Settings, load_settings
from publisher.ingest.matching import Batch, Clock, PageItems
from publisher.ingest.parsing import PARSER_VERSION, decode_seed, parse_page
from publisher.ingest.pipeline import ingest, list_orphans, source_for
from publisher.ingest.scanning import read_seed, scan_seed_dir
from publisher.publish.build import build
from publisher.store.migrations import MIGRATIONS

DATA = Path(__file__).resolve().parent / "data"
OLD_READING = json.loads((DATA / "reparse" / "old_reading.json").read_text(encoding="utf-8"))
LATER = NOW + timedelta(days=1)


def old_items(name: str) -> list[ParsedItem]:
    return [
        ParsedItem(
            **(raw | {"published": raw["published"] and datetime.fromisoformat(raw["published"])})
        )
        for raw in OLD_READING[name]["items"]
    ]


def store_old_reading(settings: Settings, db: store.Store) -> None:
    """What an ingest by the old parser stored: its items, and files with no parser version."""
    entries = scan_seed_dir(settings.paths.seeds).entries
    pages = [
        PageItems.of(source_for(settings, e.path).slug, e.path, old_items(e.path)) for e in entries
    ]
    seeds = [
        SeedFile(
            e.path, e.size, e.mtime_ns, read_seed(e, max_bytes=10**7)[1], "ok", None, "teasers"
        )
        for e in entries
    ]
    with db.transaction() as conn:
        store.upsert_sources(conn, [(p.source, p.source, None) for p in pages])
        batch = Batch(conn, Clock(NOW))
        batch.preload(pages)
        for page in pages:
            batch.add(page)
        batch.flush()
        store.upsert_seed_files(conn, seeds, now=NOW)


def saved(name: str) -> datetime:
    """When the corpus page was saved (its sidecar says): the seed file's modification time."""
    sidecar = (DATA / "corpus" / "tune" / name).with_suffix(".json")
    return datetime.fromisoformat(json.loads(sidecar.read_text(encoding="utf-8"))["saved"])


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    for name in OLD_READING:
        page = (DATA / "corpus" / "tune" / name).read_bytes()
        write_seed(tmp_path / "seeds", name, page, mtime=saved(name).timestamp())
    (tmp_path / "publisher.toml").write_text("")  # every key at its default
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url, now=NOW)
    store_old_reading(settings, db)
    db.close()
    return tmp_path


def labelled_titles(name: str) -> set[str]:
    sidecar = (DATA / "corpus" / "tune" / name).with_suffix(".json")
    return {item["title"] for item in json.loads(sidecar.read_text(encoding="utf-8"))["items"]}


def current_titles(site: Path) -> set[str]:
    titles = set()
    for path in sorted((site / "seeds").glob("*.txt")):
        text, _ = decode_seed(path.read_bytes(), name=path.name)
        titles.update(item.title for item in parse_page(text, saved=saved(path.name)).items)
    return titles


def test_next_scan_rereads_old_files_keeps_every_id_and_lists_orphans(old_site: Path) -> None:
    settings = load_settings(None, {}, cwd=old_site)
    db = store.open_store(settings.database.url, now=NOW)
    before = {item.id: item for item in store.list_items(db)}
    assert list_orphans(settings, db) == []  # not re-read yet: what they held still counts
    report = ingest(settings, db, now=LATER)
    assert (report.files_reparsed, report.files_failed, report.files_unchanged) == (2, 0, 0)
    after = {item.id: item for item in store.list_items(db)}
    assert before.keys() <= after.keys()
    # Same stories, titles cleaned up by the new parser: updated in place, same ids.
    tribunal = after["11-tribunal-rules-delivery-drivers-are-workers-not"]
    assert tribunal.title == "Tribunal rules delivery drivers are workers, not contractors"
    city_hall = after["02-27-2024-we-packed-city-hall"]
    assert "We packed City Hall" in city_hall.title  # as the current parser reads it
    assert city_hall.title in current_titles(old_site)
    stories = labelled_titles("lynx_references_1.txt")
    assert len(stories) == 8
    assert {i.title for i in after.values() if i.id in before} >= stories
    # Every item the new reading yields is one item; every other stored item is an orphan.
    titles = current_titles(old_site)
    yielded = {item.id for item in after.values() if item.title in titles}
    orphans = list_orphans(settings, db)
    assert {o.id for o in orphans} == after.keys() - yielded
    assert {"[3]Home", "By [12]Grace Liu | 4 March 2024"} <= {o.title for o in orphans}
    assert yielded & before.keys() and all(o.id in before for o in orphans)
    assert store.count_items(db) == len(after)  # listed, never deleted
    again = ingest(settings, db, now=LATER + timedelta(hours=1))
    assert (again.files_unchanged, again.files_reparsed) == (2, 0)
    db.close()


def publisher(*args: str, cwd: Path) -> str:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True,
        check=True, timeout=120,
    ).stdout  # fmt: skip


def test_ingest_reparse_and_items_orphans_on_the_command_line(old_site: Path) -> None:
    ids_before = {
        i.id for i in store.list_items(store.open_store(f"sqlite:///{old_site}/var/publisher.db"))
    }
    first = json.loads(publisher("ingest", "--reparse", "--json", cwd=old_site))
    orphans = json.loads(publisher("items", "orphans", "--json", cwd=old_site))
    assert first["files_reparsed"] == 2 and first["orphans"] == len(orphans) > 0
    assert set(orphans[0]) == {"id", "hidden", "title", "source", "seed_path", "first_seen"}
    assert not any(orphan["hidden"] for orphan in orphans)
    second = json.loads(publisher("ingest", "--reparse", "--json", cwd=old_site))
    assert (second["files_reparsed"], second["items_new"], second["items_updated"]) == (2, 0, 0)
    assert json.loads(publisher("items", "orphans", "--json", cwd=old_site)) == orphans
    db = store.open_store(f"sqlite:///{old_site}/var/publisher.db")
    assert ids_before <= {i.id for i in store.list_items(db)}
    db.close()
    publisher("items", "hide", orphans[0]["id"], cwd=old_site)
    plain = publisher("items", "orphans", cwd=old_site)
    assert f"{orphans[0]['id']}\t{orphans[0]['source']}\thidden\t" in plain
    assert f"{orphans[-1]['id']}\t{orphans[-1]['source']}\tshown\t" in plain


def test_file_read_by_a_lower_parser_version_is_reread_once(
    settings: Settings, db: store.Store
) -> None:
    ingest(settings, db, now=NOW)
    before = store.list_items(db)
    with sqlite3.connect(settings.paths.state / "publisher.db") as conn:
        conn.execute("UPDATE seed_files SET parser_version = ?", (PARSER_VERSION - 1,))
    report = ingest(settings, db, now=LATER)
    assert (report.files_reparsed, report.files_unchanged, report.items_new) == (5, 0, 0)
    assert store.list_items(db) == before  # same parser, same reading: nothing moves
    assert {s.parser_version for s in store.list_seed_files(db).values()} == {PARSER_VERSION}
    again = ingest(settings, db, now=LATER + timedelta(hours=1))
    assert (again.files_reparsed, again.files_unchanged) == (0, 5)


def test_migration_6_adds_the_version_to_a_database_from_before_it(
    settings: Settings, db: store.Store
) -> None:
    ingest(settings, db, now=NOW)
    ids = {item.id for item in store.list_items(db)}
    db.close()
    with sqlite3.connect(settings.paths.state / "publisher.db") as conn:
        conn.execute("ALTER TABLE seed_files DROP COLUMN parser_version")
        conn.execute("DROP TABLE seed_items")
        conn.execute("DELETE FROM schema_migrations WHERE version = 6")
    reopened = store.open_store(settings.database.url, now=LATER)  # 8 and later already done
    assert store.list_migrations(reopened) == [version for version, _, _ in MIGRATIONS]
    assert {s.parser_version for s in store.list_seed_files(reopened).values()} == {None}
    assert list_orphans(settings, reopened) == []
    report = ingest(settings, reopened, now=LATER)
    assert (report.files_reparsed, report.items_new) == (5, 0)
    assert {item.id for item in store.list_items(reopened)} == ids
    reopened.close()


def test_publication_name_is_the_default_source_name_and_a_configured_name_wins(
    tmp_path: Path,
) -> None:
    page = (DATA / "corpus" / "tune" / "caps_names_1.txt").read_bytes()
    write_seed(tmp_path / "seeds", "caps_names_1.txt", page)
    write_seed(tmp_path / "seeds", "named/caps.txt", page)
    (tmp_path / "publisher.toml").write_text('[[sources]]\nmatch = "named/*"\nname = "Clarion"\n')
    settings = load_settings(tmp_path / "publisher.toml", {})
    db = store.open_store(settings.database.url, now=NOW)
    ingest(settings, db, now=NOW)
    # The slug still comes from the file (feed URLs stay); only the shown name changes.
    assert store.list_sources(db) == {"caps-names-1": "The Clarion Review", "clarion": "Clarion"}
    db.close()


def test_a_publication_that_is_a_title_or_author_of_the_page_is_not_its_name(
    settings: Settings, db: store.Store
) -> None:
    ingest(settings, db, now=NOW)
    names = store.list_sources(db)
    # 003 is Ian Lavery's author archive: his name tops the page but is no masthead.
    assert names["003-36847382ad8f68eb"] == "003_36847382ad8f68eb"


def test_a_headline_at_the_top_of_the_page_is_not_its_name(
    settings: Settings, db: store.Store
) -> None:
    ingest(settings, db, now=NOW)
    # 002 opens with "Left maintains NEC seats – despite Momentum", its first item's title.
    assert store.list_sources(db)["002-f38ea0fa12cf108e"] == "002_f38ea0fa12cf108e"


def test_a_page_that_states_a_new_name_changes_only_the_name_shown(tmp_path: Path) -> None:
    page = (DATA / "corpus" / "tune" / "caps_names_1.txt").read_bytes()
    write_seed(tmp_path / "seeds", "clarion.txt", page)
    (tmp_path / "publisher.toml").write_text("")
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url, now=NOW)
    build(settings, db, now=NOW)
    ids = {item.id for item in store.list_items(db)}
    out = settings.paths.output
    assert feed_names(out / "sources" / "clarion" / "rss.xml") == {"The Clarion Review"}
    renamed = page.replace(b"CLARION REVIEW", b"CLARION QUARTERLY")
    write_seed(tmp_path / "seeds", "clarion.txt", renamed, mtime=LATER.timestamp() - 3600)
    report = build(settings, db, now=LATER)
    # Same slug, feed URL and ids; every output that shows the name shows the new one.
    assert (report.full, report.renamed) == (True, [])
    assert store.list_sources(db) == {"clarion": "The Clarion Quarterly"}
    assert {item.id for item in store.list_items(db)} == ids
    assert feed_names(out / "sources" / "clarion" / "rss.xml") == {"The Clarion Quarterly"}
    assert feed_names(out / "rss.xml") == {"The Clarion Quarterly"}
    assert b"Clarion Review" not in (out / "items" / f"{sorted(ids)[0]}.html").read_bytes()
    # A [[sources]] name still renames the source, by the config alone.
    toml = '[[sources]]\nmatch = "clarion.txt"\nname = "Clarion Weekly"\n'
    (tmp_path / "publisher.toml").write_text(toml)
    named = load_settings(None, {}, cwd=tmp_path)
    report = build(named, db, now=LATER + timedelta(hours=1))
    assert report.renamed == [("sources/clarion", "sources/clarion-weekly")]
    assert store.list_sources(db) == {"clarion-weekly": "Clarion Weekly"}
    assert {item.id for item in store.list_items(db)} == ids
    assert feed_names(out / "sources" / "clarion-weekly" / "rss.xml") == {"Clarion Weekly"}
    db.close()


def feed_names(path: Path) -> set[str]:
    """The source names a feed's entries are filed under."""
    return {entry.category for entry in feedparser.parse(path.read_bytes()).entries}


def test_items_of_a_seed_the_scan_cannot_read_are_no_orphans(
    settings: Settings, db: store.Store
) -> None:
    seeds = settings.paths.seeds
    (seeds / "sub").mkdir()
    (seeds / "000_44715980d3eba7cf.txt").rename(seeds / "sub" / "000_44715980d3eba7cf.txt")
    ingest(settings, db, now=NOW)
    assert list_orphans(settings, db) == []
    loop = seeds / "001_d6531b79b38d7ca0.txt"
    loop.unlink()
    loop.symlink_to(loop.name)  # a link to itself: skipped as unreadable, not gone
    shutil.rmtree(seeds / "sub")
    (seeds / "sub").symlink_to(seeds / "nowhere")  # a broken link where the folder was
    assert {path for path, _ in scan_seed_dir(seeds).skipped} == {loop.name, "sub"}
    assert list_orphans(settings, db) == []
    loop.unlink()
    assert {o.seed_path for o in list_orphans(settings, db)} == {loop.name}
