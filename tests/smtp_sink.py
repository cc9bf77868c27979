"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 that records, defers, refuses or drops."""

from __future__ import annotations

import socket
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
    drops: int = 0  # DATA commands answered by closing the connection

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 <" + address + ">: no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.sessions.add(id(session))
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
