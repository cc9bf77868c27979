"""What readers see of the archive: honest dates, source names and renames, pages, hiding."""

from __future__ import annotations

import json
import tomllib
from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from conftest import NOW, database_config, write_seed
from http_client import fetch, serving
from lxml import html

from publisher import store
from publisher.cli import cli
from publisher.core.settings import Settings, load_settings
from publisher.publish.build import build
from publisher.service.web import create_app

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

SOURCES = """
[[sources]]
match = "000_*.txt"
name = "{tribune}"
url = "https://tribunemag.co.uk/"
link_template = "https://tribunemag.co.uk/?s={{title}}"

[[sources]]
match = "002_*.txt"
name = "Workers Power"
url = "https://workerspower.uk/"
"""


def configure(site: Path, tribune: str = "Tribune", extra: str = "") -> Settings:
    """The sources above in the site's config, keeping the database the site was given."""
    config = site / "publisher.toml"
    database = tomllib.loads(config.read_text()).get("database", {}) if config.exists() else {}
    kept = database_config(database.get("url"))
    config.write_text(SOURCES.format(tribune=tribune) + extra + kept)
    return load_settings(None, {}, cwd=site)


def page(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def texts(tree: html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def test_dated_items_reach_the_index_and_main_feed_and_undated_say_found(
    settings: Settings, db: store.Store
) -> None:
    build(settings, db, now=NOW)
    out = settings.paths.output
    index = page(out / "index.html")
    bylines = texts(index, "//p[@class='byline']")
    assert any(line.endswith("12 September 2022") for line in bylines)
    undated = [line for line in bylines if "found" in line]
    assert undated and all(line.endswith("found 21 Nov 2026") for line in undated)
    # The first page interleaves the sources: the first few items come from every page.
    sources = texts(index, "//ol[@class='items']/li[position() <= 5]//p[@class='byline']/a[1]")
    assert len(set(sources)) == 5
    rss = feedparser.parse((out / "rss.xml").read_bytes())
    dated = [e for e in rss.entries if "published_parsed" in e]
    assert dated and {e.published_parsed.tm_year for e in dated} <= {2017, 2018, 2019, 2020,
                                                                      2021, 2022}  # fmt: skip
    assert all("published_parsed" not in e for e in rss.entries if "002" not in e.category)


def test_sources_are_named_linked_home_and_originals_fall_back_to_the_template(
    site: Path, db: store.Store
) -> None:
    settings = configure(site)
    build(settings, db, now=NOW)
    out = settings.paths.output
    item = page(out / "items" / "the-starmer-narrative.html")
    assert texts(item, "//p[@class='byline']/a[1]") == ["Tribune"]
    (original,) = item.xpath("//p[@class='original']/a")
    assert original.get("href") == "https://tribunemag.co.uk/?s=The+Starmer+Narrative"
    assert original.text_content() == "Read the original at Tribune"
    dated = page(out / "items" / "left-maintains-nec-seats-despite-momentum.html")
    assert texts(dated, "//p[@class='original']/a") == ["Read more at Workers Power"]
    assert "12 September 2022" in texts(dated, "//p[@class='byline']")[0]
    atom = feedparser.parse((out / "sources" / "tribune" / "atom.xml").read_bytes())
    assert atom.feed.title.endswith(": Tribune") and not atom.bozo
    assert {e.tags[0].term for e in atom.entries} == {"Tribune"}


def test_long_page_shows_headings_lists_and_its_summary_once(
    settings: Settings, db: store.Store
) -> None:
    build(settings, db, now=NOW)
    item = page(settings.paths.output / "items" / "what-we-fight-for.html")
    assert "Appeal for a democratic Labour Left Alliance" in texts(item, "//article//h2")
    assert len(item.xpath("//article//ul/li")) >= 8
    body = " ".join(texts(item, "//article//p"))
    assert body.count("The election of Keir Starmer as leader") == 1
    assert "click here" not in body.lower()


def test_teaser_title_cut_from_its_sentence_shows_the_sentence_once(
    settings: Settings, db: store.Store
) -> None:
    build(settings, db, now=NOW)
    name = "the-fire-at-grenfell-tower-has-exposed-inequality-in-housing.html"
    item = page(settings.paths.output / "items" / name)
    (heading,) = texts(item, "//h1")
    assert heading.endswith("It kills people.")
    assert not any("Grenfell" in text for text in texts(item, "//article//p[@class='summary']"))


def test_rename_takes_effect_everywhere_and_old_feed_urls_answer_301(
    site: Path, db: store.Store
) -> None:
    first = configure(site, "Tribune")
    build(first, db, now=NOW)
    renamed = configure(site, "Tribune Magazine")
    report = build(renamed, db, now=NOW + timedelta(hours=1))
    out = renamed.paths.output
    assert report.renamed == [("sources/tribune", "sources/tribune-magazine")]
    assert not (out / "sources" / "tribune").exists()
    rss = feedparser.parse((out / "sources" / "tribune-magazine" / "rss.xml").read_bytes())
    assert rss.feed.title.endswith("Tribune Magazine") and len(rss.entries) > 10
    item = page(out / "items" / "the-starmer-narrative.html")
    assert texts(item, "//p[@class='byline']/a[1]") == ["Tribune Magazine"]
    assert b">Tribune<" not in (out / "index.html").read_bytes()
    nginx = (renamed.paths.state / "nginx-redirects.conf").read_text()
    assert "rewrite ^/sources/tribune/(.*)$ /sources/tribune-magazine/$1 permanent;" in nginx
    app = create_app(renamed, db, secret=b"s" * 20)
    with serving(renamed, app) as port:
        status, headers, _ = fetch(port, "GET", "/sources/tribune/rss.xml")
        assert (status, headers["location"]) == (301, "/sources/tribune-magazine/rss.xml")
        assert fetch(port, "GET", headers["location"])[0] == 200
        assert fetch(port, "GET", "/sources/nothing-here/rss.xml")[0] == 404


def test_listings_are_paged_from_the_oldest_and_months_link_from_the_index(
    site: Path, db: store.Store
) -> None:
    settings = load_settings(None, {"PUBLISHER_SITE_PAGE_SIZE": "11"}, cwd=site)
    build(settings, db, now=NOW)
    out = settings.paths.output
    pages = sorted((out / "page").glob("*.html"))
    assert [p.stem for p in pages] == [str(n) for n in range(1, 8)]  # 89 items: 7 + the front
    oldest = page(out / "page" / "1.html")
    assert len(oldest.xpath("//ol[@class='items']/li")) == 11
    index = page(out / "index.html")
    assert len(index.xpath("//ol[@class='items']/li")) == 12
    months = {link.get("href") for link in index.xpath("//p[@class='months']/a")}
    assert "archive/2022/09/index.html" in months and "archive/2026/11/index.html" in months
    sept = page(out / "archive" / "2022" / "09" / "index.html")
    assert texts(sept, "//h1") == ["September 2022"]
    assert texts(sept, "//ol[@class='items']//h2") == [
        "Left maintains NEC seats – despite Momentum"
    ]
    before = {p.name: p.read_bytes() for p in pages}
    write_seed(
        settings.paths.seeds, "extra.txt", "Harbour Strike Continues\n\nDock workers stay out.\n"
    )
    report = build(settings, db, now=NOW + timedelta(hours=1))
    assert {p.name: p.read_bytes() for p in pages} == before  # old pages keep their items
    assert "index.html" in report.written


def test_hidden_items_leave_feeds_pages_and_stay_hidden_across_rescans(
    site: Path, settings: Settings, db: store.Store
) -> None:
    build(settings, db, now=NOW)
    out = settings.paths.output
    runner = CliRunner()
    config = ["--config", str(site / "publisher.toml")]
    (site / "publisher.toml").touch()
    listed = runner.invoke(cli, [*config, "items", "list", "--json", "--limit", "200"])
    assert "the-starmer-narrative" in {row["id"] for row in json.loads(listed.output)}
    hidden = runner.invoke(cli, [*config, "items", "hide", "the-starmer-narrative"])
    assert hidden.exit_code == 0 and "hidden the-starmer-narrative" in hidden.output
    seed = next(settings.paths.seeds.glob("000_*.txt"))
    write_seed(settings.paths.seeds, seed.name, seed.read_text() + "\nA New Story\n\nIt is new.\n")
    build(settings, db, now=NOW + timedelta(hours=1))
    assert not (out / "items" / "the-starmer-narrative.html").exists()
    for path in [out / "rss.xml", out / "index.html", *out.rglob("page/*.html")]:
        assert b"The Starmer Narrative" not in path.read_bytes(), path
    runner.invoke(cli, [*config, "items", "unhide", "the-starmer-narrative"])
    build(settings, db, now=NOW + timedelta(hours=2))
    assert (out / "items" / "the-starmer-narrative.html").is_file()
    bad = runner.invoke(cli, [*config, "items", "hide", "no-such-item"])
    assert bad.exit_code != 0


@pytest.mark.parametrize("kind", ["source", "author"])
def test_source_and_author_pages_are_paged(site: Path, db: store.Store, kind: str) -> None:
    settings = load_settings(None, {"PUBLISHER_SITE_PAGE_SIZE": "5"}, cwd=site)
    build(settings, db, now=NOW)
    folder = {"source": "sources/000-44715980d3eba7cf", "author": "authors/ian-lavery"}[kind]
    front = page(settings.paths.output / folder / "index.html")
    (older,) = front.xpath("//nav[@class='pager']/a[@rel='next']")
    assert (settings.paths.output / folder / older.get("href")).is_file()
