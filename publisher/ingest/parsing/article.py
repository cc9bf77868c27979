"""Whether a page is one article: its first paragraph, or None when it lists items.

A page is one article when its text is mostly paragraphs of several sentences (or of a
sentence or three, five or more running on with no heading between; on a page that sets
no paragraph apart by a blank line, each line is one); when one record holds most of its
text in paragraphs (a story under its headline, a few links beside it); or
when one headline and one byline head paragraphs of running text and nothing else
signs a piece; or when it asks questions and answers each under it (an interview); or
when it lists its own sections at the top (a table of contents); or when stage
directions ("(Applause)") stand between its paragraphs (a speech's transcript); or
when the record pattern leaves lists and paragraphs unexplained
between its records (headings over an article's sections read like titles).  Records
that each carry a byline or date are a list of pieces, however long their text.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from typing import Final, NamedTuple

from publisher.ingest.parsing.contents import contents_start
from publisher.ingest.parsing.datelines import dateline_date
from publisher.ingest.parsing.fields import Record
from publisher.ingest.parsing.interview import guest_turns, interview_start
from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.livepage import live_article
from publisher.ingest.parsing.roles import (
    BYLINE,
    FURNITURE,
    LABEL,
    LIST,
    META,
    TEXT,
    TITLE,
    byline_of,
)
from publisher.ingest.parsing.speeches import stage_directions
from publisher.ingest.parsing.text import ends_sentence

_PARAGRAPH: Final = 120  # a line this long is a paragraph of sentences
_ARTICLE_SHARE: Final = 0.5
_FULL_PARAGRAPH: Final = 250  # teasers and standfirsts are a sentence or two, shorter than this
_FULL_PARAGRAPHS: Final = 3  # an article has at least this many paragraphs of that length
_RUN: Final = 5  # or this many paragraphs one after another, none with a heading of its own
_UNSPACED_LINES: Final = 20  # a page this long ...
_UNSPACED: Final = 10  # ... with ten lines or more to a block sets no paragraph apart
_APART: Final = 0.8  # this share of an article's paragraphs stand in blocks of their own
_HELD_PARAGRAPHS: Final = 4  # one record holding this many paragraphs is a story, not a teaser
_SIGNED_RECORDS: Final = 3  # this many signed records make a list, however long their text
_BESIDE: Final = 2.0  # unless paragraphs no record reads hold this many times their text
_TOP: Final = 6  # an article's byline stands within this many lines of its start
_HEADER: Final = 4  # lines under the byline before the first paragraph (a reading time, a note)
_LONG_HEADER: Final = 8  # ... a speech's: a note, a share row, a download link, a caption
_STANDFIRST_REACH: Final = 2  # lines above the byline where the standfirst stands
_PER_SUBHEAD: Final = 2  # paragraphs to each subhead in an article at least
_UNEXPLAINED: Final = 0.25  # records leaving this share of their span unread are no list
_TOP_BYLINES: Final = 2  # the lines over and under a headline that may sign an article
_SUBHEAD_WORDS: Final = 5  # an article's subheads are short; a listing's headlines longer
_SECTION_NUMBER: Final = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?\s")
_WRAP_MIN: Final = 60  # a hand-wrapped paragraph's lines are at least this long
_PROSE_MARK: Final = re.compile(r"[.!?;] \w|, \w")  # a sentence's end or a comma inside a line
# a speaker's time in a transcript: "[00:01:12]", "(12:04)", "01:12"
_TURN_STAMP: Final = re.compile(r"[\[(]?\b\d{1,2}(?::\d{2}){1,2}\b[\])]?")
_SPEAKER_WORDS: Final = 4  # a speaker is named in a few words ("Rosa Mendes", "Q", "DANA")
_TURNS: Final = 6  # a transcript's speakers take this many turns at least
_SPEAKERS: Final = 4  # among this many people at most
_CLOSED: Final = 3  # this many paragraphs closed by the link the page repeats are teasers


class Article(NamedTuple):
    """Where a page's one article starts, and the lines signing its headline where the
    reading found them (a live page's writers and the time it was opened)."""

    first: int
    signature: tuple[int, ...] = ()


def find_article(
    units: list[Unit],
    syms: list[str],
    skip: set[int],
    records: list[Record],
    signature: tuple[int, ...] = (),
) -> Article | None:
    """The article's first paragraph, or None when the page lists items; ``signature``:
    the lines known to sign the headline (else those near the top)."""
    turns = speaker_turns(units, syms)
    if turns:  # a transcript's speakers open its paragraphs: they head and sign nothing
        syms = [META if i in turns else s for i, s in enumerate(syms)]
    text = [i for i, s in enumerate(syms) if s in (TEXT, TITLE, BYLINE, LIST) and i not in skip]
    if _closed_teasers(units, syms, text):
        return None
    live = live_article(units, syms, text)  # its records carry the headline's signature
    if live is not None:
        return Article(*live)
    return _article_start(units, syms, text, records, signature, turns)


def _article_start(
    units: list[Unit],
    syms: list[str],
    text: list[int],
    records: list[Record],
    signature: tuple[int, ...],
    turns: set[int],
) -> Article | None:
    """Where the page's one article starts, by the first reading that finds one (a live
    page aside)."""
    contents = contents_start(units, syms, text)  # a table of contents of its own sections
    if contents is not None:
        return Article(contents)
    held = _held_by_one(units, syms, text, records)
    if held is not None:
        return Article(held)
    if _signed(units, syms, records):
        beside = _article_beside(units, syms, text, records)
        return Article(beside) if beside is not None else None
    for first in (
        _long_paragraphs(units, syms, text),
        _signed_once(units, syms, text, signature),
        _unexplained(syms, text, records),
        stage_directions(units, syms, text),  # a speech's "(Applause)" between paragraphs
        interview_start(units, syms, text),  # questions answered under them: one interview
    ):
        if first is not None:
            return Article(first)
    # a transcript is one piece, however short its turns
    return Article(min(turns)) if turns else None


def _held_by_one(
    units: list[Unit], syms: list[str], text: list[int], records: list[Record]
) -> int | None:
    """The first paragraph of the one record holding most of the page's text in paragraphs
    of several sentences: a story under its headline and byline, with a few links beside it,
    not a list (a listing's standfirst is a sentence or two)."""
    total = sum(len(units[i].text) for i in text)
    for record in records:
        paragraphs = [
            i for i in record.indexes if syms[i] == TEXT and len(units[i].text) >= _PARAGRAPH
        ]
        held = sum(len(units[i].text) for i in paragraphs)
        if len(paragraphs) >= _HELD_PARAGRAPHS and held >= _ARTICLE_SHARE * total:
            return paragraphs[0]
    return None


def _signed(units: list[Unit], syms: list[str], records: list[Record]) -> bool:
    """Whether the records each carry a byline or date line (a time of day alone is a
    live page's stamp: its entries may be one article's)."""
    signed = sum(1 for r in records if any(_dates(units, syms, i) for i in r.indexes))
    return len(records) >= _SIGNED_RECORDS and signed * 3 >= len(records) * 2


def _article_beside(
    units: list[Unit], syms: list[str], text: list[int], records: list[Record]
) -> int | None:
    """The first paragraph when paragraphs no record reads hold most of the page's text,
    several times what its signed records hold: one long piece with a few dated links
    beside it (related stories, its signatories), not a list."""
    read = {i for record in records for i in record.indexes}
    unread = [i for i in text if i not in read and syms[i] in (TEXT, LIST)]
    if sum(1 for i in unread if len(units[i].text) >= _FULL_PARAGRAPH) < _FULL_PARAGRAPHS:
        return None
    unread_size = sum(len(units[i].text) for i in unread)
    if unread_size < _BESIDE * sum(len(units[i].text) for i in read):
        return None
    # the full paragraphs may all be bullets: then no paragraph opens the piece
    return next((i for i in unread if syms[i] == TEXT and len(units[i].text) >= _PARAGRAPH), None)


def _long_paragraphs(units: list[Unit], syms: list[str], text: list[int]) -> int | None:
    """The first paragraph when paragraphs of several sentences, standing apart, hold most
    of the text, with at most one subhead over each (an interview's questions are none)."""
    total = sum(len(units[i].text) for i in text) or 1
    unspaced = _unspaced(units)
    sizes, inside = _paragraphs(units, syms, text, unspaced)
    long = [i for i, size in sizes.items() if size >= _PARAGRAPH]
    if len(long) < 2 or sum(sizes[i] for i in long) < _ARTICLE_SHARE * total:
        return None
    blocks = len({units[i].block for i in long})
    full = sum(1 for i in long if sizes[i] >= _FULL_PARAGRAPH)
    if blocks < _APART * len(long) and not unspaced:
        return None
    if full < _FULL_PARAGRAPHS and _longest_run(syms, long, inside) < _RUN:
        return None
    heads = sum(
        1
        for i in range(long[0], long[-1])
        if syms[i] == TITLE and i not in inside and not units[i].text.endswith("?")
    )
    return long[0] if heads <= len(long) else None


def _longest_run(syms: list[str], long: list[int], inside: set[int]) -> int:
    """The most paragraphs following one another with nothing between them (no headline,
    byline or label): a piece's text runs on; a teaser page heads each with its own."""
    best = run = 0
    for before, after in pairwise([-1, *long]):
        between = range(before + 1, after)
        joined = before >= 0 and all(i in inside or syms[i] in (FURNITURE, META) for i in between)
        run = run + 1 if joined else 1
        best = max(best, run)
    return best


def _unspaced(units: list[Unit]) -> bool:
    """Whether a page sets no paragraph apart by a blank line (a scraper's text, a line to
    each paragraph): a page of many lines in a few blocks."""
    return len(units) >= _UNSPACED_LINES and len({u.block for u in units}) * _UNSPACED < len(units)


def _paragraphs(
    units: list[Unit], syms: list[str], text: list[int], unspaced: bool = False
) -> tuple[dict[int, int], set[int]]:
    """Each paragraph's first line and its length, and the lines inside paragraphs.

    A block of text a hand wrapped (a line in it ends mid-sentence or was joined from
    several) is one paragraph, the lines the line joiner left apart included ("… Laut" /
    "Untergrenze hätten wir …": the next word a capitalised noun); its heading over it
    stays apart.  Lines of a block not wrapped are a paragraph each (teasers one a line).
    """
    sizes: dict[int, int] = {}
    inside: set[int] = set()
    for block in _blocks(units, text):
        lines = [i for i in block if syms[i] in (TEXT, TITLE)]
        if lines and syms[lines[0]] == TITLE and not wrapped_line(units, syms, lines[0]):
            lines = lines[1:]
        if len(lines) > 1 and not unspaced and _hand_wrapped(units, lines):
            sizes[lines[0]] = sum(len(units[i].text) + 1 for i in lines) - 1
            inside.update(lines)
            continue
        for i in lines:
            if syms[i] == TEXT:
                sizes[i] = len(units[i].text)
                inside.add(i)
    return sizes, inside


def _blocks(units: list[Unit], lines: list[int]) -> list[list[int]]:
    """``lines`` cut where the block changes."""
    blocks: list[list[int]] = []
    for i in lines:
        if blocks and units[blocks[-1][-1]].block == units[i].block:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def _hand_wrapped(units: list[Unit], lines: list[int]) -> bool:
    """Whether a block's lines are one paragraph wrapped by hand: one of them (not the
    last) ends mid-sentence, or was joined from several lines of the page."""
    for i in lines[:-1]:
        spans = i + 1 < len(units) and units[i + 1].line > units[i].line + 1
        if spans or not ends_sentence(units[i].text):
            return True
    return False


def wrapped_line(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a title-like line is part of a hand-wrapped paragraph, not a heading: it runs
    on into the next line of its block mid-sentence, both as long as a wrapped line, and it
    has a sentence's punctuation ("…, seit sechs Jahren ist sie" / "Betriebsrätin an …")."""
    text = units[index].text
    below = index + 1
    if below >= len(units) or units[below].block != units[index].block:
        return False
    if syms[below] not in (TITLE, TEXT) or ends_sentence(text):
        return False
    wide = len(text) >= _WRAP_MIN and len(units[below].text) >= _WRAP_MIN
    return wide and _PROSE_MARK.search(text) is not None


def _signed_once(
    units: list[Unit], syms: list[str], text: list[int], signature: tuple[int, ...]
) -> int | None:
    """The first paragraph when the bylines near the top (over and under the headline, or
    the ``signature`` given) sign paragraphs of running text (two or more) and nothing
    after signs a piece of its own, with only an interview's questions or an article's
    subheads between them."""
    top = [text.index(i) for i in signature] if signature else _top_bylines(syms, text)
    if not top:
        return None
    after = text[top[-1] + 1 :]
    body = _article_body(units, syms, after, text[top[-1]])
    if any(_signs(units, syms, i) for i in after) or sum(syms[i] == TEXT for i in body) < 2:
        return None
    if _stamped(units, syms, body) and not any(_author(units[text[n]]) for n in top):
        return None  # time stamps under no writer's name: a ticker of short news
    last = max((n for n, i in enumerate(body) if syms[i] in (TEXT, LIST)), default=0)
    heads = [i for i in body[:last] if syms[i] == TITLE and not _aside(units[i].text)]
    if heads and not (_questions(units, syms, heads) or _subheads(units, syms, body, heads)):
        return None
    # the standfirst over the byline, or the first paragraph (not a paywall notice above)
    near = text[max(0, top[0] - _STANDFIRST_REACH) :]
    return next((i for i in near if syms[i] == TEXT), None)


def _aside(text: str) -> bool:
    """Whether a short line in an article's body is no heading: a salutation running on
    into the text ("Chères et chers camarades,", "Dear colleagues,"), or a stage direction
    in brackets ("(Applause)", "[Laughter]")."""
    text = text.strip()
    bracketed = text[:1] in "([" and text[-1:] in ")]"
    return text.endswith(",") or (bracketed and len(text) > 2)


def _top_bylines(syms: list[str], text: list[int]) -> list[int]:
    """Where in ``text`` the bylines near the top stand: the first within reach of the
    start, and those a headline's breadth under it (a dateline over the headline, the
    writer under it)."""
    first = next((n for n, i in enumerate(text[:_TOP]) if syms[i] == BYLINE), None)
    if first is None:
        return []
    reach = text[first : first + _TOP_BYLINES + 1]
    return [first + n for n, i in enumerate(reach) if syms[i] == BYLINE]


def _author(unit: Unit) -> str | None:
    """The writer a byline line names."""
    byline = byline_of(unit, BYLINE)
    return byline.author if byline is not None else None


def _stamped(units: list[Unit], syms: list[str], body: list[int]) -> bool:
    """Whether an article's body is entries under times of day (a live page)."""
    return any(syms[i] == BYLINE and _clock(units[i]) for i in body)


def _clock(unit: Unit) -> bool:
    """Whether a line is a time of day alone ("14:40"), no writer's name."""
    return unit.byline is not None and unit.byline.clock and unit.byline.author is None


def _dates(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a line signs or dates a piece: a byline, but no time of day alone, or a
    standfirst opening with a dateline ("Berlin, 5. März 2025 – …")."""
    if syms[index] == TEXT:
        return dateline_date(units[index].text) is not None
    return syms[index] == BYLINE and not _clock(units[index])


def _signs(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a byline in an article's body signs a piece of its own: a live page's time
    stamps and a contact's name over a phone number or address sign none."""
    if syms[index] != BYLINE:
        return False
    if _clock(units[index]):
        return False
    after = next((s for s in syms[index + 1 :] if s != META), FURNITURE)
    return after in (TEXT, TITLE, LIST)


def _subheads(units: list[Unit], syms: list[str], body: list[int], heads: list[int]) -> bool:
    """Whether the title-like lines are an article's subheads: each run of them (a caption
    over a subhead) over a paragraph or a list, and short, numbered, or with two paragraphs
    or more to each (a listing has one standfirst to each title)."""
    runs = [i for i in heads if i + 1 >= len(syms) or syms[i + 1] != TITLE]
    if not all(_next_text(syms, i) in (TEXT, LIST) for i in runs):
        return False
    paragraphs = sum(1 for i in body if syms[i] == TEXT)
    words = sorted(len(units[i].text.split()) for i in runs)
    short = words[len(words) // 2] <= _SUBHEAD_WORDS
    return paragraphs >= _PER_SUBHEAD * len(runs) or short or _numbered(units, runs)


def _next_text(syms: list[str], index: int) -> str | None:
    """The symbol of the next line past time stamps (a live page's entries) and contacts."""
    for symbol in syms[index + 1 :]:
        if symbol != BYLINE:
            return symbol
    return None


def _numbered(units: list[Unit], heads: list[int]) -> bool:
    """Whether most headings are a report's numbered sections ("2.1 Pay")."""
    numbered = sum(1 for i in heads if _SECTION_NUMBER.match(units[i].text))
    return numbered * 2 > len(heads)


def _past_header(syms: list[str], lines: list[int], byline: int) -> list[int]:
    """``lines`` from the first paragraph on, where it stands within a header's reach under
    the byline: a reading time, a share row and a photo's caption stand between them."""
    first = next((n for n, i in enumerate(lines[:_HEADER]) if syms[i] == TEXT), 0)
    if not first or LABEL in syms[byline + 1 : lines[first]]:
        return lines  # a kicker between: teasers under the signed lead story, no header
    return lines[first:]


def _article_body(units: list[Unit], syms: list[str], after: list[int], byline: int) -> list[int]:
    """The article's text under its byline, from its first paragraph to the first furniture.

    A speech's header may hold a note under its signature ("Seul le prononcé fait foi",
    "Check against delivery"), a share row, a download link and a photo's caption before
    the text: where the text read from the top holds one paragraph at most, it starts past
    the last furniture over the first full paragraph, within a longer header's reach."""
    body = _until_furniture(syms, _past_header(syms, after, byline))
    if sum(syms[i] == TEXT for i in body) >= 2:
        return body
    first = next(
        (
            n
            for n, i in enumerate(after[:_LONG_HEADER])
            if syms[i] == TEXT and len(units[i].text) >= _PARAGRAPH
        ),
        None,
    )
    if first is None:
        return body
    start = max((n for n in range(1, first + 1) if _furniture_between(syms, after, n)), default=0)
    return _until_furniture(syms, after[start:])


def _furniture_between(syms: list[str], lines: list[int], n: int) -> bool:
    """Whether furniture or metadata stands between ``lines[n - 1]`` and ``lines[n]``."""
    return any(syms[i] in (FURNITURE, META) for i in range(lines[n - 1] + 1, lines[n]))


def _until_furniture(syms: list[str], lines: list[int]) -> list[int]:
    """``lines`` up to the first one with furniture or metadata above it."""
    for n in range(1, len(lines)):
        if _furniture_between(syms, lines, n):
            return lines[:n]
    return lines


def _questions(units: list[Unit], syms: list[str], titles: list[int]) -> bool:
    """Whether the title-like lines are an interview's questions, each over its answer."""
    return all(
        units[i].text.endswith("?") and i + 1 < len(syms) and syms[i + 1] == TEXT for i in titles
    )


def _unexplained(syms: list[str], text: list[int], records: list[Record]) -> int | None:
    """The first paragraph when the records leave a list and paragraphs unread between them
    (an article's bullets under its subheads)."""
    if len(records) < 2:
        return None
    first, last = records[0].indexes[0], records[-1].indexes[-1]
    span = [i for i in text if first <= i <= last]
    read = {i for r in records for i in r.indexes}
    unread = [i for i in span if i not in read and syms[i] in (TEXT, LIST)]
    if not any(syms[i] == LIST for i in unread):
        return None
    if len(unread) < _UNEXPLAINED * len(span):
        return None
    return next((i for i in text if syms[i] == TEXT), None)


def speaker_turns(units: list[Unit], syms: list[str]) -> set[int]:
    """The lines of a transcript or interview that name who speaks next ("Rosa Mendes
    [00:01:12]", "DANA:", "Q:", "Interviewer"): short lines, no sentence and no date, each
    over what is said, naming a few people in turn again and again.  A listing's headlines
    are all different and its bylines sit under titles; empty when the page has no turns."""
    keys: dict[int, str] = {}
    for i, unit in enumerate(units):
        key = _speaker(unit, syms[i])
        if key is not None and _speaks(units, syms, i):
            keys[i] = key
    counts = Counter(keys.values())
    turns = [i for i, key in keys.items() if counts[key] >= 2]
    speakers = {keys[i] for i in turns}
    if len(turns) < _TURNS or not 2 <= len(speakers) <= _SPEAKERS:
        return guest_turns(units, syms, keys)  # one guest answering readers one by one
    changes = sum(1 for a, b in pairwise(turns) if keys[a] != keys[b])
    return set(turns) if changes * 2 >= len(turns) - 1 else set()


def _speaker(unit: Unit, symbol: str) -> str | None:
    """The speaker a line names, folded, with any time stamp and colon taken off."""
    if symbol in (FURNITURE, META, LIST) or unit.marker:
        return None
    byline = unit.byline
    if byline is not None and byline.published is not None and not byline.clock:
        return None  # a date line signs a piece; a speaker's line holds a time at most
    text = unit.text
    stamped = ":" in text  # every time stamp holds a colon
    key = (_TURN_STAMP.sub(" ", text) if stamped else text).strip(" :-–—|·").casefold()
    if not key or ends_sentence(text) or len(key.split()) > _SPEAKER_WORDS:
        return None
    return " ".join(key.split()) if not any(c.isdigit() for c in key) else None


def _speaks(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a speaker's line stands over what is said: opening its block or under a
    paragraph (not under a headline), a sentence or paragraph right under it."""
    above, below = index - 1, index + 1
    if below >= len(units) or syms[below] not in (TEXT, TITLE):
        return False
    if syms[below] == TITLE and not ends_sentence(units[below].text):
        return False
    opens = above < 0 or units[above].block != units[index].block or syms[above] == TEXT
    return opens


def _closed_teasers(units: list[Unit], syms: list[str], text: list[int]) -> bool:
    """Whether most of the page's paragraphs close with the link it repeats ("… Leia mais ›",
    "… Read more"): a list of teasers, never one article."""
    closed = sum(1 for i in text if units[i].closed)
    prose = sum(1 for i in text if syms[i] == TEXT or units[i].closed)
    return closed >= _CLOSED and closed * 2 >= prose
