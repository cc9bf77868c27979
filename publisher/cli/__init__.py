"""The ``publisher`` command: parses arguments, calls one use case, presents the result."""

from __future__ import annotations

import sys

import click

from publisher.cli.app import cli, err_console
from publisher.core.errors import PublisherError

__all__ = ["cli", "main"]


def main() -> None:
    """Console entry point: a PublisherError becomes one line on stderr and exit status 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err_console.print("aborted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PublisherError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


# --- presentation helpers ---------------------------------------------------------------------
