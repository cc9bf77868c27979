"""The ``publisher`` command: parses arguments, calls one use case, presents the result."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from publisher import __version__, mailing, store
from publisher.config import LAYOUTS, Settings, load_settings
from publisher.errors import PublisherError
from publisher.ingestion import IngestReport, ingest, parse_seed_bytes, source_for
from publisher.models import PageHints, ParseResult, Subscriber
from publisher.publishing import build
from publisher.scaffold import init_site
from publisher.subscriptions import (
    CADENCES,
    SubscriberInput,
    add_subscriber,
    export_csv,
    import_csv,
    normalise_email,
    remove_subscriber,
)

PROGRESS_THRESHOLD = 200
err_console = Console(stderr=True)


@dataclass
class AppContext:
    config_path: Path | None

    def settings(self) -> Settings:
        return load_settings(self.config_path, os.environ)


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
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = AppContext(config_path)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default=".")
def init(directory: Path) -> None:
    """Create a site folder: publisher.toml, seeds/ and editable templates."""
    for path in init_site(directory):
        click.echo(f"created {path}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the items as a JSON list.")
@click.option(
    "--layout", type=click.Choice(LAYOUTS), help="Force a layout instead of detecting it."
)
@click.pass_obj
def parse(app: AppContext, file: Path, as_json: bool, layout: str | None) -> None:
    """Show the items FILE yields, without storing anything."""
    hints = _hints_for(app, file)
    if layout:
        hints = PageHints(layout, hints.author, hints.timezone, hints.day_first)
    result = parse_seed_bytes(_read(file), name=str(file), hints=hints)
    if as_json:
        click.echo(
            json.dumps([_item_json(item) for item in result.items], ensure_ascii=False, indent=2)
        )
    else:
        _print_parse(result)


@cli.command("ingest")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def ingest_command(app: AppContext, as_json: bool) -> None:
    """Scan the seed folder and store new and changed items."""
    settings = app.settings()
    with _opened(settings) as db, _progress(not as_json) as progress:
        report = ingest(settings, db, now=datetime.now(UTC), progress=progress)
    _print_report(report, as_json)


@cli.command("build")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--full", is_flag=True, help="Re-render every feed and page (unchanged files stay).")
@click.pass_obj
def build_command(app: AppContext, as_json: bool, full: bool) -> None:
    """Ingest, then write the feeds and archive pages whose content changed."""
    settings = app.settings()
    with _opened(settings) as db, _progress(not as_json) as progress:
        report = build(settings, db, now=datetime.now(UTC), full=full, progress=progress)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    if report.ingest is not None:
        _print_report(report.ingest, as_json=False)
    for path in report.written[:20]:
        click.echo(f"wrote {settings.paths.output / path}")
    if len(report.written) > 20:
        click.echo(f"... and {len(report.written) - 20} more")
    click.echo(
        f"feeds: {report.feeds_written} written, {report.feeds_unchanged} unchanged; "
        f"pages: {report.pages_written} written, {report.pages_unchanged} unchanged"
    )


@cli.group()
def subscribers() -> None:
    """Manage digest subscribers."""


@subscribers.command("add")
@click.argument("email")
@click.option("--name", help="The subscriber's name, used in the greeting.")
@click.option("--cadence", type=click.Choice(CADENCES), default="daily", show_default=True)
@click.option("--timezone", default="UTC", show_default=True, help="IANA zone, e.g. Europe/London.")
@click.pass_obj
def subscribers_add(
    app: AppContext, email: str, name: str | None, cadence: str, timezone: str
) -> None:
    """Add EMAIL as an active subscriber (you vouch for their consent)."""
    raw = SubscriberInput(email, name, cadence, timezone)
    with _opened(app.settings()) as db:
        added = add_subscriber(db, raw, now=datetime.now(UTC))
    click.echo(f"added {added.email} ({added.cadence}, {added.timezone})")


@subscribers.command("remove")
@click.argument("email")
@click.pass_obj
def subscribers_remove(app: AppContext, email: str) -> None:
    """Erase EMAIL and its delivery history."""
    with _opened(app.settings()) as db:
        remove_subscriber(db, email)
    click.echo(f"removed {email}")


@subscribers.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def subscribers_list(app: AppContext, as_json: bool) -> None:
    """List subscribers."""
    with _opened(app.settings()) as db:
        found = store.list_subscribers(db)
    if as_json:
        rows = [_subscriber_json(sub) for sub in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("email", "name", "status", "cadence", "timezone")
    for sub in found:
        table.add_row(sub.email, sub.name or "", sub.status, sub.cadence, sub.timezone)
    Console().print(table)


@subscribers.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.pass_obj
def subscribers_import(app: AppContext, file: Path) -> None:
    """Add or update subscribers from a CSV file (email, name, cadence, timezone, status)."""
    text = _read(file).decode("utf-8-sig", errors="replace")
    with _opened(app.settings()) as db:
        report = import_csv(db, text, now=datetime.now(UTC))
    click.echo(f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged")
    for error in report.errors:
        click.echo(f"error: {file}: {error}", err=True)


@subscribers.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def subscribers_export(app: AppContext, file: Path) -> None:
    """Write every subscriber to a CSV file ("-" for standard output)."""
    with _opened(app.settings()) as db:
        text = export_csv(store.list_subscribers(db))
    if str(file) == "-":
        click.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")


@cli.group("digest")
def digest_group() -> None:
    """Preview and send email digests."""


@digest_group.command("preview")
@click.option("--to", "email", help="A subscriber's address (default: a sample new reader).")
@click.option("--html", "html_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--eml", "eml_file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def digest_preview(
    app: AppContext, email: str | None, html_file: Path | None, eml_file: Path | None
) -> None:
    """Show what a subscriber would get now; nothing is sent or recorded."""
    settings = app.settings()
    with _opened(settings) as db:
        secret = mailing.load_secret(settings, os.environ)
        message = mailing.preview(settings, db, now=datetime.now(UTC), secret=secret, email=email)
    if message is None:
        click.echo("nothing new to send")
        return
    parsed = message.as_message()
    if eml_file:
        eml_file.write_bytes(message.as_bytes())
    if html_file:
        html_part = parsed.get_body(preferencelist=("html",))
        html_file.write_text(html_part.get_content() if html_part else "", encoding="utf-8")
    text_part = parsed.get_body(preferencelist=("plain",))
    click.echo(f"Subject: {parsed['Subject']}\nTo: {parsed['To']}\n")
    click.echo(text_part.get_content() if text_part else "")


@digest_group.command("send")
@click.option("--dry-run", is_flag=True, help="Plan editions and count messages; send nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def digest_send(app: AppContext, dry_run: bool, as_json: bool) -> None:
    """Send an edition now to every active subscriber with new items."""
    settings = app.settings()
    with _opened(settings) as db, _progress(not as_json) as progress:
        secret = mailing.load_secret(settings, os.environ)
        mailer = mailing.make_mailer(settings, os.environ)
        try:
            report = mailing.send_digests(
                settings,
                db,
                mailer,
                now=datetime.now(UTC),
                secret=secret,
                dry_run=dry_run,
                progress=progress,
            )
        finally:
            mailer.close()
    if as_json:
        click.echo(json.dumps(report.as_dict()))
        return
    count, verb = (
        (report.messages_planned, "would send") if dry_run else (report.messages_sent, "sent")
    )
    click.echo(
        f"{report.editions} editions; {verb} {count} messages, "
        f"{report.messages_failed} failed, {report.messages_deferred} deferred"
    )
    for error in report.errors:
        click.echo(f"error: {error}", err=True)


@cli.command("send-test")
@click.option("--to", "email", required=True, help="Where to send the test digest.")
@click.pass_obj
def send_test(app: AppContext, email: str) -> None:
    """Send one preview digest through the configured transport."""
    settings = app.settings()
    with _opened(settings) as db:
        secret = mailing.load_secret(settings, os.environ)
        address = normalise_email(email)
        message = mailing.preview(
            settings, db, now=datetime.now(UTC), secret=secret, email=None, sample_to=address
        )
        if message is None:
            raise click.ClickException("no items yet: run `publisher build` first")
        mailer = mailing.make_mailer(settings, os.environ)
        sender = mailing.make_sender(settings, secret).address
        try:
            mailer.send(message.as_bytes(), sender=sender, recipient=address)
        finally:
            mailer.close()
    click.echo(f"sent a test digest to {email} via {settings.delivery.transport}")


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


@contextmanager
def _opened(settings: Settings) -> Iterator[store.Store]:
    db = store.open_store(settings.database.url)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
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


def _hints_for(app: AppContext, file: Path) -> PageHints:
    settings = app.settings()
    try:
        relative = file.resolve().relative_to(settings.paths.seeds.resolve()).as_posix()
    except ValueError:
        relative = file.name
    return source_for(settings, relative).hints


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise click.FileError(str(file), exc.strerror) from exc


def _item_json(item: Any) -> dict[str, Any]:
    return {
        "title": item.title,
        "summary": item.summary,
        "content": item.content,
        "author": item.author,
        "published": item.published.isoformat() if item.published else None,
        "url": item.url,
    }


def _print_parse(result: ParseResult) -> None:
    console = Console()
    console.print(f"layout: [bold]{result.layout}[/bold] ({len(result.items)} items)")
    for reason in result.reasons:
        console.print(f"  - {reason}", markup=False)
    table = Table("#", "line", "title", "author", "published")
    for number, item in enumerate(result.items, 1):
        date = item.published.date().isoformat() if item.published else ""
        table.add_row(str(number), str(item.line), item.title, item.author or "", date)
    console.print(table)


def _print_report(report: IngestReport, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    click.echo(
        f"files: {report.files_new} new, {report.files_changed} changed, "
        f"{report.files_unchanged} unchanged, {report.files_failed} failed"
        + (f", {report.files_waiting} still being written" if report.files_waiting else "")
    )
    click.echo(f"items: {report.items_new} new, {report.items_updated} updated")
    for error in report.errors:
        click.echo(f"error: {error['path']}: {error['error']}", err=True)


def _subscriber_json(sub: Subscriber) -> dict[str, Any]:
    return {
        "email": sub.email,
        "name": sub.name,
        "status": sub.status,
        "cadence": sub.cadence,
        "timezone": sub.timezone,
        "created": sub.created.isoformat(),
    }
