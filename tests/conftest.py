"""Shared fixtures: a real site folder with the sample seeds, a real store on each database.

Tests marked ``each_database`` (a module's ``pytestmark``) run twice: on SQLite, and on
a fresh database of a PostgreSQL server the session starts (``postgres_server.py``).
The site fixtures write that choice into the site's ``publisher.toml``, so a test that
loads its settings from the site folder uses the database without knowing which.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from postgres_server import postgres_schemas, postgres_server, postgres_url  # noqa: F401
from smtp_sink import drip_server, silent_server, smtp_server  # noqa: F401  (shared fixtures)

from publisher import store
from publisher.core.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SEEDS = ROOT / "seeds"
SEED_MTIME = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
BACKENDS = ("sqlite", "postgresql")


PARSING = Path(__file__).resolve().parents[1] / "publisher" / "ingest" / "parsing"


def pytest_sessionstart(session: pytest.Session) -> None:
    """A compiled parser older than its sources would test yesterday's parser: refuse."""
    libraries = list(PARSING.parent.glob("parsing__mypyc*.so"))
    if libraries:
        built = min(library.stat().st_mtime for library in libraries)
        newer = [path.name for path in PARSING.glob("*.py") if path.stat().st_mtime > built]
        if newer:
            pytest.exit(
                f"the compiled parser is older than publisher/ingest/parsing/{newer[0]}: run "
                "`make` (or python tools/compile_parser.py; --clean for pure Python)",
                returncode=2,
            )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False, help="Rewrite golden files."
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests marked ``each_database`` once per backend (or on those the marker names)."""
    marker = metafunc.definition.get_closest_marker("each_database")
    if "backend" in metafunc.fixturenames and marker is not None:
        metafunc.parametrize("backend", marker.args or BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: SQLite unless the test is marked ``each_database``."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest) -> str | None:
    """A fresh PostgreSQL database's URL, or None for SQLite (the site's default file)."""
    if backend == "sqlite":
        return None
    return str(request.getfixturevalue("postgres_url"))


def database_config(url: str | None) -> str:
    """The ``[database]`` table of a site's publisher.toml ('' keeps the default SQLite file)."""
    return "" if url is None else f'[database]\nurl = "{url}"\n'


def use_database(folder: Path, url: str | None) -> None:
    """Point the site in ``folder`` at ``url`` through its publisher.toml (None: SQLite)."""
    if url is not None:
        with (folder / "publisher.toml").open("a", encoding="utf-8") as config:
            config.write(database_config(url))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def write_seed(folder: Path, name: str, text: str | bytes, *, mtime: float = SEED_MTIME) -> Path:
    """A seed file with an mtime safely in the past, so the settle time never holds it back."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def site(tmp_path: Path, database_url: str | None) -> Path:
    """A site folder holding copies of the sample seeds; a config file only to name PostgreSQL."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for sample in sorted(SAMPLE_SEEDS.glob("*.txt")):
        write_seed(seeds, sample.name, sample.read_bytes())
    use_database(tmp_path, database_url)
    return tmp_path


@pytest.fixture
def mail_site(tmp_path: Path, database_url: str | None) -> Path:
    """A site with an empty seed folder, so each test controls exactly what is new."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "publisher.toml").write_text("")  # every key at its default, or from the env
    use_database(tmp_path, database_url)
    return tmp_path


@pytest.fixture
def settings(site: Path) -> Settings:
    return load_settings(None, {}, cwd=site)


@pytest.fixture
def db(settings: Settings) -> Iterator[store.Store]:
    opened = store.open_store(settings.database.url, now=NOW)
    yield opened
    opened.close()


def copy_samples(target: Path) -> None:
    shutil.copytree(SAMPLE_SEEDS, target, dirs_exist_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB tmpfs of the test's own, to fill up without filling the machine's disk."""
    mount = tmp_path / "disk"
    mount.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", str(mount)]
    mounted = subprocess.run(command, capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        reason = f"cannot mount a tmpfs to fill (needs root): {mounted.stderr.strip()}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=False)


def fill_disk(folder: Path) -> Path:
    """Write one file until the file system holding ``folder`` has no byte left."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * size)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    finally:
        os.close(descriptor)
    return filler
