"""Stage 2, items -> files: feeds, archive pages, atomic writes, WebSub and the build."""
