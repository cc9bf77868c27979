"""Whether a page is one interview: questions on short lines, each answered under it.

An interview set as questions and answers ("Where are you from?" / a paragraph of
answer) reads, line by line, like a listing: a short title-like line over a paragraph,
again and again.  A reader sees at a glance that it is one piece: the short lines are
questions (they end in a question mark), each is answered right under it, and they are
most of the headings between the first and the last.  A listing's headlines are
statements, or questions signed and dated one by one (written questions to a
minister); those are left alone (the caller reads signed records as a listing first).
A guest answering readers ("Pregunta de Andrés:" / question / "Marta Roig:" / answer) is
one piece too: the guest's label recurs, each asker's stands once, all end in a colon.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Final

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, LABEL, LIST, TEXT, TITLE

_SPEECH_DASHES: Final = ("–", "—", "-")
_QUESTIONS: Final = 5  # an interview asks this many questions at least
_QUESTION_MAX: Final = 200  # a question is a line or two; a paragraph asking one is an answer
_HEADINGS_ASKED: Final = 0.5  # this share of the headings among the questions are questions
_INTRO_REACH: Final = 12  # lines over the first question where the standfirst may stand
_BYLINE_REACH: Final = 6  # text lines from the top within which the interviewer's byline stands
_STANDFIRST_REACH: Final = 2  # text lines over that byline where the standfirst stands
_GUEST_TURNS: Final = 6  # a guest answering readers answers this many of them at least
_ASKER_REACH: Final = 3  # lines over the guest's first answer where the first asker stands
_ASKER_WORDS: Final = 8  # an asker's label: "Pregunta de Nuria, auxiliar de enfermería:"


def answered_questions(units: list[Unit], syms: list[str]) -> list[int]:
    """The lines that ask a question answered by a paragraph right under them (one a dash
    opens, the way many languages set speech, reads as a bullet: "– Ett sms. …")."""
    return [
        i
        for i in range(len(units) - 1)
        if syms[i] in (TITLE, TEXT, LABEL)
        and _asks(units[i])
        and _answers(units[i + 1], syms[i + 1])
    ]


def _answers(unit: Unit, sym: str) -> bool:
    """Whether a line under a question reads as its answer: running text, or a dash's speech."""
    return sym == TEXT or (sym == LIST and unit.marker in _SPEECH_DASHES)


def interview_start(units: list[Unit], syms: list[str], text: list[int]) -> int | None:
    """The first paragraph of an interview (its standfirst, or the paragraph over the
    first question), or None when the page is no interview.  ``text`` are the page's
    lines of text, titles, bylines and lists, in order."""
    questions = answered_questions(units, syms)
    if len(questions) < _QUESTIONS:
        return None
    first, last = questions[0], questions[-1]
    headings = [i for i in range(first, last + 1) if syms[i] == TITLE]
    asked = sum(1 for i in headings if i in set(questions))
    if asked < _HEADINGS_ASKED * len(headings):
        return None  # a few questions among a listing's headlines
    return _opening(syms, text, first)


def _asks(unit: Unit) -> bool:
    """Whether a line is a question: short, ending in a question mark, no byline."""
    text = unit.text.rstrip()
    return text.endswith("?") and len(text) <= _QUESTION_MAX and unit.byline is None


def _opening(syms: list[str], text: list[int], question: int) -> int | None:
    """Where the interview opens: the standfirst over the interviewer's byline near the
    top, or else the first paragraph within reach over the first question."""
    top = next((n for n, i in enumerate(text[:_BYLINE_REACH]) if syms[i] == BYLINE), None)
    if top is not None:
        near = text[max(0, top - _STANDFIRST_REACH) :]
        found = next((i for i in near if syms[i] == TEXT and i <= question), None)
        if found is not None:
            return found
    reach = [i for i in text if question - _INTRO_REACH <= i < question and syms[i] == TEXT]
    return reach[0] if reach else question + 1


def guest_turns(units: list[Unit], syms: list[str], keys: dict[int, str]) -> set[int]:
    """The labels of a guest answering readers' questions ("Pregunta de Andrés (Zaragoza):"
    / a question / "Marta Roig:" / the answer), or an empty set: the guest's label, ending
    in a colon, stands over an answer again and again, and between most two of them an
    asker's label, also ending in a colon, stands once (each reader asks one question).
    ``keys``: the folded speaker each line that may name one names."""
    labels = {i: key for i, key in keys.items() if units[i].text.rstrip().endswith(":")}
    counts = Counter(labels.values())
    if not counts:
        return set()
    guest, turns = counts.most_common(1)[0]
    if turns < _GUEST_TURNS:
        return set()
    answers = [i for i, key in labels.items() if key == guest]
    askers = [i for i in range(answers[0] - _ASKER_REACH, answers[-1]) if _asker(units, syms, i)]
    gaps = sum(1 for a, b in pairwise(answers) if any(a < i < b for i in askers))
    if gaps * 3 < (len(answers) - 1) * 2:
        return set()
    return set(answers) | {i for i in askers if i not in answers}


def _asker(units: list[Unit], syms: list[str], index: int) -> bool:
    """Whether a line is a label naming who asks, over the question: a few words ending in
    a colon, no date, the question or a paragraph under it."""
    if index < 0 or index + 1 >= len(units) or syms[index + 1] not in (TEXT, TITLE):
        return False
    unit = units[index]
    text = unit.text.rstrip()
    dated = unit.byline is not None and unit.byline.published is not None
    return text.endswith(":") and len(text.split()) <= _ASKER_WORDS and not dated
