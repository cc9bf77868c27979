"""Messages to an SMTP server, with deadlines on every exchange; the only smtplib user.

Errors tell the caller what to do next: TemporaryDeliveryError (try again later),
UnreachableServerError (the server cannot be reached or did not answer in time: stop
sending for now), PermanentDeliveryError (this recipient or message was refused: 5xx), and
a plain DeliveryError for problems the operator must fix first (login, TLS, a refused
sender) or a shutdown (``abort``).
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl as ssl_module
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from publisher.core.errors import (
    ConfigError,
    DeliveryError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
    UnreachableServerError,
)

log = logging.getLogger(__name__)
QUIT_SECONDS = 5.0  # saying goodbye never holds a shutdown or a run for long


class _Exchange(smtplib.SMTP):
    """An SMTP connection whose every connect, read and write is bounded by one deadline.

    smtplib's ``timeout`` bounds each socket call, so a server that drips one byte a
    second would hold it for ever; here each call gets only the time left before
    ``deadline`` (a ``time.monotonic()`` instant), and ``expired`` tells that it ran out.
    """

    deadline = 0.0
    expired = False
    _connecting: socket.socket | None = None

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError("the SMTP exchange ran out of time")
        return left

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        """socket.create_connection, but holding the socket where ``interrupt`` can reach it."""
        error: OSError = OSError(f"cannot resolve {host}")
        found = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
        for family, kind, proto, _, address in found:
            sock = socket.socket(family, kind, proto)
            self._connecting = sock
            try:
                sock.settimeout(self.remaining())
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(address)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
            finally:
                self._connecting = None
        raise error

    def send(self, s: Any) -> None:
        if self.sock is not None:
            self.sock.settimeout(self.remaining())  # sendall: a limit on the whole write
        super().send(s)

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None and self.sock is not None:
            self.file = _DeadlineReader(self.sock, self)
        return super().getreply()

    def interrupt(self) -> None:
        """From another thread: wake whatever waits on the socket (it then fails at once)."""
        for sock in (self._connecting, self.sock):
            if sock is not None:
                try:
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed, or not connected yet


class _ExchangeSSL(smtplib.SMTP_SSL, _Exchange):
    """The same deadline over implicit TLS (SMTP_SSL wraps the socket ``_Exchange`` opens)."""


class _DeadlineReader:
    """Reads reply lines for smtplib, each socket read limited to the exchange's time left."""

    def __init__(self, sock: socket.socket, exchange: _Exchange) -> None:
        self._sock, self._exchange = sock, exchange
        self._buffer = b""

    def readline(self, limit: int = -1) -> bytes:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0 or 0 <= limit <= len(self._buffer):
                size = end + 1 if end >= 0 else limit
                size = min(size, limit) if limit >= 0 else size
                line, self._buffer = self._buffer[:size], self._buffer[size:]
                return line
            if not self._fill():
                line, self._buffer = self._buffer, b""
                return line

    def _fill(self) -> bool:
        """Read what the server sent, within the time left; False when it closed."""
        self._sock.settimeout(self._exchange.remaining())
        try:
            chunk = self._sock.recv(4096)
        except TimeoutError:
            self._exchange.expired = True
            raise
        self._buffer += chunk
        return bool(chunk)

    def close(self) -> None:
        """The socket belongs to the connection, which closes it."""


class _Retry(Exception):
    """Internal: this attempt failed in a way worth another try."""

    def __init__(
        self, reason: str, *, reconnect: bool, dropped: bool = False, expired: bool = False
    ) -> None:
        super().__init__(reason)
        self.reconnect = reconnect  # the connection is unusable (dropped, or a 421)
        self.dropped = dropped  # the server closed the connection without a reply
        self.expired = expired  # the server did not finish within smtp.timeout


class SMTPMailer:
    """One reused SMTP connection with backoff on 4xx and dropped connections, and a rate limit.

    Each attempt (connect, greeting, every command and the message) must finish within
    ``timeout`` seconds in all; a server that does not is not tried again for this message
    (UnreachableServerError), so a silent server costs one timeout, not one per attempt.
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        starttls: bool,
        ssl: bool,
        username: str | None,
        password: str | None,
        timeout: float,
        rate_per_second: float | None,
        max_attempts: int,
        backoff_base: float = 1.0,
        sleep: Callable[[float], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_attempts < 1:
            raise ConfigError(f"bad value for delivery.max_attempts: {max_attempts!r} (at least 1)")
        if rate_per_second is not None and rate_per_second <= 0:
            raise ConfigError(f"bad value for smtp.rate_per_second: {rate_per_second!r}")
        if starttls and ssl:
            raise ConfigError("smtp.starttls and smtp.ssl exclude each other: choose one")
        self.host, self.port, self.timeout = host, port, timeout
        self._starttls, self._ssl = starttls, ssl
        self._username, self._password = username, password
        self._interval = 0.0 if rate_per_second is None else 1.0 / rate_per_second
        self._max_attempts, self._backoff_base = max_attempts, backoff_base
        self._aborted = threading.Event()
        self._sleep = sleep or self._aborted.wait  # a shutdown cuts a pause short
        self._clock = clock
        self._next_slot = 0.0
        self._connection: _Exchange | None = None
        self._opening: _Exchange | None = None
        self._sent_on_connection = 0

    def send(self, message: bytes, *, sender: str, recipient: str) -> None:
        """Deliver once, retrying transient failures with exponential backoff."""
        self._wait_for_slot()
        attempt, failure = 0, _Retry("not tried", reconnect=False)
        while attempt < self._max_attempts:
            self._check_aborted()
            attempt += 1
            reused = self._connection is not None and self._sent_on_connection > 0
            try:
                self._send_once(message, sender, recipient)
                return
            except _Retry as retry:
                failure = retry
                self._drop_connection(quit_first=not retry.reconnect)
                self._check_aborted()
                if retry.expired:
                    break
                if reused and retry.dropped:
                    # An idle connection the server closed: reconnect at once, not a failure.
                    attempt -= 1
                    continue
                if attempt < self._max_attempts:
                    delay = self._backoff_base * 2 ** (attempt - 1)
                    log.info("SMTP attempt %s failed (%s); retry in %.1fs", attempt, retry, delay)
                    self._sleep(delay)
        raise self._give_up(recipient, failure)

    def _give_up(self, recipient: str, failure: _Retry) -> TemporaryDeliveryError:
        if failure.expired:
            return UnreachableServerError(
                f"{self.host}:{self.port} did not answer within smtp.timeout = "
                f"{self.timeout:g}s ({failure}); check smtp.host and smtp.port"
            )
        if failure.dropped:
            return UnreachableServerError(f"{recipient}: {failure}")
        return TemporaryDeliveryError(
            f"{recipient}: not delivered after {self._max_attempts} attempts, last: {failure}"
        )

    def _check_aborted(self) -> None:
        if self._aborted.is_set():
            raise DeliveryError("sending stopped: the service is shutting down")

    def _send_once(self, message: bytes, sender: str, recipient: str) -> None:
        connection = self._connect(time.monotonic() + self.timeout)
        try:
            connection.sendmail(sender, [recipient], message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = exc.recipients.get(recipient, (0, b"refused"))
            self._judge(code, reply, f"the server refused recipient {recipient}", exc)
        except smtplib.SMTPSenderRefused as exc:
            if 500 <= exc.smtp_code < 600:
                raise DeliveryError(
                    f"the server refused the sender {sender}: {exc.smtp_code} "
                    f"{_text(exc.smtp_error)}; check digest.from_address and smtp.username"
                ) from exc
            self._judge(exc.smtp_code, exc.smtp_error, "the server deferred the sender", exc)
        except smtplib.SMTPResponseException as exc:  # SMTPDataError and the rest
            self._judge(exc.smtp_code, exc.smtp_error, "the server refused the message", exc)
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise _Retry(
                f"connection lost: {exc}", reconnect=True, dropped=True, expired=connection.expired
            ) from exc
        self._sent_on_connection += 1

    def _judge(self, code: int, reply: bytes | str, what: str, exc: Exception) -> None:
        """5xx: permanent for this message; 4xx (and anything odd): worth another try."""
        detail = f"{what}: {code} {_text(reply)}"
        if 500 <= code < 600:
            raise PermanentDeliveryError(detail) from exc
        raise _Retry(detail, reconnect=code == 421) from exc

    def _connect(self, deadline: float) -> _Exchange:
        if self._connection is not None:
            self._connection.deadline = deadline
            return self._connection
        connection: _Exchange
        if self._ssl:
            context = ssl_module.create_default_context()
            connection = _ExchangeSSL(timeout=self.timeout, context=context)
        else:
            connection = _Exchange(timeout=self.timeout)
        connection.deadline = deadline
        self._opening = connection
        try:
            self._open(connection)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                f"SMTP login failed: {exc.smtp_code} {_text(exc.smtp_error)}; "
                "check smtp.username and PUBLISHER_SMTP_PASSWORD"
            ) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(
                f"{self.host}:{self.port}: {exc}; check smtp.starttls and smtp.ssl"
            ) from exc
        except ssl_module.SSLCertVerificationError as exc:
            raise DeliveryError(
                f"TLS certificate of {self.host} not trusted: {exc.verify_message}; check smtp.host"
            ) from exc
        except smtplib.SMTPResponseException as exc:
            raise _Retry(
                f"{self.host}:{self.port} answered {exc.smtp_code} {_text(exc.smtp_error)}",
                reconnect=True,
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise _Retry(
                f"cannot reach {self.host}:{self.port} ({exc}); check smtp.host and smtp.port",
                reconnect=True, dropped=True, expired=connection.expired,
            ) from exc  # fmt: skip
        finally:
            self._opening = None
        self._connection, self._sent_on_connection = connection, 0
        return connection

    def _open(self, connection: _Exchange) -> None:
        try:
            connection.connect(self.host, self.port)
            if self._starttls:
                connection.starttls(context=ssl_module.create_default_context())
            if self._username:
                connection.login(self._username, self._password or "")
        except BaseException:
            connection.close()
            raise

    def _wait_for_slot(self) -> None:
        """Space messages ``1 / rate_per_second`` apart, measured on the injected clock."""
        if not self._interval:
            return
        now = self._clock()
        if now < self._next_slot:
            self._sleep(self._next_slot - now)
        self._next_slot = max(now, self._next_slot) + self._interval

    def _drop_connection(self, *, quit_first: bool) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if quit_first and not self._aborted.is_set():
            connection.deadline = time.monotonic() + min(self.timeout, QUIT_SECONDS)
            try:
                connection.quit()
            except (smtplib.SMTPException, OSError):
                log.debug("QUIT failed on a connection being dropped", exc_info=True)
        connection.close()

    def close(self) -> None:
        """Say QUIT politely (briefly); errors on the way out are of no consequence."""
        self._drop_connection(quit_first=True)

    def abort(self) -> None:
        """From another thread: cut the exchange in flight; every later ``send`` fails at once."""
        self._aborted.set()
        for connection in (self._opening, self._connection):
            if connection is not None:
                connection.interrupt()

    def __enter__(self) -> SMTPMailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
