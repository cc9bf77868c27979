"""decode_seed: encodings, byte-order marks, line ends, and files that are not text."""

from __future__ import annotations

import codecs

import pytest

from publisher.core.errors import SeedError
from publisher.ingest.parsing import decode_seed

TEXT = "Café – “quotes”\nsecond line\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-native-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_unicode_encodings(data: bytes) -> None:
    assert decode_seed(data) == (TEXT, [])


def test_cp1252_with_a_warning() -> None:
    text, warnings = decode_seed(TEXT.encode("cp1252"))
    assert text == TEXT
    assert warnings == ["not valid UTF-8; decoded as cp1252"]


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_line_ends_become_newlines(ending: bytes) -> None:
    text, _ = decode_seed(b"one" + ending + b"two" + ending + ending + b"three")
    assert text == "one\ntwo\n\nthree"


def test_crlf_in_utf16() -> None:
    text, _ = decode_seed("a\r\nb\rc".encode("utf-16"))
    assert text == "a\nb\nc"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b"text\x00with a nul", "looks like a binary file, not text"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            "looks like a binary file, not text",
        ),
        (bytes(range(1, 32)) * 20, "looks like a binary file, not text"),
        (codecs.BOM_UTF16_LE + b"\x01\x00" * 50, "looks like a binary file, not text"),
        (b"caf\xe9 \x81 broken", "cannot decode text as UTF-8, UTF-16 or cp1252"),
        (codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "cannot decode text as UTF-8, UTF-16 or cp1252"),
        (b" \n\r\n\t  ", "file has no text"),
        (codecs.BOM_UTF8, "file has no text"),
        (codecs.BOM_UTF16_BE, "file has no text"),
    ],
)
def test_bad_files_are_seed_errors(data: bytes, reason: str) -> None:
    with pytest.raises(SeedError) as caught:
        decode_seed(data, name="seeds/bad.txt")
    assert caught.value.reason == reason
    assert caught.value.path == "seeds/bad.txt"
    assert str(caught.value) == f"seeds/bad.txt: {reason}"
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_undefined_in_cp1252(byte: int) -> None:
    with pytest.raises(SeedError, match="cannot decode"):
        decode_seed(b"not utf-8 \xe9 and " + bytes([byte]))


def test_utf16_without_a_bom_is_named_as_such() -> None:
    with pytest.raises(SeedError, match="UTF-16 without a byte-order mark"):
        decode_seed("Title\n\nA standfirst sentence.\n".encode("utf-16-le"), name="x.txt")
