"""One daemon per site: an advisory file lock that the kernel releases if the process dies."""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from publisher.core.errors import AlreadyRunningError


class RunLock:
    """Exclusive locks on files naming the holder (pid, host, start time)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(dict.fromkeys(paths))
        self._handles: list[IO[str]] = []

    def acquire(self, *, now: datetime) -> RunLock:
        info = json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "started": now.isoformat()}
        )
        try:
            for path in self.paths:
                self._handles.append(_lock(path, info))
        except AlreadyRunningError:
            self.release()
            raise
        return self

    def release(self) -> None:
        for handle in self._handles:
            handle.close()  # closing the descriptor drops the lock
        self._handles.clear()

    def __enter__(self) -> RunLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _lock(path: Path, info: str) -> IO[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _describe(path)
        handle.close()
        raise AlreadyRunningError(
            f"another publisher is already running ({holder}); it holds {path}. "
            "stop it first; the lock is released when that process ends, even if it crashed"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(info + "\n")
    handle.flush()
    return handle


def holder(path: Path) -> dict[str, object] | None:
    """Who holds the lock at ``path`` now, or None when no process does."""
    if not path.exists():
        return None
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(path)
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _describe(path: Path) -> str:
    info = _read(path)
    if not info:
        return "holder unknown"
    return f"pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}"
