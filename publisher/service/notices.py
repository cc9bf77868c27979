"""The sender of notices (confirmation mails): a thread woken as soon as one is queued.

The web server only records a confirmation request; this thread claims it from the
ledger and delivers it, retrying later what a server deferred. A slow or silent mail
server holds only this thread, never a web request, and ``stop`` cuts it short.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from publisher import store
from publisher.core.errors import PublisherError
from publisher.core.settings import Settings
from publisher.mail.delivering import deliver_notices
from publisher.mail.transports import Mailer

log = logging.getLogger(__name__)


class NoticeWorker:
    """Delivers queued notices right after ``wake()``, and every ``interval`` seconds."""

    def __init__(
        self,
        settings: Settings,
        db: store.Store,
        mailer_factory: Callable[[], Mailer],
        *,
        interval: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings, self.db, self.mailer_factory = settings, db, mailer_factory
        self.interval, self.clock = interval, clock
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._mailer: Mailer | None = None
        self._thread = threading.Thread(target=self._loop, name="notices", daemon=True)

    def start(self) -> None:
        self._wake.set()  # whatever a previous run left queued goes out now
        self._thread.start()

    def wake(self) -> None:
        """A notice was queued: deliver it now (callable from any thread)."""
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
        """One pass over the due notices; failures are logged and the thread goes on."""
        try:
            mailer = self.mailer_factory()
        except PublisherError as exc:
            log.error("confirmation mail: %s", exc)
            return
        self._mailer = mailer
        try:
            if self._stopping.is_set():
                return
            deliver_notices(
                self.settings, self.db, mailer, clock=self.clock, should_stop=self._stopping.is_set
            )
        except PublisherError as exc:
            log.error("confirmation mail not sent: %s", exc)
        finally:
            self._mailer = None
            mailer.close()
