"""A speech is one item: its headline, the speaker's signature under it ("Speech by …,
chair of …") and the day, however short its paragraphs and many its subheads."""

from __future__ import annotations

from datetime import UTC, date, datetime

from publisher.ingest.parsing import parse_page

SAVED = datetime(2026, 11, 23, 12, 40, tzinfo=UTC)
SPEECH = """Skip to content
Join | Log in | Contact

Public Service Union
Home | Pay | Councils | Health | Schools | News | Speeches | About

Home > News > Speeches

SPEECH
"Who cares deserves security"
Speech by Marieke van Doorn, chair of the union, at the national day of action

The Hague, Saturday 21 November 2026
Reading time 7 minutes
Only the spoken word counts

Share: LinkedIn | Facebook | WhatsApp | Email

[Photo: Marieke van Doorn speaks to the crowd.]

Dear colleagues, dear friends,

What a sea of people. Twenty thousand, the organisers say. I see the nurse from Emmen
who got on the bus at five this morning, the teacher from Venlo, the cleaner.

(applause)

We are not here for ourselves

Last week a member of parliament called our pay claim "irresponsible". Let me answer.

Irresponsible is a council that shuts the library and then hires consultants.

We ask three things:

- a pay rise of 7 per cent, with a floor of 250 euros;
- an end to zero-hours contracts in care;
- a workload fund that pays for more people.

That is not irresponsible. That is the minimum.

What has happened since 2010

Since 2010 a nurse's buying power has fallen by almost four per cent.

In the same years the state's spending on agency staff rose by more than half.

The minister has invited us to talk on 2 December. We will go.

In closing

Some ask me: what if the cabinet does not move? Then we come back. With more of us.

Thank you. Hold on to each other.

(long applause)

Tags: public sector, pay, day of action

More speeches
- Vice-chair's speech at the care conference
- May Day speech in Rotterdam

© 2026 Public Service Union | Privacy | Cookies
"""


def test_a_speech_signed_by_its_speaker_under_its_headline_is_one_item() -> None:
    result = parse_page(SPEECH, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == '"Who cares deserves security"'
    assert item.author == "Marieke van Doorn"
    assert item.published is not None and item.published.date() == date(2026, 11, 21)


CLOSING_SPEECH = """Skip to content
Transport and General Union
Join | Log in | Contact

Home > Conference 2026 > Speeches

CONFERENCE 2026 · SPEECHES

"A fair day's pay in every workplace"

Closing speech by Jo Bellamy, General Secretary of the union, to the 2026 conference.
Brighton, Thursday 12 March 2026
Check against delivery.

Share: Facebook · Bluesky · LinkedIn · Copy link
Download the speech (PDF, 280 KB)

[Photo: Jo Bellamy at the rostrum. © TGU]

Friends, colleagues,
Guests from our sister unions,

Four days. Four days of debate, sometimes sharp, always comradely. Four days in which
nine hundred delegates from every region made our democracy live.

(Applause)

I want to thank the stewards, the interpreters and the volunteers. And I want to thank
the members of the South East region who welcomed us to this city.

A clear mandate from this hall

You adopted our strategy with eighty-seven per cent of the vote. That is a clear mandate.

On pay first. No grade below the living wage, anywhere. Not one.

Work is not a cost to be cut

For thirty years we have been told that work is a cost. Ask the home carers who drive
two hundred miles a day in their own cars whether they feel overprotected.

(Applause)

We are not alone in this fight

I salute our sisters and brothers from thirty-one countries who joined us this week.

Let us go back to our workplaces and make this mandate live.

Tags: Conference · Pay · Organising

Read also
Jo Bellamy re-elected with 91 per cent of the vote
Conference in pictures

© TGU 2026 | Privacy | Accessibility
"""


def test_a_closing_speech_under_a_note_share_row_and_caption_is_one_item() -> None:
    result = parse_page(CLOSING_SPEECH, saved=datetime(2026, 3, 13, 9, 0, tzinfo=UTC))
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == '"A fair day\'s pay in every workplace"'
    assert item.author == "Jo Bellamy"
    assert item.published is not None and item.published.date() == date(2026, 3, 12)


# A president's address whose paragraphs read like teasers (a sentence or two each, under
# short subheads): the hall's reactions stand after a paragraph and over the next subhead.
ADDRESS = """Home | About Us | Affiliates | Campaigns | Publications | Press Releases | Contact

FEDERATION OF PORT AND DOCK WORKERS
Registered under the Trade Unions Act, Reg. No. 2231

>> Annual convention, Kochi: the resolutions adopted are now online, read them here  >>  Pension forms: file before 30 April at your branch office

You are here: Home » Publications » Speeches

PRESIDENTIAL ADDRESS | 9TH CONVENTION

"The ports run on our shoulders; now they must carry our future"

Anil Varghese
President, FPDW

Published: 14-01-2026  |  Category: Speeches  |  Views: 2,047

Download PDF (English) | Download PDF (Malayalam)

Comrades,

On behalf of the executive I welcome all of you, more than nine hundred delegates from eleven ports, to this city that has fed the docks for two hundred years.

Let us begin by remembering the comrades we lost since the Vizag convention, among them the crane drivers who died when the gantry fell in the monsoon.

(Delegates observed two minutes' silence)

Where we stand

Comrades, cargo through our ports has doubled in ten years, while the number of permanent workers has fallen by a third and contract labour now does half the work.

The new terminal operators promise investment, but they bring in agencies that pay by the shift, with no provident fund and no safety training worth the name.

(Applause)

Safety on the quays

Every death on a quay is a crime of neglect. We will demand an inquiry into each one, and we will not let the port trusts close a file before a family is paid.

(Slogans: "Safe quays, living wages!")

Our demands

We place three demands before the ministry: permanent posts for work that is permanent, a safety officer on every berth, and pensions for contract workers too.

I thank you once again. Long live the unity of port workers!

(The address was received with a standing ovation.)

Tags: Convention, Safety, Contract Labour

Other speeches
General Secretary's report to the 9th convention — 13-01-2026
May Day message 2025 — 01-05-2025

Copyright © 2026 FPDW. All Rights Reserved.
"""  # noqa: E501


def test_an_address_whose_paragraphs_read_like_teasers_is_one_item() -> None:
    result = parse_page(ADDRESS, saved=datetime(2026, 1, 20, 9, 0, tzinfo=UTC))
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == '"The ports run on our shoulders; now they must carry our future"'
    assert item.published is not None and item.published.date() == date(2026, 1, 14)
