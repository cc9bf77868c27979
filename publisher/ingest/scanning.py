"""The seed folder on disk: which files to consider, and their bytes."""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
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


@dataclass
class SeedScan:
    """The seed files found, and the entries skipped with the reason (for the report)."""

    entries: list[SeedEntry] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


_IGNORED = re.compile("|".join(fnmatch.translate(pattern) for pattern in IGNORED_PATTERNS))
_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}
_LINK_ERRORS = {errno.ELOOP: "a symbolic link loop", errno.ENOENT: "a broken symbolic link"}


def is_ignored(name: str) -> bool:
    """Hidden files, editor backups and partial downloads are never seeds."""
    return name.startswith(".") or _IGNORED.match(name) is not None


def scan_seed_dir(root: Path, *, follow_symlinks: bool = False) -> SeedScan:
    """Every seed file below ``root``, sorted; stat only, nothing is read (a FIFO never blocks).

    An entry that cannot be a seed (a link loop, a broken link, no permission, not a
    regular file, a link leading out of the folder unless ``follow_symlinks``) is
    skipped with its reason; the rest of the folder is still scanned.
    """
    if not root.is_dir():
        raise SeedError("seed folder does not exist (check paths.seeds)", path=str(root))
    walk = _Walk(root.resolve(), follow_symlinks)
    walk.folder(root, "")
    walk.scan.entries.sort(key=lambda entry: entry.path)
    walk.scan.skipped.sort()
    return walk.scan


@dataclass
class _Walk:
    inside: Path
    follow_symlinks: bool
    scan: SeedScan = field(default_factory=SeedScan)
    seen: set[tuple[int, int]] = field(default_factory=set)  # folders walked: links loop

    def folder(self, folder: Path | str, prefix: str) -> None:
        try:
            info = os.stat(folder)
            with os.scandir(folder) as found:
                entries = list(found)
        except OSError as exc:
            self.skip(prefix.rstrip("/") or ".", f"cannot read the folder: {exc.strerror}")
            return
        self.seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            if not is_ignored(entry.name):
                self.entry(entry, prefix + entry.name)

    def entry(self, entry: os.DirEntry[str], relative: str) -> None:
        try:
            info = entry.stat()  # follows a link to what it names
        except OSError as exc:
            link_error = _LINK_ERRORS.get(exc.errno or 0) if entry.is_symlink() else None
            self.skip(relative, link_error or f"cannot read: {exc.strerror}")
            return
        if entry.is_symlink() and not self.follow_symlinks:
            target = Path(entry.path).resolve()
            if not target.is_relative_to(self.inside):
                reason = f"a link leading out of the seed folder (to {target})"
                self.skip(relative, reason + "; set ingest.follow_symlinks = true to read it")
                return
        if stat.S_ISDIR(info.st_mode):
            if (info.st_dev, info.st_ino) in self.seen:
                self.skip(relative, "a symbolic link loop (a folder already scanned)")
            else:
                self.folder(entry.path, relative + "/")
        elif stat.S_ISREG(info.st_mode):
            self.scan.entries.append(
                SeedEntry(relative, entry.path, info.st_size, info.st_mtime_ns)
            )
        else:
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "an unknown kind")
            self.skip(relative, f"not a regular file ({kind})")

    def skip(self, relative: str, reason: str) -> None:
        self.scan.skipped.append((relative, reason))


def read_seed(entry: SeedEntry, *, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and their SHA-256, refusing files over ``max_bytes``."""
    if entry.size > max_bytes:
        raise SeedError(
            f"file is {entry.size:,} bytes, over ingest.max_file_bytes ({max_bytes:,})",
            path=entry.path,
        )
    try:
        data = _read_regular(entry.absolute, max_bytes)
    except OSError as exc:
        raise SeedError(f"cannot read file: {exc.strerror}", path=entry.path) from exc
    if data is None:
        raise SeedError("not a regular file any more", path=entry.path)
    if len(data) > max_bytes:
        raise SeedError(f"file is over ingest.max_file_bytes ({max_bytes:,})", path=entry.path)
    return data, hashlib.sha256(data).hexdigest()


def _read_regular(path: str, max_bytes: int) -> bytes | None:
    """The file's bytes (up to one past ``max_bytes``), or None if it is no longer a plain file.

    Opened without blocking, so a file swapped for a FIFO after the scan cannot hang us.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return handle.read(max_bytes + 1)
