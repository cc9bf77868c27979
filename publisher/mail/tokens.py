"""Signed tokens for unsubscribe and confirm links: HMAC-SHA256, no server-side state.

A token reads ``r<subscriber number, base36>.<issued, base36 seconds>.<signature>``: no
address appears in links or server logs. The signature covers the purpose and the
subscriber's address, so an unsubscribe token never confirms, and a number that ever
names someone else is refused. Every dot-separated run stays shorter than 26 characters,
so no part of a link looks like a Bitcoin address to spam filters.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from publisher.core.errors import ConfigError, TokenError

SECRET_ENV = "PUBLISHER_SECRET_KEY"
SECRET_FILE = "secret_key"
MIN_SECRET_LENGTH = 16
SIGNATURE_BYTES = 16  # 128 bits: 22 base64url characters
MAX_REFERENCE = 2**63 - 1  # the largest row id a database stores; larger numbers name no one
# Tokens issued this far in the future are refused: clocks drift a little, not a lot.
_CLOCK_SKEW = timedelta(minutes=5)
_BASE36 = re.compile(r"[0-9a-z]{1,13}")


def load_secret(environ: Mapping[str, str], state_dir: Path) -> bytes:
    """The signing secret: PUBLISHER_SECRET_KEY, else one generated once into the state folder."""
    configured = environ.get(SECRET_ENV)
    if configured is not None:
        if len(configured.strip()) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"{SECRET_ENV} is too short ({len(configured.strip())} characters); "
                f"use at least {MIN_SECRET_LENGTH} random characters"
            )
        return configured.strip().encode("utf-8")
    path = state_dir / SECRET_FILE
    try:
        if not path.exists():
            _create_secret_file(path)
        secret = path.read_bytes().strip()
    except OSError as exc:
        raise ConfigError(
            f"cannot read or create the secret key {path}: {exc.strerror}; "
            f"check paths.state or set {SECRET_ENV}"
        ) from exc
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(f"the secret key file {path} is empty or too short; delete it to renew")
    return secret


def _create_secret_file(path: Path) -> None:
    """Write a fresh secret with mode 0600, atomically: a concurrent creator's file wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_urlsafe(48).encode("ascii") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # fails if another process created it first
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)


# The number of the sample reader of test messages and previews: no stored subscriber has it,
# and its links are signed for no address, so any copy of a test message shows the same page.
SAMPLE_REFERENCE = 0


def sign_reference(
    secret: bytes, purpose: str, ref: int, email: str, *, issued: datetime | None = None
) -> str:
    """A token naming a subscriber by number, not by address: links and logs carry no email.

    The signature also covers the address, so if the number ever names someone
    else (a removed subscriber's number reused) the old link is refused.
    """
    if issued is not None and issued.timestamp() < 1:
        raise ValueError(f"a token cannot be issued before 1970: {issued.isoformat()}")
    stamp = "0" if issued is None else _base36(int(issued.timestamp()))
    payload = f"r{_base36(ref)}.{stamp}"
    return f"{payload}.{_signature(secret, purpose, _bound(payload, email))}"


def token_reference(token: str) -> int:
    """The subscriber number a reference token names, unverified: only for the look-up."""
    parts = token.strip().split(".")
    if len(parts) != 3 or not parts[0].startswith("r"):
        raise TokenError("this link is not valid: it cannot be read")
    try:
        number = int(parts[0][1:], 36)
    except ValueError as exc:
        raise TokenError("this link is not valid: it cannot be read") from exc
    if not SAMPLE_REFERENCE <= number <= MAX_REFERENCE:
        raise TokenError("this link is not valid: it names no subscriber")
    return number


def verify_reference(
    secret: bytes,
    purpose: str,
    token: str,
    email: str,
    *,
    now: datetime | None = None,
    max_age: timedelta | None = None,
) -> None:
    """Accept a genuine reference token for this address; TokenError otherwise."""
    payload, _, signature = token.strip().rpartition(".")
    expected = _signature(secret, purpose, _bound(payload, email))
    if not payload or not hmac.compare_digest(signature.encode(), expected.encode()):
        raise TokenError("this link is not valid: it was altered or issued for something else")
    _check_age(payload.rpartition(".")[2], now, max_age)


def sign_mailbox_reference(secret: bytes, purpose: str, ref: int, email: str) -> str:
    """A reference token fit for an address's local part: lower case, so any case survives.

    Mail servers may change the case of a local part (some bounce with it lower-cased),
    so the signature is base32, 120 bits, and the token reads ``r<number>.<signature>``.
    """
    payload = f"r{_base36(ref)}"
    return f"{payload}.{_mailbox_signature(secret, purpose, _bound(payload, email))}"


def mailbox_token_reference(token: str) -> int:
    """The subscriber number a mailbox token names, unverified: only for the look-up."""
    parts = token.strip().lower().split(".")
    if len(parts) != 2 or not parts[0].startswith("r") or not _BASE36.fullmatch(parts[0][1:]):
        raise TokenError("this address token cannot be read")
    number = int(parts[0][1:], 36)
    if number >= 2**63:  # no database id is that large
        raise TokenError("this address token names no subscriber")
    return number


def verify_mailbox_reference(secret: bytes, purpose: str, token: str, email: str) -> None:
    """Accept a genuine mailbox token for this address, whatever its case; TokenError otherwise."""
    payload, _, signature = token.strip().lower().rpartition(".")
    expected = _mailbox_signature(secret, purpose, _bound(payload, email))
    if not payload or not hmac.compare_digest(signature.encode(), expected.encode()):
        raise TokenError("this address token is not valid: it was altered or is not ours")


def _mailbox_signature(secret: bytes, purpose: str, payload: str) -> str:
    message = f"publisher-token\x00{purpose}\x00{payload}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.b32encode(digest[:15]).decode("ascii").lower()  # 15 bytes: 24 characters


def _bound(payload: str, email: str) -> str:
    return f"{payload}\x00{email.casefold()}"


def _check_age(stamp: str, now: datetime | None, max_age: timedelta | None) -> None:
    if max_age is None:
        return
    issued = datetime.fromtimestamp(int(stamp, 36), UTC)
    current = now or datetime.now(UTC)
    if stamp == "0" or current - issued > max_age:
        raise TokenError("this link has expired; ask for a new one")
    if issued - current > _CLOCK_SKEW:
        raise TokenError("this link is dated in the future; check the server clock")


def _signature(secret: bytes, purpose: str, payload: str) -> str:
    message = f"publisher-token\x00{purpose}\x00{payload}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return _b64encode(digest[:SIGNATURE_BYTES])


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while number:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
    return text or "0"
