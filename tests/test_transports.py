"""Mailers against real transports: a Maildir on disk and an aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import mailbox
import threading
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from smtp_sink import Drip, Recorder, elapsed, free_port

from publisher.core.errors import (
    ConfigError,
    DeliveryError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    UnreachableServerError,
)
from publisher.mail.transports import MaildirMailer, Mailer, SMTPMailer

SENDER = "news@example.org"


def message(n: int, recipient: str = "reader@example.org") -> bytes:
    return (
        f"From: {SENDER}\r\nTo: {recipient}\r\nSubject: message {n}\r\n"
        f"Message-ID: <m{n}@example.org>\r\n\r\nBody {n}\r\n.leading dot\r\n"
    ).encode()


class Clock:
    """A clock that only moves when the mailer sleeps: backoff and rate limits cost no time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def time(self) -> float:
        return self.now


def make_mailer(port: int, clock: Clock, **overrides: Any) -> SMTPMailer:
    options: dict[str, Any] = {
        "starttls": False,
        "ssl": False,
        "username": None,
        "password": None,
        "timeout": 5.0,
        "rate_per_second": None,
        "max_attempts": 4,
        "backoff_base": 1.0,
        "sleep": clock.sleep,
        "clock": clock.time,
    }
    options.update(overrides)
    return SMTPMailer("127.0.0.1", port, **options)


def delivered_bodies(recorder: Recorder) -> list[bytes]:
    return [content for _, _, content in recorder.accepted]


def test_messages_share_one_connection(smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    clock = Clock()
    with make_mailer(port, clock) as mailer:
        for n in range(5):
            mailer.send(message(n), sender=SENDER, recipient=f"r{n}@example.org")
    assert [rcpts for _, rcpts, _ in recorder.accepted] == [[f"r{n}@example.org"] for n in range(5)]
    assert len(recorder.sessions) == 1
    assert clock.sleeps == []
    parsed = BytesParser(policy=policy.default).parsebytes(recorder.accepted[0][2])
    assert parsed["Subject"] == "message 0"
    assert ".leading dot" in parsed.get_content()


def test_temporary_replies_are_retried_with_backoff(smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    recorder.replies = ["451 4.3.0 try again later", "421 4.3.2 too busy, closing"]
    clock = Clock()
    with make_mailer(port, clock) as mailer:
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    assert len(recorder.accepted) == 1
    assert clock.sleeps == [1.0, 2.0]


def test_persistent_deferral_becomes_a_temporary_error(smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    recorder.replies = ["451 4.3.0 greylisted"] * 5
    clock = Clock()
    with make_mailer(port, clock, max_attempts=3) as mailer:
        with pytest.raises(TemporaryDeliveryError, match=r"451 4\.3\.0 greylisted"):
            mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    assert recorder.accepted == []
    assert clock.sleeps == [1.0, 2.0]


def test_refused_recipient_is_permanent_and_others_still_go(
    smtp_server: tuple[Recorder, int],
) -> None:
    recorder, port = smtp_server
    recorder.refuse = {"gone@example.org"}
    clock = Clock()
    with make_mailer(port, clock) as mailer:
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
        with pytest.raises(PermanentDeliveryError, match=r"550 5\.1\.1") as raised:
            mailer.send(message(2), sender=SENDER, recipient="gone@example.org")
        mailer.send(message(3), sender=SENDER, recipient="c@example.org")
    assert "no such user" in str(raised.value)
    assert [rcpts for _, rcpts, _ in recorder.accepted] == [["a@example.org"], ["c@example.org"]]
    assert clock.sleeps == []


def test_rejected_message_is_permanent(smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    recorder.replies = ["554 5.7.1 looks like spam"]
    with make_mailer(port, Clock()) as mailer:
        with pytest.raises(PermanentDeliveryError, match=r"554 5\.7\.1 looks like spam"):
            mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    assert recorder.accepted == []


def test_dropped_connection_reconnects_and_delivers_once(
    smtp_server: tuple[Recorder, int],
) -> None:
    recorder, port = smtp_server
    clock = Clock()
    with make_mailer(port, clock) as mailer:
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
        recorder.drops = 1
        mailer.send(message(2), sender=SENDER, recipient="b@example.org")
        mailer.send(message(3), sender=SENDER, recipient="c@example.org")
    bodies = delivered_bodies(recorder)
    assert [body.count(b"Subject: message 2") for body in bodies] == [0, 1, 0]
    assert len(recorder.sessions) == 2
    assert clock.sleeps == []  # a server closing an idle connection is not a failure


def test_drop_on_a_fresh_connection_backs_off(smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    recorder.drops = 2
    clock = Clock()
    with make_mailer(port, clock) as mailer:
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    assert len(recorder.accepted) == 1
    assert clock.sleeps == [1.0, 2.0]


def test_unreachable_server_names_the_settings() -> None:
    clock = Clock()
    mailer = make_mailer(free_port(), clock, max_attempts=2)
    with pytest.raises(TemporaryDeliveryError, match=r"check smtp\.host and smtp\.port") as raised:
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    mailer.close()
    assert isinstance(raised.value.__cause__, OSError) or raised.value.__cause__ is None
    assert clock.sleeps == [1.0]


def test_starttls_missing_is_an_operator_error(smtp_server: tuple[Recorder, int]) -> None:
    _, port = smtp_server
    mailer = make_mailer(port, Clock(), starttls=True)
    with pytest.raises(DeliveryError, match=r"check smtp\.starttls") as raised:
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    mailer.close()
    assert not isinstance(raised.value, TemporaryDeliveryError | PermanentDeliveryError)


def test_rate_limit_spaces_messages(smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    clock = Clock()
    with make_mailer(port, clock, rate_per_second=4.0) as mailer:
        for n in range(5):
            mailer.send(message(n), sender=SENDER, recipient="a@example.org")
    assert len(recorder.accepted) == 5
    assert clock.sleeps == pytest.approx([0.25] * 4)


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ConfigError, match="max_attempts"):
        make_mailer(25, Clock(), max_attempts=0)
    with pytest.raises(ConfigError, match="rate_per_second"):
        make_mailer(25, Clock(), rate_per_second=0)


def test_maildir_round_trip(tmp_path: Path) -> None:
    outbox = tmp_path / "var" / "outbox"
    mailer: Mailer = MaildirMailer(outbox)
    mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    mailer.send(message(2), sender=SENDER, recipient="b@example.org")
    mailer.close()
    stored = sorted(
        (BytesParser(policy=policy.default).parsebytes(data) for data in _maildir_files(outbox)),
        key=lambda parsed: str(parsed["Subject"]),
    )
    assert [str(parsed["Subject"]) for parsed in stored] == ["message 1", "message 2"]
    assert [str(parsed["Delivered-To"]) for parsed in stored] == ["a@example.org", "b@example.org"]
    assert str(stored[0]["Return-Path"]) == f"<{SENDER}>"
    assert all(not parsed.defects for parsed in stored)


def _maildir_files(path: Path) -> list[bytes]:
    box = mailbox.Maildir(path, create=False)
    try:
        return [box.get_bytes(key) for key in box.iterkeys()]
    finally:
        box.close()


# --- deadlines: a silent, slow or hung server costs one smtp.timeout, not one per byte or try ---


def test_a_server_that_never_greets_costs_one_timeout(silent_server: int) -> None:
    clock = Clock()
    mailer = make_mailer(silent_server, clock, timeout=1.0, max_attempts=4)
    started = time.monotonic()
    with pytest.raises(UnreachableServerError, match=r"within smtp\.timeout = 1s"):
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    mailer.close()
    assert elapsed(started) < 2.5
    assert clock.sleeps == []  # not tried again: the next message would meet the same silence


def test_a_dripping_greeting_is_cut_at_the_deadline(drip_server: Drip) -> None:
    drip_server.every = 0.3  # each byte well inside the timeout: only a deadline stops it
    mailer = make_mailer(drip_server.port, Clock(), timeout=2.0)
    started = time.monotonic()
    with pytest.raises(UnreachableServerError, match=r"smtp\.timeout"):
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    mailer.close()
    assert elapsed(started) < 3.5 and drip_server.connections == 1


def test_a_hang_at_data_costs_one_timeout_not_one_per_attempt(
    smtp_server: tuple[Recorder, int],
) -> None:
    recorder, port = smtp_server
    recorder.hang = True
    mailer = make_mailer(port, Clock(), timeout=1.0, max_attempts=4)
    started = time.monotonic()
    with pytest.raises(UnreachableServerError):
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    mailer.close()
    assert elapsed(started) < 2.5 and recorder.accepted == []


def test_abort_cuts_an_exchange_in_flight_and_every_later_send(silent_server: int) -> None:
    mailer = make_mailer(silent_server, Clock(), timeout=30.0)
    threading.Timer(0.3, mailer.abort).start()
    started = time.monotonic()
    with pytest.raises(DeliveryError, match="shutting down") as raised:
        mailer.send(message(1), sender=SENDER, recipient="a@example.org")
    assert not isinstance(raised.value, TemporaryDeliveryError)  # not a failure of the message
    with pytest.raises(DeliveryError, match="shutting down"):
        mailer.send(message(2), sender=SENDER, recipient="b@example.org")
    mailer.close()
    assert elapsed(started) < 2


def test_a_slow_but_steady_server_within_the_deadline_delivers(
    smtp_server: tuple[Recorder, int],
) -> None:
    recorder, port = smtp_server
    recorder.delay = 0.5
    with make_mailer(port, Clock(), timeout=2.0) as mailer:
        for n in range(3):  # 1.5 s in all: the deadline is per message, not per connection
            mailer.send(message(n), sender=SENDER, recipient=f"r{n}@example.org")
    assert len(recorder.accepted) == 3
