"""``publisher run`` and ``publisher status``: the long-lived process and a look at it."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from publisher import store
from publisher.core.logs import reopen_log_files
from publisher.core.settings import Settings
from publisher.mail import outbound
from publisher.service import runlock, web
from publisher.service.health import assess
from publisher.service.notices import NoticeWorker
from publisher.service.runlog import read_runs
from publisher.service.scheduler import Background, next_digest

log = logging.getLogger(__name__)
LOCK_FILE = "publisher.lock"


def lock_paths(settings: Settings) -> list[Path]:
    """One daemon per state folder and per SQLite database, whichever two sites share."""
    paths = [settings.paths.state / LOCK_FILE]
    url = settings.database.url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        database = Path(url[len("sqlite:///") :])
        paths.append(database.with_name(database.name + ".lock"))
    return paths


def exclusive(settings: Settings) -> runlock.RunLock:
    """The site's run lock, for work that must not overlap a running daemon (sending)."""
    return runlock.RunLock(lock_paths(settings)).acquire(now=datetime.now(UTC))


def recover_claims(settings: Settings, db: store.Store) -> None:
    """Holding the site lock on an SQLite database, no other digest sender can be alive.

    So the claims a killed one left go back to the queue now rather than when they
    expire. (With a database server, other hosts may be sending: claims expire instead.)
    """
    if len(lock_paths(settings)) > 1:
        released = store.release_claims(db, "deliveries", worker=None)
        if released:
            log.info("%d messages claimed by a stopped sender are queued again", released)


def notice_worker(settings: Settings, db: store.Store, environ: Mapping[str, str]) -> NoticeWorker:
    """The sender of confirmation mails, which the subscribe form wakes."""
    return NoticeWorker(
        settings, db, lambda: outbound.make_mailer(settings, environ),
        interval=settings.schedule.digest_check_seconds,
    )  # fmt: skip


def run(settings: Settings, environ: Mapping[str, str]) -> None:
    """Run until SIGTERM or SIGINT: scheduled jobs, file watching and the HTTP server."""
    _reopen_logs_on_sighup()
    now = datetime.now(UTC)
    with exclusive(settings):
        db = store.open_store(settings.database.url, now=now)
        recover_claims(settings, db)
        secret = outbound.load_secret(settings, environ)
        background = Background(settings, db, secret=secret, environ=environ)
        notices = notice_worker(settings, db, environ)
        app = web.create_app(
            settings, db, secret=secret, on_queued=notices.wake,
            health=lambda: health(background),
        )  # fmt: skip
        server = web.make_server(settings, app)
        sock = web.listen(settings)
        _stop_on_signals(server)
        background.start()
        notices.start()
        log.info("serving %s on http://%s:%d/", settings.paths.output, settings.http.host,
                 settings.http.port)  # fmt: skip
        try:
            server.run(sockets=[sock])  # returns after SIGTERM / SIGINT
        finally:
            sock.close()
            log.info("stopping: finishing the job in flight")
            notices.stop()
            background.stop()
            db.close()
            log.info("stopped")


def serve(settings: Settings, environ: Mapping[str, str]) -> None:
    """The HTTP server, and the sender of its confirmation mails; no scanning or digests."""
    _reopen_logs_on_sighup()
    db = store.open_store(settings.database.url)
    notices = notice_worker(settings, db, environ)
    try:
        app = web.create_app(
            settings, db, secret=outbound.load_secret(settings, environ),
            on_queued=notices.wake,
        )  # fmt: skip
        server = web.make_server(settings, app)
        sock = web.listen(settings)
        _stop_on_signals(server)
        notices.start()
        try:
            server.run(sockets=[sock])
        finally:
            sock.close()
            notices.stop()
    finally:
        db.close()


def _stop_on_signals(server: Any) -> None:
    """SIGTERM and SIGINT ask the server to stop; the process then exits with status 0.

    uvicorn installs its own handlers while serving and re-raises the signal after
    shutting down, which would kill the process before our cleanup; the re-raised
    signal lands here instead.
    """

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s", signal.Signals(signum).name)
        server.should_exit = True

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)


def _reopen_logs_on_sighup() -> None:
    """SIGHUP (logrotate's postrotate) reopens the log file and reloads nothing else.

    The work runs in a thread of its own: the signal may arrive while this very thread
    is halfway through writing a log line.
    """

    def reopen() -> None:
        try:
            reopened = reopen_log_files()
        except OSError as exc:
            log.error("received SIGHUP; cannot reopen the log file: %s", exc)
            return
        log.info("received SIGHUP; reopened %d log file(s), reloaded nothing else", reopened)

    def handle(_signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=reopen, name="reopen-logs", daemon=True).start()

    signal.signal(signal.SIGHUP, handle)


def health(background: Background) -> dict[str, object]:
    state = {"stopping": background.stopping.is_set(), **background.state}
    return assess(background.settings, background.db, state)


def status(settings: Settings, *, now: datetime) -> dict[str, Any]:
    """What was last done, what is queued, who is subscribed, and whether the daemon runs."""
    holder = next((h for h in map(runlock.holder, lock_paths(settings)) if h), None)
    runs = read_runs(settings.paths.state)
    db = store.open_store(settings.database.url)
    try:
        with db.reading() as conn:
            schedules = store.list_schedules(conn)
        deliveries = store.count_deliveries_by_status(db)
        subscribers = store.count_subscribers_by_status(db)
        items = store.count_items(db)
    finally:
        db.close()
    upcoming = next_digest(settings, schedules, now)
    return {
        "running": holder is not None,
        "daemon": holder,
        "last_build": runs.get("last_build"),
        "last_digest": runs.get("last_digest"),
        "next_digest": upcoming.isoformat() if upcoming else None,
        "digest_schedule": settings.digest.schedule,
        "items": items,
        "messages": {
            k: deliveries.get(k, 0) for k in ("queued", "sending", "deferred", "failed", "sent")
        },
        "subscribers": subscribers,
    }
