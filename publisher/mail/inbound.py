"""What a message that came back is: pure, bytes in, a ``Verdict`` out; the only flufl.bounce user.

Recognised: abuse reports (ARF, RFC 5965), bounces (RFC 3464 delivery status
notifications and the older free-text kinds flufl.bounce knows), delay notices,
auto-replies, and unsubscribe requests (mail to the unsubscribe address, or a reply
whose subject asks to leave). Everything a message says about whom it concerns is
collected unverified: addresses, VERP tokens from the envelope, unsubscribe tokens
and Message-IDs from the quoted original. ``mail.returns`` checks them against the
store; nothing here trusts them.
"""

from __future__ import annotations

import email
import enum
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses, parseaddr

import flufl.bounce

log = logging.getLogger(__name__)

# Headers a delivery agent writes naming the address a message was delivered to.
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To", "Cc")
AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(auto(matic)?[ -]?(reply|response|antwort)|auto:|out of (the )?office|abwesenheit)",
    re.IGNORECASE,
)
# A subject asks to leave when it is made of these words only ("Unsubscribe please",
# "Remove me from this list") and holds one of the requests: "don't unsubscribe me" does not.
_LEAVING_WORDS = {
    "unsubscribe", "stop", "remove", "take", "off", "me", "please", "from", "this", "the",
    "your", "list", "mailing", "newsletter", "digest", "emails", "mail",
}  # fmt: skip
_LEAVING_REQUESTS = ({"unsubscribe"}, {"stop"}, {"remove", "me"}, {"take", "off"})
_REPLY_PREFIX = re.compile(r"^\s*((re|aw|sv|fw|fwd|wg)\s*:\s*)+", re.IGNORECASE)
_QUOTED_MESSAGE_ID = re.compile(r"^Message-ID:[ \t]*\r?\n?[ \t]*(<[^<>\s]+>)", re.I | re.M)
_UNSUBSCRIBE_LINK = re.compile(r"/unsubscribe/(r[0-9a-z]{1,13}\.[0-9a-z]+\.[A-Za-z0-9_-]{22})\b")
_REPORT_FIELD = re.compile(r"^Original-Rcpt-To:[ \t]*(\S+)", re.I | re.M)
# flufl.bounce's detectors are heuristics over hostile input: these are what they raise.
_DETECTOR_ERRORS = (ValueError, LookupError, TypeError, AttributeError, UnicodeError)


class Kind(enum.StrEnum):
    """What a message is; only the first three change anything."""

    BOUNCE = "bounce"
    COMPLAINT = "complaint"
    UNSUBSCRIBE = "unsubscribe"
    DELAY = "delay"  # a delivery report with no permanent failure in it
    AUTO_REPLY = "auto-reply"
    UNKNOWN = "unknown"  # left in the mailbox for a person


@dataclass(frozen=True)
class InboundAddresses:
    """The addresses mail arrives at: the bounce address (the VERP base) and unsubscribe."""

    bounce_address: str
    unsubscribe_address: str


@dataclass(frozen=True)
class Verdict:
    """A message's kind and everything it says about whom it concerns, all unverified."""

    kind: Kind
    reason: str
    addresses: tuple[str, ...] = ()  # bouncing recipients, the complainer, the sender
    verp_tokens: tuple[str, ...] = ()  # from bounces+<token>@ addresses
    unsubscribe_tokens: tuple[str, ...] = ()  # from the quoted List-Unsubscribe link
    message_ids: tuple[str, ...] = ()  # of our messages quoted in a report

    @property
    def recognised(self) -> bool:
        return self.kind is not Kind.UNKNOWN


def parse_message(data: bytes) -> Message:
    """Parse as flufl.bounce expects (the compat32 policy); never raises on bad input."""
    return email.message_from_bytes(data)


def classify_message(data: bytes, addresses: InboundAddresses) -> Verdict:
    """Decide what one inbound message is and whom it names."""
    try:
        return _classify(data, addresses)
    except RecursionError:  # MIME parts nested thousands deep: hostile, not a report
        return Verdict(Kind.UNKNOWN, "MIME parts nested too deeply to read")


def _classify(data: bytes, addresses: InboundAddresses) -> Verdict:
    message = parse_message(data)
    quoted = _quoted_text(message)
    found = _Evidence(
        verp_tokens=_verp_tokens(addresses.bounce_address, _recipients_text(message) + quoted),
        unsubscribe_tokens=_unique(_UNSUBSCRIBE_LINK.findall(quoted)),
        message_ids=_unique(_QUOTED_MESSAGE_ID.findall(quoted)),
    )
    if _is_feedback_report(message):
        named = _unique(_address(value) for value in _REPORT_FIELD.findall(quoted))
        named = named or _quoted_recipients(message)
        return found.verdict(Kind.COMPLAINT, "an abuse report (ARF)", named)
    temporary, permanent = _failures(message)
    if permanent:
        return found.verdict(Kind.BOUNCE, "a bounce", _decoded(permanent))
    if temporary or _report_type(message) == "delivery-status":
        return found.verdict(Kind.DELAY, "a delivery report with no permanent failure")
    if _is_auto_reply(message):
        return found.verdict(Kind.AUTO_REPLY, "an automatic reply")
    if found.verp_tokens and _is_failure_notice(message):
        return found.verdict(Kind.BOUNCE, "a bounce to a VERP address (no recipient in it)")
    if _asks_to_unsubscribe(message, addresses.unsubscribe_address):
        sender = _address(message.get("From", ""))
        return found.verdict(Kind.UNSUBSCRIBE, "an unsubscribe request", (sender,))
    return Verdict(Kind.UNKNOWN, "not a bounce, abuse report or unsubscribe request")


@dataclass(frozen=True)
class _Evidence:
    verp_tokens: tuple[str, ...]
    unsubscribe_tokens: tuple[str, ...]
    message_ids: tuple[str, ...]

    def verdict(self, kind: Kind, reason: str, named: Iterable[str] = ()) -> Verdict:
        return Verdict(
            kind,
            reason,
            addresses=tuple(address for address in named if "@" in address),
            verp_tokens=self.verp_tokens,
            unsubscribe_tokens=self.unsubscribe_tokens,
            message_ids=self.message_ids,
        )


def _failures(message: Message) -> tuple[frozenset[bytes], frozenset[bytes]]:
    try:
        return flufl.bounce.all_failures(message)
    except _DETECTOR_ERRORS as exc:
        log.info("bounce detectors could not read a message (%s): treated as no bounce", exc)
        return frozenset(), frozenset()


def _report_type(message: Message) -> str:
    if message.get_content_type() != "multipart/report":
        return ""
    return str(message.get_param("report-type", "") or "").lower()


def _is_feedback_report(message: Message) -> bool:
    """RFC 5965: multipart/report with a message/feedback-report part."""
    if _report_type(message) == "feedback-report":
        return True
    return any(part.get_content_type() == "message/feedback-report" for part in message.walk())


def _is_auto_reply(message: Message) -> bool:
    """RFC 3834 Auto-Submitted, the older X- headers, or a vacation subject."""
    submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        submitted.startswith("auto-replied")
        or any(message.get(name) for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponse"))
        or precedence == "auto_reply"
        or bool(AUTO_REPLY_SUBJECT.match(str(message.get("Subject", ""))))
    )


def _is_failure_notice(message: Message) -> bool:
    """Sent by a mail system, not a person: a null envelope sender or a daemon's address."""
    return_path = str(message.get("Return-Path", "")).strip()
    sender = _address(message.get("From", ""))
    local = sender.partition("@")[0]
    return return_path in ("<>", "") or local in {"mailer-daemon", "postmaster", "mail-daemon"}


def _asks_to_unsubscribe(message: Message, unsubscribe_address: str) -> bool:
    wanted = unsubscribe_address.casefold()
    if any(address.casefold() == wanted for address in _header_addresses(message)):
        return True
    subject = _REPLY_PREFIX.sub("", str(message.get("Subject", ""))).lower()
    words = set(re.findall(r"[a-z']+", subject))
    return words <= _LEAVING_WORDS and any(request <= words for request in _LEAVING_REQUESTS)


def _header_addresses(message: Message) -> list[str]:
    values = [str(value) for name in RECIPIENT_HEADERS for value in message.get_all(name, [])]
    return [address for _, address in getaddresses(values) if address]


def _recipients_text(message: Message) -> str:
    return "\n".join(_header_addresses(message)) + "\n"


def _verp_tokens(bounce_address: str, text: str) -> tuple[str, ...]:
    local, _, domain = bounce_address.rpartition("@")
    pattern = re.compile(
        rf"\b{re.escape(local)}\+(r[0-9a-z]{{1,13}}\.[a-z2-7]{{24}})@{re.escape(domain)}\b",
        re.IGNORECASE,
    )
    return _unique(token.lower() for token in pattern.findall(text))


def _quoted_text(message: Message) -> str:
    """Everything below the top-level headers, as text: parts, quoted headers, report fields."""
    return "\n".join(_part_texts(message, top=True))


def _part_texts(message: Message, *, top: bool) -> Iterator[str]:
    if not top:
        yield "".join(f"{name}: {value}\n" for name, value in message.items())
    payload = message.get_payload() if message.is_multipart() else message.get_payload(decode=True)
    if isinstance(payload, list):
        for part in payload:
            if isinstance(part, Message):
                yield from _part_texts(part, top=False)
    elif isinstance(payload, bytes):
        yield payload.decode(message.get_content_charset() or "utf-8", "replace")
    elif isinstance(payload, str):
        yield payload


def _quoted_recipients(message: Message) -> tuple[str, ...]:
    """The To: of the original a report carries (as message/rfc822 or text/rfc822-headers)."""
    for part in message.walk():
        kind = part.get_content_type()
        original = part.get_payload(0) if kind == "message/rfc822" else None
        if isinstance(original, Message):
            return _unique(address for _, address in getaddresses(original.get_all("To", [])))
        if kind == "text/rfc822-headers":
            headers = email.message_from_string(str(part.get_payload(decode=False)))
            return _unique(address for _, address in getaddresses(headers.get_all("To", [])))
    return ()


def _address(value: object) -> str:
    return parseaddr(str(value).strip())[1].strip("<>")


def _decoded(addresses: Iterable[bytes]) -> tuple[str, ...]:
    return _unique(sorted(address.decode("ascii", "replace") for address in addresses))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))
