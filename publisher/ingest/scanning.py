"""The seed folder on disk: which files to consider, and their bytes."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from publisher.core.errors import SeedError

IGNORED_PATTERNS = ("*~", "*.swp", "*.swx", "*.tmp", "*.part", "*.crdownload", "#*#")


@dataclass(frozen=True)
class SeedEntry:
    """A candidate seed file: its path relative to the seed folder and what stat said."""

    path: str
    absolute: str
    size: int
    mtime_ns: int


_IGNORED = re.compile("|".join(fnmatch.translate(pattern) for pattern in IGNORED_PATTERNS))


def is_ignored(name: str) -> bool:
    """Hidden files, editor backups and partial downloads are never seeds."""
    return name.startswith(".") or _IGNORED.match(name) is not None


def scan_seed_dir(root: Path) -> list[SeedEntry]:
    """Every seed file below ``root``, sorted by relative path; stat only, nothing is read."""
    if not root.is_dir():
        raise SeedError("seed folder does not exist (check paths.seeds)", path=str(root))
    return sorted(_walk(root, ""), key=lambda entry: entry.path)


def _walk(folder: Path | str, prefix: str) -> Iterator[SeedEntry]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if is_ignored(entry.name):
                continue
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, relative + "/")
            elif entry.is_file():
                stat = entry.stat()
                yield SeedEntry(relative, entry.path, stat.st_size, stat.st_mtime_ns)


def read_seed(entry: SeedEntry, *, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256, refusing files over ``max_bytes``."""
    if entry.size > max_bytes:
        raise SeedError(
            f"file is {entry.size:,} bytes, over ingest.max_file_bytes ({max_bytes:,})",
            path=entry.path,
        )
    try:
        data = Path(entry.absolute).read_bytes()
    except OSError as exc:
        raise SeedError(f"cannot read file: {exc.strerror}", path=entry.path) from exc
    if len(data) > max_bytes:
        raise SeedError(f"file is over ingest.max_file_bytes ({max_bytes:,})", path=entry.path)
    return data, hashlib.sha256(data).hexdigest()
