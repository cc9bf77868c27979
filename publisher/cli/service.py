"""Commands for the service: run, serve, status."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import click

from publisher.cli.app import (
    AppContext,
)
from publisher.core.logs import configure_logging
from publisher.core.settings import Settings
from publisher.service import daemon, worker


@click.command("run")
@click.option(
    "--deliver/--no-deliver", default=None,
    help="Deliver digests from this process too (default: service.deliver, true).",
)  # fmt: skip
@click.pass_obj
def run_command(app: AppContext, deliver: bool | None) -> None:
    """Run the service: watch seeds, rebuild, send digests on schedule, serve HTTP."""
    settings = _logged_settings(app)
    daemon.run(settings, os.environ, deliver=deliver)


@click.command("worker")
@click.pass_obj
def worker_command(app: AppContext) -> None:
    """Only deliver queued digests and notices (no scheduling, no HTTP); run any number."""
    settings = _logged_settings(app)
    worker.work(settings, os.environ)


@click.command("serve")
@click.pass_obj
def serve_command(app: AppContext) -> None:
    """Serve the feeds and the subscription pages only (no scanning, no sending)."""
    settings = _logged_settings(app)
    daemon.serve(settings, os.environ)


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def status_command(app: AppContext, as_json: bool) -> None:
    """Show what the daemon last did, what is queued and who is subscribed."""
    report = daemon.status(app.settings(), now=datetime.now(UTC))
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
        return
    holder = report["daemon"] or report["leader"] or {}
    running = f"running (pid {holder.get('pid')})" if report["running"] else "not running"
    click.echo(f"daemon:       {running}")
    for process in report["processes"]:
        click.echo(f"process:      {_process_line(process)}")
    click.echo(f"last build:   {_describe(report['last_build'], _build_summary)}")
    click.echo(f"last digests: {_describe(report['last_digest'], _digest_summary)}")
    click.echo(
        f"next digest:  {report['next_digest'] or 'none (no active subscribers)'} "
        f"(schedule {report['digest_schedule']}, in each subscriber's time zone)"
    )
    messages = ", ".join(f"{count} {name}" for name, count in report["messages"].items())
    people = ", ".join(f"{n} {status}" for status, n in sorted(report["subscribers"].items()))
    click.echo(f"items:        {report['items']}")
    click.echo(f"messages:     {messages}")
    click.echo(f"subscribers:  {people or 'none'}")


def _describe(entry: dict[str, Any] | None, summary: Callable[[dict[str, Any]], str]) -> str:
    if not entry:
        return "never"
    result = entry.get("result") or {}
    outcome = f"failed: {result['error']}" if "error" in result else summary(result)
    return f"{entry.get('time', '?')} ({outcome})"


def _build_summary(result: dict[str, Any]) -> str:
    ingest = result.get("ingest") or {}
    return (
        f"{result.get('feeds_written', 0)} feeds and {result.get('pages_written', 0)} pages "
        f"written; {ingest.get('items_new', 0)} new items, {ingest.get('files_failed', 0)} "
        "failed files"
    )


def _digest_summary(result: dict[str, Any]) -> str:
    return (
        f"{result.get('messages_sent', 0)} sent, {result.get('messages_failed', 0)} failed, "
        f"{result.get('messages_deferred', 0)} deferred"
    )


def _process_line(process: dict[str, Any]) -> str:
    """``leader  pid 412 on web1, started …, last seen …`` (or ``gone``)."""
    role = "gone" if process["gone"] else process["role"]
    return (
        f"{role:<8} pid {process['pid']} on {process['host']}, started {process['started']}, "
        f"last seen {process['last_seen']}"
    )


def _logged_settings(app: AppContext) -> Settings:
    """The site's settings, with logging set up as they say (for the long-running commands)."""
    settings = app.settings()
    configure_logging(settings.logging.level, settings.logging.format, settings.logging.file)
    return settings
