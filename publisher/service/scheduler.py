"""``publisher run``: APScheduler jobs and file watching around the use cases; no business logic.

Only the leading daemon schedules (``presence``): its jobs live in memory, registered
when it starts leading and removed when it stops, since APScheduler's job stores must
not be shared between schedulers. What must survive a restart or a takeover is in the
database already: the digest slot each subscriber was handled for, and the ledger.
APScheduler stores a job as a reference to a module-level function, so the job functions
below find the running daemon through ``_RUNNING``, the one piece of module state.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from publisher import store
from publisher.core.errors import PublisherError
from publisher.core.settings import Settings
from publisher.ingest.scanning import is_ignored
from publisher.mail import mailboxes, planning, returns, sending
from publisher.publish.build import build, publish_editions
from publisher.service.runlog import record_run
from publisher.service.slots import digest_trigger, last_slot

log = logging.getLogger(__name__)
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
_RUNNING: dict[str, Background] = {}


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
        on_planned: Callable[[], None] | None = None,
    ) -> None:
        self.settings, self.db, self.secret, self.environ = settings, db, secret, environ
        self.clock = clock
        self.on_planned = on_planned  # wakes this process's sender (None: workers deliver)
        self.key = str(settings.paths.state.resolve())
        self.stopping = threading.Event()
        self._build_lock = threading.Lock()
        self._send_lock = threading.Lock()  # one planning run at a time in this process
        self._ready: set[str] = set()
        self._ready_lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.state: dict[str, Any] = {"started": clock().isoformat()}
        self.scheduler = BackgroundScheduler(
            jobstores={"default": MemoryJobStore()}, job_defaults=JOB_DEFAULTS, timezone=UTC
        )
        self._observer: Any = None
        self._leading = threading.Lock()  # lead() and step_down() one at a time

    def start(self) -> None:
        """Validate the schedule and start the (empty) scheduler; ``lead`` gives it jobs."""
        digest_trigger(self.settings.digest.schedule, "UTC", "daily", "mon")
        _RUNNING[self.key] = self
        self.scheduler.start()

    def lead(self) -> None:
        """This daemon leads: register the jobs, each due at once, and watch the seeds."""
        with self._leading:
            if self.stopping.is_set() or self._observer is not None:
                return
            for name, (func, seconds) in self._jobs().items():
                self.scheduler.add_job(
                    func, "interval", seconds=seconds, args=[self.key], id=f"publisher-{name}",
                    replace_existing=True, next_run_time=self.clock(),
                )  # fmt: skip
            handler = _SeedEvents(self.settings.paths.seeds.resolve(), self.notify)
            self.settings.paths.seeds.mkdir(parents=True, exist_ok=True)
            self._observer = Observer()
            self._observer.schedule(
                handler, str(self.settings.paths.seeds.resolve()), recursive=True
            )
            self._observer.start()
        log.info(
            "watching %s; digests at %r", self.settings.paths.seeds, self.settings.digest.schedule
        )

    def step_down(self) -> None:
        """Another daemon leads now: drop the jobs and stop watching (jobs in flight finish)."""
        with self._leading:
            for job in self.scheduler.get_jobs():
                job.remove()
            observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)

    def _jobs(self) -> dict[str, tuple[Callable[[str], None], float]]:
        jobs: dict[str, tuple[Callable[[str], None], float]] = {
            "rescan": (rescan_job, self.settings.schedule.rescan_seconds),
            "digest": (digest_job, self.settings.schedule.digest_check_seconds),
        }
        if self.settings.inbound.enabled:
            jobs["inbound"] = (inbound_job, self.settings.inbound.check_minutes * 60)
        return jobs

    def stop(self) -> None:
        """Finish the job in flight, then return (the senders are stopped by the daemon)."""
        self.stopping.set()
        if self._timer is not None:
            self._timer.cancel()
        self.step_down()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
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

    def plan_due(self) -> None:
        """Queue an edition for whoever is due; this process's sender, or workers, deliver it.

        Planning takes turns across processes (a named lock), and each subscriber's slot
        is recorded as handled in the same transaction: a takeover plans nothing twice.
        """
        if not self._send_lock.acquire(blocking=False):
            return
        try:
            now = self.clock()
            report = sending.plan_due_digests(
                self.settings, self.db, now=now, slots=slot_finder(self.settings, now)
            )
        finally:
            self._send_lock.release()
        if report.errors:
            self._record("last_digest", now, {"error": "; ".join(report.errors)})
        if report.editions:
            log.info("digests: %d editions, %d messages queued", report.editions,
                     report.messages_planned)  # fmt: skip
            self._publish_editions()
            if self.on_planned is not None:
                self.on_planned()

    def record_delivered(self, when: datetime, report: sending.SendReport) -> None:
        """What this process's sender delivered, for ``publisher status`` and /healthz."""
        self._record("last_digest", when, report.as_dict())

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
    """Queue whoever is due by their own zone's schedule; the senders deliver it."""
    daemon = _running(key)
    if daemon is not None:
        daemon.plan_due()


def inbound_job(key: str) -> None:
    """Bounces, abuse reports and unsubscribe mails, read on a schedule (when configured)."""
    daemon = _running(key)
    if daemon is not None and daemon.settings.inbound.enabled:
        daemon.check_inbound()
