"""Commands for the inbound mailbox: bounces, abuse reports and unsubscribe mails."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import click

from publisher.cli.app import AppContext, opened
from publisher.mail import mailboxes, outbound, returns
from publisher.service import daemon
from publisher.service.runlog import record_run


@click.group("inbound")
def inbound_group() -> None:
    """Read the inbound mailbox ([inbound] in publisher.toml)."""


@inbound_group.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def inbound_check(app: AppContext, as_json: bool) -> None:
    """Read the mailbox once: apply bounces, abuse reports and unsubscribe mails."""
    settings = app.settings()
    if not settings.inbound.enabled:
        raise click.ClickException("no inbound mailbox: set inbound.maildir or inbound.imap_host")
    # One reader at a time: a running daemon reads the same mailbox.
    with daemon.exclusive(settings), opened(settings) as db:
        secret = outbound.load_secret(settings, os.environ)
        mailbox = mailboxes.open_mailbox(settings.inbound, os.environ)
        started = datetime.now(UTC)
        try:
            report = returns.check_inbound(settings, db, mailbox, secret=secret, now=started)
        finally:
            mailbox.close()
    record_run(settings.paths.state, "last_inbound", started, report.as_dict())
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    click.echo(
        f"read {report.read} messages: {report.bounces} bounces, "
        f"{report.complaints} abuse reports, {report.unsubscribes} unsubscribe requests, "
        f"{report.other} with nothing to do, {report.unrecognised} left for a person"
    )
    for change in report.changes:
        click.echo(f"  {change}")
