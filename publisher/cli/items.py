"""Commands about stored items: which ones no seed file yields any more."""

from __future__ import annotations

import json

import click

from publisher.cli.app import AppContext, cli, opened, orphan_json
from publisher.ingest.pipeline import list_orphans


@cli.group()
def items() -> None:
    """Review stored items."""


@items.command("orphans")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def items_orphans(app: AppContext, as_json: bool) -> None:
    """Stored items no seed file yields any more (after a parser upgrade, or a page removed).

    They stay published; review them, and delete or keep them as you see fit.
    """
    settings = app.settings()
    with opened(settings) as db:
        orphans = list_orphans(settings, db)
    if as_json:
        data = [orphan_json(item) for item in orphans]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for item in orphans:
        click.echo(f"{item.id}\t{item.source}\t{item.seed_path or ''}\t{item.title}")
    click.echo(f"{len(orphans)} items no seed file yields any more", err=True)
