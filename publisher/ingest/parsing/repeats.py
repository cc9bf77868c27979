"""Lines whose shape the page's records repeat: a field every record holds under its
title ("From: …", "Replies: 6  Views: 141", "Started by Name, date", "Read on site ↗")
is that record's metadata or byline, never an item of its own, whatever the words."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from typing import Final

from publisher.ingest.parsing.bylines import (
    Byline,
    date_article,
    names_by_word,
    opens_by,
    parse_byline,
)
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.references import answers_article, number_first, numbered_kind
from publisher.ingest.parsing.roles import BYLINE, FURNITURE, LABEL, META, TEXT, TITLE

_REPEATS: Final = 3  # records that show a field before it is the page's own
_ANSWERS: Final = 2  # letters naming the article each answers, for the page to set them so
_FIELD_CHARS: Final = 100  # a field line is short
_WORDS_FIELD_CHARS: Final = 60  # ... and shorter where no colon names it
_LABEL_WORDS: Final = 3
# a field's name before a colon ("From:", "Last post:", "Evidence session:")
_LABEL: Final = re.compile(r"([^\W\d_][^:]{0,28}):\s")
# else its first words: two where both are words ("Started by"), else one ("Published")
_WORDS: Final = re.compile(r"([^\W\d_]+)(?:\s+([^\W\d_]+)(?=\s))?")
# a member and their party or group in brackets: "Marie Sneve Martinussen (R) til …",
# "Carla Mendes (D, 14th)"
_MEMBER: Final = re.compile(
    r"\s*(?P<name>[^\W\d_][^()]{2,50}?)\s\([^\W\d_][^()@]{0,40}\)(?=[\s,]|$)"
)
_SEPARATED: Final = re.compile(r"\s+[·|•]\s+")  # a field's parts: "date · category"


def repeated_fields(
    units: list[Unit], out: list[str], reasons: list[str], saved: datetime | None
) -> None:
    """Lines under a title in their block that open the same way in three records or
    more are a field of those records: the rest of the line read as a byline where it
    is one ("Started by" / "Maureen Tierney, 2 hours ago"), else metadata."""
    done = _dates_over_categories(units, out, reasons, saved)
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        opening = _opening(unit.text) if _under_title(units, out, index) else None
        if opening is not None and index not in done:
            groups[opening].append(index)
    for opening, members in groups.items():
        distinct = _repeated(units, members)
        if not distinct and not _labelled_values(units, members, opening):
            members = _dated_values(units, members, opening, saved)
            if not members:
                continue
        dated = sum(1 for i in members if out[i] == BYLINE)
        for i in members:
            if out[i] in (TITLE, TEXT) and units[i].byline is None and not units[i].marker:
                if not distinct and is_name(units[i].text[len(opening) :].strip()):
                    continue  # "Adjudication Officer: Emer Dunne" twice: the line's own reading
                _read_field(units, out, reasons, i, opening, dated * 2 >= len(members), saved)
            elif _opening_in_name(units[i].byline, opening):
                # "Gestartet von Anna Berg": the words every record opens with are no name
                byline = byline_after(units[i].text, opening, saved)
                if byline is not None and byline.author is not None:
                    units[i] = units[i]._replace(byline=byline)


def _read_field(
    units: list[Unit],
    out: list[str],
    reasons: list[str],
    index: int,
    opening: str,
    bylines: bool,
    saved: datetime | None,
) -> None:
    """One repeated field's symbol: a byline after its opening words, else metadata."""
    text = units[index].text
    label = opening.endswith(":")
    member = _member(text[len(opening) :])
    too_long = len(text) > (_FIELD_CHARS if label else _WORDS_FIELD_CHARS)
    if member is None and (too_long or text.endswith((".", "!"))):
        return
    byline = member if label else byline_after(text, opening, saved) or member
    if label and member is None:
        dated = byline_after(text, opening, saved)
        byline = dated if _date_only(dated) else None  # "Decision published: 06/03/2025"
    if (
        not label
        and " " not in opening
        and (not bylines or date_article(opening))
        and not _date_only(byline)
    ):
        # one word in common is no field unless the page reads the others as bylines, and
        # not the article their dates open with ("le 13/03/2025" / "Le travail, c'est …")
        return
    if byline is not None:
        units[index] = units[index]._replace(byline=byline)
        out[index], reasons[index] = BYLINE, "byline" if byline.author else "date"
    else:
        out[index] = META
        reasons[index] = f"metadata (a field the records repeat: {opening!r})"


def unsign_odd_fields(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A labelled field the records repeat under their titles has one meaning on the
    page: where fewer than half its lines read as a writer's byline ("Lead officer: Helen
    Marsh" among "Lead officer: Mark Feeney" read as none), the field names no writer in
    any record, and those few are its metadata (a date they hold still dates the record)."""
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        label = _LABEL.match(unit.text) if ": " in unit.text else None
        if label is not None and _under_title(units, out, index):
            groups[f"{label.group(1).casefold()}:"].append(index)
    for opening, members in groups.items():
        if len({units[i].block for i in members}) >= _REPEATS:
            _unsign(units, out, reasons, members, opening)


def _unsign(
    units: list[Unit], out: list[str], reasons: list[str], members: list[int], opening: str
) -> None:
    """The bylines of a field's lines made metadata, when fewer than half are bylines."""
    signed = [i for i in members if out[i] == BYLINE and _author(units[i].byline)]
    if not signed or len(signed) * 2 >= len(members):
        return
    for i in members:
        byline = units[i].byline if i in signed else None
        if byline is not None and byline.published is not None:
            units[i] = units[i]._replace(byline=Byline(None, byline.published, byline.clock))
            reasons[i] = "date"
        elif i in signed or out[i] in (TITLE, TEXT, LABEL):
            units[i] = units[i]._replace(byline=None)
            out[i] = META
            reasons[i] = f"metadata (a field the records repeat: {opening!r})"


def _author(byline: Byline | None) -> bool:
    """Whether a byline names a writer."""
    return byline is not None and byline.author is not None


def _labelled_values(units: list[Unit], members: list[int], opening: str) -> bool:
    """Whether a field its label names stands in three records or more with two values at
    the least: a status or a chamber repeats its value ("Stand der Beratung: Im Rat noch
    nicht behandelt" on two motions of ten), one line again and again is a label."""
    if not opening.endswith(":") or len({units[i].block for i in members}) < _REPEATS:
        return False
    return len({units[i].text.casefold() for i in members}) >= 2


def _dated_values(
    units: list[Unit], members: list[int], opening: str, saved: datetime | None
) -> list[int]:
    """The members of a labelled field whose values repeat ("Decision published: 05/03/2025"
    on two records of one day) that hold a date and nothing else, when they stand in three
    records or more: a field every record dates itself by, not one label again and again."""
    if not opening.endswith(":"):
        return []
    dated = [i for i in members if _date_only(byline_after(units[i].text, opening, saved))]
    if len({units[i].block for i in dated}) < _REPEATS:
        return []
    return dated


def _date_only(byline: Byline | None) -> bool:
    """Whether a field's rest is a date and names no one ("Tabled" / "30 November 2026")."""
    return byline is not None and byline.author is None and byline.published is not None


def _member(rest: str) -> Byline | None:
    """The writer a field names after its opening words or its label as a member of a party
    or group ("Spørsmål fra" / "Marie Sneve Martinussen (R) til arbeidsministeren",
    "Primary sponsor:" / "Chris Stephens (Scottish National Party)"): who asks or moves
    it is the author."""
    match = _MEMBER.match(rest)
    if match is None or not is_name(match.group("name")):
        return None
    return Byline(match.group("name"), None)


def _repeated(units: list[Unit], members: list[int]) -> bool:
    """Whether lines opening alike are a field: in three records, and not one line again
    and again (a label: ``context._mark_labels``)."""
    if len({units[i].block for i in members}) < _REPEATS:
        return False
    return len({units[i].text.casefold() for i in members}) == len(members)


def _dates_over_categories(
    units: list[Unit], out: list[str], reasons: list[str], saved: datetime | None
) -> set[int]:
    """The lines read as a date over a category, grouped by their first word under a
    title or a teaser (``_dated_over_categories``)."""
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if not _separated(unit.text) or not _under_title(units, out, index, True):
            continue
        first = _WORDS.match(unit.text)
        if first is not None:
            groups[first.group(1).casefold()].append(index)
    done: set[int] = set()
    for opening, members in groups.items():
        if _repeated(units, members) and _dated_over_categories(
            units, out, reasons, members, opening, saved
        ):
            done.update(members)
    return done


def _separated(text: str) -> bool:
    """Whether ``text`` holds a separator between fields (_SEPARATED); most lines hold no
    separator's mark, and that test is cheap."""
    marked = "·" in text or "|" in text or "•" in text
    return marked and _SEPARATED.search(text) is not None


def _dated_over_categories(
    units: list[Unit],
    out: list[str],
    reasons: list[str],
    members: list[int],
    opening: str,
    saved: datetime | None,
) -> bool:
    """Whether the field is a date and then, after a separator, a category the records
    each name ("Publié il y a 2 heures · Dossier : Retraite", "Posted 3 days ago | Region:
    North"): where one record's second part is a field's name and value, none of them
    names a writer, and every line dates its record (True once read so)."""
    parts = [_SEPARATED.split(units[i].text) for i in members]
    if any(len(p) != 2 for p in parts) or len({p[0].casefold() for p in parts}) < 2:
        return False
    if not any(_LABEL.match(tail) is not None or " : " in tail for _, tail in parts):
        return False
    if any(names_by_word(tail) for _, tail in parts):
        return False  # "Posted: 27 Nov 2026 | Author: Nadia Karimi": a writer, no category
    dates = [
        parse_byline(head, saved=saved) or byline_after(head, opening, saved) for head, _ in parts
    ]
    if any(d is None or d.author is not None or d.published is None for d in dates):
        return False
    for i, byline in zip(members, dates, strict=True):
        units[i] = units[i]._replace(byline=byline)
        out[i], reasons[i] = BYLINE, "date"
    return True


def byline_after(text: str, opening: str, saved: datetime | None) -> Byline | None:
    """The byline the line spells after its repeated opening words, if any; a word in lower
    case left before the date ends the opening's phrase ("Dáil Éireann debate - 26 Nov
    2025"), and is no handle signing it, unless the opening ends with a by-word ("Gestartet
    von anna_b")."""
    rest = text[len(opening) :].strip(" :,–—-")
    byline = parse_byline(rest, saved=saved) if rest else None
    if byline is None or (byline.author is None and byline.published is None):
        return None
    handle = byline.author is not None and byline.author.islower()
    if handle and rest.startswith(str(byline.author)) and not opens_by(opening):
        return Byline(None, byline.published, byline.clock) if byline.published else None
    return byline


def _opening_in_name(byline: Byline | None, opening: str) -> bool:
    """Whether a byline's author took the repeated opening words as part of the name."""
    author = byline.author if byline is not None else None
    return author is not None and " " in opening and author.casefold().startswith(opening)


def _opening(text: str) -> str | None:
    """How a line opens, casefolded: a field's name and its colon, else its first words."""
    label = _LABEL.match(text)
    if label is not None and label.group(1).count(" ") < _LABEL_WORDS:
        return f"{label.group(1).casefold()}:"
    words = _WORDS.match(text)
    return words.group(0).casefold() if words is not None else None


def _under_title(units: list[Unit], out: list[str], index: int, teasers: bool = False) -> bool:
    """Whether a title-like line (or, ``teasers``, a teaser's sentence) stands above this
    one in its block."""
    block = units[index].block
    above = index - 1
    while above >= 0 and units[above].block == block:
        if out[above] == TITLE or (teasers and out[above] == TEXT and units[above].sentence):
            return True
        above -= 1
    return False


def labels_under_titles(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A label standing under a title in its block and over no title ("Press release"
    between a standfirst and its date) is the record's metadata, its kind: a kicker
    stands over the title it belongs to."""
    for index, symbol in enumerate(out):
        if symbol != LABEL or not _under_title(units, out, index):
            continue
        if not _over_title(units, out, index):
            out[index] = META
            reasons[index] = "metadata (a label under the title)"


def _over_title(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether the next line that is not furniture or metadata is a title (in this block
    or the next: "in" / "The Commons Ledger" / a blank line / the headline)."""
    below = index + 1
    while below < len(units) and out[below] in (FURNITURE, META):
        below += 1
    return below < len(units) and out[below] in (TITLE, LABEL)


def badges_over_teasers(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """Title-like lines of parts ("✔ WIN  North East · Care", "EVENT | Leeds | Health")
    over a teaser's sentence in their block, opening with one word in capitals alike (or
    with a first part in capitals, "WALES · Steel", "LAZIO · Sanità") in three records or more,
    are the records' kickers (their kind and place), not their headlines."""
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units[:-1]):
        below = units[index + 1]
        if out[index] != TITLE or out[index + 1] != TEXT or not below.sentence:
            continue
        if below.block != unit.block or not _separated(unit.text):
            continue
        if index and units[index - 1].block == unit.block and out[index - 1] != META:
            continue  # a badge opens its record's block (under its picture's caption)
        parts = _SEPARATED.split(unit.text)
        if any(is_name(part) for part in parts if not part.isupper()):
            continue  # "Opinion · Jane Smith" names the writer ("NORTH WEST" a place)
        first = _WORDS.match(unit.text)
        if first is not None and first.group(1).isupper():  # "WIN", "ERFOLG", "VICTORIA"
            groups[first.group(1)].append(index)
        if parts[0].isupper():  # a place or kind in capitals: "NORTH WEST · Logistics"
            groups[""].append(index)
    for members in groups.values():
        if _repeated(units, members):
            for i in members:
                out[i], reasons[i] = LABEL, "kicker (a badge each record opens with)"


def references_over_titles(units: list[Unit], out: list[str], reasons: list[str]) -> None:
    """A title-like line heading its record over the record's title, that is a document's
    number ("Dokument nr. 15:512 (2026-2027)", the kind alike in three records or more;
    "25.3187 | Motion", the number first), a
    field named in capitals alike ("RESPONDING TO: Ofgem", what it answers or where it
    belongs) or the article a letter answers ("Zu: „Busse stehen still“", in two letters or more),
    is the record's reference, not its headline: a kicker, or metadata."""
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if out[index] != TITLE or not _heads_title(units, out, index):
            continue
        if answers_article(unit.text):
            groups[""].append(index)
            continue
        kind = numbered_kind(unit.text) or _capital_label(unit.text)
        kind = kind or ("#" if number_first(unit.text) else None)
        if kind is not None:
            groups[kind].append(index)
    for kind, members in groups.items():
        if len({units[i].text.casefold() for i in members}) < (_REPEATS if kind else _ANSWERS):
            continue
        for i in members:
            if kind:
                out[i], reasons[i] = LABEL, "kicker (a document's number over its title)"
            else:
                out[i], reasons[i] = META, "metadata (the article a letter answers)"


def _capital_label(text: str) -> str | None:
    """The name of the field a line opens with, where written in capitals ("RESPONDING TO:
    Ofgem", "COMITÉ : Finances"): a field's name, where a headline's own opening word is
    written as words are ("Review: …", "Interview : …")."""
    found = _LABEL.match(text)
    if found is None or not found.group(1).isupper() or len(found.group(1)) < 2:
        return None
    return found.group(1).casefold()


def _heads_title(units: list[Unit], out: list[str], index: int) -> bool:
    """Whether a line is the first title-like line of its block (a date may stand above
    it), with a title or text under it in the block."""
    block = units[index].block
    above = index - 1
    while above >= 0 and units[above].block == block:
        if out[above] in (TITLE, TEXT, LABEL):
            return False
        above -= 1
    below = index + 1
    while below < len(units) and out[below] in (FURNITURE, META):
        below += 1
    return below < len(units) and units[below].block == block and out[below] in (TITLE, TEXT)
