"""Long pages a reader knows at a glance: a table of contents pointing at the page's own
sections, a guest answering readers, a speech's stage directions make one piece, and the
headline stands right over the lines that sign and date it."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import numbered_date_line
from publisher.ingest.parsing.contents import contents_start
from publisher.ingest.parsing.dates import page_day_first
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.interview import guest_turns
from publisher.ingest.parsing.roles import BYLINE, LIST, TEXT, TITLE
from publisher.ingest.parsing.speeches import stage_directions

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

READERS_QA = (
    "THE DAILY LEDGER\n"
    "Home | Politics | Work | Money | Opinion\n"
    "\n"
    "LIVE Q&A\n"
    "\n"
    "Ana Silva answers your questions on the new sick pay rules\n"
    "\n"
    "The union's head of legal answered readers' questions for an hour on Tuesday.\n"
    "\n"
    "By Tom Reid | London | 11/03/2025\n"
    "\n"
    "Question from Priya (Leeds):\n"
    "When do the new rules start?\n"
    "\n"
    "Ana Silva:\n"
    "From the first of April, for everyone employed on that day.\n"
    "\n"
    "Question from Gareth, warehouse worker:\n"
    "Do agency workers get it too?\n"
    "\n"
    "Ana Silva:\n"
    "Yes. The hirer pays it, not the agency, after four weeks in the job.\n"
    "\n"
    "Question from Lou:\n"
    "What if my employer refuses to pay?\n"
    "\n"
    "Ana Silva:\n"
    "Keep your fit notes, write down the dates and talk to your rep before anything else.\n"
    "\n"
    "Question from a reader in Cardiff:\n"
    "Does it cover the first three days?\n"
    "\n"
    "Ana Silva:\n"
    "It does now. The waiting days are gone.\n"
    "\n"
    "Question from Sam (Bristol):\n"
    "I work two jobs. Do I get it from both?\n"
    "\n"
    "Ana Silva:\n"
    "From each employer, on what you earn there.\n"
    "\n"
    "Question from Mei:\n"
    "Is there a form to fill in?\n"
    "\n"
    "Ana Silva:\n"
    "No form. Tell your employer you are off sick, as you do now.\n"
    "\n"
    "Ana Silva:\n"
    "That is all we have time for. Thank you for your questions.\n"
    "\n"
    "Topics: Sick pay · Rights at work\n"
    "\n"
    "© 2025 The Daily Ledger\n"
)

COUNCIL_SPEECH = (
    "Skip to content\n"
    "Councillor Maria Ortega\n"
    "Your councillor for Eastfield Ward\n"
    "Home | About me | Speeches | Contact\n"
    "\n"
    "SPEECH TO FULL COUNCIL\n"
    "\n"
    '"No child in this city should go hungry in the holidays"\n'
    "\n"
    "My speech on the motion on free school meals in the holidays\n"
    "Wednesday 12 February 2025 · Item 7 · 5 min\n"
    "\n"
    "Lord Mayor, colleagues!\n"
    "\n"
    "Last summer I met a mother in Eastfield who skipped lunch every day of the holidays "
    "so her children could eat.\n"
    "\n"
    "(Applause)\n"
    "\n"
    "What does this motion do?\n"
    "\n"
    "It asks the council to fund meals in every holiday, not only at Christmas.\n"
    "\n"
    "(Interruption from the opposition benches)\n"
    "\n"
    "I will not give way. The cost is small. The cost of doing nothing is far higher.\n"
    "\n"
    "(Applause)\n"
    "\n"
    "Thank you.\n"
    "\n"
    "Tags: Schools · Food poverty\n"
    "\n"
    "© 2025 Maria Ortega\n"
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


def test_a_guest_answering_readers_one_by_one_is_one_piece() -> None:
    result = parse_page(READERS_QA, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "Ana Silva answers your questions on the new sick pay rules"
    assert item.author == "Tom Reid"  # the askers' labels sign nothing


def test_a_guests_label_without_askers_between_is_no_readers_qa() -> None:
    page = "".join(line for line in READERS_QA.splitlines(keepends=True) if "Question" not in line)
    lines = read_lines(page)
    keys = {i: "ana silva" for i, u in enumerate(lines.units) if u.text == "Ana Silva:"}
    assert guest_turns(lines.units, lines.syms, keys) == set()


def test_stage_directions_between_paragraphs_make_one_speech() -> None:
    result = parse_page(COUNCIL_SPEECH, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == '"No child in this city should go hungry in the holidays"'
    # the date line under the headline, its other parts the sitting's numbers
    assert item.published is not None and item.published.date().isoformat() == "2025-02-12"


def test_a_wires_reporting_credits_over_the_next_headline_are_no_stage_directions() -> None:
    story = "Dockers strike in {0}\n\nDockers in {0} walked out on Monday over pay.\n"
    credit = "(Reporting by Ana Ruiz; Editing by Tom Lee)\n\n"
    page = "".join(story.format(town) + credit for town in ("Bilbao", "Genoa", "Gdansk"))
    lines = read_lines(page)
    text = [i for i, s in enumerate(lines.syms) if s in (TEXT, TITLE, BYLINE, LIST)]
    assert stage_directions(lines.units, lines.syms, text) is None


def test_a_date_line_with_a_sittings_numbers_is_dated() -> None:
    byline = numbered_date_line("Donnerstag, 26. Juni 2025 · 18. Sitzung · TOP 9")
    assert byline is not None and byline.published is not None
    assert byline.published.date().isoformat() == "2025-06-26"
    assert numbered_date_line("Sitzung 18 · 26. Juni 2025 · TOP 9") is None  # no opening date
    assert numbered_date_line("26 June 2025 · Politics · Economy") is None  # a menu's words
