"""``publisher worker``: a process that only claims due messages and delivers them.

No scheduling, no HTTP: run any number of them, on any number of machines sharing one
PostgreSQL database, to send a large edition faster. Each claims small batches (``FOR
UPDATE SKIP LOCKED``), so they never wait on each other or send one message twice. On
SIGTERM or SIGINT the message in flight is cut short and its claim given back; a worker
killed outright leaves its claims to expire back into the queue.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from types import FrameType

from publisher import store
from publisher.core.settings import Settings
from publisher.mail import outbound
from publisher.service.couriers import digest_courier, notice_courier
from publisher.service.daemon import recover_claims, reopen_logs_on_sighup
from publisher.service.presence import Presence

log = logging.getLogger(__name__)


def work(settings: Settings, environ: Mapping[str, str]) -> None:
    """Deliver digests and notices until SIGTERM or SIGINT."""
    reopen_logs_on_sighup()
    stopping = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s", signal.Signals(signum).name)
        stopping.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)
    db = store.open_store(settings.database.url, now=datetime.now(UTC))
    try:
        recover_claims(db)
        secret = outbound.load_secret(settings, environ)
        couriers = [
            notice_courier(settings, db, environ),
            digest_courier(settings, db, environ, secret=secret),
        ]
        presence = Presence(db, interval=settings.service.heartbeat_seconds, contend=False)
        presence.start()
        for courier in couriers:
            courier.start()
        log.info("delivering from %s", store.shown_url(settings.database.url))
        while not stopping.wait(1.0):
            pass
        log.info("stopping: the message in flight goes back to the queue")
        for courier in couriers:  # cut every exchange short first, then wait for each
            courier.stop(timeout=0)
        for courier in couriers:
            courier.stop(timeout=4)
        presence.stop()
    finally:
        db.close()
        log.info("stopped")
