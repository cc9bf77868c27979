"""The labeller's second opinion on a listing's items: those it is sure are no titles go,
and lines the rules left out that it is sure are titles come in, each with the author and
date the rules' own readers find in its record.

The rules read authors and dates better than the labeller, and it finds titles on unseen
sites better than they do (README, Development): so the labeller only moves titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from publisher.ingest.parsing.archive import AUTHOR_ARCHIVE
from publisher.ingest.parsing.drafts import Draft, read_standfirst
from publisher.ingest.parsing.labeller import Labeller, Tagged
from publisher.ingest.parsing.linefeatures import TITLE as TITLE_LABEL
from publisher.ingest.parsing.linefeatures import TITLE_MORE
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.reading import PageReading, merge_bylines
from publisher.ingest.parsing.roles import BYLINE, TEXT, TITLE, byline_of
from publisher.ingest.parsing.text import derive_title

NOT_A_TITLE: Final = "furniture (not a title: labeller)"
_ITEM_ROLE: Final = re.compile(r"item (\d+): (.+)")
_BELOW: Final = 4  # lines under an added title that may hold its byline and date
_ABOVE: Final = 2  # lines over it, where the page's records carry their byline above
_SHOWN: Final = 3  # titles named in a reason


@dataclass
class _Item:
    """One item as the opinion handles it: its title's unit, its draft and its lines."""

    title: int
    draft: Draft
    category: str | None
    fields: dict[int, str] = field(default_factory=dict)  # unit index -> field


def second_opinion(
    units: list[Unit], syms: list[str], page: PageReading, labeller: Labeller, tagged: Tagged
) -> list[int]:
    """Drop the rules' items the labeller doubts, add the titles it is sure they missed
    (``page`` changed in place); return the units whose title probability it weighed."""
    items = _items(page)
    free = [i for i, role in enumerate(page.roles) if not _in_item(role)]
    p = tagged.title_p
    kept = [item for item in items if p[item.title] >= labeller.reject]
    if len(items) < 2 or not kept:
        kept = items
    dropped = [item for item in items if item not in kept]
    for item in dropped:
        for i in item.fields:
            page.roles[i] = NOT_A_TITLE
    added = _added(units, syms, page, tagged, free, labeller.accept)
    _fill(units, syms, page, kept, added)
    merged = sorted([*kept, *added], key=lambda item: item.title)
    for number, item in enumerate(merged, start=1):
        for i, name in item.fields.items():
            page.roles[i] = f"item {number}: {name}"
    page.drafts = [item.draft for item in merged]
    page.categories = [item.category for item in merged]
    page.reasons.extend(_reasons(dropped, added, p, labeller))
    return sorted([*(item.title for item in items), *free])


def _in_item(role: str) -> bool:
    """Whether a role puts its line in an item or an archive's header."""
    return role.startswith(("item ", "article ", "archive header"))


def _items(page: PageReading) -> list[_Item]:
    """The rules' items with the units each holds, from their roles."""
    titles = [next(i for i, name in r.roles.items() if name == "title") for r in page.records]
    categories = page.categories or [None] * len(page.drafts)
    items = [
        _Item(title, draft, category)
        for title, draft, category in zip(titles, page.drafts, categories, strict=True)
    ]
    for i, role in enumerate(page.roles):
        match = _ITEM_ROLE.fullmatch(role)
        if match is not None:
            items[int(match.group(1)) - 1].fields[i] = match.group(2)
    return items


def _added(
    units: list[Unit],
    syms: list[str],
    page: PageReading,
    tagged: Tagged,
    free: list[int],
    accept: float,
) -> list[_Item]:
    """Lines outside the items the labeller is ``accept`` sure open a title (a title
    wrapped over more lines joined up), not yet given their fields."""
    labels, p = tagged.labels, tagged.title_p
    open_lines = set(free)
    added: list[_Item] = []
    for i in free:
        if i not in open_lines or p[i] < accept or units[i].byline is not None:
            continue
        opens = labels[i] == TITLE_LABEL or (
            labels[i] == TITLE_MORE and (i == 0 or labels[i - 1] not in (TITLE_LABEL, TITLE_MORE))
        )
        if not opens:
            continue
        unit = units[i]
        text = derive_title(unit.text) if unit.sentence else unit.text
        item = _Item(i, Draft(text, unit.line), None, {i: "title"})
        open_lines.discard(i)
        more = i + 1
        while more in open_lines and labels[more] == TITLE_MORE and p[more] >= accept:
            item.draft = Draft(f"{item.draft.title} {units[more].text}", unit.line)
            item.fields[more] = "title"
            open_lines.discard(more)
            more += 1
        added.append(item)
    return added


def _fill(
    units: list[Unit], syms: list[str], page: PageReading, kept: list[_Item], added: list[_Item]
) -> None:
    """Each added item's standfirst, author and date from the lines of its record: under
    its title up to the next item (and over it, where the page's records carry their byline
    over the title), read by the rules' byline readers with the rules' precedence."""
    taken = {i for item in [*kept, *added] for i in item.fields}
    above = _bylines_above(page.pattern)
    owner = _archive_owner(page, kept)
    for item in added:
        lines = sorted(item.fields)
        over = [j for j in range(lines[0] - 1, lines[0] - 1 - _ABOVE, -1) if j >= 0] if above else []
        over = _until_taken(over, taken)[::-1]
        under = _until_taken(list(range(lines[-1] + 1, min(len(units), lines[-1] + 1 + _BELOW))), taken)
        bylines = [j for j in [*over, *under] if syms[j] == BYLINE]
        standfirst = under[0] if under and under[0] == lines[-1] + 1 and syms[under[0]] == TEXT else None
        summary, author = (None, None)
        if standfirst is not None:
            summary, author = read_standfirst(units[standfirst].text)
            item.fields[standfirst] = "standfirst"
        byline = merge_bylines([byline_of(units[j], syms[j]) for j in bylines])
        for j in bylines:
            item.fields[j] = "byline"
        taken.update(item.fields)
        item.draft = Draft(
            title=item.draft.title,
            line=item.draft.line,
            summary=summary,
            author=author or (byline.author if byline else None) or owner,
            published=byline.published if byline else None,
        )


def _until_taken(lines: list[int], taken: set[int]) -> list[int]:
    """``lines`` up to the first that another item holds."""
    out: list[int] = []
    for j in lines:
        if j in taken:
            break
        out.append(j)
    return out


def _bylines_above(pattern: tuple[str, ...]) -> bool:
    """Whether the page's records carry a byline or date over their title."""
    return TITLE in pattern and BYLINE in pattern[: pattern.index(TITLE)]


def _archive_owner(page: PageReading, kept: list[_Item]) -> str | None:
    """On an author's archive, the author every item of it names."""
    if page.layout != AUTHOR_ARCHIVE:
        return None
    authors = {item.draft.author for item in kept}
    return authors.pop() if len(authors) == 1 else None


def _reasons(dropped: list[_Item], added: list[_Item], p: list[float], labeller: Labeller) -> list[str]:
    """What the labeller changed, for ``parse --explain``."""
    out: list[str] = []
    if dropped:
        out.append(
            f"labeller: dropped {len(dropped)} items it gives under {labeller.reject:g} title "
            f"probability: {_named(dropped, p)}"
        )
    if added:
        out.append(
            f"labeller: added {len(added)} titles the rules left out that it is "
            f"{labeller.accept:g} sure of: {_named(added, p)}"
        )
    return out


def _named(items: list[_Item], p: list[float]) -> str:
    """The first few items' titles with their title probability."""
    shown = [f"{item.draft.title!r} ({p[item.title]:.3f})" for item in items[:_SHOWN]]
    more = len(items) - _SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
