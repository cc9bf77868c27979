"""Seed text to items: decoding, line roles and the page's own record pattern.

decode_seed(bytes)  -> text and warnings            (decoding)
parse_page(text)    -> ParseResult: layout, items,  (detect -> lines, roles, records /
                       every line's role               article, reading, explain)
normalise_text(s)   -> one clean line of plain text (text)
derive_title(s)     -> a title for an untitled teaser (text)
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.decoding import decode_seed
from publisher.ingest.parsing.detect import LAYOUTS, parse_page
from publisher.ingest.parsing.text import derive_title, normalise_text

# Raise on any change to what pages yield: seeds are re-read at the next scan.
PARSER_VERSION: Final = 74

__all__ = ["LAYOUTS", "decode_seed", "derive_title", "normalise_text", "parse_page"]
