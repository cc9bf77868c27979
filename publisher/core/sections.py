"""The settings' shape: one frozen dataclass per ``publisher.toml`` section, with defaults.

``settings.py`` reads, coerces and checks them; everything else only reads them.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LAYOUTS = ("listing", "listing-bylines", "teasers", "author-archive", "long-page")


@dataclass(frozen=True)
class SiteSettings:
    title: str = "publisher"
    url: str = "http://127.0.0.1:8000/"
    description: str = "Articles collected by publisher"
    language: str | None = None
    page_size: int = 25  # items per page of the index, source, author and month pages


@dataclass(frozen=True)
class PathSettings:
    seeds: Path = Path("seeds")
    output: Path = Path("feeds")
    templates: Path = Path("templates")
    state: Path = Path("var")


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = "sqlite:///var/publisher.db"


@dataclass(frozen=True)
class IngestSettings:
    max_file_bytes: int = 10_000_000
    settle_seconds: float = 2.0
    follow_symlinks: bool = False  # links leading out of the seed folder are refused unless true
    workers: int | None = None  # parse processes for large scans; None: one per core, 0: none


@dataclass(frozen=True)
class FeedSettings:
    max_items: int = 50
    full_content: bool = True
    websub_hub: str | None = None


@dataclass(frozen=True)
class DigestSettings:
    from_address: str | None = None  # default: digest@<site host>
    from_name: str | None = None  # default: site.title
    max_age_days: int = 7
    schedule: str = "0 7 * * *"  # cron, evaluated in each subscriber's time zone
    weekly_day: str = "mon"
    max_html_bytes: int = 100_000
    # The sender's postal address, printed in every digest's footer (CAN-SPAM and others).
    postal_address: str | None = None


@dataclass(frozen=True)
class DeliverySettings:
    transport: str = "maildir"
    outbox: Path = Path("var/outbox")
    max_attempts: int = 4
    backoff_base: float = 1.0
    bounce_after: int = 3
    retry_minutes: float = 15.0
    give_up_hours: float = 72.0  # a message still deferred after this long fails
    lease_seconds: float | None = None  # how long a claim lasts (default: from smtp.timeout)


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    ssl: bool = False
    username: str | None = None
    rate_per_second: float | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class DkimSettings:
    selector: str | None = None
    domain: str | None = None
    private_key_path: Path | None = None


@dataclass(frozen=True)
class ScheduleSettings:
    rescan_seconds: float = 60.0
    debounce_seconds: float = 0.3
    digest_check_seconds: float = 30.0


@dataclass(frozen=True)
class ServiceSettings:
    """What ``publisher run`` and ``publisher worker`` do, and how often they look around."""

    deliver: bool = True  # False: ``publisher run`` only plans; workers deliver
    heartbeat_seconds: float = 5.0  # heartbeat row, and a standby's try for the lead
    poll_seconds: float = 5.0  # how often a sender looks for due messages


@dataclass(frozen=True)
class HttpSettings:
    host: str = "127.0.0.1"
    port: int = 8000


@dataclass(frozen=True)
class LoggingSettings:
    level: str = "INFO"
    format: str = "text"
    file: Path | None = None  # default: stderr; SIGHUP reopens it after log rotation


@dataclass(frozen=True)
class SubscriptionSettings:
    confirm_days: int = 7
    per_client_per_hour: int = 10
    per_address_per_day: int = 3


@dataclass(frozen=True)
class InboundSettings:
    """The mailbox bounces, abuse reports and unsubscribe mails arrive in (off when unset)."""

    address: str | None = None  # where bounces go, e.g. bounces@news.example.org
    unsubscribe_address: str | None = None  # default: <local part>+unsubscribe@<domain>
    verp: bool = False  # envelope sender bounces+<token>@<domain>, naming each reader
    maildir: Path | None = None
    imap_host: str | None = None
    imap_port: int = 993
    imap_user: str | None = None
    imap_folder: str = "INBOX"
    imap_starttls: bool = False  # False: TLS from the start (port 993)
    imap_cafile: Path | None = None  # a private CA to trust besides the system's
    check_minutes: float = 5.0
    timeout: float = 10.0

    @property
    def enabled(self) -> bool:
        return self.maildir is not None or self.imap_host is not None


@dataclass(frozen=True)
class SourceRule:
    """A ``[[sources]]`` table: which seed files it covers and what to force for them."""

    match: str
    name: str | None = None
    url: str | None = None
    author: str | None = None
    layout: str | None = None
    timezone: str = "UTC"
    language: str | None = None
    date_order: str = "dmy"
    # Where "the original" points when a page gives no URL, e.g. a site search:
    # "https://tribunemag.co.uk/?s={title}" ({title} is URL-encoded).
    link_template: str | None = None

    def matches(self, relative_path: str) -> bool:
        name = relative_path.rsplit("/", 1)[-1]
        return fnmatch.fnmatch(relative_path, self.match) or fnmatch.fnmatch(name, self.match)


@dataclass(frozen=True)
class Settings:
    site: SiteSettings = field(default_factory=SiteSettings)
    paths: PathSettings = field(default_factory=PathSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    dkim: DkimSettings = field(default_factory=DkimSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)
    http: HttpSettings = field(default_factory=HttpSettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)
    subscriptions: SubscriptionSettings = field(default_factory=SubscriptionSettings)
    inbound: InboundSettings = field(default_factory=InboundSettings)
    sources: tuple[SourceRule, ...] = ()
    base_dir: Path = Path(".")
    config_file: Path | None = None  # the publisher.toml read, if any

    def source_for(self, relative_path: str) -> SourceRule | None:
        """The first ``[[sources]]`` rule matching a seed file, if any."""
        return next((rule for rule in self.sources if rule.matches(relative_path)), None)


SECTIONS: dict[str, type[Any]] = {
    "site": SiteSettings,
    "paths": PathSettings,
    "database": DatabaseSettings,
    "ingest": IngestSettings,
    "feeds": FeedSettings,
    "digest": DigestSettings,
    "delivery": DeliverySettings,
    "smtp": SmtpSettings,
    "dkim": DkimSettings,
    "schedule": ScheduleSettings,
    "service": ServiceSettings,
    "http": HttpSettings,
    "logging": LoggingSettings,
    "subscriptions": SubscriptionSettings,
    "inbound": InboundSettings,
}
