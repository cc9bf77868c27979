"""Who runs where, and who leads: a heartbeat per process, and the contest for the lead.

Every ``publisher run`` and ``publisher worker`` refreshes a row in the database every
``service.heartbeat_seconds``; ``publisher status`` lists them. Daemons also contend
for the lead: on PostgreSQL the one holding the leader's advisory lock schedules the
rescans, builds, digest planning and inbound checks, and the others stand by (they
serve HTTP and deliver). A standby tries for the lock every heartbeat, so it takes over
within seconds of the leader's death; a leader whose lock connection broke steps down.
On SQLite the run lock's file already allows one daemon, which always leads.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from publisher import store
from publisher.core.errors import PublisherError
from publisher.mail.delivering import new_worker_id

log = logging.getLogger(__name__)
GONE_AFTER_BEATS = 3  # a row not refreshed for this many heartbeats is a process gone
REMOVED_AFTER_BEATS = 12  # ... and is removed after this many (shown as gone till then)


class Presence:
    """The heartbeat thread; for a daemon (``contend``) also the lead, gained and lost."""

    def __init__(
        self,
        db: store.Store,
        *,
        interval: float,
        contend: bool,
        on_lead: Callable[[], None] = lambda: None,
        on_step_down: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db, self.interval, self.contend, self.clock = db, interval, contend, clock
        self.on_lead, self.on_step_down = on_lead, on_step_down
        self.id = new_worker_id()
        self.started = clock()
        self.leading = False
        self._lock = store.LeaderLock(db)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="presence", daemon=True)

    @property
    def role(self) -> str:
        if not self.contend:
            return "worker"
        return "leader" if self.leading else "standby"

    def start(self) -> None:
        self.tick()  # lead (or not) before serving, so the first jobs are not a beat late
        self._thread.start()

    def stop(self) -> None:
        """Stop beating, give up the lead, and remove this process's row."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(self.interval + 5)
        if self.leading:
            self._step_down()
        self._lock.release()
        try:
            store.forget_process(self.db, self.id)
        except PublisherError as exc:
            log.warning("heartbeat row not removed (it will be shown as gone): %s", exc)

    def tick(self) -> None:
        """One heartbeat: check or try for the lead, then record this process as alive."""
        try:
            if self.contend:
                self._contest()
            now = self.clock()
            row = store.ProcessRow(
                self.id, socket.gethostname(), os.getpid(), self.role, self.started, now
            )
            removed = timedelta(seconds=self.interval * REMOVED_AFTER_BEATS)
            store.beat(self.db, row, stale_before=now - removed)
        except PublisherError as exc:
            log.error("heartbeat: %s", exc)

    def _loop(self) -> None:
        while not self._stopping.wait(self.interval):
            self.tick()

    def _contest(self) -> None:
        if self.leading and not self._lock.holding():
            log.warning("lost the lead (its database connection broke): standing by")
            self._step_down()
        if not self.leading and self._lock.try_acquire():
            self.leading = True
            log.info("leading: scheduling rescans, builds, digests and inbound checks")
            self.on_lead()

    def _step_down(self) -> None:
        self.leading = False
        self.on_step_down()
