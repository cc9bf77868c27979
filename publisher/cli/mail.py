"""Commands for subscribers and digests."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from publisher import store
from publisher.cli.app import (
    AppContext,
    opened,
    progress_bar,
    read_file,
    subscriber_json,
)
from publisher.mail import outbound, sending
from publisher.mail.subscriptions import (
    CADENCES,
    OPTED_OUT,
    ImportReport,
    SubscriberInput,
    add_subscriber,
    export_csv,
    import_csv,
    normalise_email,
    remove_subscriber,
)
from publisher.publish.build import publish_editions
from publisher.service import daemon
from publisher.service.runlog import record_run


@click.group()
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
    with opened(app.settings()) as db:
        added = add_subscriber(db, raw, now=datetime.now(UTC))
    click.echo(f"added {added.email} ({added.cadence}, {added.timezone})")


@subscribers.command("remove")
@click.argument("email")
@click.pass_obj
def subscribers_remove(app: AppContext, email: str) -> None:
    """Erase EMAIL and its delivery history."""
    with opened(app.settings()) as db:
        remove_subscriber(db, email)
    click.echo(f"removed {email}")


@subscribers.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def subscribers_list(app: AppContext, as_json: bool) -> None:
    """List subscribers."""
    with opened(app.settings()) as db:
        found = store.list_subscribers(db)
    if as_json:
        rows = [subscriber_json(sub) for sub in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("email", "name", "status", "cadence", "timezone")
    for sub in found:
        table.add_row(sub.email, sub.name or "", sub.status, sub.cadence, sub.timezone)
    Console().print(table)


@subscribers.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--reactivate", is_flag=True, help="Resubscribe addresses that opted out or bounced.")
@click.pass_obj
def subscribers_import(app: AppContext, file: Path, reactivate: bool) -> None:
    """Add or update subscribers from a CSV file (email, name, cadence, timezone, status).

    Rows with status unsubscribed, bounced or complained apply to existing addresses.
    """
    text = read_file(file).decode("utf-8-sig", errors="replace")
    with opened(app.settings()) as db:
        report = import_csv(db, text, now=datetime.now(UTC), reactivate=reactivate)
    click.echo(import_summary(report))
    for error in report.errors:
        click.echo(f"error: {file}: {error}", err=True)
    if report.errors:
        sys.exit(1)  # so a script notices the rows that were not imported


def import_summary(report: ImportReport) -> str:
    """``2 added, 1 updated, 0 unchanged, 1 unsubscribed, 3 left opted out (...)``."""
    parts = [f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged"]
    for change in (*OPTED_OUT, "reactivated"):
        if report.status_changes[change]:
            parts.append(f"{report.status_changes[change]} {change}")
    if report.left_opted_out:
        parts.append(f"{report.left_opted_out} left opted out (--reactivate resubscribes them)")
    return ", ".join(parts)


@subscribers.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def subscribers_export(app: AppContext, file: Path) -> None:
    """Write every subscriber to a CSV file ("-" for standard output)."""
    with opened(app.settings()) as db:
        text = export_csv(store.list_subscribers(db))
    if str(file) == "-":
        click.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")


@click.group("digest")
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
    with opened(settings) as db:
        secret = outbound.load_secret(settings, os.environ)
        message = sending.preview(settings, db, now=datetime.now(UTC), secret=secret, email=email)
    if message is None:
        click.echo("nothing new to send")
        return
    parsed = message.as_message()
    click.echo(f"Subject: {parsed['Subject']}\nTo: {parsed['To']}")
    if eml_file:
        eml_file.write_bytes(message.as_bytes())
        click.echo(f"wrote {eml_file} ({len(message.as_bytes()):,} bytes)")
    if html_file:
        html_part = parsed.get_body(preferencelist=("html",))
        html_file.write_text(html_part.get_content() if html_part else "", encoding="utf-8")
        click.echo(f"wrote {html_file}")
    if not (eml_file or html_file):  # with a file to look at, the text part stays out of the way
        text_part = parsed.get_body(preferencelist=("plain",))
        click.echo("\n" + (text_part.get_content() if text_part else ""))


@digest_group.command("send")
@click.option("--dry-run", is_flag=True, help="Plan editions and count messages; send nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def digest_send(app: AppContext, dry_run: bool, as_json: bool) -> None:
    """Send an edition now to every active subscriber with new items."""
    settings = app.settings()
    # Planning takes turns and senders claim what they send: a running daemon, or
    # workers, may deliver the same edition beside this command; no message goes twice.
    with opened(settings) as db, progress_bar(not as_json) as progress:
        if not dry_run:
            daemon.recover_claims(db)
        secret = outbound.load_secret(settings, os.environ)
        mailer = outbound.make_mailer(settings, os.environ)
        started = datetime.now(UTC)
        try:
            report = sending.send_digests(
                settings,
                db,
                mailer,
                now=started,
                secret=secret,
                dry_run=dry_run,
                progress=progress,
                clock=lambda: datetime.now(UTC),
            )
        finally:
            mailer.close()
        if not dry_run:
            publish_editions(settings, db)
    if not dry_run:
        record_run(settings.paths.state, "last_digest", started, report.as_dict())
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


@click.command("send-test")
@click.option("--to", "email", required=True, help="Where to send the test digest.")
@click.pass_obj
def send_test(app: AppContext, email: str) -> None:
    """Send one preview digest through the configured transport."""
    settings = app.settings()
    with opened(settings) as db:
        secret = outbound.load_secret(settings, os.environ)
        address = normalise_email(email)
        mailer = outbound.make_mailer(settings, os.environ)
        try:
            sending.send_test(
                settings, db, mailer, now=datetime.now(UTC), secret=secret, to=address,
                clock=lambda: datetime.now(UTC),
            )  # fmt: skip
        finally:
            mailer.close()
    click.echo(f"sent a test digest to {email} via {settings.delivery.transport}")
