"""Commands for content: init, parse, ingest, build."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from publisher.cli.app import (
    AppContext,
    cli,
    hints_for,
    item_json,
    opened,
    print_explanation,
    print_ingest_report,
    print_parse,
    progress_bar,
    read_file,
)
from publisher.core.errors import SeedError
from publisher.core.models import PageHints, ParseResult
from publisher.core.settings import LAYOUTS, Settings
from publisher.ingest.explanation import explain as explain_page
from publisher.ingest.pipeline import ingest, list_orphans, parse_seed_bytes, saved_at
from publisher.publish.build import NGINX_REDIRECTS, BuildReport, build
from publisher.scaffold import init_site
from publisher.service.runlog import record_run


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
@click.option("--explain", is_flag=True, help="Show every line's role and the pattern chosen.")
@click.pass_obj
def parse(app: AppContext, file: Path, as_json: bool, layout: str | None, explain: bool) -> None:
    """Show the items FILE yields, without storing anything."""
    hints = hints_for(app, file)
    if layout:
        hints = PageHints(layout, hints.author, hints.timezone, hints.day_first)
    data = read_file(file)
    limit = app.settings(site=False).ingest.max_file_bytes
    if len(data) > limit:
        raise SeedError(
            f"file is {len(data):,} bytes, over ingest.max_file_bytes ({limit:,})", path=str(file)
        )
    saved = saved_at(file.stat().st_mtime_ns)  # as ingest reads it: "2h ago" against it
    result = parse_seed_bytes(data, name=str(file), hints=hints, saved=saved)
    if explain:
        _show_explanation(result, as_json)
    elif as_json:
        click.echo(
            json.dumps([item_json(item) for item in result.items], ensure_ascii=False, indent=2)
        )
    else:
        print_parse(result)


def _show_explanation(result: ParseResult, as_json: bool) -> None:
    explanation = explain_page(result)
    if as_json:
        click.echo(json.dumps(explanation.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_explanation(explanation)


@cli.command("ingest")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--reparse", is_flag=True, help="Read every seed file again with today's parser.")
@click.pass_obj
def ingest_command(app: AppContext, as_json: bool, reparse: bool) -> None:
    """Scan the seed folder and store new and changed items."""
    settings = app.settings()
    with opened(settings) as db, progress_bar(not as_json) as progress:
        report = ingest(settings, db, now=datetime.now(UTC), progress=progress, reparse=reparse)
        orphans = len(list_orphans(settings, db)) if reparse else None
    if as_json and orphans is not None:
        click.echo(json.dumps(report.as_dict() | {"orphans": orphans}, ensure_ascii=False))
        return
    print_ingest_report(report, as_json)
    if orphans:
        click.echo(f"{orphans} stored items no seed file yields any more: publisher items orphans")


@cli.command("build")
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
