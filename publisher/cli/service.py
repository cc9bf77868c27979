"""Commands for the service: run, serve, status."""

from __future__ import annotations

import json
import os

import click

from publisher import daemon
from publisher.cli.app import (
    AppContext,
    cli,
)
from publisher.logs import configure_logging


@cli.command("run")
@click.pass_obj
def run_command(app: AppContext) -> None:
    """Run the service: watch seeds, rebuild, send digests on schedule, serve HTTP."""
    settings = app.settings()
    configure_logging(settings.logging.level, settings.logging.format)
    daemon.run(settings, os.environ)


@cli.command("serve")
@click.pass_obj
def serve_command(app: AppContext) -> None:
    """Serve the feeds and the subscription pages only (no scanning, no sending)."""
    settings = app.settings()
    configure_logging(settings.logging.level, settings.logging.format)
    daemon.serve(settings, os.environ)


@cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def status_command(app: AppContext, as_json: bool) -> None:
    """Show what the daemon last did, what is queued and who is subscribed."""
    report = daemon.status(app.settings())
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    holder = report["daemon"] or {}
    running = f"running (pid {holder.get('pid')})" if report["running"] else "not running"
    click.echo(f"daemon: {running}")
    for name in ("last_build", "last_digest"):
        entry = report[name] or {}
        click.echo(
            f"{name.replace('_', ' ')}: {entry.get('time', 'never')} {entry.get('result', '')}"
        )
    click.echo(
        f"next digest check: {report['next_digest_check'] or '-'} ({report['digest_schedule']})"
    )
    click.echo(f"items: {report['items']}; messages: {report['messages']}")
    click.echo(f"subscribers: {report['subscribers']}")
