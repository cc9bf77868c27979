"""A throwaway PostgreSQL server for the test session, and a fresh, empty schema for each test.

The server is the machine's own PostgreSQL binaries (Debian's ``postgresql`` package:
``/usr/lib/postgresql/<version>/bin``), a cluster in a temporary folder, listening on a
free port on 127.0.0.1, removed when the session ends. As root it runs as the
``postgres`` user, since initdb and postgres refuse to run as root. Each test gets its
own schema (the URL sets ``search_path``), dropped afterwards: as empty as a new
database, at a hundredth of the cost. With ``CI=true`` a server that cannot start fails
the tests that need it; elsewhere they are skipped.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from smtp_sink import free_port

STARTUP_SECONDS = 30
SUPERUSER = "postgres"
DATABASE = "publisher_tests"
SETTINGS = {  # a test server: fast, not durable, and room for the daemon's pools
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "300",
    "shared_buffers": "64MB",
}


class PostgresUnavailableError(RuntimeError):
    """The PostgreSQL server for the tests could not be started; the message says why."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def find_bindir() -> Path:
    """The newest installed PostgreSQL's bin folder (Debian layout first, then the PATH)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailableError(
        "no PostgreSQL binaries (initdb) found: install them with "
        "`apt-get install postgresql` (make test does so when it can)"
    )


def unprivileged_user() -> pwd.struct_passwd | None:
    """Who runs the server: us, unless we are root (then the postgres user, or nobody)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailableError("running as root and no postgres or nobody user to run as")


@dataclass
class PostgresServer:
    """A running test server: makes and drops databases, one per test."""

    port: int
    folder: Path
    process: subprocess.Popen[bytes]
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, schema: str) -> str:
        """A SQLAlchemy URL whose connections see only ``schema``."""
        return (
            f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"
            f"?options=-csearch_path%3D{schema}"
        )

    def _admin(self, dbname: str = DATABASE) -> Any:
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=dbname, autocommit=True
        )

    def create_schema(self) -> str:
        """A new empty schema; returns the URL of a database holding only it."""
        name = f"test_{next(self._names)}"
        with self._admin() as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return self.url(name)

    def drop_schema(self, url: str) -> None:
        """Drop a test's schema, first cutting off any connection the test left open."""
        name = url.rsplit("%3D", 1)[1]
        with self._admin() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (DATABASE,),
            )
            conn.execute(f"DROP SCHEMA {name} CASCADE")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> PostgresServer:
    """initdb a cluster in a temporary folder and start postgres on a free port."""
    try:
        import psycopg  # noqa: F401  (the driver the tests and publisher use)
    except ImportError as exc:
        raise PostgresUnavailableError(f"psycopg is not installed ({exc})") from exc
    bindir = find_bindir()
    user = unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix="publisher-pg-"))
    if user is not None:
        os.chown(folder, user.pw_uid, user.pw_gid)
    as_user: dict[str, Any] = {}
    if user is not None:
        as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    try:
        _initdb(bindir, folder, as_user)
        return _start(bindir, folder, as_user)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _initdb(bindir: Path, folder: Path, as_user: dict[str, Any]) -> None:
    command = [
        str(bindir / "initdb"), "--pgdata", str(folder / "data"), "--username", SUPERUSER,
        "--auth", "trust", "--encoding", "UTF8", "--no-locale", "--no-sync",
    ]  # fmt: skip
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, **as_user)
    if result.returncode != 0:
        raise PostgresUnavailableError(f"initdb failed: {result.stderr.strip()[-500:]}")


def _start(bindir: Path, folder: Path, as_user: dict[str, Any]) -> PostgresServer:
    port = free_port()
    options = [f"--{name.replace('_', '-')}={value}" for name, value in SETTINGS.items()]
    command = [
        str(bindir / "postgres"), "-D", str(folder / "data"), "-p", str(port),
        "-k", str(folder), *options,
    ]  # fmt: skip
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen(
            command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, **as_user
        )
    server = PostgresServer(port, folder, process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            server._admin("postgres").close()
        except Exception:  # noqa: BLE001  (not accepting connections yet)
            time.sleep(0.1)
            continue
        with server._admin("postgres") as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        return server
    log_text = (folder / "server.log").read_text(errors="replace").strip()[-500:]
    process.kill()
    process.wait()
    raise PostgresUnavailableError(f"postgres did not start on port {port}: {log_text}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | PostgresUnavailableError]:
    """The session's server, or why there is none (tests then fail in CI, else skip)."""
    try:
        server = start_server()
    except PostgresUnavailableError as exc:
        yield exc
        return
    try:
        yield server
    finally:
        server.stop()


def _available(server: PostgresServer | PostgresUnavailableError) -> PostgresServer:
    """The server, or the test fails (in CI) or is skipped (elsewhere), saying why."""
    if isinstance(server, PostgresUnavailableError):
        reason = f"PostgreSQL unavailable: {server}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return server


@pytest.fixture
def postgres_schemas(
    postgres_server: PostgresServer | PostgresUnavailableError,
) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty PostgreSQL schemas (their URLs) for one test; drops them after."""
    server = _available(postgres_server)
    made: list[str] = []

    def make() -> str:
        made.append(server.create_schema())
        return made[-1]

    try:
        yield make
    finally:
        for url in made:
            server.drop_schema(url)


@pytest.fixture
def postgres_url(postgres_schemas: Callable[[], str]) -> str:
    """A fresh, empty PostgreSQL schema for one test, dropped afterwards."""
    return postgres_schemas()
