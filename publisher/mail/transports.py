"""Hand finished messages to a mail transport; the only module that imports smtplib.

Errors tell the caller what to do next: TemporaryDeliveryError (try again later),
PermanentDeliveryError (this recipient or message was refused: 5xx), and a plain
DeliveryError for problems the operator must fix first (login, TLS, a refused sender).
"""

from __future__ import annotations

import logging
import mailbox
import smtplib
import ssl as ssl_module
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from publisher.core.errors import (
    ConfigError,
    DeliveryError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)

log = logging.getLogger(__name__)


class Mailer(Protocol):
    """Where finished messages go: a Maildir, an SMTP server, or a test double."""

    def send(self, message: bytes, *, sender: str, recipient: str) -> None:
        """Deliver one message to one recipient, or raise a DeliveryError."""

    def close(self) -> None:
        """Release the connection or files; the mailer is not used afterwards."""


class MaildirMailer:
    """Writes each message into a Maildir, so everything works with no mail server."""

    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._maildir = mailbox.Maildir(path, create=True)
        except OSError as exc:
            raise DeliveryError(f"cannot create the Maildir {path}: {exc.strerror}") from exc
        self.path = path

    def send(self, message: bytes, *, sender: str, recipient: str) -> None:
        """Add the message as a new file, with the envelope a delivery agent would record."""
        envelope = f"Return-Path: <{sender}>\nDelivered-To: {recipient}\n".encode()
        try:
            self._maildir.add(envelope + message.replace(b"\r\n", b"\n"))
        except OSError as exc:
            raise TemporaryDeliveryError(
                f"cannot write to the Maildir {self.path}: {exc.strerror}"
            ) from exc

    def close(self) -> None:
        """Nothing stays open between messages."""
        self._maildir.close()

    def __enter__(self) -> MaildirMailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _Retry(Exception):
    """Internal: this attempt failed in a way worth another try."""

    def __init__(self, reason: str, *, reconnect: bool, dropped: bool = False) -> None:
        super().__init__(reason)
        self.reconnect = reconnect  # the connection is unusable (dropped, or a 421)
        self.dropped = dropped  # the server closed the connection without a reply


class SMTPMailer:
    """One reused SMTP connection with backoff on 4xx and dropped connections, and a rate limit."""

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
        sleep: Callable[[float], None] = time.sleep,
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
        self._sleep, self._clock = sleep, clock
        self._next_slot = 0.0
        self._connection: smtplib.SMTP | None = None
        self._sent_on_connection = 0

    def send(self, message: bytes, *, sender: str, recipient: str) -> None:
        """Deliver once, retrying transient failures with exponential backoff."""
        self._wait_for_slot()
        attempt, reason = 0, ""
        while attempt < self._max_attempts:
            attempt += 1
            reused = self._connection is not None and self._sent_on_connection > 0
            try:
                self._send_once(message, sender, recipient)
                return
            except _Retry as retry:
                reason = str(retry)
                self._drop_connection(quit_first=not retry.reconnect)
                if reused and retry.dropped:
                    # An idle connection the server closed: reconnect at once, not a failure.
                    attempt -= 1
                    continue
                if attempt < self._max_attempts:
                    delay = self._backoff_base * 2 ** (attempt - 1)
                    log.info("SMTP attempt %s failed (%s); retry in %.1fs", attempt, reason, delay)
                    self._sleep(delay)
        raise TemporaryDeliveryError(
            f"{recipient}: not delivered after {self._max_attempts} attempts, last: {reason}"
        )

    def _send_once(self, message: bytes, sender: str, recipient: str) -> None:
        connection = self._connect()
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
            raise _Retry(f"connection lost: {exc}", reconnect=True, dropped=True) from exc
        self._sent_on_connection += 1

    def _judge(self, code: int, reply: bytes | str, what: str, exc: Exception) -> None:
        """5xx: permanent for this message; 4xx (and anything odd): worth another try."""
        detail = f"{what}: {code} {_text(reply)}"
        if 500 <= code < 600:
            raise PermanentDeliveryError(detail) from exc
        raise _Retry(detail, reconnect=code == 421) from exc

    def _connect(self) -> smtplib.SMTP:
        if self._connection is not None:
            return self._connection
        try:
            self._connection = self._open()
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
                reconnect=True,
            ) from exc
        self._sent_on_connection = 0
        return self._connection

    def _open(self) -> smtplib.SMTP:
        context = ssl_module.create_default_context()
        connection: smtplib.SMTP
        if self._ssl:
            connection = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=context
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self._starttls:
                connection.starttls(context=context)
            if self._username:
                connection.login(self._username, self._password or "")
        except BaseException:
            connection.close()
            raise
        return connection

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
        if quit_first:
            try:
                connection.quit()
            except (smtplib.SMTPException, OSError):
                log.debug("QUIT failed on a connection being dropped", exc_info=True)
        connection.close()

    def close(self) -> None:
        """Say QUIT politely; errors on the way out are of no consequence."""
        self._drop_connection(quit_first=True)

    def __enter__(self) -> SMTPMailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
