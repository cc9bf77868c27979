"""publisher: scraped seed pages in; feeds, a static archive and email digests out."""

from __future__ import annotations

__version__ = "0.1.0"
