"""The Starlette app wiring routes, middleware and error handlers, and its uvicorn server."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp

from publisher import store
from publisher.core.errors import PublisherError
from publisher.core.settings import Settings
from publisher.core.templating import make_environment
from publisher.mail.outbound import make_sender
from publisher.publish.pages import SiteContext
from publisher.service.health import assess
from publisher.service.web.files import MovedSources, SecurityHeaders, SiteFiles
from publisher.service.web.handlers import Endpoints
from publisher.service.web.pages import Pages

GZIP_MINIMUM = 500


def now_utc() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: Settings,
    db: store.Store,
    *,
    secret: bytes,
    on_queued: Callable[[], None] = lambda: None,
    health: Callable[[], dict[str, object]] | None = None,
    clock: Callable[[], datetime] = now_utc,
) -> Starlette:
    """The whole site: subscription routes first, then the output folder at ``/``.

    ``on_queued`` is called when a confirmation mail was queued (to wake its sender).
    """
    site = SiteContext(
        settings.site.title, settings.site.url, settings.site.description, settings.site.language
    )
    endpoints = Endpoints(
        settings=settings,
        db=db,
        secret=secret,
        on_queued=on_queued,
        health=health or (lambda: assess(settings, db, {})),
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
        Route("/preferences/{token}", endpoints.preferences_form, methods=["GET"]),
        Route("/preferences/{token}", endpoints.preferences, methods=["POST"]),
        Route("/healthz", endpoints.healthz, methods=["GET"]),
        Mount("/", _site_files(endpoints, output)),
    ]


def _site_files(endpoints: Endpoints, output: Path) -> ASGIApp:
    """The output folder, with renamed sources' old URLs redirected to their new ones."""
    prefix = urlsplit(endpoints.settings.site.url).path or "/"
    return MovedSources(
        SiteFiles(output, gzip_minimum=GZIP_MINIMUM),
        output,
        prefix,
        lambda: store.list_source_moves(endpoints.db),
    )


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


def listen(settings: Settings) -> socket.socket:
    """Bind the HTTP port before anything else starts, so a clash fails fast and clearly."""
    host, port = settings.http.host, settings.http.port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise PublisherError(
            f"cannot listen on {host}:{port}: {exc.strerror}; "
            "is another server using it? (check http.host and http.port)"
        ) from exc
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock
