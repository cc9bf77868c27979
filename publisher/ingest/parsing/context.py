"""Each line's symbol in its page: its own (``roles.line_symbol``), then what the lines
around it say: stacked menus, appeal boxes, labels that recur, lone names where bylines
stand, runs of teasers, numbered titles and standfirsts by the page's shape."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from typing import Final

from publisher.ingest.parsing.authors import in_office, is_role
from publisher.ingest.parsing.boxes import in_boxes, is_box_heading
from publisher.ingest.parsing.bylines import Byline
from publisher.ingest.parsing.genres import genres_and_sources
from publisher.ingest.parsing.kickers import caps_label, kind_and_topics
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.lives import lives_headlines
from publisher.ingest.parsing.names import is_body_name, is_name, is_section_label
from publisher.ingest.parsing.relative import long_tail_date
from publisher.ingest.parsing.repeats import (
    badges_over_teasers,
    labels_under_titles,
    references_over_titles,
    repeated_fields,
    unsign_odd_fields,
)
from publisher.ingest.parsing.roles import (
    BYLINE,
    FURNITURE,
    LABEL,
    LIST,
    META,
    ROLE_UNDER_NAME,
    TEXT,
    TITLE,
    line_symbol,
    name_only,
)
from publisher.ingest.parsing.signoffs import dashed_sign_offs, sign_offs

_REPEATS: Final = 2
_ONE_LINE_BLOCKS: Final = 0.8
_MENU_RUN: Final = 3  # stacked one- or two-word lines that make a menu
_MENU_ENTRY: Final = 24
_BOX_LINES: Final = 3  # a box of an appeal or advert holds a call to action and a line or two
_TEASER_RUN: Final = 3  # lines of running text in one block that make it a run of teasers
_NAMES_OVER_TITLES: Final = 2  # names kept over titles that show where the page puts them
_HEADLINE_MAX: Final = 200  # a headline in a title's place, long as it may be
_ROLE_WORDS: Final = 4  # a job title under a name is a few words
_OFFICE_WORDS: Final = 10  # or an office and what it is for
_OFFICE_LINKS: Final = frozenset("for of für voor per de du des do da del della dello".split())
_HEADLINE_WORDS: Final = 4  # a line this long heading its own text block is a headline
PUBLISHED_IN: Final = "metadata (the publication a post ran in)"
_IN_WORDS: Final = frozenset("in en dans im em su op yn i på".split())
# a member's party and seat in brackets after the name: "(DFL-Rochester)", "(D-NM)", "(R, 3rd)"
_PARTY_SEAT: Final = re.compile(r"\s\([A-Z]{1,5}\s?[-–,]\s?[^()]{1,30}\)$")
_FURNITURE_BETWEEN: Final = 1  # lines of furniture between a numbered title and its text


def symbols(units: list[Unit], saved: datetime | None = None) -> tuple[list[str], list[str]]:
    """Each unit's symbol, and for furniture and metadata the reason (else "").

    A short line the date patterns do not read may still be a date in another form
    or language: dateparser reads those, and the unit gets the date as its byline.
    """
    out: list[str] = []
    reasons: list[str] = []
    for index, unit in enumerate(units):
        symbol, reason = line_symbol(unit)
        if symbol in (TITLE, META) and not unit.marker:
            value = long_tail_date(unit.text, saved)
            if value is not None:
                units[index] = unit._replace(byline=Byline(None, value))
                symbol, reason = BYLINE, "date"
        out.append(symbol)
        reasons.append(reason)
    references_over_titles(units, out, reasons)  # first: a title under one is no field
    repeated_fields(units, out, reasons, saved)
    genres_and_sources(units, out, reasons)
    unsign_odd_fields(units, out, reasons)
    sign_offs(units, out, reasons)
    dashed_sign_offs(units, out, reasons)
    badges_over_teasers(units, out, reasons)
    _stacked_menus(units, out, reasons)
    _appeal_boxes(units, out, reasons)
    _mark_labels(units, out, reasons)
    labels_under_titles(units, out, reasons)
    _names_in_context(units, out, reasons)
    lives_headlines(units, out, reasons)
    _teaser_runs(units, out)
    _numbered_titles(units, out)
    _standfirsts_by_shape(units, out)
    _headlines_by_shape(units, out)
    _one_title_a_row(units, out)
    return out, reasons


def _one_title_a_row(units: list[Unit], out: list[str]) -> None:
    """A table's row is one record: of the cells one line holds, the first title-like one
    is its headline and any later one its text ("Parties" then "Issue")."""
    for index in range(1, len(units)):
        if out[index] == TITLE and units[index].line == units[index - 1].line:
            first = index - 1
            while first > 0 and units[first - 1].line == units[index].line:
                first -= 1
            if TITLE in out[first:index]:
                out[index] = TEXT


def _boxed(units: list[Unit], out: list[str]) -> set[int]:
    """The lines in boxes the site names ("Most read", "Lo más leído"): a headline copied
    there is no label (``boxes`` takes the boxes after the records out of the reading)."""
    heads = [
        index
        for index, unit in enumerate(units)
        if out[index] != META and is_box_heading(unit.text)
    ]
    return set(in_boxes(units, out, heads)) if heads else set()


def _appeal_boxes(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A small block holding a call to action ("Give today", "Book online here!", "Subscribe")
    and no byline is a box: an appeal, an advert or a shop panel, not an item."""
    calls = {u.block for u in units if u.promoted or u.furniture == "block"}
    if not calls:
        return
    blocks: dict[int, list[int]] = {}
    for index, unit in enumerate(units):
        if unit.block in calls:
            blocks.setdefault(unit.block, []).append(index)
    for members in blocks.values():
        if len(members) > _BOX_LINES or any(out[i] == BYLINE for i in members):
            continue
        for i in members:
            if out[i] != FURNITURE:
                out[i] = FURNITURE
                reasons[i] = "furniture (an appeal, advert or shop panel)"


def _standfirsts_by_shape(units: list[Unit], out: list[str]) -> None:
    """Where the page's blocks are a title over running text, a block of two title-like
    lines is one more of them: its longer second line is the standfirst, though it
    lacks a full stop."""
    blocks: dict[int, list[int]] = {}
    for index, unit in enumerate(units):
        if out[index] != FURNITURE:
            blocks.setdefault(unit.block, []).append(index)
    shapes = Counter(tuple(out[i] for i in members[:2]) for members in blocks.values())
    if shapes[(TITLE, TEXT)] < _REPEATS or shapes[(TITLE, TEXT)] < shapes[(TITLE, TITLE)]:
        return
    for members in blocks.values():
        if [out[i] for i in members] == [TITLE, TITLE]:
            first, second = members
            if len(units[second].text) > len(units[first].text):
                out[second] = TEXT


def _headlines_by_shape(units: list[Unit], out: list[str]) -> None:
    """Where the page's records are a kicker, a title and a byline, one line of text in a
    title's place between a kicker and a byline is the title, however long ("ENTREVISTA" /
    "Yolanda Pizarro, secretaria general …: “El teletrabajo …”" / "LAURA MARTÍN")."""
    shape = [i for i, s in enumerate(out) if s not in (FURNITURE, META)]
    placed = [
        mid
        for above, mid, below in zip(shape, shape[1:], shape[2:], strict=False)
        if out[above] == LABEL
        and out[below] == BYLINE
        and units[above].block == units[mid].block == units[below].block
    ]
    if sum(1 for i in placed if out[i] == TITLE) < _REPEATS:
        return
    for index in placed:
        if out[index] == TEXT and len(units[index].text) <= _HEADLINE_MAX:
            out[index] = TITLE


def _numbered_titles(units: list[Unit], out: list[str]) -> None:
    """A numbered or bulleted title-like line with running text under it in its block
    heads an item ("1. The miners' strike" / "The dispute of 1984-85 …"), not a list; so
    does a numbered one over its byline ("4. Peers to vote …" / "Politics Home · Wed 5 Mar"),
    past a line of furniture between them (a search result's address)."""
    for index in range(len(units) - 1):
        if out[index] != LIST or not units[index].title_like:
            continue
        below = _next_in_block(units, out, index)
        if below is not None and (
            out[below] == TEXT or (out[below] == BYLINE and _numbered(units[index]))
        ):
            out[index] = TITLE


def _next_in_block(units: list[Unit], out: list[str], index: int) -> int | None:
    """The first line under ``index`` in its block that is not furniture, if any."""
    for below in range(index + 1, min(len(units), index + 1 + _FURNITURE_BETWEEN + 1)):
        if units[below].block != units[index].block:
            return None
        if out[below] != FURNITURE:
            return below
    return None


def _numbered(unit: Unit) -> bool:
    """Whether a list line is numbered ("4. Employment Rights Bill: …"): a ranked headline
    over its source and byline, where a bullet over a time is a live page's entry."""
    return unit.marker[:1].isdigit()


def _stacked_menus(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A run of three or more lines of one or two words each, one under another in a
    block, is a menu (its entries stacked on lines), not a run of headlines."""
    run: list[int] = []
    for index in range(len(units) + 1):
        entry = index < len(units) and _menu_entry(units[index].text)
        if entry and run and units[index].block != units[run[-1]].block:
            _mark_menu(run, out, reasons)
            run = []
        if entry:
            run.append(index)
        else:
            _mark_menu(run, out, reasons)
            run = []


def _menu_entry(text: str) -> bool:
    """One or two words, no digits or sentence marks: a menu entry's shape."""
    return (
        text.count(" ") <= 1
        and len(text) <= _MENU_ENTRY
        and text[:1].isupper()
        and (text.replace(" ", "").replace("-", "").isalpha())
    )


def _mark_menu(run: list[int], out: list[str], reasons: list[str]) -> None:
    """Mark ``run`` as a menu when it is long enough to be one."""
    if len(run) < _MENU_RUN:
        return
    for i in run:
        out[i] = FURNITURE
        reasons[i] = "furniture (menu entries stacked on lines)"


def _teaser_runs(units: list[Unit], out: list[str]) -> None:
    """In a block of many lines of running text and few title-like ones (a run of
    teasers, one a line), a line missing its full stop is one more teaser, not a title."""
    blocks: dict[int, list[int]] = {}
    for index, unit in enumerate(units):
        blocks.setdefault(unit.block, []).append(index)
    for members in blocks.values():
        if len(members) < _TEASER_RUN:
            continue  # too few lines to hold a run of teasers
        kinds = Counter(out[i] for i in members)
        if kinds[TEXT] < _TEASER_RUN or kinds[TEXT] < 2 * kinds[TITLE] or kinds[BYLINE]:
            continue
        for i in members:
            if out[i] == TITLE and not units[i].heading:
                out[i] = TEXT


def _names_in_context(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A lone name is a byline only where bylines stand: beside a date line, under an
    item's text in its block or between it and the next title, over "in" or a label;
    else (a title in capitals such as "Renewing Scottish Labour") it is a title.  Names
    in capitals or joined by "and" stay, but for one in capitals over a title in its
    block, a kicker."""
    _roles_under_names(units, out, reasons)
    signed_first = _several_in_capitals_first(units, reasons)
    members = [
        i
        for i, reason in enumerate(reasons)
        if reason == "name" and _member(units[i].text) and _over_title(units, out, i)
    ]  # the page signs its items with its members, over their titles
    members = members if len(members) >= _NAMES_OVER_TITLES else []
    for index, reason in enumerate(reasons):
        if reason != "name":
            continue
        if not signed_first and _kicker_in_capitals(units, out, index):
            out[index] = LABEL
            reasons[index] = "label (a section name in capitals over a title)"
            continue
        if _after_in(units, index):
            out[index] = META
            reasons[index] = PUBLISHED_IN
            continue
        if _plainly_names(units[index].text):
            continue
        if index in members:
            continue
        before = _neighbour(out, index, -1)
        after = _neighbour(out, index, 1)
        dated = any(
            j is not None and out[j] == BYLINE and units[j].byline is not None
            for j in (before, after)
        )
        under = before is not None and units[before].block == units[index].block
        over = (
            after is not None
            and out[after] in (META, LABEL)
            and units[after].block == units[index].block
        )
        # between running text and the next title (or the page's end) it signs the text
        signs = (
            before is not None and out[before] == TEXT and (after is None or out[after] == TITLE)
        )
        if not (dated or under or over or signs):
            out[index] = TITLE
            reasons[index] = ""
    _names_over_titles(units, out, reasons)


def _after_in(units: list[Unit], index: int) -> bool:
    """Whether a name-like line stands under a line of "in" alone in its block ("Kenji Mori"
    / "in" / "UX Collective", "… / en / El Salto"): the publication a post ran in."""
    above = index - 1
    return (
        above >= 0
        and units[above].block == units[index].block
        and units[above].text.casefold() in _IN_WORDS
    )


def _roles_under_names(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A job title on the line under a name, in its block ("Thomas Coley" / "Political
    Editor"), is the name's role: metadata of the byline, not a title or a label."""
    for index in range(1, len(units)):
        unit = units[index]
        if (
            reasons[index - 1] == "name"
            and unit.block == units[index - 1].block
            and out[index] in (TITLE, LABEL)
            and (len(unit.text.split()) <= _ROLE_WORDS or _office_of(unit.text))
            and all(w[:1].isupper() for w in unit.text.split() if len(w) > 3)
            and is_role(unit.text)
        ):
            out[index] = META
            reasons[index] = ROLE_UNDER_NAME


def _office_of(text: str) -> bool:
    """A longer job title naming what the office is for ("Minister for Employment and
    Workplace Relations", "Secretary of State for Work and Pensions", "Ministre du
    Travail"): a role word opens it, "for" or "of" follows."""
    words = text.split()
    return (
        len(words) <= _OFFICE_WORDS
        and is_role(" ".join(words[:2]))
        and not _OFFICE_LINKS.isdisjoint(w.lower() for w in words[1:4])
    )


def _names_over_titles(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A lone name over a title is a byline after all where the page puts its names there:
    two names kept as bylines open their blocks over titles ("Sam Lee" under the menu,
    over the first headline, like every name under it)."""
    taken = [
        i
        for i, r in enumerate(reasons)
        if r == "name" and out[i] == BYLINE and _over_title(units, out, i)
    ]
    if len(taken) < _NAMES_OVER_TITLES:
        return
    for index, unit in enumerate(units):
        if out[index] == TITLE and not reasons[index] and unit.byline is None:
            if _over_title(units, out, index) and is_name(unit.text):
                out[index] = BYLINE
                reasons[index] = "name"


def _over_title(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether the next line that is not furniture is a title opening the name's block
    with it (not the next record's, a name closing its own record over a blank line)."""
    after = _neighbour(out, index, 1)
    if after is None or out[after] != TITLE or units[after].block != units[index].block:
        return False
    return index == 0 or units[index - 1].block != units[index].block


def _several_in_capitals_first(units: list[Unit], reasons: list[str]) -> bool:
    """Whether the page signs its records over their titles with names in capitals: a
    line opening its block names several people so ("EILIDH ROSS AND CALUM BAIRD"), which
    no section is called; the one-name lines in that place are writers too."""
    for index, reason in enumerate(reasons):
        unit = units[index]
        if reason != "name" or not unit.text.isupper():
            continue
        if index > 0 and units[index - 1].block == unit.block:
            continue
        names = name_only(unit.text)
        if names is not None and " and " in names:
            return True
    return False


def _kicker_in_capitals(units: list[Unit], out: list[str], index: int) -> bool:
    """A line in capitals opening its block over a title ("WORKING PAPER" / the title) is
    the item's kind, not its author: a byline stands under the title."""
    unit = units[index]
    after = _neighbour(out, index, 1)
    opens = index == 0 or units[index - 1].block != unit.block
    return (
        opens
        and unit.text.isupper()
        and after is not None
        and out[after] == TITLE
        and units[after].block == unit.block
    )


def _plainly_names(text: str) -> bool:
    """Names no title is written as: in capitals, or several joined."""
    return text.isupper() or " and " in text.lower() or " & " in text


def _member(text: str) -> bool:
    """Whether a name is a member's, the office before it ("Rep. Grace Holt") or party and
    seat after it ("Grace Holt (DFL-Rochester)"): over a title, the member it is by."""
    return in_office(text) or (text.endswith(")") and _PARTY_SEAT.search(text) is not None)


def _neighbour(out: list[str], index: int, step: int) -> int | None:
    """The nearest unit in direction ``step`` that is not furniture."""
    index += step
    while 0 <= index < len(out) and out[index] == FURNITURE:
        index += step
    return index if 0 <= index < len(out) else None


def _mark_labels(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """Title-like lines that recur on the page are labels (sections, the site's name),
    unless one heads text of its own (a headline repeated in a "most read" box, or two
    stories under one headline) or the copy stands in a box ("Most read": the headline
    stays, its copy in the box is the label);
    so are a word or three in capitals ("IN BRIEF", "ANALYSIS"), a line of section words
    ("News & campaign updates") and a single word ("Podcast"): no headline is one word,
    but for one a writer signs ("Overtime" / "By Lucy Abernethy"); and a body or a
    department named over a title ("Ação Sindical"), the item's section, not its writer."""
    titles = [i for i, symbol in enumerate(out) if symbol == TITLE]
    keys = {i: units[i].text.casefold() for i in titles}
    counts = Counter(keys.values())
    boxed = _boxed(units, out) if max(counts.values(), default=0) >= _REPEATS else set()
    outside = Counter(key for i, key in keys.items() if i not in boxed)
    dated = Counter(
        keys[i] for i in titles if counts[keys[i]] >= _REPEATS and _dated_below(units, out, i)
    )
    for index in titles:
        unit, key = units[index], keys[index]
        # a headline over its dated byline, repeated in a sidebar where no date follows it;
        # a kicker over every date stays a label
        signed = 0 < dated[key] < counts[key] and _dated_below(units, out, index)
        # a headline copied into a box ("Most read"): the copy is no item, the headline one
        copied = index not in boxed and outside[key] == 1
        repeated = counts[key] >= _REPEATS and not (signed or copied)
        if repeated and not _heads_text(units, out, index):
            out[index] = LABEL
            reasons[index] = "label repeated on the page"
        elif (
            caps_label(unit.text)
            or (" " not in unit.text and not _signed_below(units, out, index))
            or is_section_label(unit.text)
            or kind_and_topics(unit.text)
            or (is_body_name(unit.text) and _over_title(units, out, index))
        ):
            out[index] = LABEL
            reasons[index] = "label (a section name in capitals, or one word)"


def _heads_text(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether a headline has text or a byline under it in its block (a kicker has its
    title under it); on a page with a blank line after every line, the next line; and for
    a headline of several words alone in its block, the block under it (a blog's post
    title over its text, the title copied in the sidebar's archive)."""
    below = _neighbour(out, index, 1)
    if below is None or out[below] not in (TEXT, BYLINE):
        return False
    if units[below].block == units[index].block or _one_line_blocks(units):
        return True
    alone = index == 0 or units[index - 1].block != units[index].block
    return alone and len(units[index].text.split()) >= _HEADLINE_WORDS


def _signed_below(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether the next line that is not furniture names a writer ("BY LUCY ABERNETHY"):
    a one-word headline ("Overtime") over it is a title, not a label."""
    below = _neighbour(out, index, 1)
    byline = units[below].byline if below is not None else None
    return byline is not None and byline.author is not None


def _dated_below(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether the next line that is not furniture is a dated byline."""
    below = _neighbour(out, index, 1)
    byline = units[below].byline if below is not None else None
    return byline is not None and byline.published is not None


def _one_line_blocks(units: list[Unit]) -> bool:
    """Whether blank lines part nearly every line of the page."""
    return len({unit.block for unit in units}) >= _ONE_LINE_BLOCKS * len(units)
