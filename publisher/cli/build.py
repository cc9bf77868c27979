"""The build command: ingest, then write the feeds and pages that changed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from publisher.cli.app import AppContext, opened, print_ingest_report, progress_bar
from publisher.core.settings import Settings
from publisher.publish.build import NGINX_REDIRECTS, BuildReport, build
from publisher.service.runlog import record_run


@click.command("build")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--full", is_flag=True, help="Re-render every feed and page (unchanged files stay).")
@click.pass_obj
def build_command(app: AppContext, as_json: bool, full: bool) -> None:
    """Ingest, then write the feeds and archive pages whose content changed."""
    settings = app.settings()
    with opened(settings) as db, progress_bar(not as_json) as progress:
        started = datetime.now(UTC)
        report = build(settings, db, now=started, full=full, progress=progress)
    record_run(settings.paths.state, "last_build", started, report.as_dict())
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    if report.ingest is not None:
        print_ingest_report(report.ingest, as_json=False)
    for path in report.written[:20]:
        click.echo(f"wrote {settings.paths.output / path}")
    if len(report.written) > 20:
        click.echo(f"... and {len(report.written) - 20} more")
    _print_renames(settings, report)
    click.echo(
        f"feeds: {report.feeds_written} written, {report.feeds_unchanged} unchanged; "
        f"pages: {report.pages_written} written, {report.pages_unchanged} unchanged"
    )


def _print_renames(settings: Settings, report: BuildReport) -> None:
    """Renamed sources: the built-in server redirects; nginx needs the lines printed here."""
    for old, new in report.renamed:
        click.echo(f"renamed: {old}/ now redirects (301) to {new}/")
    if report.renamed:
        redirects = settings.paths.state / NGINX_REDIRECTS
        click.echo(f"behind nginx, include {redirects} in your server block:")
        click.echo(redirects.read_text(encoding="utf-8").rstrip())
