"""Whether a page is one interview: questions on short lines, each answered under it.

An interview set as questions and answers ("Where are you from?" / a paragraph of
answer) reads, line by line, like a listing: a short title-like line over a paragraph,
again and again.  A reader sees at a glance that it is one piece: the short lines are
questions (they end in a question mark), each is answered right under it, and they are
most of the headings between the first and the last.  A listing's headlines are
statements, or questions signed and dated one by one (written questions to a
minister); those are left alone (the caller reads signed records as a listing first).
"""

from __future__ import annotations

from typing import Final

from publisher.ingest.parsing.lines import Unit
from publisher.ingest.parsing.roles import BYLINE, LABEL, TEXT, TITLE

_QUESTIONS: Final = 5  # an interview asks this many questions at least
_QUESTION_MAX: Final = 200  # a question is a line or two; a paragraph asking one is an answer
_HEADINGS_ASKED: Final = 0.5  # this share of the headings among the questions are questions
_INTRO_REACH: Final = 12  # lines over the first question where the standfirst may stand
_BYLINE_REACH: Final = 6  # text lines from the top within which the interviewer's byline stands
_STANDFIRST_REACH: Final = 2  # text lines over that byline where the standfirst stands


def answered_questions(units: list[Unit], syms: list[str]) -> list[int]:
    """The lines that ask a question answered by a paragraph right under them."""
    return [
        i
        for i in range(len(units) - 1)
        if syms[i] in (TITLE, TEXT, LABEL) and _asks(units[i]) and syms[i + 1] == TEXT
    ]


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
