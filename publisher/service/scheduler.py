"""``publisher run``: APScheduler jobs and file watching around the use cases; no business logic.

Jobs live in the project's database (SQLAlchemyJobStore) so schedules survive
restarts. APScheduler stores a job as a reference to a module-level function, so
the job functions below find the running daemon through ``_RUNNING``, the one
piece of module state in publisher.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from publisher import store
from publisher.core.errors import ConfigError, PublisherError
from publisher.core.settings import Settings
from publisher.ingest.scanning import is_ignored
from publisher.mail import mailboxes, outbound, planning, returns, sending
from publisher.mail.transports import Mailer
from publisher.publish.build import build, publish_editions
from publisher.service.runlog import record_run

log = logging.getLogger(__name__)
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
RETRY_MINUTES = 5
_RUNNING: dict[str, Background] = {}


def digest_trigger(schedule: str, timezone: str, cadence: str, weekly_day: str) -> CronTrigger:
    """The digest cron in one zone; weekly cadence keeps the time but runs on ``weekly_day``."""
    fields = schedule.split()
    if len(fields) != 5:
        raise ConfigError(f"bad value for digest.schedule: {schedule!r} (need 5 cron fields)")
    if cadence == "weekly":
        fields[4] = weekly_day
    try:
        return CronTrigger.from_crontab(" ".join(fields), timezone=ZoneInfo(timezone))
    except ValueError as exc:
        raise ConfigError(f"bad value for digest.schedule: {schedule!r} ({exc})") from exc


def last_slot(trigger: CronTrigger, now: datetime, *, lookback: timedelta) -> datetime | None:
    """The latest instant at or before ``now`` when ``trigger`` fired (within ``lookback``)."""
    latest = None
    moment = trigger.get_next_fire_time(None, now - lookback)
    for _ in range(20_000):
        if moment is None or moment > now:
            break
        latest = moment
        moment = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return None if latest is None else latest.astimezone(UTC)


def next_digest(
    settings: Settings, timezones: list[tuple[str, str]], now: datetime
) -> datetime | None:
    """When the next scheduled digest goes out, across the subscribers' zones and cadences."""
    digest = settings.digest
    upcoming = [
        digest_trigger(digest.schedule, tz, cadence, digest.weekly_day).get_next_fire_time(
            None, now
        )
        for tz, cadence in timezones
    ]
    found = [moment.astimezone(UTC) for moment in upcoming if moment is not None]
    return min(found, default=None)


def slot_finder(settings: Settings, now: datetime) -> Callable[[str, str], datetime | None]:
    """Latest due slot per (timezone, cadence), as ``send_due_digests`` asks for them."""
    digest = settings.digest

    def find(timezone: str, cadence: str) -> datetime | None:
        trigger = digest_trigger(digest.schedule, timezone, cadence, digest.weekly_day)
        lookback = planning.PERIODS[cadence] + timedelta(days=1)
        return last_slot(trigger, now, lookback=lookback)

    return find


class _SeedEvents(FileSystemEventHandler):
    """Seed files closed after writing, or renamed into the folder, are ready at once."""

    def __init__(self, root: Path, notify: Callable[[str | None], None]) -> None:
        self.root = root
        self.notify = notify

    def on_closed(self, event: FileSystemEvent) -> None:
        self._ready(str(event.src_path))

    def on_moved(self, event: FileSystemEvent) -> None:
        self._ready(str(event.dest_path))

    def on_created(self, event: FileSystemEvent) -> None:
        self._pending(event)

    def on_modified(self, event: FileSystemEvent) -> None:
        self._pending(event)

    def _ready(self, path: str) -> None:
        relative = self._relative(path)
        if relative is not None:
            self.notify(relative)

    def _pending(self, event: FileSystemEvent) -> None:
        if not event.is_directory and self._relative(str(event.src_path)) is not None:
            self.notify(None)  # still being written: a build soon, under the settle rule

    def _relative(self, path: str) -> str | None:
        try:
            relative = Path(path).relative_to(self.root)
        except ValueError:
            return None
        if any(is_ignored(part) for part in relative.parts):
            return None
        return relative.as_posix()


class Background:
    """The daemon's background work: scheduled jobs, file watching, and what they last did."""

    def __init__(
        self,
        settings: Settings,
        db: store.Store,
        *,
        secret: bytes,
        environ: Mapping[str, str],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings, self.db, self.secret, self.environ = settings, db, secret, environ
        self.clock = clock
        self.key = str(settings.paths.state.resolve())
        self.stopping = threading.Event()
        self._build_lock = threading.Lock()
        self._send_lock = threading.Lock()  # one mail run at a time in this process
        self._mailer: Mailer | None = None
        self._ready: set[str] = set()
        self._ready_lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.state: dict[str, Any] = {"started": clock().isoformat()}
        self.scheduler = BackgroundScheduler(
            jobstores={
                "default": SQLAlchemyJobStore(engine=db.engine),  # the store's own pool
                "memory": MemoryJobStore(),
            },
            job_defaults=JOB_DEFAULTS,
            timezone=UTC,
        )
        self.observer = Observer()

    def start(self) -> None:
        """Validate the schedule, register the jobs (replacing stored ones), start watching."""
        digest_trigger(self.settings.digest.schedule, "UTC", "daily", "mon")
        _RUNNING[self.key] = self
        jobs: dict[str, tuple[Callable[[str], None], float]] = {
            "rescan": (rescan_job, self.settings.schedule.rescan_seconds),
            "digest": (digest_job, self.settings.schedule.digest_check_seconds),
            "retry": (retry_job, RETRY_MINUTES * 60),
        }
        if self.settings.inbound.enabled:
            jobs["inbound"] = (inbound_job, self.settings.inbound.check_minutes * 60)
        for name, (func, seconds) in jobs.items():
            self.scheduler.add_job(
                func, "interval", seconds=seconds, args=[self.key], id=f"publisher-{name}",
                replace_existing=True, next_run_time=self.clock(),
            )  # fmt: skip
        self.scheduler.start()
        handler = _SeedEvents(self.settings.paths.seeds.resolve(), self.notify)
        self.settings.paths.seeds.mkdir(parents=True, exist_ok=True)
        self.observer.schedule(handler, str(self.settings.paths.seeds.resolve()), recursive=True)
        self.observer.start()
        log.info(
            "watching %s; digests at %r", self.settings.paths.seeds, self.settings.digest.schedule
        )

    def stop(self) -> None:
        """Finish the job in flight, then return; a mail exchange in flight is cut short.

        The message cut short stays claimed, and is sent again once its claim is released.
        """
        self.stopping.set()
        mailer = self._mailer
        if mailer is not None:
            mailer.abort()
        if self._timer is not None:
            self._timer.cancel()
        self.observer.stop()
        self.scheduler.shutdown(wait=True)
        self.observer.join(timeout=5)
        _RUNNING.pop(self.key, None)

    def notify(self, relative: str | None) -> None:
        """A seed changed: debounce a burst of events into one build."""
        with self._ready_lock:
            if relative is not None:
                self._ready.add(relative)
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.settings.schedule.debounce_seconds, self._build_now)
            self._timer.daemon = True
            self._timer.start()

    def _build_now(self) -> None:
        with self._ready_lock:
            ready, self._ready = self._ready, set()
        self.rebuild(ready=ready, reason="file event")

    def rebuild(self, *, ready: set[str] | None = None, reason: str) -> None:
        """Ingest and build once at a time; failures are logged and the daemon goes on."""
        if self.stopping.is_set():
            return
        with self._build_lock:
            started = self.clock()
            try:
                report = build(self.settings, self.db, now=started, ready=ready or set())
            except PublisherError as exc:
                log.error("build failed (%s): %s", reason, exc)
                self._record("last_build", started, {"error": str(exc)})
                return
            except Exception as exc:  # a job logs, records and goes on
                log.exception("build failed (%s)", reason)
                self._record("last_build", started, {"error": f"{type(exc).__name__}: {exc}"})
                return
            result = report.as_dict()
            self._record("last_build", started, result)
            ingested = report.ingest.as_dict() if report.ingest else {}
            if report.written or ingested.get("errors"):
                log.info("build (%s): %d written; %s", reason, len(report.written), ingested)
        if ingested.get("files_waiting"):
            # Files still settling (e.g. moved in from elsewhere with a fresh mtime): look
            # again once they have settled rather than at the next rescan.
            self._schedule(self.settings.ingest.settle_seconds + 0.1, reason="settled files")

    def _schedule(self, delay: float, *, reason: str) -> None:
        timer = threading.Timer(delay, lambda: self.rebuild(reason=reason))
        timer.daemon = True
        timer.start()

    def send_due(self) -> None:
        """Plan whoever is due and deliver what is queued; skipped while another run is at it.

        The digest and retry jobs both land here: one run at a time delivers everything due
        (claims would keep two runs from sending one message twice, but gain nothing here).
        """
        if not self._send_lock.acquire(blocking=False):
            return
        try:
            self._send_due()
        finally:
            self._send_lock.release()

    def _send_due(self) -> None:
        now = self.clock()
        try:
            mailer = outbound.make_mailer(self.settings, self.environ)
        except PublisherError as exc:
            log.error("digest run failed: %s", exc)
            self._record("last_digest", now, {"error": str(exc)})
            return
        self._mailer = mailer  # so that stop() can cut a hung exchange short
        try:
            if self.stopping.is_set():
                return
            report = sending.send_due_digests(
                self.settings, self.db, mailer, now=now, secret=self.secret,
                slots=slot_finder(self.settings, now), should_stop=self.stopping.is_set,
                clock=self.clock,
            )  # fmt: skip
        except PublisherError as exc:
            log.error("digest run failed: %s", exc)
            self._record("last_digest", now, {"error": str(exc)})
            return
        finally:
            self._mailer = None
            mailer.close()
        self._record("last_digest", now, report.as_dict())
        if report.editions:
            self._publish_editions()
        if report.messages_sent or report.messages_failed or report.messages_deferred:
            log.info("digests: %s", json.dumps(report.as_dict()))

    def check_inbound(self) -> None:
        """Apply what the inbound mailbox holds: bounces, abuse reports, unsubscribe mails."""
        now = self.clock()
        try:
            mailbox = mailboxes.open_mailbox(self.settings.inbound, self.environ)
            try:
                report = returns.check_inbound(
                    self.settings, self.db, mailbox, secret=self.secret, now=now,
                    should_stop=self.stopping.is_set,
                )  # fmt: skip
            finally:
                mailbox.close()
        except PublisherError as exc:
            log.error("inbound check failed: %s", exc)
            self._record("last_inbound", now, {"error": str(exc)})
            return
        self._record("last_inbound", now, report.as_dict())

    def _publish_editions(self) -> None:
        """The new editions' public pages ("view in browser"), without waiting for a build."""
        try:
            publish_editions(self.settings, self.db)
        except PublisherError as exc:
            log.error("edition pages not written: %s", exc)

    def _record(self, name: str, when: datetime, result: Mapping[str, object]) -> None:
        # Jobs never call back into the scheduler: shutdown() holds its lock while it
        # waits for them, and a job waiting for that lock would never finish.
        self.state[name] = {"time": when.isoformat(), "result": dict(result)}
        try:
            record_run(self.settings.paths.state, name, when, result)
        except PublisherError as exc:  # a full disk: /healthz still says so from memory
            log.warning("cannot record the %s run: %s", name, exc)


def _running(key: str) -> Background | None:
    daemon = _RUNNING.get(key)
    if daemon is None or daemon.stopping.is_set():
        return None
    return daemon


def rescan_job(key: str) -> None:
    """The safety net behind file events: a full rescan now and then."""
    daemon = _running(key)
    if daemon is not None:
        daemon.rebuild(reason="rescan")


def digest_job(key: str) -> None:
    """Send whoever is due by their own zone's schedule (and anything left queued)."""
    daemon = _running(key)
    if daemon is not None:
        daemon.send_due()


def retry_job(key: str) -> None:
    """Deferred messages whose retry time has come are picked up by the same run."""
    daemon = _running(key)
    if daemon is not None:
        daemon.send_due()


def inbound_job(key: str) -> None:
    """Bounces, abuse reports and unsubscribe mails, read on a schedule (when configured)."""
    daemon = _running(key)
    if daemon is not None and daemon.settings.inbound.enabled:
        daemon.check_inbound()
