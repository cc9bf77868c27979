"""Who digests come from and how they travel: the sender identity and the configured mailer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from publisher.core.errors import ConfigError
from publisher.core.settings import Settings
from publisher.mail import compose, tokens
from publisher.mail.transports import MaildirMailer, Mailer, SMTPMailer

UNSUBSCRIBE = "unsubscribe"
BOUNCE = "bounce"  # the token purpose of VERP envelope senders
PREFERENCES = "preferences"  # the token purpose of a reader's preferences link
CONFIRM = "confirm"  # the token purpose of double opt-in links


def _signed(subscriber_id: int, email: str) -> str:
    """The address a reader's link is signed for; the sample reader's are signed for none."""
    return "" if subscriber_id == tokens.SAMPLE_REFERENCE else email


@dataclass(frozen=True)
class Sender:
    """Who digests come from and how readers leave: derived from settings once per run."""

    address: str
    name: str
    list_id: str
    domain: str
    site_url: str
    secret: bytes
    dkim: compose.DkimKey | None
    # Set by [inbound]: where bounces return, where unsubscribe mails go, and VERP.
    bounce_address: str | None = None
    unsubscribe_address: str | None = None
    verp: bool = False

    def unsubscribe_url(self, subscriber_id: int, email: str) -> str:
        token = tokens.sign_reference(
            self.secret, UNSUBSCRIBE, subscriber_id, _signed(subscriber_id, email)
        )
        return f"{self.site_url}unsubscribe/{token}"

    def preferences_url(self, subscriber_id: int, email: str) -> str:
        """The reader's own preferences page; like the unsubscribe link, it never expires."""
        token = tokens.sign_reference(
            self.secret, PREFERENCES, subscriber_id, _signed(subscriber_id, email)
        )
        return f"{self.site_url}preferences/{token}"

    def unsubscribe_mailto(self) -> str | None:
        """A mailto only when a mailbox is read: a request nobody reads would be ignored."""
        if self.unsubscribe_address is None:
            return None
        return f"mailto:{self.unsubscribe_address}?subject=unsubscribe"

    def envelope_sender(self, subscriber_id: int, email: str) -> str:
        """The MAIL FROM of a digest: bounces return to the inbound mailbox, naming the reader."""
        if self.bounce_address is None:
            return self.address
        if not self.verp:
            return self.bounce_address
        token = tokens.sign_mailbox_reference(self.secret, BOUNCE, subscriber_id, email)
        return verp_address(self.bounce_address, token)


def verp_address(address: str, tag: str) -> str:
    """``bounces@example.org`` with tag ``x`` is ``bounces+x@example.org`` (sub-addressing)."""
    local, _, domain = address.rpartition("@")
    return f"{local}+{tag}@{domain}"


def make_sender(settings: Settings, secret: bytes) -> Sender:
    domain = sender_domain(settings)
    address = settings.digest.from_address or f"digest@{domain}"
    return Sender(
        address=address,
        name=settings.digest.from_name or settings.site.title,
        list_id=f"digest.{domain}" if "." in domain else "digest.publisher.localhost",
        domain=domain,
        site_url=settings.site.url,
        secret=secret,
        dkim=_dkim_key(settings),
        **_inbound_addresses(settings),
    )


def _inbound_addresses(settings: Settings) -> dict[str, Any]:
    inbound = settings.inbound
    if not inbound.enabled or inbound.address is None:
        return {}
    return {
        "bounce_address": inbound.address,
        "unsubscribe_address": unsubscribe_address(settings),
        "verp": inbound.verp,
    }


def unsubscribe_address(settings: Settings) -> str | None:
    """The address unsubscribe mails go to: configured, or the inbound address + "unsubscribe"."""
    inbound = settings.inbound
    if not inbound.enabled or inbound.address is None:
        return None
    return inbound.unsubscribe_address or verp_address(inbound.address, UNSUBSCRIBE)


def _dkim_key(settings: Settings) -> compose.DkimKey | None:
    conf = settings.dkim
    if not (conf.selector and conf.domain and conf.private_key_path):
        return None
    try:
        key = Path(conf.private_key_path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read dkim.private_key_path {conf.private_key_path}") from exc
    return compose.DkimKey(conf.selector, conf.domain, key)


def make_mailer(settings: Settings, environ: Mapping[str, str]) -> Mailer:
    """The configured transport: a local Maildir by default, SMTP in production."""
    if settings.delivery.transport == "maildir":
        return MaildirMailer(settings.delivery.outbox)
    smtp = settings.smtp
    return SMTPMailer(
        smtp.host,
        smtp.port,
        starttls=smtp.starttls,
        ssl=smtp.ssl,
        username=smtp.username,
        password=environ.get("PUBLISHER_SMTP_PASSWORD"),
        timeout=smtp.timeout,
        rate_per_second=smtp.rate_per_second,
        max_attempts=settings.delivery.max_attempts,
        backoff_base=settings.delivery.backoff_base,
    )


def sender_domain(settings: Settings) -> str:
    """The site's host name, or "localhost" while the site runs on an IP address."""
    host = urlsplit(settings.site.url).hostname or "localhost"
    return host if "." in host and not host.replace(".", "").isdigit() else "localhost"


def load_secret(settings: Settings, environ: Mapping[str, str]) -> bytes:
    return tokens.load_secret(environ, settings.paths.state)
