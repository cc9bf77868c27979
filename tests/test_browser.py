"""A reader's path in a real browser: Debian's chromium driven by Playwright, checked by axe-core.

Never downloads a browser: chromium comes from /usr/bin/chromium (the Makefile installs the
Debian package) and axe-core from node_modules (npm, by the Makefile). With CI=true a
missing piece fails the run instead of skipping it.
"""

from __future__ import annotations

import dataclasses
import email.parser
import os
import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_SEEDS, write_seed
from smtp_sink import free_port

from publisher import store
from publisher.core.settings import HttpSettings, Settings, load_settings
from publisher.mail import sending
from publisher.mail.outbound import make_sender
from publisher.mail.transports import MaildirMailer
from publisher.publish.build import build, publish_editions
from publisher.service.notices import NoticeWorker
from publisher.service.web import create_app, make_server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
WIDTHS = (1280, 400)
SECRET = b"browser-test-secret-0123456789"
CONFIG = """
[site]
title = "Labour Left Reader"
url = "http://127.0.0.1:{port}/"
page_size = 10

[digest]
postal_address = "Labour Left Reader, 1 Example Street, London N1 0AA"

[[sources]]
match = "000_*.txt"
name = "Tribune"
url = "https://tribunemag.co.uk/"

[[sources]]
match = "001_*.txt"
name = "Workers' Liberty"

[[sources]]
match = "002_*.txt"
name = "Workers Power"

[[sources]]
match = "003_*.txt"
name = "Tribune"

[[sources]]
match = "004_*.txt"
name = "Labour Left Alliance"
"""
NEW_PAGES = {
    "000_new.txt": "Tribune Story For Later\n\nA new story on the Tribune page, found later.\n",
    "002_new.txt": "Workers Power Story For Later\n\nA new story on Workers Power, found later.\n",
}


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (make test installs it)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (make test installs Debian's chromium)"
    if not AXE.exists():
        return f"{AXE} is missing (make test runs npm install)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@dataclasses.dataclass
class Site:
    settings: Settings
    db: store.Store
    url: str
    outbox: Path

    def messages(self) -> list[EmailMessage]:
        """Every message the site has sent, oldest first."""
        files = sorted((self.outbox / "new").glob("*"), key=lambda p: p.stat().st_mtime_ns)
        parser = email.parser.BytesParser(policy=policy.default)
        return [parser.parsebytes(path.read_bytes()) for path in files]  # type: ignore[misc]

    def send_digests(self, now: datetime) -> None:
        mailer = MaildirMailer(self.outbox)
        sending.send_digests(self.settings, self.db, mailer, now=now, secret=SECRET)
        publish_editions(self.settings, self.db)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    port = free_port()
    for sample in sorted(SAMPLE_SEEDS.glob("*.txt")):
        write_seed(tmp_path / "seeds", sample.name, sample.read_bytes())
    (tmp_path / "publisher.toml").write_text(CONFIG.format(port=port))
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url)
    build(settings, db, now=datetime.now(UTC) - timedelta(hours=2))
    outbox = tmp_path / "var" / "outbox"
    notices = NoticeWorker(settings, db, lambda: MaildirMailer(outbox), interval=30)
    app = create_app(settings, db, secret=SECRET, on_queued=notices.wake)
    notices.start()
    server = make_server(dataclasses.replace(settings, http=HttpSettings("127.0.0.1", port)), app)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield Site(settings, db, settings.site.url, outbox)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        notices.stop()
        db.close()


def html_part(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def link(html: str, text: str) -> str:
    found = re.search(r'<a href="([^"]+)"[^>]*>' + re.escape(text), html)
    assert found, text
    return found.group(1).replace("&amp;", "&")


def test_subscribe_confirm_choose_one_source_get_only_it_then_unsubscribe(
    browser: Any, site: Site
) -> None:
    page = browser.new_page(timezone_id="Europe/London")
    page.goto(site.url + "subscribe")
    assert page.locator("#timezone").input_value() == "Europe/London"  # from the browser
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_selector("text=Check your inbox")
    deadline = time.monotonic() + 10
    while not site.messages() and time.monotonic() < deadline:
        time.sleep(0.05)
    (confirmation,) = site.messages()
    confirm_url = re.search(r"http://\S+/confirm/\S+", str(confirmation.get_body().get_content()))
    assert confirm_url is not None
    page.goto(confirm_url.group(0))
    assert page.locator("h1").inner_text() == "Subscription confirmed"

    site.send_digests(datetime.now(UTC))
    first = site.messages()[-1]
    assert "Tribune" in html_part(first)
    assert "Labour Left Reader, 1 Example Street" in html_part(first)  # the postal address
    page.goto(link(html_part(first), "Choose what you receive"))
    sources = page.get_by_role("group", name="Sources")
    for name in ("Tribune", "Workers' Liberty", "Labour Left Alliance"):
        sources.get_by_label(name, exact=True).uncheck()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_selector("text=Saved.")
    sources = page.get_by_role("group", name="Sources")
    assert sources.get_by_label("Workers Power", exact=True).is_checked()
    assert not sources.get_by_label("Tribune", exact=True).is_checked()

    for name, text in NEW_PAGES.items():
        write_seed(site.settings.paths.seeds, name, text)
    build(site.settings, site.db, now=datetime.now(UTC))
    site.send_digests(datetime.now(UTC) + timedelta(minutes=1))
    second = site.messages()[-1]
    assert str(second["Subject"]) == "Workers Power Story For Later"
    assert "Tribune Story For Later" not in html_part(second)
    edition = link(html_part(second), "View in browser")
    page.goto(edition)
    assert "Workers Power Story For Later" in page.content()
    assert "unsubscribe" not in page.content().lower() and "preferences/" not in page.content()

    page.goto(link(html_part(second), "unsubscribe"))
    page.get_by_role("button", name="Unsubscribe").click()
    page.wait_for_selector("text=You are unsubscribed")
    assert store.get_subscriber(site.db, "reader@example.org").status == "unsubscribed"
    page.close()


def _preferences_url(site: Site) -> str:
    with site.db.transaction() as conn:
        sub = store.insert_subscriber(
            conn, email="ann@example.org", name="Ann", status="active", cadence="daily",
            timezone="Europe/London", now=datetime.now(UTC),
        )  # fmt: skip
    return make_sender(site.settings, SECRET).preferences_url(sub.id, sub.email)


def _reader_pages(site: Site) -> dict[str, str]:
    return {
        "index": site.url,
        "item": site.url + "items/what-we-fight-for.html",
        "month": site.url + "archive/2022/09/",
        "preferences": _preferences_url(site),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_width_without_console_errors_or_serious_violations(
    browser: Any, site: Site, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    for name, url in _reader_pages(site).items():
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg, e=errors: e.append(msg.text) if msg.type == "error" else 0)
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
        assert page.goto(url).status == 200, name
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{name} at {width}px: {serious}"
        assert errors == [], f"{name} at {width}px: {errors}"
        page.close()
    context.close()


def test_screenshots_for_review(browser: Any, site: Site, tmp_path: Path) -> None:
    """`make screenshots` keeps these in screenshots/; here they go to a temporary folder."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    pages = _reader_pages(site)
    message = sending.preview(site.settings, site.db, now=datetime.now(UTC), secret=SECRET,
                              email="ann@example.org")  # fmt: skip
    assert message is not None
    digest = html_part(message.as_message())
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name in ("index", "item", "preferences"):
            page.goto(pages[name])
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
        page.set_content(digest)
        page.screenshot(path=str(folder / f"digest-{width}.png"), full_page=True)
        page.close()
    shots = sorted(path.name for path in folder.glob("*.png"))
    assert len(shots) == 8 and all((folder / s).stat().st_size > 5_000 for s in shots)
