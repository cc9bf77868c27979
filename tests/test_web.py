"""The HTTP server over a real socket: the built site, revalidation, gzip, safety, errors."""

from __future__ import annotations

import gzip
import json
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import NOW, SAMPLE_SEEDS, write_seed
from http_client import fetch, serving

from publisher import store
from publisher.core.settings import Settings, load_settings
from publisher.publish.build import build
from publisher.service.web import create_app

SECRET = b"test-secret-0123456789abcdef"
NEW_PAGE = """Harbour Strike Enters Second Week

Dock workers at the harbour have stayed out for a second week over pay.
"""


def raw_request(port: int, target: str) -> bytes:
    """A GET with the request target exactly as given (no client-side normalising)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def built(settings: Settings, db: store.Store) -> Settings:
    build(settings, db, now=NOW)
    return settings


def app_for(settings: Settings, db: store.Store, **options: object) -> object:
    """The app over ``settings``' output folder (confirmation mails wait in the ledger)."""
    return create_app(settings, db, secret=SECRET, **options)  # type: ignore[arg-type]


@pytest.fixture
def port(built: Settings, db: store.Store) -> Iterator[int]:
    with serving(built, app_for(built, db)) as bound:
        yield bound


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[Settings, int]]:
    """One built sample site and server for the tests that only read (a build takes 0.5 s)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for sample in sorted(SAMPLE_SEEDS.glob("*.txt")):
            write_seed(root / "seeds", sample.name, sample.read_bytes())
        settings = load_settings(None, {}, cwd=root)
        db = store.open_store(settings.database.url, now=NOW)
        build(settings, db, now=NOW)
        (root / "publisher.toml").write_text('secret = "do-not-serve"\n')
        (settings.paths.output / ".hidden").write_text("do-not-serve\n")
        try:
            with serving(settings, app_for(settings, db)) as bound:
                yield settings, bound
        finally:
            db.close()


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/rss.xml", "application/rss+xml"),
        ("/atom.xml", "application/atom+xml"),
        ("/feed.json", "application/feed+json"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/opml.xml", "text/x-opml; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/authors/ian-lavery/atom.xml", "application/atom+xml"),
    ],
)
def test_site_files_have_their_media_types(
    shared: tuple[Settings, int], path: str, media_type: str
) -> None:
    built, port = shared
    status, headers, body = fetch(port, "GET", path)
    assert status == 200 and headers["content-type"] == media_type
    on_disk = built.paths.output / (path.lstrip("/") or "index.html")
    assert body == on_disk.read_bytes()


def test_folders_serve_their_index_page(shared: tuple[Settings, int]) -> None:
    built, port = shared
    folder = next((built.paths.output / "sources").iterdir()).name
    status, headers, body = fetch(port, "GET", f"/sources/{folder}/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert body == (built.paths.output / "sources" / folder / "index.html").read_bytes()
    status, headers, _ = fetch(port, "GET", f"/sources/{folder}")
    assert status in (301, 307) and headers["location"].endswith(f"/sources/{folder}/")


def test_conditional_get_answers_304_until_the_feed_changes(
    port: int, built: Settings, db: store.Store
) -> None:
    status, headers, _ = fetch(port, "GET", "/rss.xml")
    etag, modified = headers["etag"], headers["last-modified"]
    assert status == 200 and etag.startswith('"') and modified.endswith("GMT")
    assert headers["cache-control"] == "no-cache"
    status, again, body = fetch(port, "GET", "/rss.xml", {"If-None-Match": etag})
    assert status == 304 and body == b"" and again["etag"] == etag
    assert fetch(port, "GET", "/rss.xml", {"If-Modified-Since": modified})[0] == 304
    assert fetch(port, "GET", "/rss.xml", {"If-None-Match": '"other", ' + etag})[0] == 304

    write_seed(built.paths.seeds, "harbour.txt", NEW_PAGE)
    build(built, db, now=NOW)
    status, changed, body = fetch(port, "GET", "/rss.xml", {"If-None-Match": etag})
    assert status == 200 and changed["etag"] != etag
    assert b"Harbour Strike Enters Second Week" in body
    assert fetch(port, "GET", "/rss.xml", {"If-None-Match": changed["etag"]})[0] == 304


def test_gzip_only_when_the_client_accepts_it(shared: tuple[Settings, int]) -> None:
    built, port = shared
    on_disk = (built.paths.output / "atom.xml").read_bytes()
    status, headers, body = fetch(port, "GET", "/atom.xml", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == on_disk and len(body) < len(on_disk)
    assert headers["vary"].lower() == "accept-encoding"
    gzipped_etag = headers["etag"]
    status, headers, body = fetch(port, "GET", "/atom.xml")
    assert "content-encoding" not in headers and body == on_disk
    assert "accept-encoding" in headers["vary"].lower()
    # Two encodings are two representations: the compressed one's validator is weak.
    assert gzipped_etag == "W/" + headers["etag"] and not headers["etag"].startswith("W/")
    revalidate = {"Accept-Encoding": "gzip", "If-None-Match": gzipped_etag}
    assert fetch(port, "GET", "/atom.xml", revalidate)[0] == 304


@pytest.mark.parametrize(
    "target",
    [
        "/../publisher.toml",
        "/%2e%2e/publisher.toml",
        "/%2E%2E%2Fpublisher.toml",
        "/..%2fpublisher.toml",
        "/sources/../../publisher.toml",
        "/sources/%2e%2e/%2e%2e/publisher.toml",
        "/..%5cpublisher.toml",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/.hidden",
        "/%2ehidden",
        "/rss.xml%00",
    ],
)
def test_nothing_outside_the_output_folder_or_hidden_is_served(
    shared: tuple[Settings, int], target: str
) -> None:
    reply = raw_request(shared[1], target)
    status = int(reply[9:12])
    assert status in (400, 404), reply[:200]
    assert b"do-not-serve" not in reply and b"root:" not in reply


def test_unknown_paths_get_a_page_in_the_site_look(shared: tuple[Settings, int]) -> None:
    port = shared[1]
    status, headers, body = fetch(port, "GET", "/no/such/page.html")
    assert status == 404 and headers["content-type"] == "text/html; charset=utf-8"
    assert b"Page not found" in body and b'href="/style.css"' in body
    status, headers, body = fetch(port, "POST", "/rss.xml", body=b"x")
    assert status == 405 and b"Method not allowed" in body


def test_html_pages_carry_security_headers(shared: tuple[Settings, int]) -> None:
    port = shared[1]
    for path in ("/", "/subscribe", "/missing"):
        headers = fetch(port, "GET", path)[1]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "style-src 'self'" in policy
        # The one script (time zone preselection) is a file of the site: no inline script runs.
        assert "unsafe-inline" not in policy and "script-src 'self';" in policy
        assert "server" not in headers


def test_healthz_answers_json(shared: tuple[Settings, int]) -> None:
    status, headers, body = fetch(shared[1], "GET", "/healthz")
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body) == {"status": "ok"}


def test_healthz_reports_the_callers_state(built: Settings, db: store.Store) -> None:
    state: dict[str, object] = {"status": "ok", "last_build": "2026-11-21T12:00:00+00:00"}
    with serving(built, app_for(built, db, health=lambda: state)) as bound:
        assert json.loads(fetch(bound, "GET", "/healthz")[2]) == state


def test_an_unexpected_error_is_a_plain_500_page(built: Settings, db: store.Store) -> None:
    def broken() -> dict[str, object]:
        raise ZeroDivisionError("secret detail")

    with serving(built, app_for(built, db, health=broken)) as bound:
        status, headers, body = fetch(bound, "GET", "/healthz")
    assert status == 500 and headers["content-type"] == "text/html; charset=utf-8"
    assert b"Something went wrong" in body
    assert b"secret detail" not in body and b"Traceback" not in body
    assert headers["x-content-type-options"] == "nosniff"


def test_a_site_not_built_yet_answers_404_not_500(settings: Settings, db: store.Store) -> None:
    with serving(settings, app_for(settings, db)) as bound:
        assert fetch(bound, "GET", "/rss.xml")[0] == 404
        assert fetch(bound, "GET", "/")[0] == 404
        assert fetch(bound, "GET", "/subscribe")[0] == 200
