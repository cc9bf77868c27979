"""The command group and what every command shares: settings, the store, presentation."""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import Progress

from publisher import __version__, store
from publisher.core.errors import ConfigError
from publisher.core.models import Item, Subscriber
from publisher.core.settings import Settings, load_settings
from publisher.service.slots import digest_trigger

if TYPE_CHECKING:
    from publisher.ingest.pipeline import IngestReport

PROGRESS_THRESHOLD = 200
NO_SITE = "no publisher.toml here or above; run `publisher init` or pass --config"
err_console = Console(stderr=True)


@dataclass
class AppContext:
    config_path: Path | None

    def settings(self, *, site: bool = True) -> Settings:
        """Load and check every setting, the digest schedule included, before any work.

        ``site`` commands use a site's state: without a publisher.toml here or above
        they refuse, rather than create a stray database in whatever folder this is.
        """
        settings = load_settings(self.config_path, os.environ)
        if site and settings.config_file is None:
            raise ConfigError(NO_SITE)
        digest_trigger(settings.digest.schedule, "UTC", "daily", settings.digest.weekly_day)
        return settings


class LazyGroup(click.Group):
    """A command group that imports a command's module only when that command runs.

    ``publisher ingest`` then loads the store and the parser, not the web server, the
    scheduler and the mail renderer: a second saved on every command, run by hand or by cron.
    """

    def __init__(self, *args: Any, lazy: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, name = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module), name)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


# Each command and the module:attribute that defines it (imported when it runs).
COMMANDS = {
    "init": "publisher.cli.content:init",
    "parse": "publisher.cli.content:parse",
    "ingest": "publisher.cli.content:ingest_command",
    "build": "publisher.cli.build:build_command",
    "items": "publisher.cli.items:items",
    "subscribers": "publisher.cli.mail:subscribers",
    "digest": "publisher.cli.mail:digest_group",
    "send-test": "publisher.cli.mail:send_test",
    "inbound": "publisher.cli.inbound:inbound_group",
    "run": "publisher.cli.service:run_command",
    "worker": "publisher.cli.service:worker_command",
    "serve": "publisher.cli.service:serve_command",
    "status": "publisher.cli.service:status_command",
}


@click.group(cls=LazyGroup, lazy=COMMANDS)
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help="Path to publisher.toml."
)
@click.option("-v", "--verbose", is_flag=True, help="Log more detail to stderr.")
@click.version_option(__version__, prog_name="publisher")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """Self-hosted newsletter and feed publisher."""
    logging.basicConfig(
        # Commands report problems themselves; -v shows the library's own log lines too.
        level=logging.DEBUG if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = AppContext(config_path)


@contextmanager
def opened(settings: Settings) -> Iterator[store.Store]:
    db = store.open_store(settings.database.url)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr once there is much to do; otherwise nothing."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    with Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("ingesting", total=None)

        def update(done: int, total: int) -> None:
            if total >= PROGRESS_THRESHOLD:
                bar.update(task, completed=done, total=total)

        yield update


def read_file(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise click.FileError(str(file), exc.strerror) from exc


def item_json(item: Any) -> dict[str, Any]:
    return {
        "title": item.title,
        "summary": item.summary,
        "content": item.content,
        "author": item.author,
        "published": item.published.isoformat() if item.published else None,
        "url": item.url,
    }


def orphan_json(item: Item, hidden: bool) -> dict[str, Any]:
    return {
        "id": item.id,
        "hidden": hidden,
        "title": item.title,
        "source": item.source,
        "seed_path": item.seed_path,
        "first_seen": item.first_seen.isoformat(),
    }


def print_ingest_report(report: IngestReport, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    click.echo(
        f"files: {report.files_new} new, {report.files_changed} changed, "
        f"{report.files_unchanged} unchanged, {report.files_failed} failed"
        + (f", {report.files_waiting} still being written" if report.files_waiting else "")
    )
    if report.files_reparsed:
        click.echo(f"files re-read by the current parser: {report.files_reparsed}")
    click.echo(f"items: {report.items_new} new, {report.items_updated} updated")
    for error in report.errors:
        click.echo(f"error: {error['path']}: {error['error']}", err=True)


def subscriber_json(sub: Subscriber) -> dict[str, Any]:
    return {
        "email": sub.email,
        "name": sub.name,
        "status": sub.status,
        "cadence": sub.cadence,
        "timezone": sub.timezone,
        "created": sub.created.isoformat(),
    }
