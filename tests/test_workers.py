"""A full build rendered in worker processes: the same bytes, the work split fairly, errors."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW

from publisher import store
from publisher.core.errors import PublishError
from publisher.core.models import Item
from publisher.core.settings import load_settings
from publisher.publish import pages
from publisher.publish.build import build
from publisher.publish.workers import Plan, split


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_workers_write_the_same_files_as_one_process(site: Path) -> None:
    settings = load_settings(None, {"PUBLISHER_SITE_PAGE_SIZE": "4"}, cwd=site)
    db = store.open_store(settings.database.url, now=NOW)
    try:
        alone = build(settings, db, now=NOW, workers=1)
        one = tree(settings.paths.output)
        shutil.rmtree(settings.paths.output)
        split_up = build(settings, db, now=NOW + timedelta(minutes=1), full=True, workers=2)
    finally:
        db.close()
    assert tree(settings.paths.output) == one
    assert sorted(split_up.written) == sorted(alone.written)
    assert len(one) > 100 and any("/page/" in name for name in one)  # many pages, some paged


def test_a_template_mistake_in_a_worker_names_the_template(site: Path) -> None:
    (site / "templates").mkdir()
    (site / "templates" / "item.html").write_text("{{ item.no_such_field }}\n")
    settings = load_settings(None, {}, cwd=site)
    db = store.open_store(settings.database.url, now=NOW)
    try:
        with pytest.raises(PublishError, match=r"item\.html"):
            build(settings, db, now=NOW, workers=2)
    finally:
        db.close()


def synthetic(count: int, sources: int) -> list[Item]:
    """Newest first, as the store lists them; authors mostly write for one source."""
    return [story(n, f"source-{n % sources}", f"Author {n % (sources + 1)}") for n in range(count)]


def story(n: int, source: str, author: str) -> Item:
    stamp = NOW - timedelta(hours=n)
    return Item(f"story-{n}", source, f"Story {n}", None, None, author, stamp, stamp, stamp)


def test_split_gives_each_job_once_keeps_a_source_together_and_balances() -> None:
    plan = Plan.of(synthetic(3000, 7), [f"source-{n}" for n in range(8)], page_size=25)
    shares = split(plan, 2)
    jobs = [job for share in shares for job in share]
    assert len(jobs) == len(set(jobs)) == len(split(plan, 1)[0])
    for source in plan.sources:  # its listing and item pages in one share
        assert sum(any(job[1] == source for job in share) for share in shares) <= 1
    items = Counter(job[0] for job in jobs)
    assert items["items"] and items["source"] == 8 and items["month"]
    shown = [
        sum(
            (job[3] - job[2]) if job[0] == "items" else (job[3] - job[2] + 1) * plan.page_size
            for job in share
        )
        for share in shares
    ]
    assert min(shown) / max(shown) > 0.8, shown


def test_plan_pages_cover_every_item_once_and_months_run_newest_first() -> None:
    listed = synthetic(130, 3)
    plan = Plan.of(listed, ["source-0", "source-1", "source-2"], page_size=10)
    paging = plan.paging("main", "")
    assert paging.count == 13 and dict(plan.folders(pages.SiteContext("t", "http://x/")))[""] == 13
    for month, members in plan.by_month.items():
        assert [item.published for item in members] == sorted(
            (item.published for item in members), reverse=True
        ), month
    assert plan.front.months == [(month, len(found)) for month, found in plan.by_month.items()]
    assert list(plan.by_author) == sorted(plan.by_author)
