"""The output folder over HTTP: feed media types, ETag/304, a path cache and security headers."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MEDIA_TYPES = {
    "rss.xml": "application/rss+xml",
    "atom.xml": "application/atom+xml",
    "feed.json": "application/feed+json",
    "opml.xml": "text/x-opml; charset=utf-8",
}
SUFFIX_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
# Readers revalidate every time (a new seed shows within a second); the 304 is cheap.
STATIC_HEADERS = {"cache-control": "no-cache", "vary": "Accept-Encoding"}
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; "
    "form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CSP.encode("ascii")),
)


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


class MovedSources:
    """301 from a renamed source's old feed and page URLs to the new ones.

    Asked only when the old folder is gone from the output, so serving every other
    file costs one string test; ``moves`` reads old slug -> new slug from the store.
    """

    def __init__(
        self, app: ASGIApp, output: Path, prefix: str, moves: Callable[[], Mapping[str, str]]
    ) -> None:
        self.app = app
        self.output = output
        self.prefix = prefix  # the site's path, e.g. "/" or "/news/"
        self.moves = moves

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        slug, _, rest = path.removeprefix("/sources/").partition("/")
        if path.startswith("/sources/") and slug and not (self.output / "sources" / slug).is_dir():
            new = self.moves().get(slug)
            if new is not None:
                location = f"{self.prefix}sources/{new}/{rest}"
                await RedirectResponse(location, status_code=301)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Adds nosniff, no-referrer, DENY framing and the CSP to every response.

    It sits outside gzip, so it also marks a compressed body's ETag weak (RFC 9110: two
    encodings are two representations) and tidies the Vary header gzip appends to.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = _encoded_variant(list(message.get("headers", ())))
                message["headers"] = [*headers, *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _encoded_variant(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """A gzipped body is another representation: its ETag is weak, and Vary is said once."""
    names = {name.lower() for name, _ in headers}
    result: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"etag" and b"content-encoding" in names and not value.startswith(b"W/"):
            value = b"W/" + value
        elif lowered == b"vary":
            value = b", ".join(dict.fromkeys(v.strip() for v in value.split(b",")))
        result.append((name, value))
    return result
