"""The HTTP server: the built site as static files, plus the subscription pages.

Handlers only read the request, call one use case in ``publisher.subscriptions`` and
render its result. Feeds are served with their own media types and revalidation headers
(ETag, Last-Modified, 304); pages are autoescaped and carry a script-free CSP.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import uvicorn
from jinja2 import Environment
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from publisher import store, subscriptions
from publisher.config import Settings
from publisher.delivery import Mailer
from publisher.errors import DeliveryError, SubscriberError, SubscriberNotFoundError, TokenError
from publisher.site import FEED_FORMATS, FeedLink, Page, SiteContext
from publisher.templating import make_environment
from publisher.transport import Sender, make_sender

log = logging.getLogger(__name__)

MEDIA_TYPES = {
    "rss.xml": "application/rss+xml",
    "atom.xml": "application/atom+xml",
    "feed.json": "application/feed+json",
    "opml.xml": "text/x-opml; charset=utf-8",
}
SUFFIX_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8"}
# Readers revalidate every time (a new seed shows within a second); the 304 is cheap.
STATIC_HEADERS = {"cache-control": "no-cache", "vary": "Accept-Encoding"}
PAGE_HEADERS = {"cache-control": "no-store"}
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CSP.encode("ascii")),
)
MAX_FORM_BYTES = 8_192
MAX_TOKEN_CHARS = 1_000
GZIP_MINIMUM = 500
ERROR_MESSAGES = {
    400: ("Link not valid", "This link is invalid or has expired. To subscribe, use the form."),
    404: ("Page not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    413: ("Request too large", "The form sent was too large."),
    415: ("Unsupported form", "Send the form as application/x-www-form-urlencoded."),
    429: ("Too many requests", "Too many subscription requests from here or for this address."),
    500: ("Something went wrong", "Please try again later."),
}


def now_utc() -> datetime:
    return datetime.now(UTC)


class RateLimiter:
    """At most ``limit`` hits per key in any ``window``; in memory, thread-safe, 0 = no limit."""

    def __init__(self, limit: int, window: timedelta, *, max_keys: int = 100_000) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._hits: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: datetime) -> bool:
        """Record a hit for ``key`` unless it is already at its limit."""
        if self.limit <= 0:
            return True
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > self.max_keys:
                self._forget_idle(now)
            return True

    def _forget_idle(self, now: datetime) -> None:
        """Keep memory bounded: drop keys with no hit inside the window."""
        idle = [
            key for key, hits in self._hits.items() if not hits or now - hits[-1] >= self.window
        ]
        for key in idle:
            del self._hits[key]


class SiteFiles(StaticFiles):
    """The output folder: feed media types, revalidation headers, no hidden files.

    A path once resolved to a file is remembered, so serving it again (a feed reader's
    conditional GET) costs one stat in the event loop instead of a thread hop and a realpath.
    Builds replace files by rename, so the stat always sees the current file.
    """

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True, check_dir=False)
        self._files: dict[str, str] = {}

    async def get_response(self, path: str, scope: Scope) -> Response:
        full_path = self._files.get(path)
        if full_path is not None and scope["method"] in ("GET", "HEAD"):
            try:
                stat_result = os.stat(full_path)
            except OSError:
                stat_result = None
            if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
                return self.file_response(full_path, stat_result, scope)
            self._files.pop(path, None)
        return await super().get_response(path, scope)

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        full_path, stat_result = super().lookup_path(path)
        if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
            self._files[path] = full_path
        return full_path, stat_result

    async def check_config(self) -> None:
        """A site not built yet answers 404 until the first build, instead of failing."""

    def get_path(self, scope: Scope) -> str:
        """Refuse dot files (temporary writes), parent references and NUL bytes outright."""
        path = super().get_path(scope)
        parts = path.split(os.sep)
        if "\x00" in path or any(part.startswith(".") for part in parts if part != "."):
            raise HTTPException(status_code=404)
        return path

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        name = os.path.basename(full_path)
        media_type = MEDIA_TYPES.get(name) or SUFFIX_TYPES.get(os.path.splitext(name)[1])
        response = FileResponse(
            full_path,
            status_code=status_code,
            headers=STATIC_HEADERS,
            media_type=media_type,
            stat_result=stat_result,
        )
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


class SecurityHeaders:
    """Adds nosniff, no-referrer, DENY framing and the CSP to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True)
class Pages:
    """Renders the server's own pages in the site's look; their wording lives in templates."""

    env: Environment
    site: SiteContext

    @property
    def root(self) -> str:
        return urlsplit(self.site.url).path or "/"

    def render(self, template: str, status: int, title: str, **context: object) -> HTMLResponse:
        feeds = tuple(
            FeedLink(f"{self.site.title} ({label})", self.site.url + name, media_type, label)
            for name, media_type, label in FEED_FORMATS
        )
        canonical = f"{self.site.url}subscribe"
        page = Page(f"{title} — {self.site.title}", "subscribe", canonical, self.root, feeds)
        body = self.env.get_template(template).render(site=self.site, page=page, **context)
        return HTMLResponse(body, status_code=status, headers=PAGE_HEADERS)

    def error(self, status: int, headers: Mapping[str, str] | None = None) -> HTMLResponse:
        heading, text = ERROR_MESSAGES.get(status, ERROR_MESSAGES[400])
        response = self.render("message.html", status, heading, heading=heading, text=text)
        response.headers.update(headers or {})
        return response

    def form(self, status: int, form: Mapping[str, str], error: str | None = None) -> HTMLResponse:
        values = {"email": "", "name": "", "cadence": "daily", **form}
        return self.render("subscribe.html", status, "Subscribe", form=values, error=error)


@dataclass
class Endpoints:
    """The request handlers; each reads the request, calls one use case, renders a page."""

    settings: Settings
    db: store.Store
    secret: bytes
    mailer_factory: Callable[[], Mailer]
    health: Callable[[], dict[str, object]]
    clock: Callable[[], datetime]
    pages: Pages
    sender: Sender
    per_client: RateLimiter = field(init=False)
    per_address: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        limits = self.settings.subscriptions
        self.per_client = RateLimiter(limits.per_client_per_hour, timedelta(hours=1))
        self.per_address = RateLimiter(limits.per_address_per_day, timedelta(days=1))

    async def subscribe_form(self, request: Request) -> Response:
        return self.pages.form(200, {})

    async def subscribe(self, request: Request) -> Response:
        form = await _read_form(request)
        now = self.clock()
        if not self.per_client.allow(request.client.host if request.client else "", now):
            return self.pages.error(429)
        try:
            clean = subscriptions.validate_input(_subscriber_input(form))
        except SubscriberError as exc:
            return self.pages.form(400, form, str(exc))
        if not self.per_address.allow(clean.email.casefold(), now):
            return self.pages.error(429)
        response = self.pages.render(
            "subscribe_sent.html", 200, "Check your inbox", email=clean.email
        )
        # Mail after answering, so not even the answer's timing tells a known address apart.
        response.background = BackgroundTask(self._send_confirmation, clean, now)
        return response

    def _send_confirmation(self, clean: subscriptions.SubscriberInput, now: datetime) -> None:
        """Runs in a worker thread; a mail failure is logged, never shown (it would tell)."""
        mailer = self.mailer_factory()
        try:
            subscriptions.subscribe(
                self.db,
                mailer,
                self.sender,
                self.pages.env,
                clean,
                now=now,
                confirm_url_base=f"{self.settings.site.url}confirm/",
                site_title=self.settings.site.title,
            )
        except DeliveryError as exc:
            log.warning("confirmation mail to %s not sent: %s", clean.email, exc)
        finally:
            mailer.close()

    def confirm(self, request: Request) -> Response:
        max_age = timedelta(days=self.settings.subscriptions.confirm_days)
        try:
            sub = subscriptions.confirm(
                self.db, self.secret, _token(request), now=self.clock(), max_age=max_age
            )
        except TokenError:
            return self.pages.error(400)
        return self.pages.render("confirmed.html", 200, "Subscription confirmed", subscriber=sub)

    def unsubscribe_form(self, request: Request) -> Response:
        """A page with a button: link scanners that follow GETs unsubscribe no one."""
        token = _token(request)
        try:
            email = subscriptions.unsubscribe_address(self.secret, token)
        except TokenError:
            return self.pages.error(400)
        action = f"{self.pages.root}unsubscribe/{token}"
        return self.pages.render("unsubscribe.html", 200, "Unsubscribe", email=email, action=action)

    def unsubscribe(self, request: Request) -> Response:
        """RFC 8058 one-click: the token is the whole credential; the body is not needed."""
        email: str | None = None
        try:
            email = subscriptions.unsubscribe(
                self.db, self.secret, _token(request), now=self.clock()
            ).email
        except TokenError:
            return self.pages.error(400)
        except SubscriberNotFoundError:
            pass  # erased by the operator: they get nothing either way
        return self.pages.render("unsubscribed.html", 200, "You are unsubscribed", email=email)

    def healthz(self, request: Request) -> Response:
        return JSONResponse(self.health(), headers=PAGE_HEADERS)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        if isinstance(exc, HTTPException):
            return self.pages.error(exc.status_code, exc.headers)
        return self.pages.error(400)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        """Outside every other middleware: the traceback goes to the log (uvicorn), not here."""
        response = self.pages.error(500)
        response.headers.update({name.decode(): value.decode() for name, value in SECURITY_HEADERS})
        return response


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
    """A small urlencoded form, read with a size cap (starlette's parser has none)."""
    content_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise HTTPException(status_code=415)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(status_code=413)
    try:
        pairs = parse_qsl(
            body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20
        )
    except ValueError as exc:
        raise HTTPException(status_code=413) from exc
    return {key: value for key, value in pairs if key in ("email", "name", "cadence", "timezone")}


def create_app(
    settings: Settings,
    db: store.Store,
    *,
    secret: bytes,
    mailer_factory: Callable[[], Mailer],
    health: Callable[[], dict[str, object]] | None = None,
    clock: Callable[[], datetime] = now_utc,
) -> Starlette:
    """The whole site: subscription routes first, then the output folder at ``/``."""
    site = SiteContext(
        settings.site.title, settings.site.url, settings.site.description, settings.site.language
    )
    endpoints = Endpoints(
        settings=settings,
        db=db,
        secret=secret,
        mailer_factory=mailer_factory,
        health=health or (lambda: {"status": "ok"}),
        clock=clock,
        pages=Pages(make_environment(settings.paths.templates), site),
        sender=make_sender(settings, secret),
    )
    return Starlette(
        routes=_routes(endpoints, settings.paths.output),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM),
        ],
        exception_handlers={
            HTTPException: endpoints.http_error,
            Exception: endpoints.server_error,
        },
    )


def _routes(endpoints: Endpoints, output: Path) -> list[BaseRoute]:
    return [
        Route("/subscribe", endpoints.subscribe_form, methods=["GET"]),
        Route("/subscribe", endpoints.subscribe, methods=["POST"]),
        Route("/confirm/{token}", endpoints.confirm, methods=["GET"]),
        Route("/unsubscribe/{token}", endpoints.unsubscribe_form, methods=["GET"]),
        Route("/unsubscribe/{token}", endpoints.unsubscribe, methods=["POST"]),
        Route("/healthz", endpoints.healthz, methods=["GET"]),
        Mount("/", SiteFiles(output)),
    ]


def make_server(settings: Settings, app: ASGIApp) -> uvicorn.Server:
    """A uvicorn server for ``app``; call ``run()``, stop it with ``should_exit = True``.

    ``log_config=None`` leaves logging to the caller's handlers (text or JSON).
    """
    config = uvicorn.Config(
        app,
        host=settings.http.host,
        port=settings.http.port,
        log_level="warning",
        log_config=None,
        lifespan="off",
        ws="none",
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=5,
    )
    return uvicorn.Server(config)
