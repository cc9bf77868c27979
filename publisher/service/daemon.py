"""``publisher run`` and ``publisher status``: the long-lived process and a look at it."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from publisher import store
from publisher.core.logs import reopen_log_files
from publisher.core.settings import Settings
from publisher.mail import outbound
from publisher.service import runlock, web
from publisher.service.couriers import digest_courier, notice_courier
from publisher.service.health import assess
from publisher.service.presence import GONE_AFTER_BEATS, Presence
from publisher.service.runlog import read_runs
from publisher.service.scheduler import Background
from publisher.service.slots import next_digest

log = logging.getLogger(__name__)
LOCK_FILE = "publisher.lock"
LEDGERS: tuple[store.Ledger, ...] = ("deliveries", "notices")


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


def recover_claims(db: store.Store) -> None:
    """Claims held by senders that died on this machine go back to the queue now.

    Rather than when they expire. A sender's id names its host and process, so only
    claims of processes known to be gone are released; other machines' claims expire.
    """
    host = socket.gethostname()
    for ledger in LEDGERS:
        for worker in store.list_claim_holders(db, ledger):
            name, _, rest = worker.partition(":")
            pid = rest.partition(":")[0]
            if name == host and pid.isdigit() and not _alive(int(pid)):
                released = store.release_claims(db, ledger, worker=worker)
                if released:
                    log.info("%d messages claimed by a stopped sender (%s) are queued again",
                             released, worker)  # fmt: skip


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def run(settings: Settings, environ: Mapping[str, str], *, deliver: bool | None = None) -> None:
    """Run until SIGTERM or SIGINT: HTTP, senders and (while leading) jobs and file watching.

    ``deliver`` (default ``service.deliver``) runs this process's digest sender; without
    it the daemon only plans, and ``publisher worker`` processes deliver.
    """
    reopen_logs_on_sighup()
    deliver = settings.service.deliver if deliver is None else deliver
    with exclusive(settings):
        db = store.open_store(settings.database.url, now=datetime.now(UTC))
        try:
            recover_claims(db)
            _serve_and_lead(settings, db, environ, deliver=deliver)
        finally:
            db.close()
            log.info("stopped")


def _serve_and_lead(
    settings: Settings, db: store.Store, environ: Mapping[str, str], *, deliver: bool
) -> None:
    secret = outbound.load_secret(settings, environ)
    notices = notice_courier(settings, db, environ)
    digests = digest_courier(
        settings, db, environ, secret=secret,
        on_report=lambda when, report: background.record_delivered(when, report),
    )  # fmt: skip
    couriers = [notices, digests] if deliver else [notices]
    background = Background(
        settings, db, secret=secret, environ=environ, on_planned=digests.wake if deliver else None
    )
    presence = Presence(
        db, interval=settings.service.heartbeat_seconds, contend=True,
        on_lead=background.lead, on_step_down=background.step_down,
    )  # fmt: skip
    app = web.create_app(
        settings, db, secret=secret, on_queued=notices.wake,
        health=lambda: health(background, presence),
    )  # fmt: skip
    server = web.make_server(settings, app)
    sock = web.listen(settings)
    _stop_on_signals(server)
    background.start()
    for courier in couriers:
        courier.start()
    presence.start()
    log.info("serving %s on http://%s:%d/ as %s", settings.paths.output, settings.http.host,
             settings.http.port, presence.role)  # fmt: skip
    try:
        server.run(sockets=[sock])  # returns after SIGTERM / SIGINT
    finally:
        sock.close()
        log.info("stopping: finishing the job in flight")
        for courier in couriers:
            courier.stop()
        presence.stop()
        background.stop()


def serve(settings: Settings, environ: Mapping[str, str]) -> None:
    """The HTTP server, and the sender of its confirmation mails; no scanning or digests."""
    reopen_logs_on_sighup()
    db = store.open_store(settings.database.url)
    notices = notice_courier(settings, db, environ)
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


def reopen_logs_on_sighup() -> None:
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


def health(background: Background, presence: Presence | None = None) -> dict[str, object]:
    state = {"stopping": background.stopping.is_set(), **background.state}
    if presence is not None:
        state["role"] = presence.role
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
        processes = _processes(settings, store.list_processes(db), now)
    finally:
        db.close()
    upcoming = next_digest(settings, schedules, now)
    live = [p for p in processes if not p["gone"]]
    return {
        "running": holder is not None or any(p["role"] != "worker" for p in live),
        "daemon": holder,
        "leader": next((p for p in live if p["role"] == "leader"), None),
        "processes": processes,
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


def _processes(
    settings: Settings, rows: list[store.ProcessRow], now: datetime
) -> list[dict[str, Any]]:
    """Each process's heartbeat; one silent for a few heartbeats is shown as gone."""
    gone_before = now - timedelta(seconds=settings.service.heartbeat_seconds * GONE_AFTER_BEATS)
    return [
        {
            "host": row.host,
            "pid": row.pid,
            "role": row.role,
            "started": row.started.isoformat(),
            "last_seen": row.last_seen.isoformat(),
            "gone": row.last_seen < gone_before,
        }
        for row in rows
    ]
