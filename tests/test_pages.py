"""Archive pages parsed back with lxml: autodiscovery, escaping, navigation; atomic writes."""

from __future__ import annotations

import os
import posixpath
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from jinja2 import Environment
from lxml import etree

from publisher.core.errors import PublishError
from publisher.core.models import Item
from publisher.core.templating import make_environment
from publisher.publish import feeds, pages
from publisher.publish.atomic import write_if_changed
from publisher.publish.pages import SiteContext

SITE = SiteContext(
    title="Example News",
    url="https://news.example.org/",
    description="Local news, gathered.",
    language="en-GB",
    source_names={"hill-post": "Hill <Post>", "harbour-gazette": "Harbour Gazette"},
)
HOSTILE_TITLE = "<script>alert(1)</script> Rates & fees"
HOSTILE_TEXT = "Click <img src=x onerror=alert(1)> & <script>alert('x')</script>"
T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
PAST = datetime(2020, 1, 1, tzinfo=UTC).timestamp()


@pytest.fixture
def env() -> Environment:
    return make_environment()


def make_items() -> list[Item]:
    """A hostile item with a javascript: URL and a plain one with a real original."""
    return [
        Item(
            id="hostile-rates",
            source="hill-post",
            title=HOSTILE_TITLE,
            summary=HOSTILE_TEXT,
            content=f"{HOSTILE_TEXT}\n\nPoints:\n• <b>one</b>\n• two & three",
            author="Mallory <i>M</i>",
            published=T0 + timedelta(hours=1),
            first_seen=T0 + timedelta(hours=1),
            updated=T0 + timedelta(hours=1),
            url="javascript:alert(1)",
        ),
        Item(
            id="ferry-timetable",
            source="harbour-gazette",
            title="Ferry timetable changes",
            summary="The morning ferry leaves earlier.",
            content=None,
            author="Ana Ruiz",
            published=T0,
            first_seen=T0,
            updated=T0,
            url="https://gazette.example.com/ferry",
        ),
    ]


def parse(data: bytes) -> lxml.html.HtmlElement:
    """An HTML page as lxml sees it; the doctype must be the HTML5 one."""
    root = lxml.html.document_fromstring(data)
    assert root.getroottree().docinfo.doctype == "<!DOCTYPE html>"
    return root


def alternates(root: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """(type, href) of every autodiscovery link, in page order."""
    return [(el.get("type"), el.get("href")) for el in root.xpath("//head/link[@rel='alternate']")]


def feed_links(path: str) -> list[tuple[str, str]]:
    """The three autodiscovery links a feed folder should have."""
    folder = f"{SITE.url}{path}/" if path else SITE.url
    return [
        ("application/rss+xml", f"{folder}rss.xml"),
        ("application/atom+xml", f"{folder}atom.xml"),
        ("application/feed+json", f"{folder}feed.json"),
    ]


def assert_no_markup_from_seed(root: lxml.html.HtmlElement) -> None:
    """Seed text stays text: no script, img, b or i element, no event handler attribute."""
    assert not root.xpath("//script | //img | //b | //i")
    assert not root.xpath("//@*[starts-with(name(), 'on')]")
    assert not root.xpath("//a[starts-with(@href, 'javascript:')]")


def test_index_is_html5_with_main_feed_autodiscovery(env: Environment) -> None:
    data = pages.render_index(env, SITE, make_items(), sources=["hill-post"], authors=["Ana Ruiz"])
    root = parse(data)
    assert root.get("lang") == "en-GB"
    assert root.xpath("//head/meta[@charset='utf-8']")
    assert root.xpath("//head/meta[@name='viewport']")
    assert root.findtext(".//title") == "Example News"
    assert alternates(root) == feed_links("")
    assert root.xpath("//link[@rel='canonical']/@href") == [SITE.url]
    assert root.xpath("//link[@rel='stylesheet']/@href") == ["style.css"]
    assert_no_markup_from_seed(root)
    assert HOSTILE_TITLE in root.text_content()


def test_item_page_shows_escaped_text_and_advertises_main_and_source_feeds(
    env: Environment,
) -> None:
    item = make_items()[0]
    root = parse(pages.render_item_page(env, SITE, item))
    assert alternates(root) == feed_links("") + feed_links("sources/hill-post")
    assert root.findtext(".//h1") == HOSTILE_TITLE
    assert_no_markup_from_seed(root)
    assert [li.text_content() for li in root.xpath("//article//ul/li")] == [
        "<b>one</b>",
        "two & three",
    ]
    assert root.xpath("//time/@datetime") == ["2026-03-02T09:30:00Z"]
    assert not root.xpath("//p[@class='original']")  # javascript: is not a link
    assert "Hill <Post>" in root.text_content()


def test_item_page_links_to_a_web_original(env: Environment) -> None:
    root = parse(pages.render_item_page(env, SITE, make_items()[1]))
    assert root.xpath("//p[@class='original']/a/@href") == ["https://gazette.example.com/ferry"]


@pytest.mark.parametrize("kind", ["source", "author"])
def test_listing_pages_advertise_their_own_feed_first(env: Environment, kind: str) -> None:
    items = make_items()[:1]
    if kind == "source":
        data = pages.render_source_page(env, SITE, "hill-post", items)
        ref = pages.source_feed(SITE, "hill-post")
    else:
        data = pages.render_author_page(env, SITE, "Mallory <i>M</i>", items)
        ref = pages.author_feed(SITE, "Mallory <i>M</i>")
    root = parse(data)
    assert alternates(root) == feed_links(ref.path) + feed_links("")
    assert root.xpath("//link[@rel='canonical']/@href") == [f"{SITE.url}{ref.path}/"]
    assert_no_markup_from_seed(root)


def test_relative_links_resolve_to_pages_the_archive_has(env: Environment) -> None:
    items = make_items()
    item = items[0]
    page_path = pages.item_page_path(item)
    root = parse(pages.render_item_page(env, SITE, item))
    assert item.author is not None
    expected = {
        "index.html",
        "opml.xml",
        "style.css",
        pages.source_feed(SITE, item.source).page_path,
        pages.author_feed(SITE, item.author).page_path,
    }
    hrefs = root.xpath("//a/@href | //link[@rel='stylesheet']/@href")
    relative = {h for h in hrefs if "://" not in h}
    resolved = {
        posixpath.normpath(posixpath.join(posixpath.dirname(page_path), h)) for h in relative
    }
    assert resolved == expected


def test_opml_lists_every_feed(env: Environment) -> None:
    refs = [
        pages.main_feed(SITE),
        pages.source_feed(SITE, "hill-post"),
        pages.author_feed(SITE, "Ana Ruiz"),
    ]
    root = etree.fromstring(pages.render_opml(env, SITE, refs))
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "Example News"
    outlines = root.xpath("//outline[@type='rss']")
    assert [o.get("xmlUrl") for o in outlines] == [
        f"{SITE.url}rss.xml",
        f"{SITE.url}sources/hill-post/rss.xml",
        f"{SITE.url}authors/ana-ruiz/rss.xml",
    ]
    assert outlines[1].get("text") == "Example News: Hill <Post>"


def test_pages_render_byte_identically(env: Environment) -> None:
    first = pages.render_index(env, SITE, make_items())
    assert first == pages.render_index(env, SITE, make_items())


def test_stylesheet_is_local_and_self_contained(env: Environment) -> None:
    css = pages.render_stylesheet(env).decode("utf-8")
    assert "body" in css
    assert "@import" not in css and "url(" not in css


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hill Post", "hill-post"),
        ("Émile Zoë", "emile-zoe"),
        ("  --A & B--  ", "a-b"),
        ("東京", pages.slugify("東京")),
    ],
)
def test_slugify_is_ascii_lowercase_and_never_empty(name: str, slug: str) -> None:
    result = pages.slugify(name)
    assert result == slug
    assert result and result.isascii() and result == result.lower()
    assert result == pages.slugify(name)


def test_site_and_feeds_agree_on_layout() -> None:
    """site and feeds never import each other; this holds their shared layout together."""
    item = make_items()[0]
    assert pages.item_page_path(item) == feeds.item_page_path(item)
    assert [(name, media) for name, media, _ in pages.FEED_FORMATS] == [
        (feeds.RSS_FILE, feeds.RSS_TYPE),
        (feeds.ATOM_FILE, feeds.ATOM_TYPE),
        (feeds.JSON_FILE, feeds.JSON_TYPE),
    ]
    body = "Lead\nmore\n\nList:\n• a\n• b\nafter"
    html_blocks = feeds.text_to_html(body)
    assert (
        html_blocks
        == "<p>Lead\nmore</p>\n<p>List:</p>\n<ul><li>a</li><li>b</li></ul>\n<p>after</p>"
    )
    assert [(b.kind, b.lines) for b in pages.text_blocks(body)] == [
        ("p", ("Lead", "more")),
        ("p", ("List:",)),
        ("ul", ("a", "b")),
        ("p", ("after",)),
    ]


def test_write_if_changed_writes_new_and_changed_files(tmp_path: Path) -> None:
    target = tmp_path / "sources" / "x" / "rss.xml"
    assert write_if_changed(target, b"one") is True
    assert target.read_bytes() == b"one"
    assert write_if_changed(target, b"two!") is True
    assert target.read_bytes() == b"two!"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_unchanged_file_keeps_its_mtime_and_inode(tmp_path: Path) -> None:
    target = tmp_path / "atom.xml"
    target.write_bytes(b"same")
    os.utime(target, (PAST, PAST))
    before = target.stat()
    assert write_if_changed(target, b"same") is False
    after = target.stat()
    assert (after.st_mtime, after.st_ino) == (before.st_mtime, before.st_ino)


def test_write_replaces_atomically_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "feed.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    held = target.open("rb")  # a reader holding the old file still sees it whole
    try:
        assert write_if_changed(target, b"new") is True
        assert held.read() == b"old"
    finally:
        held.close()
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.json"]


def test_write_failure_is_a_publish_error_naming_the_path(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.mkdir()
    with pytest.raises(PublishError, match=r"index\.html"):
        write_if_changed(target, b"<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
