"""Commands for content: init, parse, ingest."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from publisher.cli.app import (
    AppContext,
    item_json,
    opened,
    print_ingest_report,
    progress_bar,
    read_file,
)
from publisher.core.errors import SeedError
from publisher.core.models import PageHints, ParseResult
from publisher.core.settings import LAYOUTS
from publisher.ingest.explanation import (
    FURNITURE,
    HEADER,
    PATTERN_LEGEND,
    Explanation,
)
from publisher.ingest.explanation import explain as explain_page
from publisher.ingest.pipeline import ingest, list_orphans, parse_seed_bytes, saved_at, source_for
from publisher.scaffold import init_site


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), default=".")
def init(directory: Path) -> None:
    """Create a site folder: publisher.toml, seeds/ and editable templates."""
    for path in init_site(directory):
        click.echo(f"created {path}")


@click.command()
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


@click.command("ingest")
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


def hints_for(app: AppContext, file: Path) -> PageHints:
    settings = app.settings(site=False)
    try:
        relative = file.resolve().relative_to(settings.paths.seeds.resolve()).as_posix()
    except ValueError:
        relative = file.name
    return source_for(settings, relative).hints


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
