"""Small files from memory over a real socket: fresh after every change, bounded, never outside."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from http_client import fetch, serving
from starlette.applications import Starlette
from starlette.routing import Mount

from publisher import store
from publisher.core.settings import Settings
from publisher.service.web import create_app
from publisher.service.web.files import (
    SMALL_FILE_BYTES,
    CachedFile,
    FileCache,
    MovedSources,
    SiteFiles,
    read_small_file,
)

SECRET = b"test-secret-0123456789abcdef"
FEED = b"<?xml version='1.0' encoding='UTF-8'?>\n<rss>" + b"<item>story</item>" * 200 + b"</rss>\n"


@pytest.fixture
def output(settings: Settings) -> Path:
    folder = settings.paths.output
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rss.xml").write_bytes(FEED)
    (folder / "index.html").write_bytes(b"<!doctype html><title>front</title>")
    return folder


@pytest.fixture
def app(settings: Settings, db: store.Store, output: Path) -> Starlette:
    return create_app(settings, db, secret=SECRET)


@pytest.fixture
def port(settings: Settings, app: Starlette) -> Iterator[int]:
    with serving(settings, app) as bound:
        yield bound


def site_files(app: Starlette) -> SiteFiles:
    """The static file app mounted at ``/``, behind the redirects of renamed sources."""
    mount = app.routes[-1]
    assert isinstance(mount, Mount) and isinstance(mount.app, MovedSources)
    assert isinstance(mount.app.app, SiteFiles)
    return mount.app.app


def replace_by_rename(path: Path, data: bytes, *, mtime_ns: int | None = None) -> None:
    """What a build does: a new file beside the old one, renamed over it."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    if mtime_ns is not None:
        os.utime(tmp, ns=(mtime_ns, mtime_ns))
    os.replace(tmp, path)


def test_second_get_is_served_from_memory_with_the_same_bytes_and_validators(
    port: int, app: Starlette, output: Path
) -> None:
    first = fetch(port, "GET", "/rss.xml")
    second = fetch(port, "GET", "/rss.xml")
    assert first[0] == second[0] == 200 and first[2] == second[2] == FEED
    assert first[1]["etag"] == second[1]["etag"]
    assert first[1]["last-modified"] == second[1]["last-modified"]
    assert second[1]["content-type"] == "application/rss+xml"
    assert second[1]["content-length"] == str(len(FEED))
    assert second[1]["cache-control"] == "no-cache"
    assert second[1]["x-content-type-options"] == "nosniff"
    cache = site_files(app).cache
    assert len(cache) == 1 and cache.total_bytes == len(FEED)
    etag = second[1]["etag"]
    status, headers, body = fetch(port, "GET", "/rss.xml", {"If-None-Match": etag})
    assert (status, body, headers["etag"]) == (304, b"", etag)
    since = {"If-Modified-Since": second[1]["last-modified"]}
    assert fetch(port, "GET", "/rss.xml", since)[0] == 304


def test_a_rebuilt_file_is_served_fresh_even_with_the_same_size_and_mtime(
    port: int, output: Path
) -> None:
    target = output / "rss.xml"
    assert fetch(port, "GET", "/rss.xml")[2] == FEED
    assert fetch(port, "GET", "/rss.xml")[2] == FEED
    same_size = FEED.replace(b"story", b"STORY")
    replace_by_rename(target, same_size, mtime_ns=target.stat().st_mtime_ns)  # a new inode
    assert fetch(port, "GET", "/rss.xml")[2] == same_size
    longer = same_size + b"<!-- more -->\n"
    with target.open("r+b") as in_place:  # same inode, new size
        in_place.write(longer)
    assert fetch(port, "GET", "/rss.xml")[2] == longer
    target.unlink()
    assert fetch(port, "GET", "/rss.xml")[0] == 404


def test_gzip_form_is_kept_and_head_sends_no_body(port: int, app: Starlette) -> None:
    accept = {"Accept-Encoding": "gzip"}
    replies = [fetch(port, "GET", "/rss.xml", accept) for _ in range(3)]
    for status, headers, body in replies:
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert gzip.decompress(body) == FEED and headers["content-length"] == str(len(body))
        assert headers["etag"].startswith('W/"') and headers["vary"] == "Accept-Encoding"
    gzipped = replies[1][2]  # the first sight is streamed and compressed on the fly
    assert replies[2][2] == gzipped
    assert site_files(app).cache.total_bytes == len(FEED) + len(gzipped)
    status, headers, body = fetch(port, "HEAD", "/rss.xml")
    assert status == 200 and body == b"" and headers["content-length"] == str(len(FEED))
    status, headers, body = fetch(port, "GET", "/rss.xml", {"Range": "bytes=0-4"})
    assert status == 206 and body == FEED[:5]


def test_the_front_page_and_folder_urls_come_from_memory_after_first_sight(
    port: int, app: Starlette, output: Path
) -> None:
    (output / "sources" / "x").mkdir(parents=True)
    (output / "sources" / "x" / "index.html").write_bytes(b"<!doctype html><title>x</title>")
    for _ in range(3):
        assert fetch(port, "GET", "/")[2] == b"<!doctype html><title>front</title>"
        assert fetch(port, "GET", "/sources/x/")[2] == b"<!doctype html><title>x</title>"
    assert len(site_files(app).cache) == 2
    status, headers, _ = fetch(port, "GET", "/sources/x")
    assert status in (301, 307) and headers["location"].endswith("/sources/x/")


def test_large_files_are_streamed_not_kept(port: int, app: Starlette, output: Path) -> None:
    large = b"x" * (SMALL_FILE_BYTES + 1)
    (output / "big.css").write_bytes(large)
    for _ in range(2):
        status, headers, body = fetch(port, "GET", "/big.css")
        assert status == 200 and body == large and "content-encoding" not in headers
    etag = fetch(port, "GET", "/big.css")[1]["etag"]
    assert fetch(port, "GET", "/big.css", {"If-None-Match": etag})[0] == 304
    assert len(site_files(app).cache) == 0


def test_a_cached_file_turned_symlink_to_outside_is_not_served(
    port: int, settings: Settings, output: Path
) -> None:
    secret = output.parent / "secret.txt"
    secret.write_text("do-not-serve\n")
    assert fetch(port, "GET", "/rss.xml")[0] == 200
    assert fetch(port, "GET", "/rss.xml")[0] == 200
    (output / "rss.xml").unlink()
    (output / "rss.xml").symlink_to(secret)
    status, _, body = fetch(port, "GET", "/rss.xml")
    assert status == 404 and b"do-not-serve" not in body


def cached(path: Path, data: bytes) -> CachedFile:
    path.write_bytes(data)
    entry = read_small_file(str(path))
    assert entry is not None and entry.body == data
    return entry


def test_cache_stays_within_its_budget_dropping_the_least_recently_used(tmp_path: Path) -> None:
    cache = FileCache(max_bytes=2500)
    a, b, c = (tmp_path / name for name in "abc")
    entries = {path: cached(path, path.name.encode() * 1000) for path in (a, b, c)}
    cache.put(str(a), entries[a])
    cache.put(str(b), entries[b])
    assert cache.get(str(a), a.stat()) is entries[a]  # a is now the most recent
    cache.put(str(c), entries[c])
    assert cache.total_bytes == 2000 and len(cache) == 2
    assert cache.get(str(b), b.stat()) is None
    assert cache.get(str(a), a.stat()) is entries[a]
    huge = tmp_path / "huge"
    cache.put(str(huge), cached(huge, b"h" * 3000))
    assert cache.total_bytes == 2000 and cache.get(str(huge), huge.stat()) is None
