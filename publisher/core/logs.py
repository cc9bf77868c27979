"""Logging for the daemon: one line per event on stderr, as text or JSON."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from publisher.core.errors import ConfigError


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``2026-11-21T07:00:00.000Z INFO publisher.mail.sending: sent 3``; exceptions on one line."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        stamp = stamp.replace("+00:00", "Z")
        line = f"{stamp} {record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info:
            line += " | " + self.formatException(record.exc_info).replace("\n", " | ")
        return line


def configure_logging(level: str, style: str, file: Path | None = None) -> None:
    """Route every logger (ours, APScheduler's, uvicorn's) to stderr or ``file``, one format."""
    handler: logging.Handler
    if file is None:
        handler = logging.StreamHandler(sys.stderr)
    else:
        try:
            handler = logging.FileHandler(file, encoding="utf-8")
        except OSError as exc:
            reason = f"{str(file)!r} ({exc.strerror})"
            raise ConfigError(f"bad value for logging.file: {reason}") from exc
    handler.setFormatter(JsonFormatter() if style == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("apscheduler").setLevel(max(root.level, logging.WARNING))
    logging.getLogger("watchdog").setLevel(logging.WARNING)


def reopen_log_files() -> int:
    """Reopen every log file at its path (after logrotate moved it); returns how many.

    A file that cannot be opened keeps the old one, so no line is lost (OSError).
    """
    reopened = 0
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            stream = open(handler.baseFilename, "a", encoding=handler.encoding)
            previous = handler.setStream(stream)
            if previous is not None:
                previous.close()
            reopened += 1
    return reopened
