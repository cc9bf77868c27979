"""Atomic, change-only file writes, so readers never see half a file and caches stay valid.

One file: ``write_if_changed`` (a synced temporary file renamed over the old one). Many
files: ``Batch``, which stages the temporary files of up to a few thousand writes in one
hidden folder, makes them durable together with a single filesystem sync, and only
then renames each into place, so a build pays one flush per batch instead of one per file.

A temporary file is named ``.<name>.<pid>-<incarnation>.<random>.tmp``, beside its
target or in a batch's staging folder: a process killed mid-write leaves some behind,
and ``marked_build`` lets the next build find and remove exactly those whose writer is
gone (and dead batches' staging folders), never a live writer's nor anyone else's file.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import IO

from publisher.core.errors import PublishError

log = logging.getLogger(__name__)
NEW_FILE_MODE = 0o644  # the output folder is a public web root
STAGING_PREFIX = ".publisher-staging-"  # hidden: the web server never serves dot names
BATCH_FILES = 4096  # files staged before a flush: bounds the extra disk a rebuild holds
BATCH_BYTES = 64 * 1024 * 1024
# Fewer files than this are each synced beside their target: staging costs a few
# metadata operations and two filesystem syncs, more than a handful of fsyncs.
STAGE_FROM = 64
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
        raise _write_error(path, exc) from exc
    return True


class Batch:
    """Many change-only atomic writes under ``root`` with one durability barrier per flush.

    ``with Batch(root) as batch: batch.write(path, data)``. ``write`` compares at once and
    keeps changed bytes; a flush (every ``BATCH_FILES`` files or ``BATCH_BYTES`` bytes, and
    when the block ends) writes them. A flush of a few files (an incremental build) syncs
    each beside its target, as ``write_if_changed`` does; a larger one stages them in a
    hidden folder, syncs that filesystem once and renames each into place. Either way every
    file appears whole. If the block raises, nothing pending is written. A process killed
    mid-batch leaves a staging folder that the next staging batch under ``root`` removes
    (and the next ``marked_build``).
    """

    def __init__(
        self, root: Path, *, max_files: int = BATCH_FILES, max_bytes: int = BATCH_BYTES
    ) -> None:
        self.root = root
        self.max_files = max_files
        self.max_bytes = max_bytes
        self._staging: _Staging | None = None
        self._pending: list[tuple[str, bytes, int]] = []  # (target, data, mode)
        self._pending_bytes = 0
        # Folders found or made so far; True for one this batch made, so holding none of
        # the files it writes until it writes them (no need to look for them first).
        self._folders: dict[str, bool] = {}

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.flush()
        finally:
            if self._staging is not None:
                self._staging.remove()
                self._staging = None

    def write(self, path: Path | str, data: bytes) -> bool:
        """Keep ``data`` for ``path`` unless the file already holds it; True when it will change."""
        target = os.fspath(path)  # plain strings: a build passes tens of thousands of paths
        try:
            made = self._ensure_folder(os.path.dirname(target))
            existing = None if made else _stat_or_none(target)
            if existing is not None and _holds(target, existing, data):
                return False
        except OSError as exc:
            raise _write_error(path, exc) from exc
        mode = NEW_FILE_MODE if existing is None else existing.st_mode & 0o7777
        self._pending.append((target, data, mode))
        self._pending_bytes += len(data)
        if len(self._pending) >= self.max_files or self._pending_bytes >= self.max_bytes:
            self.flush()
        return True

    def remove(self, path: Path | str) -> bool:
        """Delete ``path`` now and forget any bytes kept for it; True when a file was deleted."""
        target = os.fspath(path)
        self._pending = [entry for entry in self._pending if entry[0] != target]
        self._pending_bytes = sum(len(data) for _, data, _ in self._pending)
        self._folders.clear()  # the caller may remove emptied folders next
        try:
            os.unlink(target)
        except (FileNotFoundError, IsADirectoryError):
            return False
        except OSError as exc:
            raise _write_error(path, exc) from exc
        return True

    def flush(self) -> None:
        """Write what is pending: each synced beside its target, or staged and synced once."""
        pending, self._pending, self._pending_bytes = self._pending, [], 0
        if len(pending) < STAGE_FROM:
            for target, data, _ in pending:
                try:
                    _replace_atomically(Path(target), data)
                except OSError as exc:
                    raise _write_error(target, exc) from exc
            return
        staging = self._staging or self._open_staging()
        staged = []
        for target, data, mode in pending:
            try:
                staged.append((staging.write(os.path.basename(target), data, mode), target))
            except OSError as exc:
                raise _write_error(target, exc) from exc
        staging.sync()  # the data, before any name points at it
        for temporary, target in staged:
            try:
                _rename(temporary, target)
            except OSError as exc:
                raise _write_error(target, exc) from exc
        staging.sync()  # the names

    def _ensure_folder(self, folder: str) -> bool:
        """Each folder is made (or found) once per batch, not once per file; True: made now."""
        made = self._folders.get(folder)
        if made is None:
            try:
                os.mkdir(folder)
                made = True
            except FileExistsError:
                made = False
            except FileNotFoundError:  # its parent is missing too
                os.makedirs(folder, exist_ok=True)
                made = True
            self._folders[folder] = made
        return made

    def _open_staging(self) -> _Staging:
        try:
            self._staging = _Staging.create(self.root)
        except OSError as exc:
            raise _write_error(self.root, exc) from exc
        return self._staging


class _Staging:
    """A private hidden folder for one batch's temporary files, locked while its batch lives."""

    def __init__(self, folder: Path, lock: IO[bytes]) -> None:
        self.folder = folder
        self._prefix = os.path.join(folder, ".")
        self._lock = lock
        self._count = 0

    @classmethod
    def create(cls, root: Path) -> _Staging:
        """Sweep dead batches' folders and make ours, under the root's lock, so no race."""
        root.mkdir(parents=True, exist_ok=True)
        root_fd = os.open(root, os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(root_fd, fcntl.LOCK_EX)  # a lock on the folder itself leaves no file
            _sweep(root)
            folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
            lock = (folder / ".lock").open("ab")
            fcntl.flock(lock, fcntl.LOCK_EX)
        finally:
            os.close(root_fd)
        return cls(folder, lock)

    def write(self, name: str, data: bytes, mode: int) -> str:
        """A new temporary file for ``name`` holding ``data`` with ``mode``: not yet synced."""
        self._count += 1
        temporary = f"{self._prefix}{name}.{_writer()}.{self._count:08x}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            os.fchmod(fd, mode)  # exactly ``mode``, whatever the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return temporary

    def sync(self) -> None:
        try:
            _sync_filesystem(self._lock.fileno())
        except OSError as exc:
            raise _write_error(self.folder.parent, exc) from exc

    def remove(self) -> None:
        """Delete what is left (nothing after a flush) and release the lock."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._lock.close()


def remove_dead_staging(root: Path) -> int:
    """Remove the staging folders of batches that died under ``root``; how many were removed."""
    try:
        root_fd = os.open(root, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return 0
    try:
        fcntl.flock(root_fd, fcntl.LOCK_EX)  # as ``_Staging.create``: no batch starts meanwhile
        return _sweep(root)
    finally:
        os.close(root_fd)


def _sweep(root: Path) -> int:
    """Remove staging folders whose batch died (their lock is free); the caller holds the root."""
    removed = 0
    for folder in root.glob(f"{STAGING_PREFIX}*"):
        try:
            with (folder / ".lock").open("rb") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
        except BlockingIOError:
            continue  # a live batch
        except FileNotFoundError:
            shutil.rmtree(folder, ignore_errors=True)  # died before locking: never in use
        except OSError:
            continue
        removed += 1
    return removed


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2): flush one filesystem, not every disk on the machine."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    function: Callable[[int], int] | None = getattr(libc, "syncfs", None)
    return function


_SYNCFS = _load_syncfs()


def _sync_filesystem(fd: int) -> None:
    """One barrier for a whole batch: everything written to the filesystem holding ``fd``."""
    if _SYNCFS is None:
        os.sync()
        return
    if _SYNCFS(fd) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))


def _rename(temporary: str, target: str) -> None:
    """Rename into place; across filesystems (a mounted subfolder), copy and sync instead."""
    try:
        os.replace(temporary, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        _replace_atomically(Path(target), Path(temporary).read_bytes())
        os.unlink(temporary)


def _stat_or_none(path: Path | str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _holds(path: Path | str, existing: os.stat_result, data: bytes) -> bool:
    """Compare sizes first so most changed files are never read back."""
    if existing.st_size != len(data):
        return False
    try:
        with open(path, "rb") as held:
            return held.read() == data
    except FileNotFoundError:
        return False


def _same_content(path: Path, data: bytes) -> bool:
    existing = _stat_or_none(path)
    return existing is not None and _holds(path, existing, data)


def _write_error(path: Path | str, exc: OSError) -> PublishError:
    reason = exc.strerror or str(exc)
    return PublishError(f"cannot write {path}: {reason}; check the output folder")


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
    """Mark a build under way; if an earlier one was killed, first remove its temporary files.

    Dead batches' staging folders are removed every time: their free lock tells them apart.
    """
    marker = state / f".building.{_writer()}"
    try:
        state.mkdir(parents=True, exist_ok=True)
        if folders := remove_dead_staging(output):
            log.info("removed %d staging folders left by an interrupted build", folders)
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
