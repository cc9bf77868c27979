from __future__ import annotations

import dataclasses
import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW, SEED_MTIME, use_database, write_seed

from publisher import store
from publisher.core.models import Item
from publisher.core.settings import Settings, load_settings
from publisher.ingest.pipeline import IngestReport, ingest
from publisher.publish.build import build
from publisher.store.migrations import MIGRATIONS

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

LISTING = """Council Budget Passed

The council voted through its budget after a long debate on housing.

Library Hours Extended

Three branch libraries will open on Sundays from next month.
"""


def items_by_title(db: store.Store) -> dict[str, Item]:
    return {item.title: item for item in store.list_items(db)}


def test_sample_seeds_are_ingested_with_shared_story_stored_once(
    settings: Settings, db: store.Store
) -> None:
    report = ingest(settings, db, now=NOW)
    assert (report.files_new, report.files_failed, report.errors) == (5, 0, [])
    stored = store.list_items(db)
    assert report.items_new == len(stored)
    shared = [item for item in stored if item.title == "In Defence of Community Organising"]
    assert len(shared) == 1
    assert shared[0].author == "Ian Lavery"
    assert len({item.id for item in stored}) == len(stored)


def test_second_scan_changes_nothing_and_reads_no_file(settings: Settings, db: store.Store) -> None:
    ingest(settings, db, now=NOW)
    before = store.list_items(db)
    # Same size and mtime but different bytes: only a scan that reads files would notice.
    seed = next(settings.paths.seeds.glob("000_*.txt"))
    data = seed.read_bytes()
    seed.write_bytes(data.replace(b"Starmer", b"Stormer"))
    os.utime(seed, (SEED_MTIME, SEED_MTIME))
    report = ingest(settings, db, now=NOW + timedelta(hours=1))
    assert report.as_dict() == {
        "files_new": 0, "files_changed": 0, "files_unchanged": 5, "files_failed": 0,
        "files_waiting": 0, "files_reparsed": 0, "items_new": 0, "items_updated": 0, "errors": [],
    }  # fmt: skip
    assert store.list_items(db) == before


def test_touched_file_with_same_bytes_is_not_reparsed(settings: Settings, db: store.Store) -> None:
    ingest(settings, db, now=NOW)
    before = store.list_items(db)
    seed = next(settings.paths.seeds.glob("002_*.txt"))
    os.utime(seed, (SEED_MTIME + 60, SEED_MTIME + 60))
    report = ingest(settings, db, now=NOW + timedelta(hours=1))
    assert (report.files_changed, report.files_unchanged, report.items_updated) == (0, 5, 0)
    assert store.list_items(db) == before


def test_edited_standfirst_updates_exactly_that_item(settings: Settings, db: store.Store) -> None:
    ingest(settings, db, now=NOW)
    before = items_by_title(db)
    seed = next(settings.paths.seeds.glob("000_*.txt"))
    old = "Gang of Four’s Andy Gill, who died this weekend"
    text = seed.read_text(encoding="utf-8").replace(
        old, "Andy Gill of Gang of Four, who died on Saturday"
    )
    write_seed(seed.parent, seed.name, text, mtime=SEED_MTIME + 10)
    later = NOW + timedelta(days=1)
    report = ingest(settings, db, now=later)
    assert (report.files_changed, report.items_new, report.items_updated) == (1, 0, 1)
    after = items_by_title(db)
    edited = after["Remembering Andy Gill"]
    assert edited.id == before["Remembering Andy Gill"].id
    assert edited.summary is not None and edited.summary.startswith("Andy Gill of Gang of Four")
    assert edited.updated > before["Remembering Andy Gill"].updated
    unchanged = {title: item for title, item in after.items() if title != "Remembering Andy Gill"}
    assert unchanged == {title: before[title] for title in unchanged}


def test_item_removed_from_page_stays_published(
    site: Path, settings: Settings, db: store.Store
) -> None:
    write_seed(settings.paths.seeds, "local.txt", LISTING)
    ingest(settings, db, now=NOW)
    write_seed(settings.paths.seeds, "local.txt", LISTING.split("Library")[0], mtime=SEED_MTIME + 5)
    ingest(settings, db, now=NOW + timedelta(hours=1))
    assert "Library Hours Extended" in items_by_title(db)


def test_same_title_twice_on_one_page_gives_two_items(settings: Settings, db: store.Store) -> None:
    text = (
        LISTING + "\nCouncil Budget Passed\n\nA second, different story under the same headline.\n"
    )
    write_seed(settings.paths.seeds, "dupes.txt", text)
    ingest(settings, db, now=NOW)
    same = [
        item
        for item in store.list_items(db, source="dupes")
        if item.title == "Council Budget Passed"
    ]
    assert sorted(item.id for item in same) == ["council-budget-passed", "council-budget-passed-2"]


def test_a_later_scan_numbers_a_new_story_past_the_stored_numbers(
    settings: Settings, db: store.Store
) -> None:
    twice = "Council Budget Passed\n\nOne story.\n\nCouncil Budget Passed\n\nAnother story.\n"
    write_seed(settings.paths.seeds, "dupes.txt", twice)
    ingest(settings, db, now=NOW)
    later = "Council Budget Passed\n\nA third story, from elsewhere, told quite differently.\n"
    write_seed(settings.paths.seeds, "elsewhere.txt", later, mtime=SEED_MTIME + 5)
    ingest(settings, db, now=NOW + timedelta(hours=1))
    ids = {item.id for item in store.list_items(db) if item.title == "Council Budget Passed"}
    assert ids == {"council-budget-passed", "council-budget-passed-2", "council-budget-passed-3"}


def test_page_order_is_kept_through_distinct_timestamps(
    settings: Settings, db: store.Store
) -> None:
    ingest(settings, db, now=NOW)
    stored = store.list_items(db)
    assert len({item.updated for item in stored}) == len(stored)
    titles = [item.title for item in store.list_items(db, source="000-44715980d3eba7cf")]
    assert titles[:3] == [
        "In Defence of Community Organising",
        "The Starmer Narrative",
        "How Bernie Organised Workers in Iowa",
    ]
    assert titles[-1] == "Renewing Scottish Labour"


def test_bad_files_fail_alone_with_one_line_reasons(settings: Settings, db: store.Store) -> None:
    seeds = settings.paths.seeds
    write_seed(seeds, "empty.txt", b"")
    write_seed(seeds, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write_seed(seeds, "huge.txt", b"Title\n\nA sentence here.\n" * 10)
    write_seed(seeds, "blank.txt", b"   \n\n  \t\n")
    small = load_settings(None, {"PUBLISHER_INGEST_MAX_FILE_BYTES": "200"}, cwd=settings.base_dir)
    report = ingest(small, db, now=NOW)
    failed = {error["path"]: error["error"] for error in report.errors}
    assert set(failed) >= {"empty.txt", "image.txt", "huge.txt", "blank.txt"}
    assert all("\n" not in reason and reason for reason in failed.values())
    assert "max_file_bytes" in failed["huge.txt"]
    assert report.files_failed == len(failed)


def test_failing_file_keeps_its_stored_items(settings: Settings, db: store.Store) -> None:
    path = write_seed(settings.paths.seeds, "local.txt", LISTING)
    ingest(settings, db, now=NOW)
    write_seed(path.parent, path.name, b"\x00\x01\x02binary now", mtime=SEED_MTIME + 5)
    report = ingest(settings, db, now=NOW + timedelta(hours=1))
    assert report.files_failed == 1 and report.errors[0]["path"] == "local.txt"
    assert "Council Budget Passed" in items_by_title(db)


def test_ignored_and_unsettled_files(settings: Settings, db: store.Store) -> None:
    seeds = settings.paths.seeds
    for name in (".hidden.txt", "draft.txt~", ".x.swp", "a.tmp", "b.part", ".git/config"):
        write_seed(seeds, name, LISTING)
    fresh = write_seed(seeds, "fresh.txt", LISTING, mtime=NOW.timestamp() - 0.5)
    report = ingest(settings, db, now=NOW)
    assert (report.files_new, report.files_waiting, report.files_failed) == (5, 1, 0)
    later = ingest(settings, db, now=NOW + timedelta(seconds=5))
    assert later.files_new == 1 and fresh.name not in str(later.errors)


def test_nested_folders_and_source_rules(
    site: Path, db: store.Store, database_url: str | None
) -> None:
    (site / "publisher.toml").write_text(
        '[[sources]]\nmatch = "city/*.txt"\nname = "City News"\nauthor = "Desk Editor"\n'
    )
    use_database(site, database_url)
    write_seed(site / "seeds" / "city", "today.txt", LISTING)
    settings = load_settings(None, {}, cwd=site)
    ingest(settings, db, now=NOW)
    city = store.list_items(db, source="city-news")
    assert {item.author for item in city} == {"Desk Editor"} and len(city) == 2
    assert store.list_sources(db)["city-news"] == "City News"


def test_crlf_cp1252_and_utf16_seeds_give_the_same_items(
    settings: Settings, db: store.Store
) -> None:
    seeds = settings.paths.seeds
    text = LISTING.replace("debate", "débat")
    write_seed(seeds, "crlf.txt", text.replace("\n", "\r\n").encode("utf-8"))
    write_seed(seeds, "cp.txt", text.encode("cp1252"))
    write_seed(seeds, "u16.txt", text.encode("utf-16"))
    report = ingest(settings, db, now=NOW)
    assert report.files_failed == 0
    # The same two stories on three pages, whatever their encoding, are two items.
    titles = sorted(
        item.title for item in store.list_items(db) if item.source in {"crlf", "cp", "u16"}
    )
    assert titles == ["Council Budget Passed", "Library Hours Extended"]
    summary = items_by_title(db)["Council Budget Passed"].summary
    assert summary is not None and "débat" in summary


def test_migrations_are_recorded_once(settings: Settings) -> None:
    first = store.open_store(settings.database.url, now=NOW)
    second = store.open_store(settings.database.url, now=NOW)
    assert store.list_migrations(second) == [version for version, _, _ in MIGRATIONS]
    first.close()
    second.close()


def test_reworded_title_with_same_standfirst_keeps_its_id(
    settings: Settings, db: store.Store
) -> None:
    path = write_seed(settings.paths.seeds, "local.txt", LISTING)
    ingest(settings, db, now=NOW)
    before = items_by_title(db)["Council Budget Passed"]
    write_seed(
        path.parent,
        path.name,
        LISTING.replace("Council Budget Passed", "Budget Vote Passes"),
        mtime=SEED_MTIME + 5,
    )
    report = ingest(settings, db, now=NOW + timedelta(hours=1))
    assert (report.items_new, report.items_updated) == (0, 1)
    after = items_by_title(db)["Budget Vote Passes"]
    assert after.id == before.id and "Council Budget Passed" not in items_by_title(db)


def test_large_scan_parses_in_worker_processes_with_the_same_result(
    site: Path, db: store.Store
) -> None:
    seeds = site / "seeds"
    for number in range(450):
        text = (
            f"Story Number {number} Headline\n\n"
            f"The standfirst of story {number} says what happened in ward {number}.\n"
        )
        write_seed(seeds / "bulk", f"page_{number:03d}.txt", text)
    settings = load_settings(None, {}, cwd=site)
    report = ingest(settings, db, now=NOW)
    assert (report.files_new, report.files_failed) == (455, 0)
    bulk = [item for item in store.list_items(db) if item.source.startswith("page-")]
    assert len(bulk) == 450
    assert {item.id for item in bulk} == {f"story-number-{n}-headline" for n in range(450)}


def hostile_seed_folder(site: Path) -> Path:
    """The sample seeds among entries that cannot be read as seeds, as a tester plants them."""
    seeds = site / "seeds"
    (seeds / "loop_a.txt").symlink_to("loop_b.txt")
    (seeds / "loop_b.txt").symlink_to("loop_a.txt")
    (seeds / "broken.txt").symlink_to("missing.txt")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "nested").mkdir()
    (seeds / "nested" / "back").symlink_to("..")  # a folder loop
    elsewhere = site / "elsewhere"
    write_seed(elsewhere, "outside.txt", LISTING)
    (seeds / "outside").symlink_to(elsewhere)
    (seeds / "inside.txt").symlink_to(next(seeds.glob("000_*.txt")).name)
    return seeds


def ingest_within(settings: Settings, db: store.Store, seconds: float) -> IngestReport:
    """Ingest in a thread and fail, rather than hang, if anything blocks (a FIFO)."""
    reports: list[IngestReport] = []
    worker = threading.Thread(target=lambda: reports.append(ingest(settings, db, now=NOW)))
    worker.daemon = True
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "ingest blocked"
    assert reports, "ingest raised"
    return reports[0]


def test_unreadable_entries_are_skipped_with_path_and_reason(
    site: Path, settings: Settings, db: store.Store
) -> None:
    hostile_seed_folder(site)
    report = ingest_within(settings, db, 20)
    reasons = {error["path"]: error["error"] for error in report.errors}
    assert reasons == {
        "broken.txt": "a broken symbolic link",
        "loop_a.txt": "a symbolic link loop",
        "loop_b.txt": "a symbolic link loop",
        "nested/back": "a symbolic link loop (a folder already scanned)",
        "outside": f"a link leading out of the seed folder (to {(site / 'elsewhere').resolve()})"
        "; set ingest.follow_symlinks = true to read it",
        "passwd.txt": "a link leading out of the seed folder (to /etc/passwd)"
        "; set ingest.follow_symlinks = true to read it",
        "pipe.txt": "not a regular file (a FIFO)",
    }
    assert (report.files_new, report.files_failed) == (6, 7)  # the samples and inside.txt
    stored = " ".join(f"{item.title} {item.summary}" for item in store.list_items(db))
    assert "nologin" not in stored and "Council Budget" not in stored
    assert build(settings, db, now=NOW).feeds_written > 0
    assert b"nologin" not in (settings.paths.output / "rss.xml").read_bytes()


def test_follow_symlinks_reads_links_out_of_the_seed_folder(site: Path, db: store.Store) -> None:
    seeds = hostile_seed_folder(site)
    (seeds / "passwd.txt").unlink()
    settings = load_settings(None, {"PUBLISHER_INGEST_FOLLOW_SYMLINKS": "true"}, cwd=site)
    report = ingest_within(settings, db, 20)
    assert "Council Budget Passed" in items_by_title(db)
    assert sorted(error["path"] for error in report.errors) == [
        "broken.txt", "loop_a.txt", "loop_b.txt", "nested/back", "pipe.txt"
    ]  # fmt: skip
    assert dataclasses.asdict(settings.ingest)["follow_symlinks"] is True
