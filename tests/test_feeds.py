"""Feeds read back by feedparser, lxml and json: valid, stable, escaped, byte-identical."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest
from lxml import etree

from publisher.core.models import Item
from publisher.publish import feeds
from publisher.publish.feeds import FeedSpec, entry_id, render_atom, render_json_feed, render_rss

GOLDEN = Path(__file__).parent / "golden" / "feeds"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITE_URL = "https://news.example.org/"
SOURCE_NAMES = {"harbour-gazette": "Harbour Gazette", "hill-post": "Hill Post"}
HOSTILE_TITLE = '<script>alert(1)</script> Rates & "fees" rise'
HOSTILE_TEXT = "Click <img src=x onerror=alert(1)> & <script>alert('x')</script> now"
T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)

Renderer = Callable[[FeedSpec, Sequence[Item], dict[str, str]], bytes]


def make_items() -> list[Item]:
    """A fixed, newest-first list: a long item, a hostile one, a short one with a URL."""
    return [
        Item(
            id="harbour-ferry-timetable",
            source="harbour-gazette",
            title="Ferry timetable changes for spring",
            summary="The morning ferry leaves earlier from April.",
            content=(
                "The morning ferry leaves earlier from April.\n\n"
                "Changes:\n• 07:10 instead of 07:25\n• An extra Sunday sailing\n\n"
                "Tickets bought before March stay valid."
            ),
            author="Ana Ruiz",
            published=T0 + timedelta(hours=3),
            first_seen=T0 + timedelta(hours=3),
            updated=T0 + timedelta(hours=5),
            dated=True,
        ),
        Item(
            id="hostile-rates",
            source="hill-post",
            title=HOSTILE_TITLE,
            summary=HOSTILE_TEXT,
            content=f"{HOSTILE_TEXT}\n\n• <b>bold</b> & 'quoted'\n\nA < B > C",
            author="<i>Mallory</i>",
            published=T0 + timedelta(hours=2),
            first_seen=T0 + timedelta(hours=2),
            updated=T0 + timedelta(hours=2),
        ),
        Item(
            id="hill-library-hours",
            source="hill-post",
            title="Library opens on Mondays",
            summary=None,
            content=None,
            author=None,
            published=T0,
            first_seen=T0 - timedelta(days=1),
            updated=T0 + timedelta(minutes=1),
            url="https://hillpost.example.com/library?a=1&b=2",
        ),
    ]


def make_spec(**changes: Any) -> FeedSpec:
    """The main feed of the example site."""
    fields: dict[str, Any] = {
        "title": "Example News",
        "description": "Local news, gathered.",
        "site_url": SITE_URL,
        "path": "",
        "page_path": "index.html",
        "language": "en",
        "websub_hub": None,
        "full_content": True,
        "generator": "publisher 0.1.0",
    }
    fields.update(changes)
    return FeedSpec(**fields)


RENDERERS: dict[str, Renderer] = {"rss": render_rss, "atom": render_atom}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_xml_feed_parses_without_bozo(kind: str) -> None:
    data = RENDERERS[kind](make_spec(), make_items(), SOURCE_NAMES)
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    assert parsed.entries[0].title == "Ferry timetable changes for spring"
    assert len(parsed.entries) == 3


def test_atom_structure_has_required_elements() -> None:
    root = etree.fromstring(render_atom(make_spec(), make_items(), SOURCE_NAMES))
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    rels = {link.get("rel"): link for link in root.findall(f"{ATOM}link")}
    assert rels["self"].get("href") == f"{SITE_URL}atom.xml"
    assert rels["self"].get("type") == "application/atom+xml"
    assert rels["alternate"].get("href") == SITE_URL
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated", "link", "category", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        # Only a date the page gave is a publication date; undated items carry only <updated>.
        assert entry.find(f"{ATOM}link").get("href").startswith("https://")  # type: ignore[union-attr]
    # Only a date the page gave is a publication date; undated items carry only <updated>.
    assert [entry.find(f"{ATOM}published") is not None for entry in entries] == [True, False, False]


def test_rss_structure_has_self_link_guids_and_creators() -> None:
    root = etree.fromstring(render_rss(make_spec(), make_items(), SOURCE_NAMES))
    channel = root.find("channel")
    assert channel is not None
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None
    assert self_link.get("type") == "application/rss+xml"
    assert self_link.get("href") == f"{SITE_URL}rss.xml"
    assert channel.findtext("link") == SITE_URL
    assert channel.findtext("language") == "en"
    assert channel.findtext("generator") == "publisher 0.1.0"
    items = channel.findall("item")
    for item in items:
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "false"
        assert item.find("author") is None  # RSS author must be an email; dc:creator instead
    assert items[0].findtext(f"{DC}creator") == "Ana Ruiz"
    assert items[0].findtext("category") == "Harbour Gazette"
    assert items[2].findtext("link") == "https://hillpost.example.com/library?a=1&b=2"


def test_ids_are_unique_and_identical_across_formats_and_feeds() -> None:
    items = make_items()
    rss = feedparser.parse(render_rss(make_spec(), items, SOURCE_NAMES))
    atom = feedparser.parse(render_atom(make_spec(), items, SOURCE_NAMES))
    json_feed = json.loads(render_json_feed(make_spec(), items, SOURCE_NAMES))
    expected = [entry_id(SITE_URL, item) for item in items]
    assert len(set(expected)) == len(expected)
    assert [e.id for e in rss.entries] == expected
    assert [e.id for e in atom.entries] == expected
    assert [i["id"] for i in json_feed["items"]] == expected
    source_spec = make_spec(
        title="Example News: Hill Post", path="sources/hill-post", page_path="sources/hill-post/"
    )
    source_items = [item for item in items if item.source == "hill-post"]
    source_atom = feedparser.parse(render_atom(source_spec, source_items, SOURCE_NAMES))
    assert [e.id for e in source_atom.entries] == expected[1:]


def test_entry_id_is_a_tag_uri_from_host_and_first_seen_day() -> None:
    item = make_items()[2]
    assert entry_id(SITE_URL, item) == "tag:news.example.org,2026-03-01:hill-library-hours"


def test_feed_dates_are_the_newest_item_update_never_now() -> None:
    items = make_items()
    newest = max(item.updated for item in items)
    atom = feedparser.parse(render_atom(make_spec(), items, SOURCE_NAMES))
    rss = feedparser.parse(render_rss(make_spec(), items, SOURCE_NAMES))
    json_feed = json.loads(render_json_feed(make_spec(), items, SOURCE_NAMES))
    assert atom.feed.updated == newest.isoformat()
    assert rss.feed.updated == "Mon, 02 Mar 2026 13:30:00 +0000"
    assert json_feed["items"][0]["date_modified"] == items[0].updated.isoformat()


@pytest.mark.parametrize("render", [render_rss, render_atom, render_json_feed])
def test_rendering_twice_gives_identical_bytes(render: Renderer) -> None:
    first = render(make_spec(), make_items(), SOURCE_NAMES)
    second = render(make_spec(), make_items(), SOURCE_NAMES)
    assert first == second


@pytest.mark.parametrize("render", [render_rss, render_atom, render_json_feed])
def test_empty_feed_is_valid_and_dated_at_the_epoch(render: Renderer) -> None:
    first = render(make_spec(), [], SOURCE_NAMES)
    assert first == render(make_spec(), [], SOURCE_NAMES)
    if render is render_json_feed:
        assert json.loads(first)["items"] == []
        return
    parsed = feedparser.parse(first)
    assert not parsed.bozo
    assert parsed.feed.updated_parsed[:3] == (1970, 1, 1)


def _html_fragments(kind: str) -> list[str]:
    """Every HTML payload the feed of the given kind carries for the hostile item."""
    items = make_items()[1:2]
    if kind == "json":
        entry = json.loads(render_json_feed(make_spec(), items, SOURCE_NAMES))["items"][0]
        return [entry["content_html"]]
    parsed = feedparser.parse(RENDERERS[kind](make_spec(), items, SOURCE_NAMES))
    entry = parsed.entries[0]
    return [entry.summary] + [content.value for content in entry.get("content", [])]


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_hostile_text_never_becomes_markup(kind: str) -> None:
    fragments = _html_fragments(kind)
    assert fragments
    for fragment in fragments:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
        assert not tree.xpath("//script | //img | //b | //i")
        assert not tree.xpath("//@onerror")
        assert "<img src=x onerror=alert(1)>" in tree.text_content()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_raw_xml_descriptions_are_escaped_once_as_html(kind: str) -> None:
    data = RENDERERS[kind](make_spec(), make_items()[1:2], SOURCE_NAMES)
    root = etree.fromstring(data)
    texts = [el.text or "" for el in root.iter() if isinstance(el.tag, str)]
    html_payloads = [t for t in texts if t.startswith("<p>")]
    assert html_payloads
    for payload in html_payloads:
        assert "<script" not in payload and "<img" not in payload
        assert "&lt;script&gt;" in payload


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_titles_and_names_carry_no_tags(kind: str) -> None:
    items = make_items()[1:2]
    if kind == "json":
        entry = json.loads(render_json_feed(make_spec(), items, SOURCE_NAMES))["items"][0]
        title, author = entry["title"], entry["authors"][0]["name"]
    else:
        entry = feedparser.parse(RENDERERS[kind](make_spec(), items, SOURCE_NAMES)).entries[0]
        title, author = entry.title, entry.author
    assert title == 'alert(1) Rates & "fees" rise'
    assert author == "Mallory"


def test_json_feed_has_the_required_fields() -> None:
    feed = json.loads(render_json_feed(make_spec(), make_items(), SOURCE_NAMES))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Example News"
    assert feed["feed_url"] == f"{SITE_URL}feed.json"
    assert feed["home_page_url"] == SITE_URL
    for item in feed["items"]:
        assert item["id"]
        assert item.get("content_html") or item.get("content_text")
        assert item["url"].startswith("https://")
    assert feed["items"][0]["tags"] == ["Harbour Gazette"]
    assert feed["items"][0]["authors"] == [{"name": "Ana Ruiz"}]
    assert "<ul><li>07:10 instead of 07:25</li>" in feed["items"][0]["content_html"]


def test_full_content_is_included_only_when_configured_and_longer() -> None:
    items = make_items()
    with_content = feedparser.parse(render_atom(make_spec(), items, SOURCE_NAMES))
    without = feedparser.parse(render_atom(make_spec(full_content=False), items, SOURCE_NAMES))
    assert "Tickets bought before March" in with_content.entries[0].content[0].value
    assert "content" not in without.entries[0]
    assert "content" not in with_content.entries[2]  # no text at all: the title is the summary
    assert with_content.entries[2].summary == "<p>Library opens on Mondays</p>"


def test_websub_hub_is_advertised_in_every_format() -> None:
    spec = make_spec(websub_hub="https://hub.example.net/")
    rss = etree.fromstring(render_rss(spec, make_items(), SOURCE_NAMES))
    atom = etree.fromstring(render_atom(spec, make_items(), SOURCE_NAMES))
    json_feed = json.loads(render_json_feed(spec, make_items(), SOURCE_NAMES))
    assert rss.find(f"channel/{ATOM}link[@rel='hub']").get("href") == spec.websub_hub  # type: ignore[union-attr]
    assert atom.find(f"{ATOM}link[@rel='hub']").get("href") == spec.websub_hub  # type: ignore[union-attr]
    assert json_feed["hubs"] == [{"type": "WebSub", "url": spec.websub_hub}]
    assert not feedparser.parse(render_rss(spec, make_items(), SOURCE_NAMES)).bozo


def test_per_source_feed_links_to_its_own_files_and_page() -> None:
    spec = make_spec(path="sources/hill-post", page_path="sources/hill-post/index.html")
    files = feeds.render_feeds(spec, make_items()[1:], SOURCE_NAMES)
    assert sorted(files) == [
        "sources/hill-post/atom.xml",
        "sources/hill-post/feed.json",
        "sources/hill-post/rss.xml",
    ]
    atom = feedparser.parse(files["sources/hill-post/atom.xml"])
    assert atom.feed.id == f"{SITE_URL}sources/hill-post/atom.xml"
    assert atom.feed.link == f"{SITE_URL}sources/hill-post/"


def test_item_link_prefers_the_original_only_for_web_addresses() -> None:
    item = make_items()[0]
    assert feeds.item_url(SITE_URL, item) == f"{SITE_URL}items/harbour-ferry-timetable.html"
    unsafe = Item(**{**item.__dict__, "url": "javascript:alert(1)"})
    assert feeds.item_url(SITE_URL, unsafe) == f"{SITE_URL}items/harbour-ferry-timetable.html"


def test_relative_site_url_is_refused() -> None:
    from publisher.core.errors import PublishError

    with pytest.raises(PublishError, match=r"site\.url"):
        make_spec(site_url="/news/")


@pytest.mark.parametrize(
    ("name", "render"),
    [("rss.xml", render_rss), ("atom.xml", render_atom), ("feed.json", render_json_feed)],
)
def test_golden_feeds(name: str, render: Renderer, update_golden: bool) -> None:
    data = render(make_spec(websub_hub="https://hub.example.net/"), make_items(), SOURCE_NAMES)
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.exists(), f"{golden} is missing; run pytest --update-golden and review it"
    assert data == golden.read_bytes()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_entries_written_straight_are_what_lxml_writes(kind: str) -> None:
    """Entries are written as text: read back and pretty-printed again, nothing changes."""
    awkward = Item(
        id="awkward & odd/ids?",
        source="hill-post",
        title='Tabs\tand "quotes" & carriage\rreturns 😀',
        summary="Line one\r\nline <two> & three\n\n• a bullet › ünïcode",
        content="Line one\r\nline <two> & three\n\n• a bullet\n\nMore text, a lot more of it.",
        author="Smith & Wesson",
        published=T0 + timedelta(microseconds=123456),
        first_seen=T0,
        updated=T0 + timedelta(seconds=1, microseconds=5),
        url='https://example.com/a?b="1"&c=\t2',
    )
    data = RENDERERS[kind](make_spec(), [*make_items(), awkward], SOURCE_NAMES)
    parser = etree.XMLParser(remove_blank_text=True)
    tree = etree.fromstring(data, parser).getroottree()
    again = etree.tostring(tree, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    assert data == again
    assert not feedparser.parse(data).bozo
