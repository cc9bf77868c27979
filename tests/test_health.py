"""``/healthz`` tells the truth, and a full disk never turns into "check your inbox"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import NOW, fill_disk
from http_client import Reply, fetch, serving

from publisher import store
from publisher.core.settings import Settings, load_settings
from publisher.service import daemon
from publisher.service.scheduler import Background
from publisher.service.web import create_app

SECRET = b"test-secret-0123456789abcdef"


def subscribe(port: int, email: str) -> Reply:
    form = urlencode({"email": email}).encode()
    headers = {"content-type": "application/x-www-form-urlencoded"}
    return fetch(port, "POST", "/subscribe", headers, form)


def health(port: int) -> tuple[int, dict[str, object]]:
    status, _, body = fetch(port, "GET", "/healthz")
    return status, json.loads(body)


@pytest.fixture
def site_on_small_disk(small_disk: Path) -> Iterator[tuple[Settings, store.Store, int]]:
    """A site whose every folder, the database's included, is on a 16 MiB tmpfs."""
    (small_disk / "seeds").mkdir()
    (small_disk / "publisher.toml").write_text("")
    settings = load_settings(None, {}, cwd=small_disk)
    db = store.open_store(settings.database.url, now=NOW)
    app = create_app(settings, db, secret=SECRET)
    try:
        with serving(settings, app) as port:
            yield settings, db, port
    finally:
        db.close()


def test_a_full_disk_answers_503_to_subscribe_and_health_says_why(
    site_on_small_disk: tuple[Settings, store.Store, int], small_disk: Path
) -> None:
    settings, db, port = site_on_small_disk
    assert subscribe(port, "ann@example.org")[0] == 200
    assert health(port) == (200, {"status": "ok"})
    filler = fill_disk(small_disk)
    status, headers, body = subscribe(port, "bob@example.org")
    assert (status, headers["retry-after"]) == (503, "60")
    assert b"could not be stored" in body and b"Check your inbox" not in body
    status, verdict = health(port)
    assert (status, verdict["status"]) == (503, "failing")
    assert verdict["problems"] == [
        "database write failed: database or disk is full",
        f"the disk holding {settings.paths.state} is full (0 bytes free)",
    ]
    assert [s.email for s in store.list_subscribers(db)] == ["ann@example.org"]
    filler.unlink()  # space again: the next subscription is stored and health recovers
    assert subscribe(port, "cat@example.org")[0] == 200
    assert health(port) == (200, {"status": "ok"})
    assert [s.email for s in store.list_subscribers(db)] == ["ann@example.org", "cat@example.org"]


def test_health_fails_while_the_last_build_fails(
    site: Path, settings: Settings, db: store.Store
) -> None:
    background = Background(settings, db, secret=SECRET, environ={})
    background.rebuild(reason="test")
    assert daemon.health(background)["status"] == "ok"
    (site / "seeds").rename(site / "moved")  # the scan cannot even start
    background.rebuild(reason="test")
    verdict = daemon.health(background)
    missing = f"{site / 'seeds'}: seed folder does not exist (check paths.seeds)"
    assert (verdict["status"], verdict["problems"]) == (
        "failing", [f"the last build failed: {missing}"]
    )  # fmt: skip
    (site / "moved").rename(site / "seeds")
    background.rebuild(reason="test")
    assert daemon.health(background)["status"] == "ok"
