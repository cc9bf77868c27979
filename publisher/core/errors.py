"""One exception tree, each message something a user can act on.

PublisherError
├── ConfigError              a key or value in publisher.toml / PUBLISHER_* is wrong
├── SeedError                a seed file cannot be read or parsed (names the file)
├── StoreError               the database cannot be opened or migrated
├── PublishError             feeds or pages cannot be written
├── SubscriberError          a subscriber address or row is invalid
│   └── SubscriberNotFoundError
├── TokenError               a signed token is forged, altered or expired
├── AlreadyRunningError      another daemon holds this site's lock
├── InboundError             the inbound mailbox cannot be read
└── DeliveryError            a message could not be delivered
    ├── TemporaryDeliveryError   try again later (4xx, connection lost)
    │   └── UnreachableServerError   the server cannot be reached or is too slow: stop for now
    └── PermanentDeliveryError   do not retry (5xx for that recipient)
"""

from __future__ import annotations


class PublisherError(Exception):
    """Base of every error publisher reports to a user."""


class ConfigError(PublisherError, ValueError):
    """A configuration key or value is invalid; the message names both."""


class SeedError(PublisherError, ValueError):
    """A seed file cannot be turned into items; the message names the file (and line)."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        where = path or "<seed>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {reason}")

    def at(self, path: str) -> SeedError:
        """The same error, naming the file it came from."""
        return SeedError(self.reason, path=path, line=self.line)


class StoreError(PublisherError):
    """The database cannot be opened, migrated or written."""


class PublishError(PublisherError):
    """Output files (feeds, pages) cannot be written."""


class SubscriberError(PublisherError, ValueError):
    """A subscriber's address, name, cadence or time zone is invalid."""


class SubscriberNotFoundError(SubscriberError, LookupError):
    """No subscriber has that address."""


class NotSubscribedError(SubscriberError):
    """A genuine link of a reader who has left (unsubscribed, bounced or complained)."""


class TokenError(PublisherError, ValueError):
    """A signed token (unsubscribe, confirm) is forged, altered, for another purpose or expired."""


class SampleLinkError(TokenError):
    """A genuine link from a test message (``send-test``, previews): it names no reader."""


class DeliveryError(PublisherError):
    """A message could not be handed to the mail transport."""


class TemporaryDeliveryError(DeliveryError):
    """Worth retrying later: a 4xx reply, a dropped connection, a timeout."""


class UnreachableServerError(TemporaryDeliveryError):
    """The mail server cannot be reached or did not answer in time: no message can go now."""


class PermanentDeliveryError(DeliveryError):
    """Not worth retrying: the server refused this recipient or message (5xx)."""


class AlreadyRunningError(PublisherError):
    """Another ``publisher run`` holds this site's lock."""


class InboundError(PublisherError):
    """The inbound mailbox (Maildir or IMAP) cannot be opened, read or changed."""
