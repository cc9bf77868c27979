"""Links to the original articles: pages saved by lynx or w3m (numbered references), in
Markdown, or with bare URLs under their titles give each item the URL of its story, and
nothing else (share, mail, section, paging or author links) ever becomes an item's URL."""

from __future__ import annotations

from pathlib import Path

import feedparser
from conftest import NOW, write_seed
from lxml import html

from publisher import store
from publisher.core.models import ParsedItem, ParseResult
from publisher.core.settings import load_settings
from publisher.ingest.parsing import decode_seed, parse_page
from publisher.ingest.parsing.links import PageLinks, attach_links, parse_links
from publisher.publish.build import build

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
DOCKSIDE = "https://docksideworker.example.org/"
LYNX_URLS = {
    "Port workers in Felixstowe reject below-inflation pay offer":
        DOCKSIDE + "news/felixstowe-pay-offer-rejected/",
    "Crane drivers win back their night shift allowance":
        DOCKSIDE + "news/crane-drivers-night-allowance/",
    "Automation at Tilbury: what the union secured in the new agreement":
        DOCKSIDE + "news/tilbury-automation-agreement/",
    "Podcast: the history of the 1989 dock strike":
        DOCKSIDE + "podcast/episode-12-1989-dock-strike/",
}  # fmt: skip


def seed_text(name: str) -> str:
    text, _ = decode_seed((SEEDS / f"{name}.txt").read_bytes(), name=name)
    return text


def parse(name: str) -> ParseResult:
    return parse_page(seed_text(name), name=name)


def urls(result: ParseResult) -> dict[str, str | None]:
    return {item.title: item.url for item in result.items}


# ---------------------------------------------------------------- the text, line for line


def test_lynx_markers_come_out_and_every_line_keeps_its_number() -> None:
    text = seed_text("listing_lynx_references")
    links = parse_links(text)
    before, after = text.split("\n"), links.text.split("\n")
    assert len(after) == len(before)
    assert after[12] == "   Port workers in Felixstowe reject below-inflation pay offer"
    assert after[16] == "   By Maria Kowalski | 4 March 2024"
    references = before.index("References")
    assert after[references:] == before[references:]  # the list stays, as written
    assert not any("[" in line for line in after[:references])


def test_markdown_links_read_as_their_text_on_the_same_lines() -> None:
    text = seed_text("listing_markdown_links")
    links = parse_links(text)
    after = links.text.split("\n")
    assert len(after) == len(text.split("\n"))
    assert after[10] == "## Bus route 14 saved after a year-long campaign"
    assert after[14] == "*By Amira Shah · 5 March 2024*"
    assert "](" not in links.text


def test_crlf_pages_keep_their_line_count() -> None:
    text = (
        "[1]One story\r\n\r\n[2]Another story\r\n\r\nReferences\r\n\r\n"
        "   1. https://a.example/one-story\r\n   2. https://a.example/another-story\r\n"
    )
    links = parse_links(text)
    assert links.text.split("\n")[:3] == ["One story", "", "Another story"]
    assert len(links.text.split("\n")) == len(text.split("\r\n"))
    assert [link.url for link in links.lines[3]] == ["https://a.example/another-story"]


def test_numbers_without_a_references_list_are_left_to_the_parser() -> None:
    text = "A story about clause [4] of the bill\n\nBy [5]Jo Bloggs\n"
    assert parse_links(text) == PageLinks(text, {})


# ---------------------------------------------------------------- which links count


def test_a_line_maps_to_the_links_on_it_and_furniture_links_are_dropped() -> None:
    links = parse_links(seed_text("listing_lynx_references"))
    assert [link.url for link in links.lines[13]] == [
        DOCKSIDE + "news/felixstowe-pay-offer-rejected/?utm_source=rss&utm_medium=feed"
    ]
    assert links.lines[13][0].text == "Port workers in Felixstowe reject below-inflation pay offer"
    # the author's page is a link on the byline, which is not the title's
    assert [link.url for link in links.lines[17]] == [DOCKSIDE + "author/maria-kowalski/"]
    # skip link to a section, masthead (the root), menu entries (sections), share and mail
    # links, the next page of the listing: none of them is an article
    for furniture in (1, 3, 5, 6, 7, 9, 36):
        assert furniture not in links.lines
    assert links.home is None  # "skip to content" leads to the /news/ section here


def test_section_links_are_told_apart_by_the_links_under_them() -> None:
    text = (
        "[1]Campaign updates\n\n[2]First update on the ballot\n\n[3]Second update on the ballot\n\n"
        "References\n\n   1. https://b.example/campaign-updates/\n"
        "   2. https://b.example/campaign-updates/first-update/\n"
        "   3. https://b.example/campaign-updates/second-update/\n"
    )
    links = parse_links(text)
    assert 1 not in links.lines
    assert [link.url for link in links.lines[5]] == [
        "https://b.example/campaign-updates/second-update/"
    ]


def test_images_are_not_links() -> None:
    links = parse_links("![A picket line](https://c.example/img/picket-line.jpg)\n")
    assert links.text == "A picket line\n" and links.lines == {}


# ---------------------------------------------------------------- items get their URLs


def test_lynx_listing_items_link_to_their_stories() -> None:
    result = parse("listing_lynx_references")
    assert urls(result) == LYNX_URLS  # tracking parameters dropped from the first
    authors = {item.author for item in result.items}
    assert authors == {"Maria Kowalski", "Tom Reilly"}


def test_a_references_list_is_furniture_and_never_items() -> None:
    result = parse("listing_lynx_references")
    start = next(n for n, _, text in result.lines if text == "References")
    tail = [(n, role) for n, role, _ in result.lines if n >= start]
    assert len(tail) == 21  # heading, "Visible links:", 18 references, "Hidden links:"
    assert all(role.startswith("furniture") for _, role in tail), tail
    assert all(item.line < start for item in result.items)
    assert all("http" not in (item.summary or "") for item in result.items)


def test_w3m_markers_after_the_link_text() -> None:
    result = parse("listing_w3m_references")
    base = "https://westbridgetenants.example/2024/"
    assert urls(result) == {
        "Rent strike at Harbour Court enters its third week": base + "03/harbour-court-rent-strike",
        "Council agrees to an independent damp survey of every block":
            base + "02/damp-survey-agreed",
        "Annual general meeting: new committee elected": base + "02/agm-new-committee",
    }  # fmt: skip
    references = [role for n, role, _ in result.lines if n >= 18]
    assert references and all(role.startswith("furniture") for role in references)


def test_markdown_headings_link_to_their_stories_not_their_authors() -> None:
    result = parse("listing_markdown_links")
    base = "https://greenvalley.example/"
    assert urls(result) == {
        "Bus route 14 saved after a year-long campaign": base + "news/bus-route-14-saved/",
        "Allotment waiting list passes 600": base + "news/allotment-waiting-list/",
        "Why the river still floods the high street":
            base + "opinion/river-floods-high-street/",
    }  # fmt: skip
    assert [item.line for item in result.items] == [11, 17, 23]


def test_bare_urls_under_after_or_in_angle_brackets() -> None:
    result = parse("listing_bare_urls")
    base = "https://riversidetrades.example/"
    assert urls(result) == {
        "Hospital porters win the living wage": base + "news/porters-living-wage?id=42",
        "Solidarity rally for the bin workers on Saturday": base + "news/bin-workers-rally",
        "New guide: your rights at work if you are on a zero-hours contract":
            base + "guides/zero-hours-rights",
    }  # fmt: skip
    summaries = [item.summary for item in result.items]
    assert summaries[0] == (
        "After a six-month campaign the trust has agreed to bring porters in house."
    )
    assert not any("http" in (summary or "") for summary in summaries)


def test_a_single_article_takes_the_address_its_skip_link_gives() -> None:
    body = "   The strike began on Monday morning at the main gate of the works. " * 3
    text = (
        "   [1]Skip to content\n\n   [2]Home > [3]News\n\n"
        "                Steelworkers walk out over the pension fund\n\n"
        f"   By Dana Price\n   Posted 14/02/2024\n\n{body}\n\n{body}\n\n{body}\n\n"
        "   Share: [4]Facebook\n\nReferences\n\n"
        "   1. https://steel.example/news/walk-out-pension-fund/#main\n"
        "   2. https://steel.example/\n   3. https://steel.example/news/\n"
        "   4. https://www.facebook.com/sharer/sharer.php?u=https://steel.example/news/x/\n"
    )
    result = parse_page(text)
    assert result.layout == "long-page"
    assert [item.url for item in result.items] == [
        "https://steel.example/news/walk-out-pension-fund/"
    ]


def test_a_url_already_set_is_kept() -> None:
    links = parse_links(seed_text("listing_lynx_references"))
    item = ParsedItem(title="Port workers in Felixstowe reject below-inflation pay offer", line=13)
    kept = ParsedItem(title=item.title, url="https://elsewhere.example/story", line=13)
    linked = attach_links((item, kept), links, "listing")
    assert [i.url for i in linked] == [LYNX_URLS[item.title], "https://elsewhere.example/story"]


def test_pages_without_links_keep_items_without_urls() -> None:
    result = parse("listing_with_nav_and_footer")
    assert result.items and all(item.url is None for item in result.items)


# ---------------------------------------------------------------- through to the site


def test_an_ingested_lynx_page_links_to_the_originals_in_feeds_and_pages(tmp_path: Path) -> None:
    write_seed(
        tmp_path / "seeds", "dockside.txt", (SEEDS / "listing_lynx_references.txt").read_bytes()
    )
    (tmp_path / "publisher.toml").write_text(
        f'[[sources]]\nmatch = "dockside.txt"\nname = "The Dockside Worker"\nurl = "{DOCKSIDE}"\n'
    )
    settings = load_settings(None, {}, cwd=tmp_path)
    db = store.open_store(settings.database.url, now=NOW)
    try:
        build(settings, db, now=NOW)
        stored = {item.title: item for item in store.list_items(db)}
    finally:
        db.close()
    assert {title: item.url for title, item in stored.items()} == LYNX_URLS
    out = settings.paths.output
    rss = feedparser.parse((out / "rss.xml").read_bytes())
    assert not rss.bozo
    assert {entry.title: entry.link for entry in rss.entries} == LYNX_URLS
    for title, url in LYNX_URLS.items():
        item_page = out / "items" / f"{stored[title].id}.html"
        (original,) = html.fromstring(item_page.read_bytes()).xpath("//p[@class='original']/a")
        assert original.get("href") == url


def test_a_url_under_the_byline_belongs_to_the_title_above() -> None:
    entries = [
        ("Why small presses are surviving the paper crunch", "Nadia Pereira", "2024/03/presses"),
        ("Councils quietly removing spending data", "Rahul Desai", "2024/03/spending-data"),
        ("First sowings of the year, and a slug problem", "Jo Hartley", "2024/03/first-sowings"),
    ]
    text = "".join(
        f"{title}\nby {author}\nhttps://river.example/{path}\n"
        "A few lines from the start of the post, as the feed reader shows them.\n\n"
        for title, author, path in entries
    )
    result = parse_page(text)
    assert [(i.title, i.author) for i in result.items] == [(t, a) for t, a, _ in entries]
    assert [i.url for i in result.items] == [f"https://river.example/{p}" for _, _, p in entries]
