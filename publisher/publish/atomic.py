"""Atomic, change-only file writes, so readers never see half a file and caches stay valid.

A temporary file is named ``.<name>.<pid>-<incarnation>.<random>.tmp``: a process
killed mid-write leaves one behind, and ``marked_build`` lets the next build find and
remove exactly those whose writer is gone, never a live writer's nor anyone else's file.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from publisher.core.errors import PublishError

log = logging.getLogger(__name__)
NEW_FILE_MODE = 0o644  # the output folder is a public web root
# Tells this process from an earlier one that had the same pid (a container's pid 1).
_INCARNATION = secrets.token_hex(4)
_WRITER = r"(?P<pid>\d+)-(?P<incarnation>[0-9a-f]{8})"
_TEMPORARY = re.compile(r"\..+\." + _WRITER + r"\.[a-z0-9_]{8}\.tmp")
_MARKER = re.compile(r"\.building\." + _WRITER)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Replace ``path`` atomically only when its bytes differ; an unchanged file keeps its mtime.

    Returns True when the file was written.
    """
    try:
        if _same_content(path, data):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PublishError(f"cannot write {path}: {reason}; check the output folder") from exc
    return True


def _same_content(path: Path, data: bytes) -> bool:
    """Compare sizes first so most changed files are never read back."""
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except FileNotFoundError:
        return False


def _replace_atomically(path: Path, data: bytes) -> None:
    """Write a synced temporary file beside ``path`` and rename it over, keeping the old mode."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    prefix = f".{path.name}.{_writer()}."
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as tmp_file:
            tmp_file.write(data)
            tmp_file.flush()
            os.fsync(tmp_file.fileno())
        tmp.chmod(mode)
        os.replace(tmp, path)
    finally:
        # After a successful replace the temporary name is gone; otherwise clean it up.
        tmp.unlink(missing_ok=True)


@contextmanager
def marked_build(state: Path, output: Path) -> Iterator[None]:
    """Mark a build under way; if an earlier one was killed, first remove its temporary files."""
    marker = state / f".building.{_writer()}"
    try:
        state.mkdir(parents=True, exist_ok=True)
        dead = [found for found in state.iterdir() if _gone(_MARKER, found.name)]
        if dead:
            removed = remove_orphans(output) + remove_orphans(state, recursive=False)
            log.info("removed %d temporary files left by an interrupted build", len(removed))
        for found in dead:
            found.unlink(missing_ok=True)
        marker.touch()
    except OSError as exc:
        raise PublishError(f"cannot write {marker}: {exc.strerror}; check paths.state") from exc
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


def remove_orphans(folder: Path, *, recursive: bool = True) -> list[Path]:
    """Delete the temporary files whose writing process is gone; returns what was removed."""
    removed = []
    for root, folders, names in os.walk(folder):
        for name in names:
            if _gone(_TEMPORARY, name):
                Path(root, name).unlink(missing_ok=True)
                removed.append(Path(root, name))
        if not recursive:
            folders.clear()
    return removed


def _writer() -> str:
    return f"{os.getpid()}-{_INCARNATION}"


def _gone(pattern: re.Pattern[str], name: str) -> bool:
    """Whether ``name`` is one of our files and the process that made it no longer runs."""
    found = pattern.fullmatch(name)
    if found is None:
        return False
    pid = int(found["pid"])
    if pid == os.getpid():
        return found["incarnation"] != _INCARNATION
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, under another user
    return False
