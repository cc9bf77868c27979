"""Digest emails parsed back with the standard library: structure, headers, size, safety."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import dkim
import lxml.html
import pytest
from jinja2 import Environment

from publisher.core.templating import make_environment
from publisher.mail.compose import (
    DigestEntry,
    DigestMessage,
    DkimKey,
    EditionContent,
    fit_entries,
    group_entries,
    message_id_for,
    personalise,
    render_confirmation,
    render_edition,
)

NOW = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
GOLDEN = Path(__file__).parent / "golden" / "digest" / "digest.eml"
HEADERS = {
    "From", "To", "Subject", "Date", "Message-ID", "List-Id", "List-Unsubscribe",
    "List-Unsubscribe-Post", "MIME-Version", "Content-Type",
}  # fmt: skip
WORDS = "labour union council budget housing strike election workers rail tenants rent".split()


def entry(n: int, *, source: str = "Trades Council", **changes: object) -> DigestEntry:
    words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(24))
    base = DigestEntry(
        title=f"{WORDS[n % len(WORDS)].title()} news number {n}",
        link=f"https://news.example.org/items/{WORDS[n % len(WORDS)]}-news-{n}.html",
        author="Ann Lee" if n % 2 else None,
        published=NOW - timedelta(hours=n),
        summary=f"{words.capitalize()}.",
        source_name=source,
        item_id=f"{WORDS[n % len(WORDS)]}-news-{n}",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def content(entries: tuple[DigestEntry, ...], **changes: object) -> EditionContent:
    base = EditionContent(
        key="daily-2026-11-21",
        site_title="Trades News",
        site_url="https://news.example.org/",
        archive_url="https://news.example.org/index.html",
        entries=entries,
        more_count=0,
        date=NOW,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def send_to(
    env: Environment,
    edition: EditionContent,
    *,
    email: str = "ann@example.org",
    name: str | None = "Ann Lee",
    url: str = "https://news.example.org/unsubscribe?token=YW5u.0.sig",
) -> DigestMessage:
    return personalise(
        render_edition(env, edition),
        to_email=email,
        to_name=name,
        from_address="digest@news.example.org",
        from_name="Trades News",
        unsubscribe_url=url,
        unsubscribe_mailto="mailto:unsubscribe@news.example.org?subject=unsubscribe",
        list_id="digest.news.example.org",
        message_id=message_id_for(edition.key, email, "news.example.org"),
    )


def parse(data: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(data)


def parts(message: EmailMessage) -> tuple[str, str]:
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content())


def assert_clean(message: EmailMessage, data: bytes) -> None:
    """No defects anywhere, every line within SMTP's limit, CRLF line ends only."""
    for part in message.walk():
        assert not part.defects, part.defects
        for value in part.values():
            assert not getattr(value, "defects", ()), (value, value.defects)
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.fixture
def env() -> Environment:
    return make_environment(None)


@pytest.fixture
def three_sources() -> EditionContent:
    entries = (
        entry(0, source="Trades Council"),
        entry(1, source="Rail Workers"),
        entry(2, source="Trades Council"),
        entry(3, source="Tenants Union", author="Zoë Ørsted", title="Rent strike: what’s next?"),
        entry(4, source="Rail Workers", summary=None),
    )
    return content(entries)


def test_message_has_both_parts_and_every_header(
    env: Environment, three_sources: EditionContent
) -> None:
    sent = send_to(env, three_sources)
    message = parse(sent.as_bytes())
    assert_clean(message, sent.as_bytes())
    assert set(message.keys()) == HEADERS
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in message.iter_parts())
    assert str(message["To"]) == "Ann Lee <ann@example.org>"
    assert str(message["From"]) == "Trades News <digest@news.example.org>"
    assert str(message["Subject"]) == "Labour news number 0, and 4 more"
    assert message["Date"].datetime == NOW
    expected_id = message_id_for(three_sources.key, "ann@example.org", "news.example.org")
    assert message["Message-ID"] == expected_id
    assert message["List-Id"] == "Trades News <digest.news.example.org>"
    assert message["List-Unsubscribe"] == (
        "<https://news.example.org/unsubscribe?token=YW5u.0.sig>, "
        "<mailto:unsubscribe@news.example.org?subject=unsubscribe>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent.as_message()["Message-ID"] == message["Message-ID"]


def test_every_title_and_link_in_both_parts(
    env: Environment, three_sources: EditionContent
) -> None:
    text, html = parts(parse(send_to(env, three_sources).as_bytes()))
    tree = lxml.html.fromstring(html)
    anchors = {a.get("href"): a.text_content() for a in tree.iter("a")}
    for item in three_sources.entries:
        assert item.title in text and item.link in text
        assert anchors[item.link] == item.title
    assert "Zoë Ørsted" in text and "Zoë Ørsted" in tree.text_content()
    unsubscribe = "https://news.example.org/unsubscribe?token=YW5u.0.sig"
    assert unsubscribe in text and anchors[unsubscribe] == "unsubscribe"
    assert "Hello Ann Lee," in text and "Hello Ann Lee," in tree.text_content()


def test_entries_grouped_by_source_in_order_of_first_appearance(
    three_sources: EditionContent,
) -> None:
    groups = group_entries(three_sources.entries)
    assert [g.name for g in groups] == ["Trades Council", "Rail Workers", "Tenants Union"]
    assert [[e.item_id.rsplit("-", 1)[1] for e in g.entries] for g in groups] == [
        ["0", "2"],
        ["1", "4"],
        ["3"],
    ]


def test_styles_are_inlined(env: Environment, three_sources: EditionContent) -> None:
    _, html = parts(parse(send_to(env, three_sources).as_bytes()))
    tree = lxml.html.fromstring(html)
    titles = tree.find_class("title")
    assert titles and all("font-size" in (t.get("style") or "") for t in titles)
    assert "max-width:600px" in (tree.find_class("wrapper")[0].get("style") or "")
    styles = [style.text or "" for style in tree.iter("style")]
    assert all(css.lstrip().startswith("@media") for css in styles)  # only what can't inline
    assert not tree.xpath("//link|//img|//script")  # no external resources


def test_html_stays_under_budget_with_500_items(env: Environment) -> None:
    edition = content(tuple(entry(n, source=f"Source {n % 7}") for n in range(500)))
    fitted = fit_entries(env, edition)
    assert 100 < len(fitted.entries) < 500
    assert fitted.more_count == 500 - len(fitted.entries)
    assert fitted.entries == edition.entries[: len(fitted.entries)]
    longest = "https://news.example.org/unsubscribe?token=" + "x" * 800
    sent = send_to(env, fitted, name="N" * 200, email="r" * 60 + "@example.org", url=longest)
    message = parse(sent.as_bytes())
    assert_clean(message, sent.as_bytes())
    text, html = parts(message)
    assert len(html.encode("utf-8")) < 100_000
    tree = lxml.html.fromstring(html)
    more = [a for a in tree.iter("a") if a.get("href") == edition.archive_url]
    assert more and more[0].text_content() == f"{fitted.more_count} more articles in the archive"
    assert f"{fitted.more_count} more articles in the archive" in text
    assert str(message["Subject"]) == "Labour news number 0, and 499 more"


def test_small_edition_is_not_trimmed(env: Environment, three_sources: EditionContent) -> None:
    assert fit_entries(env, three_sources) is three_sources


def test_fit_is_tight(env: Environment) -> None:
    edition = content(tuple(entry(n) for n in range(60)))
    fitted = fit_entries(env, edition, limit=30_000)
    bigger = fit_entries(env, edition, limit=33_000)
    assert 0 < len(fitted.entries) < len(bigger.entries) < 60


def test_hostile_title_adds_no_header_and_no_markup(env: Environment) -> None:
    evil = "Pay rise\r\nBcc: evil@example.net\r\n\r\n<script>alert(1)</script><b>bold</b>"
    edition = content(
        (entry(0, title=evil, author="Eve\nX-Injected: yes", source_name="Src\r\nX-Src: 1"),),
        site_title="Trades\r\nBcc: evil@example.net",
    )
    sent = send_to(env, edition, name="Ann\r\nBcc: evil@example.net")
    message = parse(sent.as_bytes())
    assert_clean(message, sent.as_bytes())
    assert set(message.keys()) == HEADERS
    assert b"\r\nBcc:" not in sent.as_bytes() and b"\r\nX-" not in sent.as_bytes()
    assert str(message["Subject"]) == (
        "Pay rise Bcc: evil@example.net <script>alert(1)</script><b>bold</b>"
    )
    text, html = parts(message)
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//script") and not tree.xpath("//b")
    assert "<script>alert(1)</script>" in tree.text_content()
    assert "Pay rise Bcc: evil@example.net <script>alert(1)</script><b>bold</b>" in text


def test_personal_values_are_escaped_in_html(env: Environment) -> None:
    sent = send_to(
        env,
        content((entry(0),)),
        name='<img src="x"> & Co',
        url="https://news.example.org/unsubscribe?token=a.b.c&lang=en",
    )
    text, html = parts(parse(sent.as_bytes()))
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//img")
    assert 'Hello <img src="x"> & Co,' in tree.text_content()
    assert 'Hello <img src="x"> & Co,' in text
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert "https://news.example.org/unsubscribe?token=a.b.c&lang=en" in hrefs


def test_non_ascii_names_and_titles_round_trip(env: Environment) -> None:
    title = "Grève générale — 100 % solidaire"
    edition = content((entry(0, title=title),), site_title="Café Ünion")
    sent = send_to(env, edition, name='Zoë Ørsted-Ñúñez, "Jr"', email="zoe@example.org")
    message = parse(sent.as_bytes())
    assert_clean(message, sent.as_bytes())
    assert message["To"].addresses[0].display_name == 'Zoë Ørsted-Ñúñez, "Jr"'
    assert message["To"].addresses[0].addr_spec == "zoe@example.org"
    assert str(message["Subject"]) == "Grève générale — 100 % solidaire"
    assert sent.as_bytes().isascii()
    text, html = parts(message)
    assert "Grève générale — 100 % solidaire" in text
    assert "Grève générale — 100 % solidaire" in lxml.html.fromstring(html).text_content()


def test_header_values_that_could_break_out_are_refused(
    env: Environment, three_sources: EditionContent
) -> None:
    with pytest.raises(ValueError, match="unsubscribe_url"):
        send_to(env, three_sources, url="https://x.example/u?t=1>\r\nBcc: evil@example.net")


def test_same_edition_and_reader_give_the_same_message(
    env: Environment, three_sources: EditionContent
) -> None:
    first = send_to(env, three_sources).as_bytes()
    assert send_to(env, three_sources).as_bytes() == first
    other = send_to(env, three_sources, email="bob@example.org", name=None)
    assert parse(other.as_bytes())["Message-ID"] != parse(first)["Message-ID"]
    assert str(parse(other.as_bytes())["To"]) == "bob@example.org"
    assert "Hello," in parts(parse(other.as_bytes()))[0]


def test_golden_email(env: Environment, three_sources: EditionContent, update_golden: bool) -> None:
    data = send_to(env, three_sources).as_bytes()
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes(), "digest changed: review, then run pytest --update-golden"


def _rsa_key(tmp_path: Path) -> tuple[bytes, bytes]:
    """A throwaway key pair from openssl: PEM private key, DNS TXT record."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a DKIM test key")
    key = tmp_path / "dkim.pem"
    subprocess.run([openssl, "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    public = subprocess.run(
        [openssl, "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    return key.read_bytes(), b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def test_dkim_signature_covers_the_list_headers(
    env: Environment, three_sources: EditionContent, tmp_path: Path
) -> None:
    private, record = _rsa_key(tmp_path)
    rendered = render_edition(env, three_sources)
    sent = personalise(
        rendered,
        to_email="ann@example.org",
        to_name="Ann Lee",
        from_address="digest@news.example.org",
        from_name="Trades News",
        unsubscribe_url="https://news.example.org/unsubscribe?token=YW5u.0.sig",
        unsubscribe_mailto="mailto:unsubscribe@news.example.org",
        list_id="digest.news.example.org",
        message_id="<fixed@news.example.org>",
        dkim=DkimKey(selector="mail", domain="news.example.org", private_key=private),
    )
    data = sent.as_bytes()

    def dns(name: bytes, timeout: int = 5) -> bytes | None:
        return record if name == b"mail._domainkey.news.example.org." else None

    assert dkim.verify(data, dnsfunc=dns)
    signed = re.search(rb"h=([^;]+);", data.replace(b"\r\n ", b"").replace(b"\r\n\t", b""))
    assert signed is not None
    names = {name.strip().lower() for name in signed.group(1).split(b":")}
    assert {b"list-unsubscribe", b"list-unsubscribe-post", b"from", b"subject"} <= names
    assert not dkim.verify(data.replace(b"One-Click", b"One-click"), dnsfunc=dns)
    assert_clean(parse(data), data)


def test_confirmation_message(env: Environment) -> None:
    sent = render_confirmation(
        env,
        site_title="Trades News",
        site_url="https://news.example.org/",
        confirm_url="https://news.example.org/confirm?token=abc.def",
        to_email="ann@example.org",
        to_name=None,
        from_address="digest@news.example.org",
        from_name="Trades News",
        date=NOW,
        message_id="<confirm.1@news.example.org>",
    )
    message = parse(sent.as_bytes())
    assert_clean(message, sent.as_bytes())
    assert str(message["Subject"]) == "Confirm your subscription to Trades News"
    assert "https://news.example.org/confirm?token=abc.def" in message.get_content()
