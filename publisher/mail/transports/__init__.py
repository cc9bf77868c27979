"""Hand finished messages to a mail transport: a Maildir, or an SMTP server (``smtp.py``,
the only module that imports smtplib).

Errors tell the caller what to do next: TemporaryDeliveryError (try again later),
UnreachableServerError (the server cannot be reached or did not answer in time: stop
sending for now), PermanentDeliveryError (this recipient or message was refused: 5xx), and
a plain DeliveryError for problems the operator must fix first (login, TLS, a refused
sender) or a shutdown (``abort``).
"""

from __future__ import annotations

from typing import Protocol

from publisher.mail.transports.maildir import MaildirMailer
from publisher.mail.transports.smtp import SMTPMailer

__all__ = ["MaildirMailer", "Mailer", "SMTPMailer"]


class Mailer(Protocol):
    """Where finished messages go: a Maildir, an SMTP server, or a test double."""

    def send(self, message: bytes, *, sender: str, recipient: str) -> None:
        """Deliver one message to one recipient, or raise a DeliveryError."""

    def close(self) -> None:
        """Release the connection or files; the mailer is not used afterwards."""

    def abort(self) -> None:
        """From another thread, at shutdown: end any exchange in flight now; sending stops."""
