"""Compile the parser (publisher/ingest/parsing) to C with mypyc, in place: about 1.5x as fast.

Usage: python tools/compile_parser.py [--clean]

The parser is pure, fully typed Python, so mypyc turns it into extension modules that
Python imports before the .py files beside them; the results are the same, only faster
(bench/parse_identity.py checks that). Without a C compiler and Python's headers it says
so and leaves the pure-Python parser in place: everything works, parsing is just slower.
Under CI (CI=true) on a machine that has both, a failure to compile fails the run.
`make` runs this whenever a parser source is newer than its compiled module; --clean
removes the compiled modules (back to pure Python).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "publisher" / "ingest" / "parsing"
GROUP = "publisher.ingest.parsing"  # the shared library lands inside the package: importable


def compiled_modules() -> list[Path]:
    """The extension modules built from the parser, including their shared library."""
    return sorted([*PACKAGE.glob("*.so"), *PACKAGE.parent.glob("parsing__mypyc*.so")])


def clean() -> None:
    for path in compiled_modules():
        path.unlink()


def can_compile() -> bool:
    """Whether this machine has what mypyc needs: a C compiler and Python's headers."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"], "Python.h")
    return shutil.which(compiler) is not None and headers.exists()


def compile_parser() -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    sources = sorted(str(path) for path in PACKAGE.glob("*.py"))
    os.environ["MYPYPATH"] = str(ROOT)  # the parser's imports, type-checked from the tree
    with tempfile.TemporaryDirectory(prefix="publisher-mypyc-") as build:
        os.chdir(build)  # no project configuration here: only the extensions get built
        config = Path(build, "mypy.ini")  # python-crfsuite (the labeller's tagger) has no types
        config.write_text("[mypy]\n[mypy-pycrfsuite.*]\nignore_missing_imports = True\n")
        extensions = mypycify(
            ["--config-file", str(config), *sources],
            group_name=GROUP,
            target_dir="c",
            opt_level="3",
        )
        setup(
            name="publisher-parser",
            ext_modules=extensions,
            script_args=["--quiet", "build_ext", "--build-lib", "lib", "--build-temp", "temp"],
        )
        for built in Path(build, "lib").rglob("*.so"):
            target = ROOT / built.relative_to(Path(build, "lib"))
            shutil.copy2(built, target.with_name(target.name + ".tmp"))
            os.replace(target.with_name(target.name + ".tmp"), target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="back to the pure-Python parser")
    args = parser.parse_args()
    clean()
    if args.clean:
        return 0
    try:
        compile_parser()
    except (Exception, SystemExit) as exc:  # noqa: BLE001  (no compiler or headers: pure Python works)
        clean()
        print(f"the parser stays pure Python (not compiled: {exc})", file=sys.stderr)
        # Where a compiler is at hand the failure is the parser's (code mypyc cannot build):
        # CI says so rather than testing, and shipping, a slower parser (ingest 1.5x).
        return 1 if os.environ.get("CI") == "true" and can_compile() else 0
    print(f"parser compiled: {len(compiled_modules())} extension modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
