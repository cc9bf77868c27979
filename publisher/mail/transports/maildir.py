"""Messages as files in a Maildir: everything works with no mail server."""

from __future__ import annotations

import mailbox
from pathlib import Path
from types import TracebackType

from publisher.core.errors import DeliveryError, TemporaryDeliveryError


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

    def abort(self) -> None:
        """Writing a file never hangs: nothing to interrupt."""

    def __enter__(self) -> MaildirMailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
