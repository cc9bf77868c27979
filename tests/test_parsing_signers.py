"""Who signs an item in listings and author pages: labels that name who asked or presented,
photo credits, kickers in capitals, press offices and book references."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.authors import clean_author
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.coauthors import opening_coauthors
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.references import is_book_reference
from publisher.ingest.parsing.repeats import byline_after
from publisher.ingest.parsing.roles import name_only

SAVED = datetime(2025, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Indiener(s): Anouk de Vries (SP)", "Anouk de Vries"),
        (
            "Indiener(s): Mehmet Kaya (GroenLinks), Sanne Bakker (PvdA)",
            "Mehmet Kaya and Sanne Bakker",
        ),
        ("Asked by: Deputy Ged Nash (Labour)", "Ged Nash"),
        ("Apresentação: Camila Rocha e Diego Alencar", "Camila Rocha and Diego Alencar"),
        ("Hosts: Jo Bloggs and Sam Smith", "Jo Bloggs and Sam Smith"),
        ("Tribute by Kerry O'Dea, District Secretary", "Kerry O'Dea"),
        ("Rezensiert von Marion Franke, Historikerin | 10.11.2025", "Marion Franke"),
        ("Primary sponsor: Chris Stephens (Scottish National Party)", "Chris Stephens"),
        ("Tabled by Rebecca Long-Bailey", "Rebecca Long-Bailey"),
        ("Members: Shri Rajeev Menon, Smt. Kavitha Reddy", "Rajeev Menon and Kavitha Reddy"),
        (
            "Spørsmål fra Marie Sneve Martinussen (R) til arbeids- og inkluderingsministeren",
            "Marie Sneve Martinussen",
        ),
        ("Question from Caroline Lucas to the Secretary of State", "Caroline Lucas"),
        ("Anfrage von Jana Roth an die Landesregierung", "Jana Roth"),
        ("DI ANNA CURCURU", "Anna Curcuru"),
        ("Dodane przez: Tomek Jaworski · 6 dni temu", "Tomek Jaworski"),
        ("Added by Jo Bloggs", "Jo Bloggs"),
        # who held an interview, under it or over it
        ("Das Gespräch führte Jana Roth.", "Jana Roth"),
        ("Das Gespräch führten Jana Roth und Ali Kaya.", "Jana Roth and Ali Kaya"),
        ("Intervista di Chiara Bellini", "Chiara Bellini"),
        ("By J. R. Smith Jr.", "J. R. Smith Jr."),
    ],
)
def test_labels_naming_who_asked_presented_or_reviewed_sign_the_item(
    line: str, author: str
) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Katarzyna Nowicka, Marta Zielińska (zdjęcia)", "Katarzyna Nowicka"),
        ("Jane Doe and Tom Lee (photos)", "Jane Doe"),
        ("Ana Ruiz, Pau Vidal (fotos), Eva Sol", "Ana Ruiz and Eva Sol"),
        ("Tom Lee (photos)", "Tom Lee"),
    ],
)
def test_a_name_credited_for_the_pictures_wrote_nothing(text: str, author: str) -> None:
    assert clean_author(text) == author


@pytest.mark.parametrize(
    ("line", "opening", "author"),
    [
        ("Dáil Éireann debate - Wednesday, 26 Nov 2025", "dáil éireann", None),
        ("Gestartet von anna_b · 3. März 2025", "gestartet von", "anna_b"),
    ],
)
def test_a_lower_case_word_after_a_repeated_opening_is_no_handle(
    line: str, opening: str, author: str | None
) -> None:
    byline = byline_after(line, opening, SAVED)
    assert byline is not None and byline.author == author and byline.published is not None


def test_a_by_line_names_the_writer_over_a_kicker_in_capitals() -> None:
    records = "\n\n".join(
        f"  {kicker}\n  BY {writer}  ·  {day} MARCH 2025\n  {title}\n  ► 4 min read"
        for kicker, writer, day, title in [
            ("MINING", "SIPHO NDLOVU", 5, "Platinum shafts idle as drillers down tools"),
            ("PUBLIC SECTOR", "LERATO DLAMINI", 4, "Wage talks deadlock as unions reject offer"),
            ("FARMWORKERS", "PIETER VAN DER MERWE", 3, "Fruit pickers win back pay after ruling"),
            ("PUBLIC SECTOR", "AYANDA ZWANE", 2, "Nurses threaten sit-in over unfilled posts"),
        ]
    )
    result = parse_page(f"LABOUR BULLETIN\n\nLATEST\n\n{records}\n", saved=SAVED)
    authors = [item.author for item in result.items]
    assert authors == ["Sipho Ndlovu", "Lerato Dlamini", "Pieter van der Merwe", "Ayanda Zwane"]


_RELEASES = """\
Rachel Odumosu MP
Labour Member of Parliament for Wrekin Vale

Home | News | Contact

Press releases

Rachel welcomes £2.1m for new GP surgery in Donnington
Published: 04/03/2025
The funding will pay for a new surgery on the old library site.

Local MP presses minister on rail frequency
Published: 27/02/2025
Speaking in Westminster Hall, Rachel asked for a half-hourly service.

Rachel backs local members' campaign for sick pay
Published: 20/02/2025
Workers at the bakery have no sick pay from the first day.

[ ] I'd like to receive updates from Rachel Odumosu MP
"""


def test_releases_naming_the_sites_person_are_not_signed_by_them() -> None:
    result = parse_page(_RELEASES, saved=SAVED)
    assert [item.author for item in result.items] == [None] * 3


def test_a_first_person_menu_entry_makes_no_owner() -> None:
    page = """\
Brightwater Homes
Homes for people in Greater Manchester since 1968

Report a repair   Pay my rent   My account   Contact us

Latest news

Rent and service charges for 2025/26
Letters explaining your new rent have now been posted to every household.
Category: Tenants | 4 Mar 2025

Damp and mould: our 10-day promise
We have changed how we respond to reports of damp and mould.
Category: Repairs | 28 Feb 2025

Changes to the repairs line opening hours
From 3 March the repairs line will open at 7.30am instead of 8am.
Category: Repairs | 6 Feb 2025
"""
    result = parse_page(page, saved=SAVED)
    assert [item.author for item in result.items] == [None] * 3


@pytest.mark.parametrize(
    "line",
    [
        "Marco Revelli, Ultimo turno. Voci da Mirafiori, Einaudi, 2026, pp. 312, € 20",
        "Berlin: Dietz 2025, 312 Seiten, 28 Euro",
        "Jane Doe, The Long Shift, Verso, 2024, 288 pages",
    ],
)
def test_a_books_reference_is_read_as_one(line: str) -> None:
    assert is_book_reference(line)


@pytest.mark.parametrize(
    "line",
    ["Strike at the plant enters its 12th day in 2025", "Page 2 of 14", "312 pages, no year"],
)
def test_other_lines_are_no_book_reference(line: str) -> None:
    assert not is_book_reference(line)


def test_a_book_reference_under_a_review_headline_is_not_its_title() -> None:
    reviews = "\n\n——\n\n".join(
        f"{title}\n{ref}\ndi {writer} · {day} novembre 2025"
        for title, ref, writer, day in [
            (
                "La fabbrica raccontata",
                "Marco Revelli, Ultimo turno, Einaudi, 2025, pp. 312, € 20",
                "Giulia Ferraresi",
                27,
            ),
            (
                "Il sindacato e l'algoritmo",
                "Anna Cortesi, Capi invisibili, Laterza, 2025, pp. 208",
                "Paolo Vinci",
                20,
            ),
            (
                "Braccianti a Foggia",
                "Antonio Gallo, Il ghetto e il campo, Feltrinelli, 2025, pp. 256",
                "Lorenzo Esposito",
                6,
            ),
        ]
    )
    result = parse_page(f"Il Ponte Rosso\n\nRecensioni\n\n{reviews}\n", saved=SAVED)
    assert [item.title for item in result.items] == [
        "La fabbrica raccontata",
        "Il sindacato e l'algoritmo",
        "Braccianti a Foggia",
    ]


def test_a_heading_with_the_authors_word_after_the_noun_heads_an_archive() -> None:
    posts = "\n\n".join(
        f"PRACA\n{title}\n{day} listopada 2025 · 5 min czytania"
        for title, day in [
            ("Kurierzy DPD zakładają związek zawodowy", 24),
            ("Spór zbiorowy w Poczcie Polskiej", 17),
            ("Cudzoziemcy na budowach bez umów", 3),
        ]
    )
    page = (
        "OSTRO.PL\n\nKATARZYNA NOWICKA\nDziennikarka działu Praca. Pisze o związkach"
        f" zawodowych.\n\nTeksty autorki (38)\n\n{posts}\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == ["Katarzyna Nowicka"] * 3


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Postiwyd gan Huw ap Dafydd ar 26 Chwefror 2025", "Huw ap Dafydd"),
        ("Adroddiad gan Catrin Wyn Morgan a Huw Tegid", "Catrin Wyn Morgan and Huw Tegid"),
        ("gan yr Athro Elin Royles", "Elin Royles"),
        ("Dodano: 03.03.2025 | Autor: mec. Tomasz Pietrzak | Kategoria: Porady", "Tomasz Pietrzak"),
    ],
)
def test_welsh_and_polish_bylines_name_their_writers(line: str, author: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.author == author


@pytest.mark.parametrize("line", ["💬 14 o sylwadau", "63 o sylwadau"])
def test_a_welsh_count_of_comments_is_metadata(line: str) -> None:
    assert read_lines(line, saved=SAVED).syms == ["M"]


def test_a_label_in_capitals_beside_a_date_is_a_kicker_where_the_others_are() -> None:
    records = "\n\n".join(
        f"{day} marzo 2025 · {kicker}\n{title}\nUn breve testo sul fatto del giorno e le sue cause."
        for day, kicker, title in [
            (10, "SCIOPERI", "Gtt, venerdì nero per i trasporti"),
            (9, "MIRAFIORI", "Stellantis, altre tre settimane di cassa"),
            (8, "VERTENZE", "Vertenza chiusa alla Pininfarina"),
            (7, "PUBBLICO IMPIEGO", "Comune di Torino, firmato il contratto"),
        ]
    )
    result = parse_page(f"Cronache Subalpine\n\nLavoro\n\n{records}\n", saved=SAVED)
    assert [item.author for item in result.items] == [None] * 4


_ARCHIVE = """\
Home » Authors » Farah Siddiqui

FARAH SIDDIQUI
Senior Correspondent, Labour & Employment

Farah covers labour, employment and trade unions. She has reported on the Labour Codes.

Stories by Farah Siddiqui (1,284)

Central trade unions call nationwide strike against Labour Codes
Ten central trade unions announced a one-day general strike on Saturday.
2 hours ago | New Delhi

EPFO adds 18.6 lakh net members in September, payroll data shows
5 hours ago | New Delhi

Anganwadi workers end 11-day protest after assurance from ministry
28 Nov 2025, 11:05 IST | New Delhi
"""


def test_a_place_after_the_date_on_an_author_page_is_no_writer() -> None:
    result = parse_page(_ARCHIVE, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == ["Farah Siddiqui"] * 3


@pytest.mark.parametrize(
    ("text", "writers"),
    [
        ("Hannah Clarke and Rob Mensah examine the first body", "Hannah Clarke and Rob Mensah"),
        (
            "Hannah Clarke, Fiona McLeod and Aisha Raza compare",
            "Hannah Clarke, Fiona McLeod and Aisha Raza",
        ),
        ("Hannah Clarke looks at what is holding them up.", None),
        ("E-balloting pilots were promised. Hannah Clarke and Rob Mensah ask why.", None),
    ],
)
def test_a_standfirst_opening_with_the_author_and_others_names_co_authors(
    text: str, writers: str | None
) -> None:
    assert opening_coauthors(text, "Hannah Clarke") == writers


def test_a_repeated_date_and_author_field_signs_each_record() -> None:
    # "Posted: date | Author: name" under every title: the writer's field is no category,
    # as "Posted: date | Region: North" would be.
    records = [
        ("Police seize reporter's phone at climate protest", "27 Nov 2025", "Nadia Karimi"),
        ("Local news deserts: our new map", "26 Nov 2025", "Rhys Penhaligon, Charlotte Ng"),
        ("SLAPPs bill: the amendments that matter", "20 Nov 2025", "Rhys Penhaligon"),
        ("Event report: who pays for public interest journalism?", "14 Nov 2025", "Charlotte Ng"),
    ]
    page = "Free Press Watch\n\nNews\n\n" + "".join(
        f"{title}\nPosted: {day} | Author: {who}\nTags: Media, Law\n\n"
        for title, day, who in records
    )
    result = parse_page(page, saved=SAVED)
    assert [item.author for item in result.items] == [
        "Nadia Karimi",
        "Rhys Penhaligon and Charlotte Ng",
        "Rhys Penhaligon",
        "Charlotte Ng",
    ]


def test_a_statement_signed_with_a_name_in_brackets_over_a_role_is_by_them() -> None:
    statements = [
        (
            "Labour Codes: nation-wide protest on 3rd December",
            "26-11-2025",
            "R. Meenakshi Sundaram",
        ),
        ("Greetings to the anganwadi workers on their victory", "24-11-2025", "Hemlata Kashyap"),
        ("Scheme workers to march to Parliament on 9th December", "17-11-2025", "A. K. Pillai"),
    ]
    page = "All India Federation\n\nStatements\n\n" + "".join(
        f"{title}\nDated: {day}\nAll affiliated unions are called upon to act.\n({who})\n"
        "General Secretary\nRead More\n\n"
        for title, day, who in statements
    )
    result = parse_page(page, saved=SAVED)
    assert [item.author for item in result.items] == [who for _, _, who in statements]


@pytest.mark.parametrize(
    "line",
    [
        "Sponsored by Visit Argyll",  # an advertiser
        "Questions from readers",
        "Members: 1,234",
        "DI MAIO",  # a surname in capitals, not the Italian by-word
        "PER I LAVORATORI DEL PORTO",
    ],
)
def test_lines_like_those_labels_name_no_writer(line: str) -> None:
    byline = parse_byline(line)
    assert byline is None or byline.author is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "Anthony Forrester, Distinguished Professor, Graduate School of Business and Law, "
            "RMIT University",
            "Anthony Forrester",
        ),
        (
            "Alison Penrose, Research Fellow, Centre for Future Work, The Australia Institute; "
            "Jim Stanhope, Honorary Professor of Political Economy, University of Sydney",
            "Alison Penrose and Jim Stanhope",
        ),
        (
            "Hannah Price, Senior Economist · Amir Shah, Research Fellow · Elena Costa, "
            "Visiting Fellow",
            "Hannah Price, Amir Shah and Elena Costa",
        ),
        # a headline that opens like one is none
        ("Jane Smith, Professor of Economics at the University of Leeds, dies at 84 aged", None),
        ("The Fair Work Commission, the unions and the employers have all weighed in today", None),
    ],
)
def test_a_long_line_of_writers_with_their_posts_and_institutions_signs(
    line: str, author: str | None
) -> None:
    assert name_only(line) == author


def test_a_photo_caption_over_a_record_is_no_title() -> None:
    page = (
        "Article photo: Early childhood educators at a rally. Image: Bianca De Marchi/AAP\n"
        "Early childhood workers got a 15% pay rise. Here's why many still can't fill shifts\n"
        "Marian Bairstow, Professor of Gender and Employment Relations, University of Sydney\n"
        "Published: February 28, 2025 6.10am AEDT\n\n"
        "Article photo: Union members march in Melbourne. Image: Joel Carrett/AAP\n"
        "Why the administration case is headed for the High Court\n"
        "Anthony Forrester, Distinguished Professor, RMIT University\n"
        "Published: March 6, 2025 12.14pm AEDT\n\n"
        "Article photo: A picket outside a depot. Image: Lukas Coch/AAP\n"
        "Right to disconnect, six months on: few disputes, but a quiet change in culture\n"
        "Sarah Keane, Professor, University of Technology Sydney\n"
        "Published: March 4, 2025 3.40pm AEDT\n"
    )
    result = parse_page(page, saved=SAVED)
    assert [item.title[:20] for item in result.items] == [
        "Early childhood work",
        "Why the administrati",
        "Right to disconnect,",
    ]
    assert [item.author for item in result.items] == [
        "Marian Bairstow",
        "Anthony Forrester",
        "Sarah Keane",
    ]


def test_an_irish_published_label_and_reading_time_leave_the_date_alone() -> None:
    byline = parse_byline("Foilsithe: 26 Samhain 2026 · 5 nóim. léitheoireachta")
    assert byline is not None and byline.author is None
    assert byline.published == datetime(2026, 11, 26)


def test_a_french_canadian_time_of_day_leaves_the_date_line_a_date() -> None:
    line = "Publié le 24 novembre 2026 à 6 h 00 · Mis à jour le 24 novembre 2026 à 9 h 12"
    byline = parse_byline(line)
    assert byline is not None and byline.author is None
    assert byline.published == datetime(2026, 11, 24, 6, 0)


_DASH_SIGNED = """\
Campaign updates

UPDATE · 4 MAR 2025
Committee report backs a 15% rise
The cross-party report recommends funding the second stage of the increase.
— Tamsin Kowalczyk, Campaign Coordinator
Read update →

WIN · 27 FEB 2025
Employer agrees to pass on the full first-stage increase
— Rohan Pillai, Lead Organiser (Qld)
Read update →

ACTION · 21 FEB 2025
Day of action: forty centres, three cities, one message
Photos, videos and a few very good signs from Friday's actions.
Read update →
"""


def test_a_dash_before_the_writer_closing_a_record_signs_it() -> None:
    result = parse_page(_DASH_SIGNED, saved=datetime(2025, 3, 5, tzinfo=UTC))
    assert [i.author for i in result.items] == ["Tamsin Kowalczyk", "Rohan Pillai", None]


def test_one_dashed_name_under_a_quotation_is_no_sign_off() -> None:
    page = _DASH_SIGNED.replace("— Rohan Pillai, Lead Organiser (Qld)\n", "")
    result = parse_page(page, saved=datetime(2025, 3, 5, tzinfo=UTC))
    assert all(item.author is None for item in result.items)


_CAPS_FIRST = """\
THE GLEN GAZETTE
Independent news for the Highlands

RHONA MACLEOD
Revealed: estate sold to offshore fund without community being told
Land registry records show the sale went through in January.
5 hours ago · 6 min read · 12 comments

EILIDH ROSS AND CALUM BAIRD
INVESTIGATION
The care home chain that paid no corporation tax for a decade
Accounts show £41m moved to a parent company in "management fees" since 2014.
Yesterday · 11 min read · 23 comments

DUNCAN FRASER
Gaelic-medium school turning away pupils for second year
Parents say the council has ignored demand it was warned about in 2021.
Yesterday · 5 min read · 8 comments

ISLA MCINTYRE
Short-let crackdown: one year on, where have the homes gone?
2 days ago · 7 min read

CALUM BAIRD
Refinery workers to be offered retraining "within weeks", minister says
3 days ago · 4 min read · 15 comments
"""


def test_names_in_capitals_over_titles_sign_where_one_names_several() -> None:
    """ "EILIDH ROSS AND CALUM BAIRD" over a record names no section: the one-name lines in
    that place are the writers of theirs too, not kickers."""
    result = parse_page(_CAPS_FIRST, saved=datetime(2025, 3, 6, 12, 0, tzinfo=UTC))
    assert [i.author for i in result.items] == [
        "Rhona Macleod",
        "Eilidh Ross and Calum Baird",
        "Duncan Fraser",
        "Isla Mcintyre",
        "Calum Baird",
    ]


_LETTERS_APART = """\
Leserbriefe

Hier haben Sie das Wort. Schreiben Sie höchstens 2 000 Zeichen an leserbriefe@example.de.

--------------------------------------------------------------
Veröffentlicht 27.11.2025 um 06.00

Warum trifft es immer die Pflege?

Die Region spart schon wieder, und wieder tragen wir die Last. Ersatz gibt es keinen.

Lena Holm, Lübeck

Teilen   Facebook   X   E-Mail
--------------------------------------------------------------
Veröffentlicht 26.11.2025 um 06.00

Ohne Bus kein Weg zur Arbeit

Ohne den Bus komme ich nicht zur Arbeit. Der Nahverkehr muss keinen Gewinn machen.

Amina Yusuf, Kiel

Teilen   Facebook   X   E-Mail
--------------------------------------------------------------
Veröffentlicht 25.11.2025 um 06.00

Danke an die Station 62

Ich danke allen, die meinen Mann gepflegt haben. Sie haben das Beste daraus gemacht.

Gunilla Sandberg, Husum

Teilen   Facebook   X   E-Mail
--------------------------------------------------------------
Veröffentlicht 24.11.2025 um 06.00

Rentner sind keine Bittsteller

Wir haben ein Leben lang eingezahlt. Jetzt wird so getan, als wären wir eine Last für die Stadt.

Rolf Neumann, Eutin

Teilen   Facebook   X   E-Mail
--------------------------------------------------------------
Veröffentlicht 21.11.2025 um 06.00

Die Linie 7 ist ein Verlustgeschäft

Die Busse fahren leer durch die Stadt. Das Geld wäre in den Schulen besser angelegt.

Bengt Ehlers, Plön

Teilen   Facebook   X   E-Mail
"""


def test_a_sign_off_in_a_block_of_its_own_under_the_letter_signs_it() -> None:
    result = parse_page(_LETTERS_APART, saved=datetime(2025, 11, 28, tzinfo=UTC))
    assert [i.author for i in result.items] == [
        "Lena Holm",
        "Amina Yusuf",
        "Gunilla Sandberg",
        "Rolf Neumann",
        "Bengt Ehlers",
    ]
