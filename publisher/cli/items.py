"""Commands for editorial control: list items, hide or show them, find those orphaned."""

from __future__ import annotations

import json

import click

from publisher import store
from publisher.cli.app import AppContext, opened, orphan_json
from publisher.ingest.pipeline import list_orphans


@click.group()
def items() -> None:
    """Find items and take them out of (or back into) feeds, pages and digests."""


@items.command("list")
@click.option("--limit", type=int, default=50, show_default=True, help="How many, newest first.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def items_list(app: AppContext, limit: int, as_json: bool) -> None:
    """The newest items with their ids, source and whether they are hidden."""
    with opened(app.settings()) as db:
        rows = store.list_items_with_state(db, limit=limit)
    if as_json:
        data = [
            {"id": i.id, "title": i.title, "source": i.source, "hidden": hidden,
             "published": i.publication_date.isoformat() if i.publication_date else None,
             "found": i.first_seen.isoformat()}
            for i, hidden in rows
        ]  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for item, hidden in rows:
        click.echo(f"{item.id}\t{item.source}\t{'hidden' if hidden else 'shown'}\t{item.title}")


@items.command("hide")
@click.argument("item_ids", nargs=-1, required=True)
@click.pass_obj
def items_hide(app: AppContext, item_ids: tuple[str, ...]) -> None:
    """Take items out of feeds, pages and digests at the next build (re-scans keep them out)."""
    with opened(app.settings()) as db:
        for item in store.set_hidden(db, item_ids, True):
            click.echo(f"hidden {item.id}: {item.title}")
    click.echo("the next build (or the running service) takes them off the site")


@items.command("unhide")
@click.argument("item_ids", nargs=-1, required=True)
@click.pass_obj
def items_unhide(app: AppContext, item_ids: tuple[str, ...]) -> None:
    """Put hidden items back at the next build."""
    with opened(app.settings()) as db:
        for item in store.set_hidden(db, item_ids, False):
            click.echo(f"shown again {item.id}: {item.title}")


@items.command("orphans")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_obj
def items_orphans(app: AppContext, as_json: bool) -> None:
    """Stored items no seed file yields any more (after a parser upgrade, or a page removed).

    They stay published; review them, and take off the site those you do not want with
    ``publisher items hide ID``.
    """
    settings = app.settings()
    with opened(settings) as db:
        orphans = list_orphans(settings, db)
        hidden = store.find_hidden(db, [item.id for item in orphans])
    if as_json:
        data = [orphan_json(item, item.id in hidden) for item in orphans]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for item in orphans:
        state = "hidden" if item.id in hidden else "shown"
        click.echo(f"{item.id}\t{item.source}\t{state}\t{item.seed_path or ''}\t{item.title}")
    shown = len(orphans) - len(hidden)
    click.echo(f"{len(orphans)} items no seed file yields any more, {shown} still shown", err=True)
