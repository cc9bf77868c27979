"""The output folder over HTTP: media types, ETag/304, small files from memory, security headers."""

from __future__ import annotations

import gzip
import mimetypes
import os
import stat
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import formatdate, mktime_tz, parsedate_tz
from pathlib import Path

import anyio.to_thread
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
# Files up to this size are served from memory; larger ones are streamed from disk.
SMALL_FILE_BYTES = 256 * 1024
# The memory the cache may hold, both encodings counted; least recently used go first.
CACHE_BYTES = 64 * 1024 * 1024
GZIP_LEVEL = 9  # as GZipMiddleware's default; paid once per file version, not per request
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


RawHeaders = list[tuple[bytes, bytes]]
_CONDITIONS = (b"if-none-match", b"if-modified-since", b"accept-encoding", b"range")


@dataclass(frozen=True)
class Validators:
    """What a file's stat says about it: its version, ETag and the headers of its answers."""

    version: tuple[int, int, int]  # size, mtime in ns, inode: a rebuild changes one of them
    etag: bytes
    modified: int  # whole seconds, as Last-Modified says it
    headers: tuple[tuple[bytes, bytes], ...]  # of a 200 with the identity encoding

    @classmethod
    def of(cls, full_path: str, stat_result: os.stat_result) -> Validators:
        size, mtime_ns = stat_result.st_size, stat_result.st_mtime_ns
        etag = f'"{mtime_ns:x}-{size:x}"'.encode("ascii")  # nginx's recipe, to the nanosecond
        fields = {
            **STATIC_HEADERS,
            "content-type": media_type(os.path.basename(full_path)),
            "accept-ranges": "bytes",
            "content-length": str(size),
            "last-modified": formatdate(stat_result.st_mtime, usegmt=True),
            "etag": etag.decode("ascii"),
        }
        headers = tuple(
            (name.encode("latin-1"), value.encode("latin-1")) for name, value in fields.items()
        )
        return cls((size, mtime_ns, stat_result.st_ino), etag, int(stat_result.st_mtime), headers)

    def not_modified_headers(self) -> RawHeaders:
        """What a 304 repeats of the 200 (RFC 9110 15.4.5): validators and caching headers."""
        return [(name, value) for name, value in self.headers if name in _NOT_MODIFIED_KEEPS]

    def matches(self, request: dict[bytes, bytes]) -> bool:
        """True when the client's copy is current: If-None-Match first, else If-Modified-Since."""
        if_none_match = request.get(b"if-none-match")
        if if_none_match is not None:
            tags = [tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b",")]
            return self.etag in tags or b"*" in tags
        since = request.get(b"if-modified-since")
        parsed = parsedate_tz(since.decode("latin-1")) if since else None
        return parsed is not None and mktime_tz(parsed) >= self.modified


_NOT_MODIFIED_KEEPS = {name.encode("latin-1") for name in NotModifiedResponse.NOT_MODIFIED_HEADERS}


@dataclass
class CachedFile:
    """One small file's bytes as read, with the validators of the very file that was read."""

    validators: Validators
    body: bytes
    gzipped: bytes | None = None

    @property
    def cost(self) -> int:
        return len(self.body) + len(self.gzipped or b"")


class FileCache:
    """Small files by real path, checked against a fresh stat on every use; LRU past a budget.

    Only the event loop touches it: reads and compression run in threads and hand their
    result back, so there is no lock.
    """

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.total_bytes = 0
        self._entries: OrderedDict[str, CachedFile] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, full_path: str, stat_result: os.stat_result) -> CachedFile | None:
        """The cached file if it is still the one on disk (same size, mtime and inode)."""
        entry = self._entries.get(full_path)
        if entry is None:
            return None
        version = (stat_result.st_size, stat_result.st_mtime_ns, stat_result.st_ino)
        if entry.validators.version != version:
            self.discard(full_path)
            return None
        self._entries.move_to_end(full_path)
        return entry

    def put(self, full_path: str, entry: CachedFile) -> None:
        """Remember ``entry`` (or its new gzip form), then forget the least recently used."""
        self.discard(full_path)
        if entry.cost > self.max_bytes:
            return
        self._entries[full_path] = entry
        self.total_bytes += entry.cost
        while self.total_bytes > self.max_bytes:
            _, oldest = self._entries.popitem(last=False)
            self.total_bytes -= oldest.cost

    def add_gzipped(self, full_path: str, entry: CachedFile, gzipped: bytes) -> None:
        """Keep ``entry``'s gzip form beside it, counted against the budget, if still cached."""
        if self._entries.get(full_path) is entry and entry.gzipped is None:
            self.discard(full_path)
            entry.gzipped = gzipped
            self.put(full_path, entry)

    def discard(self, full_path: str) -> None:
        entry = self._entries.pop(full_path, None)
        if entry is not None:
            self.total_bytes -= entry.cost


class BytesResponse(Response):
    """A response prepared once: status, encoded headers and body, sent without re-encoding."""

    def __init__(self, status_code: int, headers: RawHeaders, body: bytes = b"") -> None:
        self.status_code = status_code
        self.raw_headers = headers
        self.body = body
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message = {"type": "http.response.start", "status": self.status_code}
        start["headers"] = self.raw_headers
        await send(start)
        await send({"type": "http.response.body", "body": self.body})


class SiteFiles(StaticFiles):
    """The output folder: feed media types, revalidation headers, no hidden files.

    A path once resolved to a file is remembered, so serving it again costs one stat in the
    event loop instead of a thread hop and a realpath; a small file's bytes (and gzip form)
    are kept in memory while its size, mtime and inode hold, so a 200 costs about a 304.
    Builds replace files by rename, so the stat always sees the current file.
    """

    def __init__(
        self, directory: Path, *, gzip_minimum: int = 500, cache_bytes: int = CACHE_BYTES
    ) -> None:
        super().__init__(directory=directory, html=True, check_dir=False)
        self.cache = FileCache(cache_bytes)
        self._gzip_minimum = gzip_minimum
        self._files: dict[str, str] = {}

    async def get_response(self, path: str, scope: Scope) -> Response:
        if scope["method"] in ("GET", "HEAD"):
            key = self._known_key(path, scope)
            full_path = self._files.get(key) if key else None
            if key and full_path is not None:
                try:
                    stat_result = os.lstat(full_path)  # a file turned symlink is resolved afresh
                except OSError:
                    stat_result = None
                if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
                    return await self._known_file(full_path, stat_result, scope)
                self._files.pop(key, None)
                self.cache.discard(full_path)
        return await super().get_response(path, scope)

    def _known_key(self, path: str, scope: Scope) -> str | None:
        """The remembered path for ``path``: itself, or a folder URL's index page."""
        if path in self._files:
            return path
        index = os.path.join(path, "index.html")
        if scope["path"].endswith("/") and index in self._files:
            return index
        return None

    async def _known_file(
        self, full_path: str, stat_result: os.stat_result, scope: Scope
    ) -> Response:
        """A 304, or the bytes from memory for a small file, or a stream from disk."""
        request = {name: value for name, value in scope["headers"] if name in _CONDITIONS}
        entry = self.cache.get(full_path, stat_result)
        validators = entry.validators if entry else Validators.of(full_path, stat_result)
        if validators.matches(request):
            return BytesResponse(304, validators.not_modified_headers())
        if stat_result.st_size > SMALL_FILE_BYTES or b"range" in request:
            return self.file_response(full_path, stat_result, scope)
        if entry is None:
            entry = await anyio.to_thread.run_sync(read_small_file, full_path)
            if entry is None:  # no longer a small regular file: serve it the ordinary way
                return self.file_response(full_path, stat_result, scope)
            self.cache.put(full_path, entry)
        body, headers = entry.body, list(entry.validators.headers)
        if b"gzip" in request.get(b"accept-encoding", b"") and len(body) >= self._gzip_minimum:
            body = await self._gzipped(full_path, entry)
            headers = _with_encoding(headers, len(body))
        return BytesResponse(200, headers, b"" if scope["method"] == "HEAD" else body)

    async def _gzipped(self, full_path: str, entry: CachedFile) -> bytes:
        """The gzip form, compressed once per file version in a thread and kept beside it."""
        if entry.gzipped is None:
            gzipped = await anyio.to_thread.run_sync(_gzip, entry.body)
            self.cache.add_gzipped(full_path, entry, gzipped)
            return gzipped
        return entry.gzipped

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
        """Streamed from disk (large files, ranges, first sight), with the cache's validators."""
        validators = Validators.of(os.fspath(full_path), stat_result)
        headers = {
            name.decode("latin-1"): value.decode("latin-1") for name, value in validators.headers
        }
        if validators.matches({k: v for k, v in scope["headers"] if k in _CONDITIONS}):
            return NotModifiedResponse(Headers(headers))
        return FileResponse(
            full_path,
            status_code=status_code,
            headers=headers,
            media_type=headers["content-type"],
            stat_result=stat_result,
        )


def media_type(name: str) -> str:
    """Feeds by their file name, pages and styles by suffix, anything else as mimetypes says."""
    found = MEDIA_TYPES.get(name) or SUFFIX_TYPES.get(os.path.splitext(name)[1])
    if found:
        return found
    guessed = mimetypes.guess_type(name)[0] or "text/plain"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def read_small_file(full_path: str) -> CachedFile | None:
    """The bytes and validators of one and the same file (read, then the stat of what was read)."""
    try:
        fd = os.open(full_path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        stat_result = os.fstat(fd)
        if not stat.S_ISREG(stat_result.st_mode) or stat_result.st_size > SMALL_FILE_BYTES:
            return None
        body = file.read(SMALL_FILE_BYTES + 1)
    if len(body) != stat_result.st_size:  # changed in place while read: not a version to keep
        return None
    return CachedFile(Validators.of(full_path, stat_result), body)


def _gzip(body: bytes) -> bytes:
    """Deterministic bytes (no timestamp), so one file version has one gzip form."""
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def _with_encoding(headers: RawHeaders, length: int) -> RawHeaders:
    """The identity headers restated for the gzip body: its encoding and its own length."""
    result = [(name, value) for name, value in headers if name != b"content-length"]
    return [
        *result,
        (b"content-length", str(length).encode("ascii")),
        (b"content-encoding", b"gzip"),
    ]


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
