"""Real SMTP servers for tests on 127.0.0.1: aiosmtpd that records, defers, refuses, drops or
hangs, and two raw sockets: one that never greets, one that drips its greeting.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    """aiosmtpd needs a concrete port: ask the kernel for one, then hand it over."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Recorder:
    """An SMTP handler that accepts, defers, refuses or hangs up, as the test tells it."""

    accepted: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    sessions: set[int] = field(default_factory=set)
    replies: list[str] = field(default_factory=list)  # answers to DATA before accepting
    refuse: set[str] = field(default_factory=set)  # recipients answered 550
    defer: set[str] = field(default_factory=set)  # recipients answered 451, every time
    drops: int = 0  # DATA commands answered by closing the connection
    hang: bool = False  # DATA is read, and never answered
    delay: float = 0.0  # seconds to think before accepting a message

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 <" + address + ">: no such user here"
        if address in self.defer:
            return "451 4.3.0 <" + address + ">: mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.sessions.add(id(session))
        if self.hang:
            await asyncio.sleep(3600)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.drops:
            self.drops -= 1
            server.transport.close()
            return "250 never heard"
        if self.replies:
            return self.replies.pop(0)
        self.accepted.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 OK queued"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port whose connections are accepted (by the kernel) and never greeted."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield int(listener.getsockname()[1])


class Drip:
    """A server that sends its greeting one byte at a time, ``every`` seconds apart."""

    GREETING = b"220 drip.example.org ESMTP slowly\r\n"

    def __init__(self, every: float) -> None:
        self.every = every
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = int(self.listener.getsockname()[1])
        self.stopping = threading.Event()
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            for byte in self.GREETING:
                if self.stopping.wait(self.every):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
            self.stopping.wait()

    def stop(self) -> None:
        self.stopping.set()
        self.listener.close()


@pytest.fixture
def drip_server() -> Iterator[Drip]:
    """Drips one byte every 2 seconds, as a tarpit does."""
    drip = Drip(every=2.0)
    try:
        yield drip
    finally:
        drip.stop()


def elapsed(start: float) -> float:
    return time.monotonic() - start
