"""An interview or a live page is one item however many short lines it has: questions
answered under them, and entries stamped with a time alone under one signed headline."""

from __future__ import annotations

from datetime import UTC, date, datetime

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.interview import answered_questions, interview_start

SAVED = datetime(2025, 3, 11, 15, 40, tzinfo=UTC)
PAIRS = [
    ("Where are you from?", "Penygroes. I have lived there all my life, apart from college."),
    ("What did you study?", "History. I had no idea what I wanted to do after."),
    ("How did you come to care work?", "My mother fell ill. I saw the carers and thought: I can."),
    ("Were you in a union then?", "No. Nobody had asked me."),
    ("What changed?", "The cuts to travel time. We were not paid between houses."),
    ("Two hours?", "In winter, on back roads, easily."),
    ("Who came to you first?", "An organiser from Bangor. We talked in the car park."),
    ("Were you afraid?", "Yes. Everybody knows everybody here."),
]
HEAD = """Cookies help us run this site.   Accept   Refuse

THE VALLEY REVIEW
News | Politics | Work | Culture | Interviews

INTERVIEW

"The union is a family to me": Nia Prys, the carer who became an organiser

Three years ago Nia Prys had never been to a union meeting. Today she is the
secretary of a new branch of 400 home carers.

By Elin Rhys
Saturday 1 March 2025
Read time: 8 minutes

Share:  Facebook  ·  X  ·  Email

[Photo: Nia Prys outside the council offices.]

It is a wet morning in February and Nia Prys has just finished a night shift.

"""
FOOT = """
––––

Tags: unions · care · wages

© The Valley Review 2025
"""


def _interview(pairs: list[tuple[str, str]]) -> str:
    return HEAD + "\n\n".join(f"{q}\n{a}" for q, a in pairs) + "\n" + FOOT


def test_questions_answered_under_them_are_one_interview() -> None:
    result = parse_page(_interview(PAIRS), saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title.startswith('"The union is a family to me"')
    assert item.author == "Elin Rhys"
    assert item.published is not None and item.published.date() == date(2025, 3, 1)


def test_a_few_questions_are_no_interview() -> None:
    lines = read_lines(_interview(PAIRS[:4]))
    assert len(answered_questions(lines.units, lines.syms)) == 4
    assert interview_start(lines.units, lines.syms, list(range(len(lines.units)))) is None


QUESTIONS_TABLED = """Parliament
Home | Questions | Debates

Written questions to the Minister of Labour

Will the minister tighten the rules on agency staff in building?
Asked by Kari Holm, 3 March 2025
The minister answered on 10 March 2025.

Why is the benefits office in Vardø to close?
Asked by Per Lie, 2 March 2025
The minister answered on 9 March 2025.

How many workers had sick pay cut under the new rules?
Asked by Anne Berg, 1 March 2025
The minister answered on 8 March 2025.

Will the minister fund more labour inspectors in 2026?
Asked by Ola Dahl, 28 February 2025
The minister answered on 7 March 2025.

What is the government doing about platform workers?
Asked by Siri Moe, 27 February 2025
The minister answered on 6 March 2025.

© Parliament 2025
"""


def test_questions_each_signed_and_dated_stay_a_listing() -> None:
    result = parse_page(QUESTIONS_TABLED, saved=SAVED)
    assert result.layout != "long-page"
    assert len(result.items) == 5


LIVE = """Daily Worker
Front page | Politics | Labour | Culture

LABOUR

LIVE

Mediator delays the strike: follow the talks here

The mediator has used his right to delay the strike by two weeks.

By Mette Holm and Jonas Bech
Published 11 March 2025 at 06.00
Updated today at 15.32

Share | Save | Listen

15.32

Union: "We are far apart"
The union leader says there is still "a long way to go".

14.05

Minister: intervention is a "last resort"
The minister tells the radio that an intervention only comes at the end.

12.45

Employers: "We have gone far"
The employers' negotiator says a rise of 8.5 per cent is already on the table.

06.00

Good morning and welcome to the live blog
We follow the talks on the public sector agreements all day.

Topics: Agreements · Strike

© Daily Worker 2025
"""


def test_a_live_page_stamped_with_bare_times_and_updated_under_its_date_is_one_item() -> None:
    result = parse_page(LIVE, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "Mediator delays the strike: follow the talks here"
    assert item.author == "Mette Holm and Jonas Bech"
    assert item.published is not None and item.published.date() == date(2025, 3, 11)


REPORT = """FAIRWORK INSTITUTE
Research | Commentary | Events | About

Home / Research / Submissions

Budget 2027: Paying for the Services We Need

Aoife Ní Bhriain, Senior Economist
Cormac Doherty, Policy Analyst

Published 17 September 2026
Share: Email | X | LinkedIn

Contents
- Summary
- The fiscal context
- Our recommendations
- Housing and the cost of rents
- Childcare and early years
- Paying for it
Notes

Summary

Ireland enters Budget 2027 with a projected surplus of €8.9 billion, but most of it rests \
on corporation tax paid by a handful of firms, and that is no ground to build on.

The Department of Finance assumes corporation tax will hold at its present level, which \
history gives no reason to expect; a fall of a fifth would wipe the surplus out entirely.

In short: the surplus is real but fragile. That argues for building up the permanent tax \
base rather than spending windfalls on once-off measures that vanish within a year.

© FairWork Institute 2026
"""


def test_a_reports_headline_stands_over_its_contents_and_names_its_team() -> None:
    result = parse_page(REPORT, saved=datetime(2026, 12, 1, tzinfo=UTC))
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "Budget 2027: Paying for the Services We Need"
    assert item.author == "Aoife Ní Bhriain and Cormac Doherty"
    assert item.published is not None and item.published.date() == date(2026, 9, 17)


_COUNT_NIGHT = """\
The Quad
Independent student newspaper

News > Union > Elections

LIVE
Union elections 2025: count night as it happens

Eight officer roles and a referendum on the union's bank sponsorship.

By Ella Matthews and Josh Adeyemi, News Editors
Thursday 6 March 2025, 19:58 · Last updated Friday 7 March 2025, 00:47

Share: Facebook · X · WhatsApp · Copy link

KEY POINTS
• Turnout 31.4% – highest since 2016
• Priya Nair elected welfare officer on the first round
• The education count went to a recount after a tie

[Refresh]  Newest first ▾

00:47
That's a wrap
All eight officers have now been declared. Thanks for following along tonight.
– Ella

00:12
Welfare officer: Priya Nair wins
Nair takes the role on the first round with 61.2% of the vote.
– Josh

23:40
Recount called for the education role
The two candidates are level after transfers; the returning officer has called a recount.
– Ella

22:44
Turnout confirmed at 31.4%
The highest turnout since 2016, the returning officer says.
– Josh

21:15
Counting under way in the sports hall
Ballot boxes from the nine polling stations have arrived.
– Ella

19:58
Welcome to our live coverage
Polls closed at 7pm. Stay with us for every result as it comes in.
– Josh
"""


def test_a_live_page_running_past_midnight_is_one_item() -> None:
    """Entries stamped past midnight ("00:47" over "19:58", the time it opened) are still
    its updates: one item, its writers and the day it opened."""
    result = parse_page(_COUNT_NIGHT, saved=datetime(2025, 3, 7, 9, tzinfo=UTC))
    assert result.layout == "long-page"
    (item,) = result.items
    assert item.title == "Union elections 2025: count night as it happens"
    assert item.author == "Ella Matthews and Josh Adeyemi"
    assert item.published is not None and item.published.date() == date(2025, 3, 6)
