"""A newsletter's plain-text part, as email clients and list archives show it: headings
opened by two stars, hard-wrapped paragraphs, each link alone on its line in brackets, rules
between the stories; and a report's table of contents whose last entry (an appendix) stands
nowhere below."""

from __future__ import annotations

from datetime import date, datetime

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.contents import contents_start
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.roles import BYLINE, LIST, TEXT, TITLE

SAVED = datetime(2025, 3, 12, 9, 0)

BULLETIN = """Pay equity explained, cleaners' back-pay win, delegate training dates
and more in this week's bulletin

View this email in your browser
(https://mailchi.mp/harbourunion/weekly-issue-212?e=4f3c2a1b00)

** Harbour Workers Union Weekly
** Issue 212 | Wednesday 12 March 2025
------------------------------------------------------------

Kia ora koutou,

Here's what's been happening across the union this week. As always,
reply to this email if you've got a story for the next issue.

============================================================

** Pay equity: what the amendment bill means for you
------------------------------------------------------------

By Mere Tawhiri, Organiser
Published Monday 10 March

If you work in a claim that was already lodged, you may be wondering
whether it still counts. The short answer: we don't know yet, and
that is exactly the problem. Here is what we do know, and what you
can do this week.

Read the full explainer
(https://www.harbourunion.example/news/pay-equity-amendment-bill-explained)

============================================================

** Port cleaners win living wage back-pay after 18 months
------------------------------------------------------------

By Sam Whitcombe and Ana Lealaiauloto | 7/3/2025

Cleaners at three port terminals will receive back-pay dating
to January 2024 after the contractor conceded at mediation on
Thursday, ending a dispute that began with a single grievance.

Read more
(https://www.harbourunion.example/news/port-cleaners-back-pay)

============================================================

** Delegate profile: "I never thought I’d be a delegate"
------------------------------------------------------------

By Hemi Parata, Communications | 5 March 2025

Losa works nights on the container cranes. Six years ago she'd
never been to a union meeting. Now she runs one.

Read Losa's story
(https://www.harbourunion.example/stories/losa-crane-delegate)

============================================================

** Why we're backing the fair pay petition
------------------------------------------------------------

BY MERE TAWHIRI | Tuesday 4 March 2025

Fair pay agreements didn't last long enough for most workers to see
one. That is why we're asking every member to sign, and share.

Sign and read more
(https://www.harbourunion.example/campaigns/fair-pay-petition)

============================================================

Copyright (C) 2025 Harbour Workers Union. All rights reserved.
You are receiving this email because you are a member.
"""


def test_a_plain_text_newsletter_is_read_by_its_starred_headings() -> None:
    result = parse_page(BULLETIN, saved=SAVED)
    got = [(i.title, i.author) for i in result.items]
    assert got == [
        ("Pay equity: what the amendment bill means for you", "Mere Tawhiri"),
        (
            "Port cleaners win living wage back-pay after 18 months",
            "Sam Whitcombe and Ana Lealaiauloto",
        ),
        ('Delegate profile: "I never thought I’d be a delegate"', "Hemi Parata"),
        ("Why we're backing the fair pay petition", "Mere Tawhiri"),
    ]
    assert [i.published and i.published.date() for i in result.items][1:] == [
        date(2025, 3, 7),
        date(2025, 3, 5),
        date(2025, 3, 4),
    ]


REPORT = """Published using Google Docs
Report abuse
Learn more
Trades Council AGM 2025 - Secretary's report (draft v3)
Updated automatically every 5 minutes

Northbridge & District Trades Union Council
Annual General Meeting, Thursday 6th March 2025, 7.30pm

Secretary's Report 2024-25

Presented by Dana Whitfield, Secretary

Contents
1. Introduction
2. Membership and finances
3. Disputes and solidarity
4. Campaigns
5. Education
Appendix: Council attendance

1. Introduction

Comrades, friends,

When I gave this report a year ago I said that we were a council of
twelve people in a room that seats sixty. I am pleased to say that
the room has been fuller this year, and louder. We met eleven times
and the average attendance was 23 delegates.

2. Membership and finances

Affiliated branches at 31 December 2024: 41 (up from 36).

New affiliations this year:
- Unite Northbridge Bus branch
- NEU Northbridge district
- GMB Care branch

The treasurer's report is circulated separately. In brief: affiliation
income rose to £4,310, the May Day event broke even, and we made
solidarity donations totalling £1,250.

3. Disputes and solidarity

This was a year of picket lines. We visited or supported:
- the Kelby bakery strike, which began on 2 September 2024
- the refuse workers' overtime ban at Northbridge council
- the one-day hospital porters' strike on 15 October 2024

4. Campaigns

May Day 2024 drew around 400 people to the march and rally, our
biggest in a decade. The walk-in centre campaign continues.

5. Education

Two courses were run locally:
- Health and safety stage one
- Organising at work

Thank you all for another year of solidarity.

Dana Whitfield, Secretary
"""


def test_a_report_whose_contents_list_an_appendix_sent_apart_is_one_piece() -> None:
    result = parse_page(REPORT, saved=SAVED)
    assert result.layout == "long-page"
    assert len(result.items) == 1


def test_a_contents_list_points_at_its_sections_though_its_appendix_stands_apart() -> None:
    lines = read_lines(REPORT, saved=SAVED)
    text = [i for i, s in enumerate(lines.syms) if s in (TEXT, TITLE, BYLINE, LIST)]
    first = contents_start(lines.units, lines.syms, text)
    assert first is not None
    assert lines.units[first].text.startswith("When I gave this report")
