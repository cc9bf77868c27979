"""What ``/healthz`` says: ok only when the last build, the database and the disks are fine."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from publisher import store
from publisher.core.settings import Settings

MIN_FREE_BYTES = 1024 * 1024  # below this a disk is full: SQLite and atomic writes fail


def assess(settings: Settings, db: store.Store, state: Mapping[str, Any]) -> dict[str, object]:
    """``status`` "ok" or "failing", with one reason per problem, then what the daemon last did."""
    problems = [
        *_build_problems(state),
        *filter(None, (db.file_problem(), db.write_error)),
        *_disk_problems(_folders(settings, db)),
    ]
    verdict: dict[str, object] = {"status": "failing" if problems else "ok"}
    if problems:
        verdict["problems"] = list(dict.fromkeys(problems))
    return {**verdict, **state}


def _build_problems(state: Mapping[str, Any]) -> list[str]:
    """The last scan and build (one job) failed as a whole; skipped seed files do not count."""
    result = (state.get("last_build") or {}).get("result") or {}
    return [f"the last build failed: {result['error']}"] if "error" in result else []


def _folders(settings: Settings, db: store.Store) -> list[Path]:
    folders = [settings.paths.state, settings.paths.output]
    if db.path is not None:
        folders.append(db.path.parent)
    return folders


def _disk_problems(folders: list[Path]) -> list[str]:
    """A full disk under any folder publisher writes to (each file system named once)."""
    problems: dict[int, str] = {}
    for folder in folders:
        try:
            info = os.statvfs(folder)
            device = os.stat(folder).st_dev
        except OSError:
            continue  # a folder not created yet: its file system is checked through another
        free = info.f_bavail * info.f_frsize
        if free < MIN_FREE_BYTES and device not in problems:
            problems[device] = f"the disk holding {folder} is full ({free:,} bytes free)"
    return list(problems.values())
