"""The HTTP server under test: uvicorn in a thread on a free 127.0.0.1 port, and a client."""

from __future__ import annotations

import dataclasses
import http.client
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from smtp_sink import free_port

from publisher.core.settings import HttpSettings, Settings
from publisher.service.web import make_server

Reply = tuple[int, dict[str, str], bytes]


@contextmanager
def serving(settings: Settings, app: object) -> Iterator[int]:
    """Run ``app`` with uvicorn in a thread on a free port until the block ends."""
    port = free_port()
    local = dataclasses.replace(settings, http=HttpSettings("127.0.0.1", port))
    server = make_server(local, app)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the HTTP server did not start")
        time.sleep(0.01)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def fetch(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> Reply:
    """One request on a fresh connection; header names come back lower-cased."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        conn.close()
