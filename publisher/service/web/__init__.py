"""The HTTP server: the built site as static files, plus the subscription pages."""

from __future__ import annotations

from publisher.service.web.app import GZIP_MINIMUM, create_app, listen, make_server, now_utc
from publisher.service.web.files import (
    CSP,
    MEDIA_TYPES,
    SECURITY_HEADERS,
    STATIC_HEADERS,
    SUFFIX_TYPES,
    SecurityHeaders,
    SiteFiles,
)
from publisher.service.web.handlers import MAX_FORM_BYTES, MAX_TOKEN_CHARS, Endpoints, RateLimiter
from publisher.service.web.pages import ERROR_MESSAGES, PAGE_HEADERS, Pages

__all__ = [
    "CSP",
    "ERROR_MESSAGES",
    "GZIP_MINIMUM",
    "MAX_FORM_BYTES",
    "MAX_TOKEN_CHARS",
    "MEDIA_TYPES",
    "PAGE_HEADERS",
    "SECURITY_HEADERS",
    "STATIC_HEADERS",
    "SUFFIX_TYPES",
    "Endpoints",
    "Pages",
    "RateLimiter",
    "SecurityHeaders",
    "SiteFiles",
    "create_app",
    "listen",
    "make_server",
    "now_utc",
]
