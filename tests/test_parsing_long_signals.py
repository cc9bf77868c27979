"""Long pages a reader knows at a glance: a table of contents pointing at the page's own
sections makes one piece, and the headline stands right over the lines that sign it."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.contents import contents_start
from publisher.ingest.parsing.dates import page_day_first
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.roles import BYLINE, LIST, TEXT, TITLE

SAVED = datetime(2025, 4, 20, tzinfo=UTC)

MEETING_REPORT = (
    "Skip to content\n"
    "RIVERSIDE TENANTS' ASSOCIATION\n"
    "Home\n"
    "About\n"
    "News\n"
    "Join\n"
    "\n"
    "Home / News / Reports\n"
    "\n"
    "AGM REPORT\n"
    "\n"
    "What we agreed at the annual general meeting\n"
    "\n"
    "Marta Kowalski, association secretary\n"
    "Posted Monday 14 April 2025 · 7 min read\n"
    "\n"
    "Thanks to everyone who came out on a wet Saturday. Here is what we talked about "
    "and what we decided, section by section, so that those who could not make it can"
    " catch up.\n"
    "\n"
    "Contents\n"
    "1. Who came\n"
    "2. Repairs\n"
    "3. Rents\n"
    "4. Elections\n"
    "\n"
    "1. Who came\n"
    "- 62 members from all four blocks\n"
    "- our councillor, who stayed for the first hour\n"
    "\n"
    "2. Repairs\n"
    "- 41 open repair requests, 17 older than three months\n"
    "- the damp survey of Block C is finally booked\n"
    "\n"
    "Motion 1 (Repairs charter)\n"
    "Moved: Ahmed Rahimi\n"
    "Seconded: Lucy Barnes\n"
    "Result: CARRIED\n"
    "\n"
    "3. Rents\n"
    "The landlord has proposed a rise of 6.9% from July. We said no, and we will say "
    "it again at the consultation meeting.\n"
    "\n"
    "Motion 2 (Rent freeze campaign)\n"
    "Moved: Lucy Barnes\n"
    "Seconded: Joe Okafor\n"
    "Result: CARRIED unanimously\n"
    "\n"
    "4. Elections\n"
    "- Chair: Sandra Pike (re-elected)\n"
    "- Treasurer: Joe Okafor\n"
    "\n"
    "See you at the next meeting,\n"
    "Marta\n"
    "\n"
    "Comments (2)\n"
    "Dave · 14 April 2025 at 8:10 pm\n"
    "Great summary, thanks.\n"
    "\n"
    "© 2025 Riverside Tenants' Association\n"
)

EPISODE = (
    "THE NIGHT SHIFT\n"
    "A podcast about work and the people who do it\n"
    "Episodes | Transcripts | Hosts | Subscribe\n"
    "\n"
    "We acknowledge the traditional owners of the land on which this podcast is "
    "recorded, and pay our respects to their elders past and present.\n"
    "\n"
    "EPISODE 41\n"
    "Who cleans the hospital at 3am?\n"
    "Hosted by Dana Whitfield\n"
    "Thursday 6 March 2025\n"
    "\n"
    "Hospital cleaners work the hours nobody sees. This week we hear from three of "
    "them about pay, contracts and the outsourcing that changed their jobs.\n"
    "\n"
    "Guests\n"
    "Ruth Aluko — Cleaner and union delegate\n"
    "Sam Petrovic — Organiser, Health Services Union\n"
    "\n"
    "Show notes\n"
    "- The 2019 outsourcing review\n"
    '- Episode 33: "Contracts all the way down"\n'
    "\n"
    "TRANSCRIPT\n"
    "Dana Whitfield: Welcome back to The Night Shift. Hospital cleaners work the "
    "hours nobody sees, and most of us only notice them when something has not been "
    "done. Ruth Aluko has cleaned the same wards for eleven years, most of them at "
    "night, and she was there when the contract went out to a private company.\n"
    "\n"
    "Ruth Aluko: Everything changed when the contract went out. New uniforms, new "
    "managers, fewer of us on every floor and the same number of wards to clean "
    "before the morning rounds. We used to have time to talk to the patients who "
    "could not sleep. Now we have a handheld scanner that tells us how many minutes "
    "each room should take.\n"
    "\n"
    "Sam Petrovic: That is the story in every hospital we organise. The contract is "
    "cheaper because the work is harder, and the people doing it are paid less than "
    "the colleagues they work beside. Members are asking for one thing above all: "
    "direct employment by the hospital they keep clean, on the same terms as everyone"
    " else.\n"
    "\n"
    "© 2025 The Night Shift\n"
)


def _contents(page: str) -> int | None:
    lines = read_lines(page)
    text = [i for i, s in enumerate(lines.syms) if s in (TEXT, TITLE, BYLINE, LIST)]
    return contents_start(lines.units, lines.syms, text)


def test_a_table_of_contents_of_the_pages_own_sections_makes_one_piece() -> None:
    result = parse_page(MEETING_REPORT, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "What we agreed at the annual general meeting"
    assert item.author == "Marta Kowalski"  # "Name, what they do" over the date
    assert item.published is not None and item.published.date().isoformat() == "2025-04-14"


def test_a_menu_repeated_in_the_footer_is_no_table_of_contents() -> None:
    page = (
        "Home\nAbout us\nNews\nContact\n\nOur first open day\n\n"
        "We opened the doors on Saturday and two hundred people came to see the workshop.\n\n"
        "Home\nAbout us\nNews\nContact\n"
    )
    assert _contents(page) is None


def test_contents_pointing_at_pieces_signed_one_by_one_are_no_sections() -> None:
    page = (
        "In this issue\nPay talks resume\nA new rota\nOur summer party\n\n"
        "Pay talks resume\nBy Jo Hart\n\nTalks with the employer resume on Monday.\n\n"
        "A new rota\nBy Sam Lee\n\nThe new rota starts in June after the ballot.\n\n"
        "Our summer party\nBy Ana Ruiz\n\nTickets for the party are on sale now.\n"
    )
    assert _contents(page) is None


def test_the_headline_stands_over_the_signature_not_over_the_sites_notices() -> None:
    result = parse_page(EPISODE, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "Who cleans the hospital at 3am?"  # not the site's tagline
    assert item.author == "Dana Whitfield"
    assert item.published is not None and item.published.date().isoformat() == "2025-03-06"


def test_a_numeric_date_in_north_american_time_is_month_first() -> None:
    assert not page_day_first("Updated: 04/08/2025 07:02 AM EDT\n")
    assert page_day_first("Updated: 04/08/2025 07:02\n")
    assert page_day_first("27/02/2025 09:00 PST and 04/08/2025 07:02 AM EDT\n")
