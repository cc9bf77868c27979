"""Choosing a page's layout: read it every way, keep the reading that explains most text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import datetime

from publisher.core.errors import SeedError
from publisher.core.models import PageHints, ParseResult
from publisher.ingest.parsing.archive import AUTHOR_ARCHIVE, find_header
from publisher.ingest.parsing.dates import load_zone
from publisher.ingest.parsing.drafts import Candidate, Draft, finalise
from publisher.ingest.parsing.explain import line_roles
from publisher.ingest.parsing.lines import Unit, read_all_units, without_furniture
from publisher.ingest.parsing.listing import LISTING, LISTING_BYLINES, parse_listing
from publisher.ingest.parsing.longpage import LONG_PAGE, parse_long_page
from publisher.ingest.parsing.masthead import find_publication
from publisher.ingest.parsing.reading import PageReading, read_page
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LABEL, META, TITLE, symbols
from publisher.ingest.parsing.teasers import TEASERS, parse_teasers

LAYOUTS = (LISTING, LISTING_BYLINES, TEASERS, AUTHOR_ARCHIVE, LONG_PAGE)
# Within this much fit, the earlier layout wins: a listing's structure is the
# stronger claim, a long page the weakest.
_TIE = 0.02


_NO_HINTS = PageHints()
_NOT_TITLES = (FURNITURE, META, BYLINE, LABEL)


def parse_page(
    text: str,
    *,
    hints: PageHints = _NO_HINTS,
    name: str = "<seed>",
    saved: datetime | None = None,
) -> ParseResult:
    """The items on a page, in page order, with the layout chosen and the reasons.

    ``saved`` is when the page was saved (its file's modification time): relative
    dates ("2 hours ago", "MAR 4") are read against it.  Raises SeedError (naming
    ``name``) when the hints are unusable or no item is found.
    """
    if hints.layout is not None and hints.layout not in LAYOUTS:
        expected = ", ".join(LAYOUTS)
        raise SeedError(f"unknown layout {hints.layout!r}; expected one of {expected}", path=name)
    try:
        zone = load_zone(hints.timezone)
    except ValueError as exc:
        raise SeedError(str(exc), path=name) from exc
    units = read_all_units(text, day_first=hints.day_first, saved=saved)
    syms, reasons = symbols(units, saved)
    page = read_page(units, syms, reasons)
    chosen, old_reasons, warnings = _choose(without_furniture(units, hints.day_first), hints.layout)
    old = chosen.build() if chosen.count else []
    if hints.layout is None and _prefer_records(units, syms, page, old):
        layout, drafts, roles = page.layout, page.drafts, page.roles
        old_reasons, warnings = page.reasons, []
    else:
        layout, drafts = chosen.layout, old
        roles = _layout_roles(units, syms, reasons, old)
    if not drafts:
        raise SeedError("no items found", path=name)
    items = tuple(finalise(draft, zone, hints.author) for draft in drafts)
    return ParseResult(
        layout=layout,
        items=items,
        reasons=tuple(old_reasons),
        warnings=tuple(warnings),
        publication=find_publication(units, syms),
        lines=line_roles(text, units, roles),
    )


def _prefer_records(
    units: list[Unit], syms: list[str], page: PageReading, old: list[Draft]
) -> bool:
    """Whether the record pattern reads the page better than the layout readers do.

    The layout readers are kept where they read cleanly; the record pattern wins where
    they take a line that is furniture, metadata, a byline or a label for a title, or
    where its records carry more authors and dates.
    """
    if not page.drafts or (len(page.drafts) < 2 and page.layout != LONG_PAGE):
        return False
    if not old:
        return True
    symbol_at = {unit.line: symbol for unit, symbol in zip(units, syms, strict=True)}
    if any(symbol_at.get(draft.line, TITLE) in _NOT_TITLES for draft in old):
        return True
    signed_old = sum(1 for d in old if d.author is not None or d.published is not None)
    signed_new = sum(1 for d in page.drafts if d.author is not None or d.published is not None)
    return signed_new > signed_old and len(page.drafts) <= len(old)


def _layout_roles(
    units: list[Unit], syms: list[str], reasons: list[str], drafts: list[Draft]
) -> list[str]:
    """Each unit's role in a layout reader's items: the item whose lines it lies among."""
    starts = [draft.line for draft in drafts]
    roles: list[str] = []
    for unit, symbol, reason in zip(units, syms, reasons, strict=True):
        number = bisect_right(starts, unit.line)
        if symbol == FURNITURE:
            roles.append(reason)
        elif number == 0:
            roles.append(reason or "furniture (before the first item)")
        else:
            part = "title" if unit.line == starts[number - 1] else "text"
            roles.append(f"item {number}: {part}")
    return roles


def _choose(units: list[Unit], forced: str | None) -> tuple[Candidate, list[str], list[str]]:
    """The best reading of ``units`` (or the forced one), the reasons and any warnings."""
    header = find_header(units) if forced in (None, AUTHOR_ARCHIVE) else None
    if header is not None:
        rest = units[header.consumed :]
        candidates = [parse_listing(rest), parse_teasers(rest)]
        best = _best(candidates)
        author = header.author

        def build() -> list[Draft]:
            return [replace(d, author=author) for d in best.build()]

        chosen = Candidate(AUTHOR_ARCHIVE, best.count, best.fit, header.reason, build)
        return chosen, [_chose(chosen), header.reason, *_explain(candidates)], []
    warnings = []
    if forced == AUTHOR_ARCHIVE:
        warnings.append("layout author-archive was forced but no archive header was found")
    candidates = _readings(units, forced)
    chosen = _best(candidates)
    if forced in (LISTING, LISTING_BYLINES):
        chosen = replace(chosen, layout=forced)
    return chosen, [_chose(chosen), *_explain(candidates)], warnings


def _readings(units: list[Unit], forced: str | None) -> list[Candidate]:
    """Each layout's reading of the page, in order of preference on a tie."""
    if forced == TEASERS:
        return [parse_teasers(units)]
    if forced == LONG_PAGE:
        return [parse_long_page(units)]
    if forced is not None:
        return [parse_listing(units)]
    return [parse_listing(units), parse_teasers(units), parse_long_page(units)]


def _best(candidates: list[Candidate]) -> Candidate:
    """The candidate with the best fit; near-ties go to the earlier one."""
    best = candidates[0]
    for candidate in candidates[1:]:
        if candidate.fit > best.fit + _TIE:
            best = candidate
    return best


def _chose(candidate: Candidate) -> str:
    """The headline reason: which layout and how many items."""
    return f"chose {candidate.layout}: {candidate.count} items, fit {candidate.fit:.2f}"


def _explain(candidates: list[Candidate]) -> list[str]:
    """One line per reading tried, with its fit."""
    return [f"{c.reason}; fit {c.fit:.2f}" for c in candidates]
