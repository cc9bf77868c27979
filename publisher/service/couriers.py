"""Senders as threads: each claims due messages from the ledger and delivers them.

A courier wakes when told (the subscribe form queued a confirmation, the leader planned
an edition) and every ``interval`` seconds, and delivers everything due it can claim.
``publisher run`` and ``publisher worker`` run one for notices (confirmation mails, so
that a long digest run never holds them up) and one for digests. A slow or silent mail
server holds only the courier's thread, never a web request, and ``stop`` cuts it short:
the claim in flight goes back to the queue, or expires if the process is killed.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from publisher import store
from publisher.core.errors import PublisherError
from publisher.core.settings import Settings
from publisher.mail import outbound, sending
from publisher.mail.delivering import SendReport, deliver_notices
from publisher.mail.transports import Mailer

log = logging.getLogger(__name__)
Work = Callable[[Mailer, Callable[[], bool]], None]


class Courier:
    """Runs ``work`` with a fresh mailer right after ``wake()``, and every ``interval`` seconds."""

    def __init__(
        self,
        name: str,
        work: Work,
        mailer_factory: Callable[[], Mailer],
        *,
        interval: float,
    ) -> None:
        self.name, self.work, self.mailer_factory = name, work, mailer_factory
        self.interval = interval
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._mailer: Mailer | None = None
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> None:
        self._wake.set()  # whatever a previous run left queued goes out now
        self._thread.start()

    def wake(self) -> None:
        """Something was queued: deliver it now (callable from any thread)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Cut any exchange in flight (its claim is given back or expires) and end the thread."""
        self._stopping.set()
        self._wake.set()
        mailer = self._mailer
        if mailer is not None:
            mailer.abort()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if not self._stopping.is_set():
                self._deliver()

    def _deliver(self) -> None:
        """One pass over what is due; failures are logged and the thread goes on."""
        try:
            mailer = self.mailer_factory()
        except PublisherError as exc:
            log.error("%s: %s", self.name, exc)
            return
        self._mailer = mailer
        try:
            if not self._stopping.is_set():
                self.work(mailer, self._stopping.is_set)
        except PublisherError as exc:
            log.error("%s: %s", self.name, exc)
        except Exception:  # a thread that dies sends nothing more: log and go on
            log.exception("%s failed", self.name)
        finally:
            self._mailer = None
            mailer.close()


def notice_courier(
    settings: Settings,
    db: store.Store,
    environ: Mapping[str, str],
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    mailer_factory: Callable[[], Mailer] | None = None,
) -> Courier:
    """The sender of confirmation mails, which the subscribe form wakes."""

    def work(mailer: Mailer, should_stop: Callable[[], bool]) -> None:
        deliver_notices(settings, db, mailer, clock=clock, should_stop=should_stop)

    factory = mailer_factory or (lambda: outbound.make_mailer(settings, environ))
    return Courier("notices", work, factory, interval=settings.service.poll_seconds)


def digest_courier(
    settings: Settings,
    db: store.Store,
    environ: Mapping[str, str],
    *,
    secret: bytes,
    on_report: Callable[[datetime, SendReport], None] = lambda _when, _report: None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Courier:
    """The sender of digests: whatever the planner queued, whoever planned it."""

    def work(mailer: Mailer, should_stop: Callable[[], bool]) -> None:
        started = clock()
        report = sending.deliver_digests(
            settings, db, mailer, secret=secret, clock=clock, should_stop=should_stop
        )
        if report.messages_sent or report.messages_failed or report.messages_deferred:
            log.info("digests: %s", json.dumps(report.as_dict()))
            on_report(started, report)

    return Courier(
        "digests", work, lambda: outbound.make_mailer(settings, environ),
        interval=settings.service.poll_seconds,
    )  # fmt: skip
