"""Read the inbound mailbox: a local Maildir or IMAP over TLS; the only imaplib user.

A mailbox hands out the messages nobody has looked at yet and takes them out of the
way once handled: ``mark_processed`` marks what was applied as seen, ``mark_skipped``
flags what nobody recognised and leaves it unread, for a person (Maildir: both move
from ``new/`` to ``cur/``, with the flag S or F; IMAP: ``\\Seen`` or ``\\Flagged``, and
a pass reads only messages that are neither). Flags every server keeps, no keywords.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import os
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from publisher.core.errors import ConfigError, InboundError
from publisher.core.settings import InboundSettings

log = logging.getLogger(__name__)
PASSWORD_ENV = "PUBLISHER_INBOUND_PASSWORD"
MAX_MESSAGE_BYTES = 10_000_000  # a bounce quoting a huge message is read no further


@dataclass(frozen=True)
class InboundMessage:
    key: str  # a Maildir file name or an IMAP UID
    data: bytes


class Mailbox(Protocol):
    """Where bounces, abuse reports and unsubscribe mails arrive."""

    def unread(self) -> Iterator[InboundMessage]:
        """Messages not yet handled (by us or anyone), oldest first."""

    def mark_processed(self, key: str) -> None:
        """Out of the way for good: the message was applied and must never be again."""

    def mark_skipped(self, key: str) -> None:
        """Out of our way, flagged and left unread for a person: nobody recognised it."""

    def close(self) -> None:
        """Release the connection."""


class MaildirMailbox:
    """A Maildir a local mail server delivers into: ``new/`` holds what nobody has seen."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not all((path / sub).is_dir() for sub in ("new", "cur", "tmp")):
            raise InboundError(
                f"{path} is not a Maildir (it needs new/, cur/ and tmp/); check inbound.maildir"
            )

    def unread(self) -> Iterator[InboundMessage]:
        try:
            names = sorted(
                (entry.stat().st_mtime_ns, entry.name)
                for entry in os.scandir(self.path / "new")
                if not entry.name.startswith(".") and entry.is_file()
            )
        except OSError as exc:
            raise InboundError(f"cannot read {self.path / 'new'}: {exc.strerror}") from exc
        for _, name in names:
            try:
                with (self.path / "new" / name).open("rb") as handle:
                    data = handle.read(MAX_MESSAGE_BYTES)
            except FileNotFoundError:
                continue  # taken meanwhile by a mail reader
            except OSError as exc:
                log.warning("cannot read %s: %s; left where it is", name, exc.strerror)
                continue
            yield InboundMessage(name, data)

    def mark_processed(self, key: str) -> None:
        self._move(key, "S")

    def mark_skipped(self, key: str) -> None:
        self._move(key, "F")

    def _move(self, key: str, flags: str) -> None:
        """new/<key> to cur/<key>:2,<flags>, the way a mail reader marks a message seen."""
        try:
            os.rename(self.path / "new" / key, self.path / "cur" / f"{key}:2,{flags}")
        except FileNotFoundError:
            log.info("%s left new/ meanwhile", key)
        except OSError as exc:
            raise InboundError(f"cannot move {key} into {self.path / 'cur'}: {exc}") from exc

    def close(self) -> None:
        """Nothing stays open."""


class IMAPMailbox:
    """One folder on an IMAP server, over TLS (implicit, or STARTTLS), never in clear."""

    def __init__(self, conf: InboundSettings, password: str) -> None:
        self.host, self.port = conf.imap_host or "", conf.imap_port
        context = ssl.create_default_context(
            cafile=str(conf.imap_cafile) if conf.imap_cafile else None
        )
        self._imap = self._connect(conf, context)
        try:
            self._login(conf, password)
        except BaseException:
            self._imap.shutdown()
            raise

    def _connect(self, conf: InboundSettings, context: ssl.SSLContext) -> imaplib.IMAP4:
        where = f"{self.host}:{self.port}"
        try:
            if not conf.imap_starttls:
                return imaplib.IMAP4_SSL(
                    self.host, self.port, ssl_context=context, timeout=conf.timeout
                )
            imap = imaplib.IMAP4(self.host, self.port, timeout=conf.timeout)
            try:
                imap.starttls(ssl_context=context)
            except BaseException:
                with contextlib.suppress(OSError):  # a failed handshake closed it already
                    imap.shutdown()
                raise
            return imap
        except ssl.SSLCertVerificationError as exc:
            raise InboundError(
                f"TLS certificate of {self.host} not trusted: {exc.verify_message}; "
                "check inbound.imap_host (or inbound.imap_cafile)"
            ) from exc
        except (imaplib.IMAP4.error, OSError) as exc:
            raise InboundError(
                f"cannot reach the IMAP server {where} ({exc}); check inbound.imap_host, "
                "inbound.imap_port and inbound.imap_starttls"
            ) from exc

    def _login(self, conf: InboundSettings, password: str) -> None:
        try:
            self._imap.login(conf.imap_user or "", password)
        except imaplib.IMAP4.error as exc:
            raise InboundError(
                f"IMAP login to {self.host} failed ({exc}); "
                f"check inbound.imap_user and {PASSWORD_ENV}"
            ) from exc
        status, reply = self._imap.select(_quoted(conf.imap_folder))
        if status != "OK":
            raise InboundError(
                f"cannot open the IMAP folder {conf.imap_folder!r}: {_text(reply)}; "
                "check inbound.imap_folder"
            )

    def unread(self) -> Iterator[InboundMessage]:
        found = self._command("SEARCH", "UNSEEN", "UNFLAGGED")
        uids = found[0] if found and isinstance(found[0], bytes) else b""
        for uid in uids.split():
            key = uid.decode("ascii")
            reply = self._command("FETCH", key, "(BODY.PEEK[])")
            data = next((part[1] for part in reply if isinstance(part, tuple)), None)
            if isinstance(data, bytes):
                yield InboundMessage(key, data[:MAX_MESSAGE_BYTES])

    def mark_processed(self, key: str) -> None:
        self._command("STORE", key, "+FLAGS.SILENT", "(\\Seen)")

    def mark_skipped(self, key: str) -> None:
        self._command("STORE", key, "+FLAGS.SILENT", "(\\Flagged)")

    def _command(self, command: str, *args: str) -> list[bytes | tuple[bytes, bytes]]:
        try:
            status, reply = self._imap.uid(command, *args)
        except (imaplib.IMAP4.error, OSError) as exc:
            raise InboundError(f"IMAP {command} on {self.host} failed: {exc}") from exc
        if status != "OK":
            raise InboundError(f"IMAP {command} on {self.host} refused: {_text(reply)}")
        return list(reply)

    def close(self) -> None:
        try:
            self._imap.close()
            self._imap.logout()
        except (imaplib.IMAP4.error, OSError):
            log.debug("IMAP logout failed on the way out", exc_info=True)


def open_mailbox(conf: InboundSettings, environ: Mapping[str, str]) -> Mailbox:
    """The configured mailbox; ConfigError when there is none or the password is missing."""
    if conf.maildir is not None:
        return MaildirMailbox(conf.maildir)
    if conf.imap_host is None:
        raise ConfigError("no inbound mailbox: set inbound.maildir or inbound.imap_host")
    password = environ.get(PASSWORD_ENV)
    if not password:
        raise ConfigError(f"{PASSWORD_ENV} is not set: the password of inbound.imap_user")
    return IMAPMailbox(conf, password)


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(reply: object) -> str:
    if isinstance(reply, list) and reply and isinstance(reply[0], bytes):
        return reply[0].decode("utf-8", "replace")
    return str(reply)
