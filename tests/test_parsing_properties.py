"""Property tests: any text gives items or a SeedError, never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.core.errors import SeedError
from publisher.core.models import PageHints, ParseResult
from publisher.ingest.parsing import decode_seed, derive_title, normalise_text, parse_page

PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines built from the pieces seed pages are made of, so the layouts' code paths are hit.
PIECES = st.sampled_from(
    [
        "",
        " ",
        "Title Of An Article",
        "A standfirst sentence that ends with a full stop.",
        "By Jane Doe The story begins here.",
        "Jane Doe\u00a0 ·\u00a0 12 September 2022",
        "Posted on 14/02/2023 by Jane Doe",
        "2022-09-12",
        "Jane Doe",
        "22 Articles by:",
        "Articles by Jane Doe",
        "  • a bullet point;",
        "1. A numbered title",
        "Title — A standfirst on the same line.",
        "Read more",
        "Subscribe to our newsletter",
        "Home | News | About",
        "Buy online here!",
        "© 2023",
        "x" * 600,
        "<b>bold</b> &amp; text",
        "…, argues Jane Doe.",
        "[…]",
        "\x00\x0b\x1c\u2028\ufeff\ud800",
    ]
)
PAGES = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x7F)),
    st.text(alphabet=" \t\n\r.,;:!?-–—…•*|·()[]\"'“”’", max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40).map("\n".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(1, 3000)),
)
HINTS = st.builds(
    PageHints,
    layout=st.sampled_from(
        [None, "listing", "listing-bylines", "teasers", "author-archive", "long-page"]
    ),
    author=st.sampled_from([None, "Jane Doe"]),
    timezone=st.sampled_from(["UTC", "Europe/London", "Pacific/Kiritimati", "America/St_Johns"]),
    day_first=st.booleans(),
)


def check(result: ParseResult) -> None:
    assert result.items
    lines = [item.line for item in result.items]
    assert lines == sorted(lines)
    for item in result.items:
        assert item.title and "\n" not in item.title and len(item.title) <= 100
        assert item.published is None or item.published.utcoffset() is not None


@PROPERTIES
@given(PAGES)
def test_any_text_gives_items_or_a_seed_error(text: str) -> None:
    try:
        result = parse_page(text)
    except SeedError as exc:
        assert exc.path == "<seed>"
        return
    check(result)


@PROPERTIES
@given(PAGES, HINTS)
def test_any_text_with_any_hints(text: str, hints: PageHints) -> None:
    try:
        result = parse_page(text, hints=hints, name="p.txt")
    except SeedError:
        return
    check(result)
    if hints.author:
        assert {item.author for item in result.items} == {hints.author}


@PROPERTIES
@given(PAGES)
def test_parsing_is_stable(text: str) -> None:
    try:
        first = parse_page(text)
    except SeedError:
        return
    assert parse_page(text) == first


@PROPERTIES
@given(st.binary(max_size=2000))
def test_any_bytes_give_text_or_a_seed_error(data: bytes) -> None:
    try:
        text, warnings = decode_seed(data)
    except SeedError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    assert text.strip() and "\r" not in text
    assert all(isinstance(w, str) for w in warnings)


@PROPERTIES
@given(st.text())
def test_normalise_text_is_one_clean_line(text: str) -> None:
    clean = normalise_text(text)
    assert clean == clean.strip() and "\n" not in clean and "  " not in clean
    assert not any(ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF for ch in clean)
    assert normalise_text(clean) == clean or "&" in clean or "<" in clean


@PROPERTIES
@given(st.text(), st.integers(-10, 500))
def test_derive_title_is_never_empty_nor_long(text: str, limit: int) -> None:
    title = derive_title(text, limit)
    assert title and "\n" not in title and len(title) <= 100


@PROPERTIES
@given(PAGES)
def test_every_non_blank_line_has_exactly_one_role(text: str) -> None:
    try:
        result = parse_page(text)
    except SeedError:
        return
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    expected = [number for number, line in enumerate(raw, start=1) if line.strip()]
    assert [number for number, _, _ in result.lines] == expected
    assert all(role for _, role, _ in result.lines)
    item_lines = {number for number, role, _ in result.lines if role.startswith(("item", "art"))}
    assert {item.line for item in result.items} <= item_lines
