"""The labeller's second opinion on a listing's items: those it is sure are no titles go,
and lines the rules left out that it is sure are titles come in, each with the author and
date the rules' own readers find in its record.

The rules read authors and dates better than the labeller, and it finds titles on unseen
sites better than they do (README, Development): so the labeller only moves titles.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from publisher.ingest.parsing.archive import AUTHOR_ARCHIVE
from publisher.ingest.parsing.bylines import Byline, opens_by
from publisher.ingest.parsing.drafts import Draft, read_standfirst
from publisher.ingest.parsing.labeller import Labeller, Tagged
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.reading import TEASERS, PageReading, merge_bylines
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, META, TEXT, byline_of
from publisher.ingest.parsing.text import derive_title

NOT_A_TITLE: Final = "furniture (not a title: labeller)"
_ITEM_ROLE: Final = re.compile(r"item (\d+): (.+)")
_BELOW: Final = 4  # lines under an added title that may hold its byline and date
_ABOVE: Final = 3  # lines over it, where the page's records carry their byline above
_SHOWN: Final = 3  # titles named in a reason
_FEW: Final = 5  # on a page of fewer items the labeller sees too little of its pattern to drop one
_FIELDS: Final = ("byline", "date heading")
_NO_BYLINE: Final = Byline(None, None)
_SIGNATURE_WORDS: Final = 4  # a signature's line read as a title: "Towards Data Science"


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
    free = _free(page)
    p = tagged.title_p
    doubted = _droppable(items, page.layout)
    dropped = [item for item in doubted if p[item.title] < labeller.reject]
    if len(dropped) == len(items):
        dropped = []  # the labeller would leave the page empty: it is no judge of it
    for item in dropped:
        for i in item.fields:
            page.roles[i] = NOT_A_TITLE
    kept = [item for item in items if item not in dropped]
    _signatures_down(units, syms, dropped, kept)
    _records_rejoined(units, syms, dropped, kept)
    _bylines_up(units, syms, page, kept)
    added = _added(units, tagged, free, labeller.accept)
    added = _headlines_over(units, p, labeller.reject, kept, added)
    _fill(units, syms, page, kept, added)
    merged = sorted([*kept, *added], key=lambda item: item.title)
    for number, item in enumerate(merged, start=1):
        for i, name in item.fields.items():
            page.roles[i] = f"item {number}: {name}"
    page.drafts = [item.draft for item in merged]
    page.categories = [item.category for item in merged]
    page.reasons.extend(_reasons(dropped, added, p, labeller))
    return sorted([*(item.title for item in items), *free])


def _signatures_down(
    units: list[Unit], syms: list[str], dropped: list[_Item], kept: list[_Item]
) -> None:
    """The name a dropped item held signs the kept item right under it where that one names
    no writer: the rules read a signature over its title ("Nadia Okonkwo" / "in" /
    "Towards Data Science" / "· 4 days ago") as a record of its own."""
    gone = {j for item in dropped for j in item.fields}
    for item in dropped:
        others = [units[j].text for j in item.fields if syms[j] != BYLINE]
        if any(len(text.split()) > _SIGNATURE_WORDS for text in others):
            continue  # a headline the labeller doubts, not a signature's line
        lines = sorted(j for j in item.fields if syms[j] == BYLINE)
        byline = merge_bylines([byline_of(units[j], syms[j]) for j in lines])
        if byline is None or byline.author is None:
            continue
        end = max(item.fields)
        below = next((k for k in kept if k.title > end), None)
        if below is None or below.draft.author is not None:
            continue
        if any(syms[j] not in (FURNITURE, META) and j not in gone for j in range(end, below.title)):
            continue  # something stands between: the name is not the item's
        below.draft = dataclasses.replace(below.draft, author=byline.author)
        for j in lines:
            below.fields[j] = "byline"


def _records_rejoined(
    units: list[Unit], syms: list[str], dropped: list[_Item], kept: list[_Item]
) -> None:
    """A dropped item in the block of the kept item over it was a piece of that item's
    record read as a record of its own (its standfirst taken for a title, with the byline
    and date under it: "Title" / "Standfirst" / "By Name" / "Political Editor" / "Tuesday
    4th March 2025"): its byline and date complete the item where it lacks them."""
    taken = {j for item in kept for j in item.fields}
    for item in dropped:
        above = next((k for k in reversed(kept) if k.title < item.title), None)
        if above is None or units[above.title].block != units[item.title].block:
            continue
        lines = sorted(j for j in item.fields if syms[j] == BYLINE and j not in taken)
        byline = merge_bylines([byline_of(units[j], syms[j]) for j in lines])
        if byline is None:
            continue
        draft = above.draft
        author = draft.author or byline.author
        published = draft.published or byline.published
        if author == draft.author and published == draft.published:
            continue
        above.draft = dataclasses.replace(draft, author=author, published=published)
        for j in lines:
            above.fields[j] = "byline"
        taken.update(lines)


def _bylines_up(units: list[Unit], syms: list[str], page: PageReading, kept: list[_Item]) -> None:
    """A by-line right under an item's last line, in its block, that no item holds ("Von
    Martin Ruhdorfer", "By Marc Tremblay, National President") names the item's writer,
    over a name the rules read above its title (a kicker such as "Landtagswahl Steiermark")."""
    for item in kept:
        under = max(item.fields) + 1
        if under >= len(units) or units[under].block != units[item.title].block:
            continue
        if _in_item(page.roles[under]) or syms[under] != BYLINE:
            continue
        byline = units[under].byline
        if byline is None or byline.author is None or not opens_by(units[under].text):
            continue
        item.draft = dataclasses.replace(item.draft, author=byline.author)
        item.fields[under] = "byline"


def could_change(units: list[Unit], page: PageReading) -> bool:
    """Whether the labeller's opinion could change the page's items, decided before any line
    is tagged: a line outside them that it could add (no byline or date line), or an item it
    could drop (out of the page's own record pattern, on a page of five items or more)."""
    if any(units[i].byline is None for i in _free(page)):
        return True
    return bool(_droppable(_items(page), page.layout))


def _free(page: PageReading) -> list[int]:
    """The lines outside the rules' items."""
    return [i for i, role in enumerate(page.roles) if not _in_item(role)]


def _droppable(items: list[_Item], layout: str) -> list[_Item]:
    """The items the labeller's doubt may drop: those out of the record shape most of the
    page's items share, on a page of five items or more (a teaser's title is derived from
    its text, a short page shows too little of its pattern: the labeller is no judge)."""
    if len(items) < _FEW or layout == TEASERS:
        return []
    common = _commonest_shape(items)
    return [item for item in items if _shape(item) != common]


def _shape(item: _Item) -> tuple[str, ...]:
    """The fields an item's record holds."""
    return tuple(sorted(set(item.fields.values())))


def _commonest_shape(items: list[_Item]) -> tuple[str, ...] | None:
    """The record shape most of the page's items share: the page's own pattern, which the
    labeller does not overrule (its doubt weighs only on records out of that pattern)."""
    shapes = Counter(_shape(item) for item in items)
    if not shapes:
        return None
    shape, count = shapes.most_common(1)[0]
    return shape if 2 * count > len(items) else None


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
        match = _ITEM_ROLE.fullmatch(role) if role.startswith("item ") else None
        if match is not None:
            items[int(match.group(1)) - 1].fields[i] = match.group(2)
    return items


def _added(units: list[Unit], tagged: Tagged, free: list[int], accept: float) -> list[_Item]:
    """Lines outside the items the labeller is ``accept`` sure are titles (never a byline
    or date line), not yet given their fields."""
    added: list[_Item] = []
    for i in free:
        unit = units[i]
        if tagged.title_p[i] < accept or unit.byline is not None:
            continue
        text = derive_title(unit.text) if unit.sentence else unit.text
        added.append(_Item(i, Draft(text, unit.line), None, {i: "title"}))
    return added


def _headlines_over(
    units: list[Unit], p: list[float], reject: float, kept: list[_Item], added: list[_Item]
) -> list[_Item]:
    """An added title right over a kept item's title in its block, where the labeller doubts
    that one, is the record's headline, and the doubted line its standfirst (the rules read
    "Headline" / "Standfirst" / "di NAME" / "DATE" one line late): the kept item takes the
    headline. The added titles left over are returned."""
    below = {item.title: item for item in kept}
    left: list[_Item] = []
    for new in added:
        item = below.get(new.title + 1)
        if (
            item is None
            or p[item.title] >= reject
            or units[item.title].block != units[new.title].block
        ):
            left.append(new)
            continue
        standfirst = item.draft.summary or units[item.title].text
        del item.fields[item.title]
        item.fields[item.title] = "standfirst"
        item.fields[new.title] = "title"
        item.title = new.title
        item.draft = dataclasses.replace(
            item.draft, title=new.draft.title, line=new.draft.line, summary=standfirst
        )
    return left


def _fill(
    units: list[Unit], syms: list[str], page: PageReading, kept: list[_Item], added: list[_Item]
) -> None:
    """Each added item's standfirst, author and date from the lines of its record, where the
    page's own records carry their bylines (over the title, under it, how far), read by the
    rules' byline readers with the rules' precedence."""
    above, below = _reach(kept)
    _reclaim(units, syms, kept, added)
    taken = {i for item in [*kept, *added] for i in item.fields}
    owner = _archive_owner(page, kept)
    for item in added:
        first, last = item.title, max(i for i, name in item.fields.items() if name == "title")
        over = _until_taken(list(range(first - 1, max(-1, first - 1 - above), -1)), taken)
        under = _until_taken(list(range(last + 1, min(len(units), last + 1 + below))), taken)
        block = units[first].block
        if first and units[first - 1].block == block and not over:
            over = [first - 1] if first - 1 not in taken else []  # the title's block opens above it
        if last + 1 < len(units) and units[last + 1].block == block:
            under = [j for j in under if units[j].block == block]  # blank lines part the records
        own = [j for j, name in item.fields.items() if name == "byline"]
        bylines = sorted({*own, *(j for j in [*over, *under] if syms[j] == BYLINE)})
        next_line = under[0] if under and under[0] == last + 1 else None
        summary, author = (None, None)
        if next_line is not None and syms[next_line] == TEXT:
            summary, author = read_standfirst(units[next_line].text)
            item.fields[next_line] = "standfirst"
        byline = merge_bylines([byline_of(units[j], syms[j]) for j in bylines])
        signed = merge_bylines([byline_of(units[j], syms[j]) for j in bylines if j > last])
        if byline is not None and signed is not None and signed.author:
            # a byline under the title signs it, not a name over it (the paper's name as kicker)
            byline = Byline(signed.author, byline.published, byline.clock)
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


def _reclaim(units: list[Unit], syms: list[str], kept: list[_Item], added: list[_Item]) -> None:
    """Byline and date lines a rules' item took from outside its title's block that stand
    in an added title's block are the added item's (records read one line out of phase:
    "title, byline, text" and the next record's date); the rules' item is dated again
    from the lines it keeps."""
    blocks = {units[item.title].block: item for item in added}
    for item in kept:
        home = units[item.title].block
        moved = [
            j
            for j, name in item.fields.items()
            if name in _FIELDS and units[j].block != home and units[j].block in blocks
        ]
        for j in moved:
            del item.fields[j]
            blocks[units[j].block].fields[j] = "byline"
        if moved:
            left = [j for j, name in item.fields.items() if name in _FIELDS]
            byline = merge_bylines([byline_of(units[j], syms[j]) for j in sorted(left)])
            lost = {(byline_of(units[j], syms[j]) or _NO_BYLINE).author for j in moved}
            author = item.draft.author
            if author in lost:
                author = byline.author if byline else None
            published = byline.published if byline else None
            item.draft = dataclasses.replace(item.draft, author=author, published=published)


def _reach(kept: list[_Item]) -> tuple[int, int]:
    """How many lines over and under its title an item's bylines stand, as the page's own
    records show (over: only where most signed records carry one there)."""
    over: list[int] = []
    under: list[int] = []
    for item in kept:
        offsets = [i - item.title for i, name in item.fields.items() if name == "byline"]
        over.append(max((-d for d in offsets if d < 0), default=0))
        under.append(max((d for d in offsets if d > 0), default=0))
    signed = sum(1 for a, b in zip(over, under, strict=True) if a or b)
    if not signed:
        return 0, _BELOW
    above = max(over) if 2 * sum(1 for a in over if a) > signed else 0
    return min(above, _ABOVE), min(max(under), _BELOW) if any(under) else 0


def _until_taken(lines: list[int], taken: set[int]) -> list[int]:
    """``lines`` up to the first that another item holds."""
    out: list[int] = []
    for j in lines:
        if j in taken:
            break
        out.append(j)
    return out


def _archive_owner(page: PageReading, kept: list[_Item]) -> str | None:
    """On an author's archive, the author every item of it names (alone, or first among
    co-authors: "Hannah Clarke and Rob Mensah")."""
    if page.layout != AUTHOR_ARCHIVE:
        return None
    authors = {item.draft.author for item in kept}
    alone = {a for a in authors if a is not None and " and " not in a}
    if len(alone) != 1:
        return None
    owner = alone.pop()
    return owner if all(a is not None and a.startswith(owner) for a in authors) else None


def _reasons(
    dropped: list[_Item], added: list[_Item], p: list[float], labeller: Labeller
) -> list[str]:
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
