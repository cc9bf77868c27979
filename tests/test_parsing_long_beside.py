"""Long pages a listing's pattern also fits: an interview whose answers open with a speech
dash (interview.py), a live page under a masthead's own name and date bar (livepage.py),
and a letter or report whose few signed records beside it (related links, signatories)
hold little of its text (article.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page

SAVED = datetime(2025, 5, 21, 18, 0, tzinfo=UTC)

_QUESTIONS = [
    ("Wie fing alles an?", "– Mit einem Foto vom Thermometer im Lager, 38 Grad an einem Dienstag."),
    ("Und dann?", "– Die Geschäftsführung sprach von einer Ausnahme. Es war keine."),
    ("Wie lange ging das so?", "– Drei Sommer lang, jedes Jahr schlimmer als das davor."),
    ("Was sagt das Gesetz?", "– Eine Obergrenze gibt es nicht, nur eine Empfehlung der Behörde."),
    (
        "Welche Grenze fordern Sie?",
        "– 30 Grad bei körperlicher Arbeit, danach muss gehandelt werden.",
    ),
    ("Ist das realistisch?", "– Andere Länder haben solche Regeln längst. Warum wir nicht?"),
    ("Was sagen die Arbeitgeber?", "– Dass es teuer wird. Krankheitstage sind teurer."),
]


def test_an_interview_whose_answers_open_with_a_speech_dash_is_one_piece() -> None:
    qa = "\n\n".join(f"{q}\n{a}" for q, a in _QUESTIONS)
    page = (
        "Zum Inhalt springen\nLagerwelt\nDas Magazin für Beschäftigte in Logistik und Handel\n"
        "Aktuell\nTarif\nMagazin\n\nInterview\n"
        "„Hitze ist kein Naturgesetz“\n"
        "Im Lager in Kassel maßen die Betriebsräte im Juli 38 Grad. Jetzt fordert Sekretärin "
        "Jana Roth eine gesetzliche Obergrenze.\n"
        "Text: Ulf Berger\n"
        "19. Mai 2025, 10:15 Uhr\n\n"
        "Jana Roth ist seit 2016 Gewerkschaftssekretärin in Kassel und hat selbst zehn Jahre im "
        "Lager gearbeitet, zuletzt als Betriebsrätin.\n\n"
        f"{qa}\n\n"
        "Weitere Artikel\nStreik bei Amazon in Bad Hersfeld\nNeuer Tarif für den Großhandel\n\n"
        "© 2025 Lagerwelt\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.layout == "long-page"
    assert [(i.title, i.author) for i in result.items] == [
        ("„Hitze ist kein Naturgesetz“", "Ulf Berger")
    ]


_ENTRIES = [
    (
        "17:40",
        "Die Delegation hat das Ministerium verlassen",
        "Die Gespräche dauerten fast anderthalb Stunden, ein Ergebnis gibt es nicht.",
    ),
    (
        "16:55",
        "Die Polizei sperrt eine Spur der Hauptstraße",
        "Tausende stehen noch immer vor dem Gebäude und rufen Parolen.",
    ),
    (
        "16:10",
        "Marktplatz, fast voll",
        "Die Veranstalter sprechen von 20.000 Menschen, die Polizei von 8.000.",
    ),
    (
        "15:30",
        "Das Ministerium meldet sich zu Wort",
        "In einer Mitteilung heißt es, für höhere Gehälter fehle in diesem Jahr das Geld.",
    ),
    (
        "15:05",
        "Die Delegation ist im Ministerium",
        "Fünf Vorsitzende der Gewerkschaften wurden empfangen.",
    ),
    (
        "14:20",
        "Guten Tag und willkommen",
        "Wir berichten live vom Protest der Beschäftigten im Bildungswesen.",
    ),
]


def test_a_live_page_under_a_mastheads_name_and_date_bar_is_one_piece() -> None:
    entries = "\n\n".join(f"{t}\n{head}\n{body}" for t, head, body in _ENTRIES)
    page = (
        "Diese Seite verwendet Cookies. [Akzeptieren]\n\n"
        "Anna Keller\n"
        "Mittwoch, 21. Mai 2025 · EUR/CHF 0,94 · EUR/USD 1,13\n\n"
        "Politik › Bildung\n\n"
        "LIVE\n"
        "Protest der Lehrkräfte vor dem Ministerium: Tausende fordern höhere Gehälter, "
        "Gewerkschaften bei der Ministerin\n"
        "Autoren: Jonas Weber, Lea Brandt\n"
        "Veröffentlicht: Mittwoch, 21. Mai 2025, 14:15\n"
        "Lesezeit: 6 min\n\n"
        f"{entries}\n\n"
        "Meistgelesen\n1. Neue Regeln für Mieter\n2. Der Euro steigt\n\n"
        "© 2025 Tagesblatt Medien GmbH\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.layout == "long-page"
    assert [i.author for i in result.items] == ["Jonas Weber and Lea Brandt"]


_LETTER = [
    "We write as trade unions, tenants' associations, advice agencies and charities to ask "
    "you to act now on the condition of rented homes across the borough, before another "
    "winter passes with families living in damp and mould that makes their children ill "
    "and keeps them off school for weeks at a time.",
    "In your statement to the council on 12 November 2024 you promised a licensing scheme for "
    "private landlords within a year. Six months later no consultation has opened, the "
    "inspection team has lost four of its nine officers to other departments, and the "
    "waiting list for an inspection now runs to eleven weeks.",
    "Every month without a scheme is a month in which the worst landlords go on collecting "
    "rent for homes that fail the most basic standards, while the tenants who complain are "
    "served with notices to quit and the council hears nothing more of them, because they "
    "have moved on to another home that is no better.",
    "We therefore ask you to open the consultation by 1 July, to restore the inspection team "
    "to its full strength, and to meet the signatories of this letter before the summer "
    "recess, so that tenants themselves can say what the scheme must do and how its "
    "inspectors should find the homes that need them most.",
]


def test_a_letter_with_its_signatories_and_related_links_beside_it_is_one_piece() -> None:
    signatories = "\n".join(
        f"{name}, {role}, {body}"
        for name, role, body in [
            ("Maya Osei", "Secretary", "Northfield Tenants' Union"),
            ("Tom Hale", "Chair", "Riverside Advice Centre"),
            ("Priya Nair", "Director", "Homes for All"),
            ("Sean Doyle", "Regional Organiser", "Unite Community"),
            ("Eva Lind", "Coordinator", "Damp Homes Campaign"),
            ("Ann Roe", "Chair", "Eastside Residents"),
            ("Li Wei", "Caseworker", "Shelter North"),
            ("Omar Aziz", "Branch Secretary", "GMB Housing"),
            ("Kate Moss", "Director", "Renters Voice"),
            ("Joe Bloggs", "Treasurer", "Tenants Together"),
        ]
    )
    page = (
        "Skip to content\nFair Homes Coalition\nTenants, unions and charities for safe homes\n"
        "Home\nCampaigns\nNews\nDonate\n\n"
        "Open letter: tenants cannot wait another winter for safe homes\n"
        "More than 40 organisations and 2,000 tenants have signed our letter to the council "
        "leader asking for a licensing scheme this year.\n"
        "By Ruth Kemp, campaigns officer · 20 May 2025\n"
        "Share: Facebook | X | Email | Copy link\n\n"
        "Dear Councillor Ahmed,\n\n"
        + "\n\n".join(_LETTER[:2])
        + "\n\nThe figures speak for themselves:\n"
        "• one home in five in the private rented sector fails the decent homes standard;\n"
        "• complaints about damp and mould have doubled since 2021;\n"
        "• the council served four improvement notices last year, against forty in 2015;\n\n"
        + "\n\n".join(_LETTER[2:])
        + "\n\nYours sincerely,\n\nSigned by:\n"
        + signatories
        + "\n… and 31 more organisations. Read the full list (PDF, 120 KB)\n\n"
        "Tenants who signed: 2,114 and counting\n\n"
        "What happens next\nWe will publish the council's reply on this page.\n\n"
        "Press enquiries: press@fairhomes.example · 0161 496 0000\n\n"
        "Tags: housing, letters, council\n\n"
        "Latest\nLicensing: what we know so far\n"
        "12 May 2025\nTenants lobby the council on the anniversary of the pledge\n"
        "3 April 2025\nOur evidence to the housing committee\n"
        "14 March 2025\n\n"
        "© 2025 Fair Homes Coalition\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.layout == "long-page"
    assert [(i.title, i.author) for i in result.items] == [
        ("Open letter: tenants cannot wait another winter for safe homes", "Ruth Kemp")
    ]
