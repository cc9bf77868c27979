"""A page to items: its lines read, each given a role, and the page read by its own
record pattern (or as one article); forced layouts come from the source's settings."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Final, NamedTuple

from publisher.core.errors import SeedError
from publisher.core.models import PageHints, ParsedItem, ParseResult
from publisher.ingest.parsing.archive import AUTHOR_ARCHIVE
from publisher.ingest.parsing.coauthors import recurring_writer
from publisher.ingest.parsing.context import symbols
from publisher.ingest.parsing.dates import load_zone, page_day_first
from publisher.ingest.parsing.drafts import Draft, finalise
from publisher.ingest.parsing.explain import line_roles
from publisher.ingest.parsing.forms import read_forms
from publisher.ingest.parsing.headlines import mixed_sizes
from publisher.ingest.parsing.labeller import Labeller, packaged
from publisher.ingest.parsing.lines import Unit, read_all_units, remade, split_inline
from publisher.ingest.parsing.links import attach_links, parse_links
from publisher.ingest.parsing.longpage import LONG_PAGE
from publisher.ingest.parsing.masthead import (
    find_owner,
    find_publication,
    mark_masthead,
    unsign_caps_kickers,
    unsign_sections,
)
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.opinion import could_change, second_opinion
from publisher.ingest.parsing.reading import (
    LISTING,
    LISTING_BYLINES,
    TEASERS,
    PageReading,
    read_page,
)
from publisher.ingest.parsing.relative import wall_clock
from publisher.ingest.parsing.serials import title_dated_serials
from publisher.ingest.parsing.tails import cut_repeated_links, read_apart_dates

_OWNER_WORDS: Final = 3  # a site named after a person: "Ines Moreau", "Mair Llewelyn"
_FEW_SIGNED: Final = 0.6  # a front page signs fewer of its teasers than this share
_FEW_DATED: Final = 0.4  # ... and dates fewer than this
LAYOUTS: Final = (LISTING, LISTING_BYLINES, TEASERS, AUTHOR_ARCHIVE, LONG_PAGE)
_NO_HINTS: Final = PageHints()
_PACKAGED: Final = packaged()


def parse_page(
    text: str,
    *,
    hints: PageHints = _NO_HINTS,
    name: str = "<seed>",
    saved: datetime | None = None,
    labeller: Labeller | None = _PACKAGED,
) -> ParseResult:
    """The items on a page, in page order, with the layout chosen and the reasons.

    ``saved`` is when the page was saved (its file's modification time): relative
    dates ("2 hours ago", "MAR 4") are read against it.  ``labeller`` gives a second
    opinion on a listing's titles (None: the rules alone; bench/labeller_trial.py passes
    one trained on part of the corpus).  Raises SeedError (naming
    ``name``) when the hints are unusable or no item is found.
    """
    if hints.layout is not None and hints.layout not in LAYOUTS:
        expected = ", ".join(LAYOUTS)
        raise SeedError(f"unknown layout {hints.layout!r}; expected one of {expected}", path=name)
    try:
        zone = load_zone(hints.timezone)
    except ValueError as exc:
        raise SeedError(str(exc), path=name) from exc
    links = parse_links(text)  # link markup out, line for line; the URLs kept for the items
    text = links.text
    # a page of "02/27/2025" is month first; a source set to month first stays so
    day_first = hints.day_first and page_day_first(text)
    lines = read_lines(text, day_first=day_first, saved=saved)
    units, syms = lines.units, lines.syms
    page = read_page(units, syms, lines.reasons, hints.layout)
    weighed: list[tuple[int, float]] = []
    if labeller is not None and hints.layout is None and page.records and could_change(units, page):
        tagged = labeller.tag(units, syms)
        consulted = second_opinion(units, syms, page, labeller, tagged)
        weighed = [(units[i].line, tagged.title_p[i]) for i in consulted]
    if not page.drafts:
        raise SeedError("no items found", path=name)
    if page.layout in (LISTING, LISTING_BYLINES):
        page.drafts = _not_by_the_publication(page.drafts, lines.publication)
    drafts = _by_owner(page, units) if hints.author is None else page.drafts
    items = tuple(finalise(draft, zone, hints.author, saved) for draft in drafts)
    layout = _undated(page.layout, items) if hints.layout is None else page.layout
    if hints.layout is None and (_front_page(layout, items, page) or _signed_here(layout, items)):
        layout = TEASERS  # a front page: kickers over teasers of mixed sizes
    if hints.layout is None and _one_persons_work(layout, items):
        layout = AUTHOR_ARCHIVE
    if layout != page.layout:
        why = " (a front page's teasers)" if layout == TEASERS else " (its dates an event's)"
        why = " (one writer among every item's)" if layout == AUTHOR_ARCHIVE else why
        page.reasons[0] = page.reasons[0].replace(page.layout, layout, 1) + why
    items = attach_links(items, links, layout)
    return ParseResult(
        layout=layout,
        items=items,
        reasons=tuple(page.reasons),
        warnings=tuple(page.warnings),
        publication=lines.publication,
        lines=line_roles(text, units, page.roles),
        title_p=_by_line(weighed),
    )


class Lines(NamedTuple):
    """A page's units and their symbols as the record finder and the labeller read them."""

    units: list[Unit]
    syms: list[str]
    reasons: list[str]  # why a line is furniture or metadata ("" for the others)
    publication: str | None


def read_lines(text: str, *, day_first: bool = True, saved: datetime | None = None) -> Lines:
    """The page's logical lines (link markup already out), each with its symbol, and the
    publication's name the page states (its masthead marked); relative dates are read on
    the clock of the page's save time (``saved``), in its own offset."""
    saved = wall_clock(saved)
    units = split_inline(read_all_units(text, day_first=day_first, saved=saved), day_first, saved)
    units = cut_repeated_links(units, lambda unit, cut: remade(unit, cut, day_first, saved))
    units = read_apart_dates(units, lambda unit, cut: remade(unit, cut, day_first, saved))
    units = read_forms(units, lambda unit, text: remade(unit, text, day_first, saved))
    syms, reasons = symbols(units, saved)
    publication = find_publication(units, syms)
    mark_masthead(units, syms, reasons, publication)
    unsign_sections(units, syms)
    unsign_caps_kickers(units)
    title_dated_serials(units, syms, reasons)
    return Lines(units, syms, reasons, publication)


def _by_line(weighed: list[tuple[int, float]]) -> tuple[tuple[int, float], ...]:
    """The labeller's title probability per page line (a line split in two: its higher)."""
    best: dict[int, float] = {}
    for line, p in weighed:
        best[line] = max(best.get(line, 0.0), round(p, 3))
    return tuple(sorted(best.items()))


def _by_owner(page: PageReading, units: list[Unit]) -> list[Draft]:
    """A personal site's listing that signs none of its posts: each is by the site's owner."""
    if page.layout not in (LISTING, LISTING_BYLINES) or any(d.author for d in page.drafts):
        return page.drafts
    owner = find_owner(units, page.roles)
    if owner is None:
        return page.drafts
    page.reasons.append(f"every item by {owner}: the site is theirs")
    return [dataclasses.replace(draft, author=owner) for draft in page.drafts]


def _not_by_the_publication(drafts: list[Draft], publication: str | None) -> list[Draft]:
    """A listing's items signed with the publication's own name ("Publicado … por Asamblea
    de Vivienda" on the Asamblea de Vivienda de Carabanchel's site) name no writer."""
    if not publication or (is_name(publication) and len(publication.split()) <= _OWNER_WORDS):
        return drafts  # a personal site named after its owner: the owner writes it
    own = publication.casefold()
    return [
        dataclasses.replace(d, author=None)
        if d.author and " and " not in d.author and own.startswith(d.author.casefold())
        else d
        for d in drafts
    ]


def _front_page(layout: str, items: tuple[ParsedItem, ...], page: PageReading) -> bool:
    """Whether a listing is a front page's teasers: kickers over records of mixed sizes,
    some a headline alone; signed here and there, they are still teasers when no item is
    dated (a listing with bylines dates its pieces)."""
    if layout == LISTING_BYLINES and any(item.published for item in items):
        return False
    return layout in (LISTING, LISTING_BYLINES) and mixed_sizes(page.records)


def _signed_here(layout: str, items: tuple[ParsedItem, ...]) -> bool:
    """Whether a listing signs and dates its items only here and there: a listing is bare
    titles (perhaps a line of text under each), a listing with bylines signs or dates
    most of its pieces; a page signing a few and dating fewer is a front page's teasers."""
    if layout == LISTING:
        # a writer named in the text under a title ("…, argues Ian Lavery.") signs no teaser
        return any(_signed_apart(item) or item.published for item in items)
    if layout != LISTING_BYLINES or not items:
        return False
    signed = sum(1 for item in items if item.author) / len(items)
    dated = sum(1 for item in items if item.published) / len(items)
    return signed < _FEW_SIGNED and dated < _FEW_DATED


def _signed_apart(item: ParsedItem) -> bool:
    """Whether an item names its writer on a line of its own, not in its text."""
    return item.author is not None and item.author not in (item.summary or "")


def _one_persons_work(layout: str, items: tuple[ParsedItem, ...]) -> bool:
    """Whether a listing's items all name one person among their writers, some beside
    others (a research repository's author page): that person's work, read as their
    archive, each item keeping its own writers."""
    if layout not in (LISTING, LISTING_BYLINES):
        return False
    return recurring_writer([item.author for item in items]) is not None


def _undated(layout: str, items: tuple[ParsedItem, ...]) -> str:
    """A listing whose dates were all an event's (later than the page was saved) and that
    names no authors is a plain listing, not one with bylines."""
    if layout != LISTING_BYLINES:
        return layout
    signed = sum(1 for item in items if item.author or item.published)
    return LISTING if signed * 2 < len(items) else layout
