"""Stage 1, seeds -> items: scan the seed folder, parse pages, match stories, mint ids.

``parsing`` is pure (text in, items out); ``pipeline`` is the ``ingest`` use case that
stores what the parser found.
"""
