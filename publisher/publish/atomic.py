"""Atomic, change-only file writes, so readers never see half a file and caches stay valid."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from publisher.core.errors import PublishError

NEW_FILE_MODE = 0o644  # the output folder is a public web root


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
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
