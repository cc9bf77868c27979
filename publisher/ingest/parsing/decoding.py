"""Seed bytes to text: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252 with a warning."""

from __future__ import annotations

import codecs
import re
from typing import Final

from publisher.core.errors import SeedError

_CONTROL_SHARE: Final = 0.1  # above this share of control characters a file is not text
_SAMPLE: Final = 4096
# Not tab, line ends, form feed, ESC.
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
CP1252_WARNING: Final = "not valid UTF-8; decoded as cp1252"


def decode_seed(data: bytes, *, name: str = "<seed>") -> tuple[str, list[str]]:
    """The text of a seed file and any warnings; line ends become "\\n".

    Raises SeedError naming ``name`` for an empty, binary, undecodable or blank file.
    """
    if not data:
        raise SeedError("file is empty", path=name)
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data, name)
    else:
        if b"\x00" in data:
            raise SeedError(_nul_reason(data), path=name)
        text, warning = _decode_8bit(data, name)
        warnings.extend(warning)
    if _mostly_controls(text[:_SAMPLE]) or "\x00" in text:
        raise SeedError("looks like a binary file, not text", path=name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SeedError("file has no text", path=name)
    return text, warnings


def _decode_utf16(data: bytes, name: str) -> str:
    """UTF-16 text after its byte-order mark."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise SeedError("cannot decode text as UTF-8, UTF-16 or cp1252", path=name) from exc


def _decode_8bit(data: bytes, name: str) -> tuple[str, list[str]]:
    """UTF-8 (a BOM is dropped), or cp1252 with a warning when UTF-8 fails."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), [CP1252_WARNING]
    except UnicodeDecodeError as exc:
        raise SeedError("cannot decode text as UTF-8, UTF-16 or cp1252", path=name) from exc


def _mostly_controls(sample: str) -> bool:
    """Whether control characters (other than tabs and line ends) fill the sample."""
    return len(_CONTROL.findall(sample)) > _CONTROL_SHARE * len(sample)


def _nul_reason(data: bytes) -> str:
    """NUL bytes in every other place are UTF-16 without its byte-order mark, not binary."""
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) > len(sample) // 4 and min(even, odd) == 0:
        return "looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with BOM)"
    return "looks like a binary file, not text"
