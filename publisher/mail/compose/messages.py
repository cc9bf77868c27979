"""Rendered editions -> wire-ready email bytes; the only module that imports dkim.

``prepare_message`` pre-encodes the headers and quoted-printable bodies around an
edition's placeholders once, so personalising one message is a join of byte strings,
not a template render or an EmailMessage build.
"""

from __future__ import annotations

import binascii
import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, formataddr
from functools import lru_cache

import dkim
from jinja2 import Environment

from publisher.core.errors import ConfigError, PermanentDeliveryError
from publisher.mail.compose.editions import RenderedEdition, one_line

CONFIRM_TEMPLATE = "confirm.txt"
CONFIRM_SUBJECT_TEMPLATE = "confirm_subject.txt"
MAX_NAME_LENGTH = 64
DKIM_HEADERS = (
    "From", "To", "Subject", "Date", "Message-ID", "List-Id", "List-Unsubscribe",
    "List-Unsubscribe-Post", "MIME-Version", "Content-Type",
)  # fmt: skip
_URI = re.compile(r"[\x21-\x3b\x3d\x3f-\x7e]+")  # printable ASCII but < and >
_MESSAGE_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]+@[A-Za-z0-9.-]+>")
_LIST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]+")


@dataclass(frozen=True)
class DkimKey:
    """A DKIM signing key; ``private_key`` is the PEM text of an RSA key."""

    selector: str
    domain: str
    private_key: bytes


@dataclass(frozen=True)
class DigestMessage:
    """One reader's message: wire bytes for the mailer, a parsed view for previews."""

    data: bytes
    recipient: str
    message_id: str

    def as_bytes(self) -> bytes:
        """The message exactly as it goes to the transport (CRLF line ends)."""
        return self.data

    def as_message(self) -> EmailMessage:
        """The message parsed back with the default policy, for previews and tests."""
        return BytesParser(policy=policy.default).parsebytes(self.data)


@dataclass(frozen=True)
class MessageTemplate:
    """An edition's message pre-encoded for one sender: bytes with gaps for each reader."""

    head: bytes  # From, Subject, Date, List-Id
    tail: bytes  # the MIME headers and the opening of the text part
    text_parts: tuple[bytes | str, ...]  # encoded bytes, and field names where values go
    html_parts: tuple[bytes | str, ...]
    middle: bytes
    end: bytes

    def personalise(
        self,
        *,
        to_email: str,
        to_name: str | None,
        unsubscribe_url: str,
        unsubscribe_mailto: str | None,
        message_id: str,
        dkim_key: DkimKey | None = None,
        preferences_url: str = "",
    ) -> DigestMessage:
        """One reader's message: their headers, greeting, address, unsubscribe and preferences."""
        greeting = f"Hello {one_line(to_name)}," if to_name and one_line(to_name) else "Hello,"
        values = {
            "greeting": greeting,
            "email": to_email,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": preferences_url or unsubscribe_url,
        }
        escaped = {name: html.escape(value) for name, value in values.items()}
        data = b"".join(
            (
                self.head,
                _address_header("To", to_name, to_email),
                b"Message-ID: " + _checked(_MESSAGE_ID, message_id, "message_id") + b"\r\n",
                _unsubscribe_header(unsubscribe_url, unsubscribe_mailto),
                self.tail,
                _fill(self.text_parts, values),
                self.middle,
                _fill(self.html_parts, escaped),
                self.end,
            )
        )
        if dkim_key is not None:
            data = sign_message(data, dkim_key)
        return DigestMessage(data=data, recipient=to_email, message_id=message_id)


def prepare_message(
    rendered: RenderedEdition, *, from_address: str, from_name: str | None, list_id: str
) -> MessageTemplate:
    """Encode every part of the message that is the same for all readers, once."""
    boundary = "=_publisher_" + hashlib.sha256(rendered.html.encode()).hexdigest()[:24]
    list_id = _checked(_LIST_ID, list_id, "list_id").decode("ascii")
    part = 'Content-Type: {};\r\n charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable'
    return MessageTemplate(
        head=_address_header("From", from_name, from_address)
        + _fold("Subject", rendered.subject)
        + _fold("Date", format_datetime(rendered.date))
        + _fold("List-Id", f"{rendered.site_title} <{list_id}>"),
        tail=(
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\n{part.format('text/plain')}\r\n\r\n"
        ).encode("ascii"),
        text_parts=_encode_parts(rendered.text, dict(rendered.markers)),
        html_parts=_encode_parts(rendered.html, dict(rendered.markers)),
        middle=f"\r\n--{boundary}\r\n{part.format('text/html')}\r\n\r\n".encode("ascii"),
        end=f"\r\n--{boundary}--\r\n".encode("ascii"),
    )


@lru_cache(maxsize=4)
def _cached_template(
    rendered: RenderedEdition, from_address: str, from_name: str | None, list_id: str
) -> MessageTemplate:
    return prepare_message(
        rendered, from_address=from_address, from_name=from_name, list_id=list_id
    )


def personalise(
    rendered: RenderedEdition,
    *,
    to_email: str,
    to_name: str | None,
    from_address: str,
    from_name: str | None,
    unsubscribe_url: str,
    unsubscribe_mailto: str | None,
    list_id: str,
    message_id: str,
    dkim: DkimKey | None = None,
    preferences_url: str = "",
) -> DigestMessage:
    """One reader's message; the per-edition encoding is done once and reused across calls."""
    template = _cached_template(rendered, from_address, from_name, list_id)
    return template.personalise(
        to_email=to_email,
        to_name=to_name,
        unsubscribe_url=unsubscribe_url,
        unsubscribe_mailto=unsubscribe_mailto,
        message_id=message_id,
        dkim_key=dkim,
        preferences_url=preferences_url,
    )


def message_id_for(edition_key: str, email: str, domain: str) -> str:
    """The same Message-ID every time one edition is sent to one address (retries included)."""
    digest = hashlib.sha256(f"{edition_key}\x00{email.lower()}".encode()).hexdigest()[:32]
    return f"<digest.{digest}@{domain}>"


def _qp(text: str) -> bytes:
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return binascii.b2a_qp(data).replace(b"\n", b"\r\n")


def _encode_parts(body: str, markers: Mapping[str, str]) -> tuple[bytes | str, ...]:
    """Split a body at its placeholders and quoted-printable encode the fixed pieces."""
    by_marker = {marker: name for name, marker in markers.items()}
    pattern = re.compile("|".join(re.escape(marker) for marker in by_marker))
    pieces = pattern.split(body)
    found = pattern.findall(body)
    parts: list[bytes | str] = [_qp(pieces[0])]
    for marker, piece in zip(found, pieces[1:], strict=True):
        parts.extend((by_marker[marker], _qp(piece)))
    return tuple(parts)


def _fill(parts: tuple[bytes | str, ...], values: Mapping[str, str]) -> bytes:
    """Each value goes between soft line breaks, so every piece starts at column zero."""
    return b"".join(
        part if isinstance(part, bytes) else b"=\r\n" + _qp(values[part]) + b"=\r\n"
        for part in parts
    )


def _fold(name: str, value: str) -> bytes:
    """A folded header with non-ASCII text as RFC 2047 encoded words."""
    header = policy.SMTP.header_factory(name, one_line(value))
    return str(header.fold(policy=policy.SMTP)).encode("ascii")


def _address_header(name: str, display: str | None, address: str) -> bytes:
    """An address header; non-ASCII names as one RFC 2047 word (quoted strings can't hold one)."""
    address = one_line(address)
    if not address.isascii() or "@" not in address or " " in address:
        raise PermanentDeliveryError(f"cannot send to {address!r}: not a plain ASCII address")
    display = one_line(display or "")[:MAX_NAME_LENGTH]
    if not display:
        return f"{name}: {address}\r\n".encode("ascii")
    if display.isascii():  # formataddr quotes specials; the line stays far below 998
        return f"{name}: {formataddr((display, address))}\r\n".encode("ascii")
    encoded = Header(display, "utf-8", header_name=name).encode(linesep="\r\n", maxlinelen=0)
    return f"{name}: {encoded}\r\n <{address}>\r\n".encode("ascii")


def _unsubscribe_header(url: str, mailto: str | None) -> bytes:
    """RFC 2369 / RFC 8058: an https link for one-click and, if one is read, a mailto."""
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"unsubscribe links must be http(s): {url!r}")
    link = b"List-Unsubscribe: <" + _checked(_URI, url, "unsubscribe_url") + b">"
    if mailto is None:
        return link + b"\r\n"
    if not mailto.startswith("mailto:"):
        raise ValueError(f"unsubscribe addresses must be mailto: {mailto!r}")
    return link + b",\r\n <" + _checked(_URI, mailto, "unsubscribe_mailto") + b">\r\n"


def _checked(pattern: re.Pattern[str], value: str, what: str) -> bytes:
    """Header values built from our own ids and URLs: refuse anything that could break out."""
    if not pattern.fullmatch(value) or len(value) > 900:
        raise ValueError(f"{what} cannot go into a header as it is: {value!r}")
    return value.encode("ascii")


def sign_message(message: bytes, key: DkimKey) -> bytes:
    """Prepend a DKIM-Signature covering the list headers too (Gmail and Yahoo check them)."""
    present = tuple(name for name in DKIM_HEADERS if b"\r\n" + name.encode() + b":" in message)
    try:
        signature = dkim.sign(
            message,
            key.selector.encode("ascii"),
            key.domain.encode("ascii"),
            key.private_key,
            include_headers=[name.encode("ascii") for name in ("From", *present)],
        )
    except dkim.DKIMException as exc:
        raise ConfigError(f"DKIM signing failed: {exc}; check dkim.private_key_path") from exc
    return bytes(signature) + message


def render_confirmation(
    env: Environment,
    *,
    site_title: str,
    site_url: str,
    confirm_url: str,
    to_email: str,
    to_name: str | None,
    from_address: str,
    from_name: str | None,
    date: datetime,
    message_id: str,
) -> DigestMessage:
    """The double opt-in mail: plain text only, one confirmation link."""
    context = {
        "site_title": one_line(site_title),
        "site_url": site_url,
        "confirm_url": confirm_url,
        "email": to_email,
        "greeting": f"Hello {one_line(to_name)}," if to_name and one_line(to_name) else "Hello,",
    }
    subject = one_line(env.get_template(CONFIRM_SUBJECT_TEMPLATE).render(context))
    headers = b"".join(
        (
            _address_header("From", from_name, from_address),
            _address_header("To", to_name, to_email),
            _fold("Subject", subject),
            _fold("Date", format_datetime(date)),
            b"Message-ID: " + _checked(_MESSAGE_ID, message_id, "message_id") + b"\r\n",
            b'MIME-Version: 1.0\r\nContent-Type: text/plain; charset="utf-8"\r\n',
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n",
        )
    )
    body = _qp(env.get_template(CONFIRM_TEMPLATE).render(context))
    return DigestMessage(data=headers + body, recipient=to_email, message_id=message_id)
