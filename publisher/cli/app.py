"""The command group and what every command shares: settings, the store, presentation."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from publisher import __version__, store
from publisher.core.errors import ConfigError
from publisher.core.models import Item, PageHints, ParseResult, Subscriber
from publisher.core.settings import Settings, load_settings
from publisher.ingest.explanation import FURNITURE, HEADER, PATTERN_LEGEND, Explanation
from publisher.ingest.pipeline import IngestReport, source_for
from publisher.service.scheduler import digest_trigger

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


@click.group()
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


def hints_for(app: AppContext, file: Path) -> PageHints:
    settings = app.settings(site=False)
    try:
        relative = file.resolve().relative_to(settings.paths.seeds.resolve()).as_posix()
    except ValueError:
        relative = file.name
    return source_for(settings, relative).hints


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


def print_parse(result: ParseResult) -> None:
    console = Console(width=None if Console().is_terminal else 160)
    console.print(f"layout: [bold]{result.layout}[/bold] ({len(result.items)} items)")
    if result.publication:
        console.print(f"publication: {result.publication}", markup=False)
    for reason in result.reasons:
        console.print(f"  - {reason}", markup=False)
    table = Table("#", "line", "title", "author", "published")
    for number, item in enumerate(result.items, 1):
        date = item.published.date().isoformat() if item.published else ""
        table.add_row(str(number), str(item.line), item.title, item.author or "", date)
    console.print(table)


def print_explanation(explanation: Explanation) -> None:
    """Every non-blank line with its role; furniture dimmed, so the items stand out."""
    console = Console(width=None if Console().is_terminal else 160)
    console.print(f"layout: [bold]{explanation.layout}[/bold] ({explanation.items} items)")
    if explanation.pattern is not None:
        console.print(f"pattern: [bold]{explanation.pattern}[/bold] ({PATTERN_LEGEND})")
    if explanation.publication:
        console.print(f"publication: {explanation.publication}", markup=False)
    for reason in explanation.reasons:
        console.print(f"  - {reason}", markup=False)
    table = Table("line", "title?", "role", "text")
    for line in explanation.lines:
        if line.kind == FURNITURE:
            role, style = f"furniture: {line.reason}", "dim"
        elif line.kind == HEADER:
            role, style = f"header: {line.reason}", ""
        else:
            role, style = f"item {line.item}: {line.part}", ""
        chance = "" if line.title_p is None else f"{line.title_p:.2f}"
        table.add_row(str(line.line), chance, role, line.text, style=style)
    console.print(table)


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
