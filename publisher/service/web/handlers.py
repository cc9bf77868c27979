"""The subscription, confirm, unsubscribe and health handlers, with their rate limits.

Handlers only read the request, call one use case in ``publisher.mail.subscriptions`` and
render its result through ``Pages``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from publisher import store
from publisher.core.errors import (
    NotSubscribedError,
    SampleLinkError,
    StoreError,
    SubscriberError,
    SubscriberNotFoundError,
    TokenError,
)
from publisher.core.models import Subscriber
from publisher.core.settings import Settings
from publisher.ingest.sources import source_directory
from publisher.mail import links, subscriptions
from publisher.mail.outbound import Sender
from publisher.service.web.files import SECURITY_HEADERS
from publisher.service.web.pages import PAGE_HEADERS, Pages

log = logging.getLogger(__name__)

MAX_FORM_BYTES = 8_192
MAX_PREFERENCES_BYTES = 262_144  # a box per source and author
MAX_TOKEN_CHARS = 1_000


class RateLimiter:
    """At most ``limit`` hits per key in any ``window``, counted in the database; 0 = no limit.

    Kept in the database so that every process serving the form shares one count:
    adding machines does not multiply the limits.
    """

    def __init__(self, db: store.Store, scope: str, limit: int, window: timedelta) -> None:
        self.db, self.scope, self.limit, self.window = db, scope, limit, window

    def allow(self, key: str, now: datetime) -> bool:
        """Record a hit for ``key`` unless it is already at its limit."""
        if self.limit <= 0:
            return True
        return store.hit_rate_limit(
            self.db, self.scope, key, now=now, window=self.window, limit=self.limit
        )


@dataclass
class Endpoints:
    """The request handlers; each reads the request, calls one use case, renders a page."""

    settings: Settings
    db: store.Store
    secret: bytes
    on_queued: Callable[[], None]
    health: Callable[[], dict[str, object]]
    clock: Callable[[], datetime]
    pages: Pages
    sender: Sender
    per_client: RateLimiter = field(init=False)
    per_address: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        limits = self.settings.subscriptions
        self.per_client = RateLimiter(
            self.db, "client", limits.per_client_per_hour, timedelta(hours=1)
        )
        self.per_address = RateLimiter(
            self.db, "address", limits.per_address_per_day, timedelta(days=1)
        )

    async def subscribe_form(self, request: Request) -> Response:
        return self.pages.form(200, {})

    async def subscribe(self, request: Request) -> Response:
        form = await _read_form(request)
        now = self.clock()
        client = request.client.host if request.client else ""
        try:
            if not await run_in_threadpool(self.per_client.allow, client, now):
                return self.pages.error(429)
            clean = subscriptions.validate_input(_subscriber_input(form))
            if not await run_in_threadpool(self.per_address.allow, clean.email.casefold(), now):
                return self.pages.error(429)
            # stored before answering: "check your inbox" must be true
            pending = await run_in_threadpool(subscriptions.store_pending, self.db, clean, now=now)
        except SubscriberError as exc:
            return self.pages.form(400, form, str(exc))
        except StoreError as exc:
            log.error("subscription from %s not stored: %s", client, exc)
            return self.pages.error(503, {"retry-after": "60"})
        response = self.pages.render(
            "subscribe_sent.html", 200, "Check your inbox", email=clean.email
        )
        # Queue after answering, so the answer's timing does not tell a known address apart.
        if pending is not None:
            response.background = BackgroundTask(self._queue_confirmation, pending, now)
        return response

    def _queue_confirmation(self, pending: Subscriber, now: datetime) -> None:
        """Runs in a worker thread: queue the confirmation mail, and wake its sender.

        No mail server is spoken to here: a slow one never holds a web thread.
        """
        try:
            subscriptions.queue_confirmation(
                self.db,
                self.sender,
                self.pages.env,
                pending,
                now=now,
                confirm_url_base=f"{self.settings.site.url}confirm/",
                site_title=self.settings.site.title,
            )
        except StoreError as exc:  # logged, never shown (it would tell a known address)
            log.error("confirmation mail to %s not queued: %s", pending.email, exc)
            return
        log.info("subscribe request for %s", pending.email)
        self.on_queued()

    def confirm(self, request: Request) -> Response:
        max_age = timedelta(days=self.settings.subscriptions.confirm_days)
        try:
            sub = links.confirm(
                self.db, self.secret, _token(request), now=self.clock(), max_age=max_age
            )
        except TokenError as exc:
            return self._bad_link(exc)
        log.info("subscription confirmed: %s", sub.email)
        return self.pages.render("confirmed.html", 200, "Subscription confirmed", subscriber=sub)

    def unsubscribe_form(self, request: Request) -> Response:
        """A page with a button: link scanners that follow GETs unsubscribe no one."""
        token = _token(request)
        try:
            sub = links.unsubscribe_subscriber(self.db, self.secret, token)
            links.check_still_subscribed(sub)
        except NotSubscribedError:
            return self.pages.error(410)
        except TokenError as exc:
            return self._bad_link(exc)
        action = f"{self.pages.root}unsubscribe/{token}"
        preferences = self.sender.preferences_url(sub.id, sub.email)
        return self.pages.render("unsubscribe.html", 200, "Unsubscribe", email=sub.email,
                                 action=action, preferences=preferences)  # fmt: skip

    def preferences_form(self, request: Request) -> Response:
        """The reader's choices: cadence, time zone, sources and authors; and a way out."""
        token = _token(request)
        try:
            sub = links.preferences_subscriber(self.db, self.secret, token)
        except NotSubscribedError:
            return self.pages.error(410)
        except TokenError as exc:
            return self._bad_link(exc)
        return self._preferences_page(200, sub, token)

    async def preferences(self, request: Request) -> Response:
        token = _token(request)
        pairs = await _read_pairs(request, MAX_PREFERENCES_BYTES)
        choices = self._choices()
        wanted = _wanted(pairs, choices)
        try:
            sub = links.update_preferences(self.db, self.secret, token, wanted, now=self.clock())
        except NotSubscribedError:
            return self.pages.error(410)
        except TokenError as exc:
            return self._bad_link(exc)
        except SubscriberError as exc:
            sub = links.preferences_subscriber(self.db, self.secret, token)
            return self._preferences_page(400, sub, token, error=str(exc))
        log.info("preferences saved: %s", sub.email)
        return self._preferences_page(200, sub, token, saved=True)

    def _choices(self) -> tuple[list[tuple[str, str]], list[str]]:
        """Every source (slug, name) and author a reader may choose from."""
        directory = source_directory(self.settings, store.list_sources(self.db))
        sources = sorted(((s, i.name) for s, i in directory.items()), key=lambda p: p[1].lower())
        return sources, store.list_authors(self.db)

    def _preferences_page(
        self, status: int, sub: Subscriber, token: str, *, saved: bool = False,
        error: str | None = None,
    ) -> Response:  # fmt: skip
        sources, authors = self._choices()
        return self.pages.preferences(
            status, sub, sources, authors,
            action=f"{self.pages.root}preferences/{token}",
            unsubscribe=self.sender.unsubscribe_url(sub.id, sub.email),
            saved=saved, error=error,
        )  # fmt: skip

    def unsubscribe(self, request: Request) -> Response:
        """RFC 8058 one-click: the token is the whole credential; the body is not needed."""
        email: str | None = None
        try:
            email = links.unsubscribe(self.db, self.secret, _token(request), now=self.clock()).email
        except TokenError as exc:
            return self._bad_link(exc)
        except SubscriberNotFoundError:
            pass  # erased by the operator: they get nothing either way
        else:
            log.info("unsubscribed: %s", email)
        return self.pages.render("unsubscribed.html", 200, "You are unsubscribed", email=email)

    def _bad_link(self, exc: TokenError) -> Response:
        """A forged or expired link is refused; one from a test message is explained."""
        if isinstance(exc, SampleLinkError):
            return self.pages.sample_link()
        return self.pages.error(400)

    def healthz(self, request: Request) -> Response:
        """200 when all is well; 503 with the reasons when the service cannot do its work."""
        verdict = self.health()
        status = 200 if verdict.get("status") == "ok" else 503
        return JSONResponse(verdict, status_code=status, headers=PAGE_HEADERS)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        if isinstance(exc, HTTPException):
            return self.pages.error(exc.status_code, exc.headers)
        return self.pages.error(400)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        """Outside every other middleware: the traceback goes to the log (uvicorn), not here."""
        response = self.pages.error(500)
        response.headers.update({name.decode(): value.decode() for name, value in SECURITY_HEADERS})
        return response


def _wanted(
    pairs: list[tuple[str, str]], choices: tuple[list[tuple[str, str]], list[str]]
) -> links.Preferences:
    """The form's answers; every box ticked means "all", so new sources come too."""
    fields = dict(pairs)
    sources = {value for key, value in pairs if key == "source"}
    authors = {value for key, value in pairs if key == "author"}
    all_sources = {slug for slug, _ in choices[0]}
    all_authors = set(choices[1])
    return links.Preferences(
        cadence=fields.get("cadence") or "daily",
        timezone=fields.get("timezone") or "UTC",
        sources=None if sources >= all_sources else tuple(sorted(sources & all_sources)),
        authors=None if authors >= all_authors else tuple(sorted(authors & all_authors)),
    )


async def _read_pairs(
    request: Request, limit: int, max_fields: int = 5_000
) -> list[tuple[str, str]]:
    """A urlencoded form as (name, value) pairs, read with a size cap (starlette's has none)."""
    content_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise HTTPException(status_code=415)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(status_code=413)
    try:
        return parse_qsl(
            body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=max_fields
        )
    except ValueError as exc:
        raise HTTPException(status_code=413) from exc


def _token(request: Request) -> str:
    token = str(request.path_params["token"])
    return token if len(token) <= MAX_TOKEN_CHARS else ""


def _subscriber_input(form: dict[str, str]) -> subscriptions.SubscriberInput:
    return subscriptions.SubscriberInput(
        email=form.get("email", ""),
        name=form.get("name") or None,
        cadence=form.get("cadence") or "daily",
        timezone=form.get("timezone") or "UTC",
        status="pending",
    )


async def _read_form(request: Request) -> dict[str, str]:
    """The subscribe form's few fields; anything else is ignored."""
    pairs = await _read_pairs(request, MAX_FORM_BYTES, max_fields=20)
    return {key: value for key, value in pairs if key in ("email", "name", "cadence", "timezone")}
