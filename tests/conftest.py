"""Shared fixtures: a real site folder with the sample seeds, a real SQLite store."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from smtp_sink import drip_server, silent_server, smtp_server  # noqa: F401  (shared fixtures)

from publisher import store
from publisher.core.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SEEDS = ROOT / "seeds"
SEED_MTIME = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False, help="Rewrite golden files."
    )


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
def site(tmp_path: Path) -> Path:
    """A site folder holding copies of the sample seeds and no config file."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for sample in sorted(SAMPLE_SEEDS.glob("*.txt")):
        write_seed(seeds, sample.name, sample.read_bytes())
    return tmp_path


@pytest.fixture
def mail_site(tmp_path: Path) -> Path:
    """A site with an empty seed folder, so each test controls exactly what is new."""
    (tmp_path / "seeds").mkdir()
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
