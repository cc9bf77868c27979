"""What was last done, by the daemon or from the command line: read by ``publisher status``."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from publisher.publish.atomic import write_if_changed

STATUS_FILE = "status.json"
_WRITE_LOCK = threading.Lock()  # the daemon's jobs and its file-event builds share the file


def read_runs(state_dir: Path) -> dict[str, Any]:
    """The recorded runs; an unreadable file reads as nothing recorded."""
    try:
        data = json.loads((state_dir / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_run(state_dir: Path, name: str, when: datetime, result: Mapping[str, object]) -> None:
    """Remember the latest ``name`` run (last_build, last_digest) and what it did."""
    with _WRITE_LOCK:
        runs = read_runs(state_dir)
        runs[name] = {"time": when.isoformat(), "result": dict(result)}
        data = json.dumps(runs, indent=2, sort_keys=True, default=str).encode() + b"\n"
        write_if_changed(state_dir / STATUS_FILE, data)
