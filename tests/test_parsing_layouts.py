"""Which layout a page is: a transcript's speaker turns are one article's paragraphs, a
list of paragraphs each closed by the link the page repeats is teasers, and a profile
whose name is in capitals heads an author archive, in any language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from publisher.ingest.parsing import parse_page

SAVED = datetime(2025, 3, 20, tzinfo=UTC)

_DE_TURNS = [
    ("Moderatorin", "Willkommen zu einer neuen Folge. Heute spreche ich mit Jonas Keller."),
    ("Jonas Keller", "Danke für die Einladung, ich freue mich sehr, hier zu sein, wirklich."),
    ("Moderatorin", "Wie hat der Streik im Lager angefangen?"),
    ("Jonas Keller", "Mit einer Liste der Pausen. Wir haben jede Minute aufgeschrieben."),
    ("Moderatorin", "Und was hat die Geschäftsleitung gesagt?"),
    ("Jonas Keller", "Zuerst nichts. Dann kamen neue Toiletten, acht Monate später."),
    ("Moderatorin", "Was kommt als Nächstes für euch?"),
    ("Jonas Keller", "Ein Tarifvertrag. Das dauert, aber wir sind jetzt viele."),
]


def _german_transcript() -> str:
    """A German episode page: speaker lines with a time stamp in parentheses, then speech."""
    turns = "\n\n".join(
        f"{name} ({n // 60:02d}:{n % 60:02d})\n{speech}"
        for n, (name, speech) in enumerate(_DE_TURNS, start=3)
    )
    return (
        "Schichtfunk\nFolgen | Über uns | Unterstützen\n\n"
        "Folge 41: Toilettenpausen und Tarifverträge im Versandlager\n\n"
        "Von Mara Lindqvist\n12. März 2025 · 39 Min.\n\n"
        "Transkript\n\n" + turns + "\n\n© 2025 Schichtfunk\n"
    )


def _spanish_interview() -> str:
    """A Spanish Q&A page: speakers in capitals with a colon on lines of their own."""
    pairs = [
        ("¿Cómo empezó la huelga en la planta?", "Con una asamblea en el comedor, un martes."),
        ("¿Cuánta gente fue?", "Más de doscientas personas. Nadie lo esperaba, la verdad."),
        ("¿Y la empresa qué respondió?", "Primero amenazó con despidos. Luego negoció."),
        ("¿Qué aprendisteis?", "Que los datos convencen más que las quejas sueltas."),
    ]
    turns = "\n\n".join(
        f"PERIODISTA:\n{question}\n\nLUCÍA PÉREZ:\n{answer}" for question, answer in pairs
    )
    return (
        "La Hoja Obrera\nInicio | Entrevistas | Contacto\n\n"
        "Lucía Pérez: «La huelga empezó con una hoja de cálculo»\n\n"
        "Por Andrés Gil\n4 de marzo de 2025\n\n" + turns + "\n\nCompartir: X | Facebook\n"
    )


@pytest.mark.parametrize(
    ("page", "title", "author"),
    [
        (
            _german_transcript(),
            "Folge 41: Toilettenpausen und Tarifverträge im Versandlager",
            "Mara Lindqvist",
        ),
        (
            _spanish_interview(),
            "Lucía Pérez: «La huelga empezó con una hoja de cálculo»",
            "Andrés Gil",
        ),
    ],
    ids=["de-name-and-time", "es-speakers-in-capitals"],
)
def test_a_transcripts_speaker_turns_are_one_articles_paragraphs(
    page: str, title: str, author: str
) -> None:
    result = parse_page(page, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == title
    assert item.author == author


def test_names_over_headlines_in_a_listing_are_no_speaker_turns() -> None:
    """Bylines that sign headlines alternate too, but each stands under its title."""
    records = "\n\n".join(
        f"{title}\nBy {name}\n{standfirst}"
        for title, name, standfirst in [
            ("Bus drivers vote to strike", "Ann Lee", "The ballot closed on Friday."),
            ("Council backs living wage", "Tom Hart", "A motion passed by 30 votes."),
            ("Nurses march on parliament", "Ann Lee", "Thousands joined the rally."),
            ("Dockers win pay deal", "Tom Hart", "The deal runs for two years."),
            ("Teachers reject offer", "Ann Lee", "The union will ballot again."),
            ("Cleaners end dispute", "Tom Hart", "Sick pay is restored in full."),
        ]
    )
    result = parse_page("Labour News\n\n" + records + "\n", saved=SAVED)
    assert result.layout == "listing-bylines"
    assert len(result.items) == 6


def _teasers(link: str, sentences: list[str], more: str) -> str:
    """Teasers of two sentences or three, long as an article's paragraphs, each closed by
    the same link."""
    return "\n\n".join(f"{sentence} {more} {link}" for sentence in sentences)


_FR = [
    "Les agents de la médiathèque ont obtenu la titularisation de six contractuels après trois"
    " semaines de grève. La mairie a signé le protocole vendredi.",
    "Le syndicat appelle à un rassemblement devant la préfecture jeudi à 12 heures pour"
    " défendre le service public de l'emploi.",
    "Une permanence juridique ouvre le samedi matin au local, sans rendez-vous, pour tous les"
    " adhérents et leurs familles.",
    "Les résultats des élections professionnelles à l'hôpital confirment notre place de"
    " première organisation chez les soignants.",
    "Le congrès départemental se tiendra les 14 et 15 mai à Rennes. Les délégués sont élus"
    " dans les sections avant la fin avril.",
]
_DE = [
    "Die Beschäftigten im Klinikum haben nach fünf Warnstreiks eine Entlastungsvereinbarung"
    " durchgesetzt. Sie gilt ab dem ersten April.",
    "Am Donnerstag findet um 18 Uhr eine Mitgliederversammlung im Gewerkschaftshaus statt,"
    " mit Wahl der neuen Vertrauensleute.",
    "Unsere Rechtsberatung ist ab sofort auch mittwochs geöffnet. Eine Anmeldung per Telefon"
    " ist nicht mehr nötig.",
    "Die Tarifkommission hat das Angebot der Arbeitgeber einstimmig abgelehnt und ruft zu"
    " weiteren Aktionen in allen Betrieben auf.",
    "Der Bildungsurlaub zum Thema Arbeitszeit ist ausgebucht. Ein zweiter Termin im Herbst"
    " wird gerade geplant und bald veröffentlicht.",
]


@pytest.mark.parametrize(
    ("head", "link", "sentences", "more"),
    [
        (
            "Section locale\nActualités | Agenda | Adhérer\n\nMARIE LEROUX\nEN BREF\n\n",
            "Lire la suite ›",
            _FR,
            "Tous les détails, les horaires et les contacts des délégués sont sur notre site.",
        ),
        (
            "Ortsverband Nord\nStart | Termine | Mitglied werden\n\nJANA VOGEL\nKURZ NOTIERT\n\n",
            "Weiterlesen »",
            _DE,
            "Alle Einzelheiten, Termine und Ansprechpartner findet ihr auf unserer Webseite.",
        ),
    ],
    ids=["fr-lire-la-suite", "de-weiterlesen"],
)
def test_paragraphs_closed_by_the_repeated_link_are_teasers_not_one_article(
    head: str, link: str, sentences: list[str], more: str
) -> None:
    page = head + _teasers(link, sentences, more) + "\n\n© 2025\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout != "long-page"
    assert len(result.items) >= len(sentences)


@pytest.mark.parametrize(
    ("header", "author"),
    [
        (
            "JOANNA REYES\nStaff Writer, Workplace\n\nJoanna Reyes spent ten years on the tills "
            "before she began reporting on retail work for the paper.",
            "Joanna Reyes",
        ),
        (
            "KATRIN BAUMANN\nRedakteurin, Arbeit und Soziales\n\nKatrin Baumann arbeitete "
            "zwölf Jahre in der Pflege, bevor sie zur Zeitung kam.",
            "Katrin Baumann",
        ),
    ],
    ids=["en-staff-writer", "de-redakteurin"],
)
def test_a_profile_named_in_capitals_over_a_job_title_heads_an_author_archive(
    header: str, author: str
) -> None:
    posts = "\n\n".join(
        f"{day} MAR 2025\n{title}\n5 min read"
        for day, title in [
            (12, "The hours nobody counts on the shop floor"),
            (5, "What a rota tells you about a company"),
            (1, "Night shifts and the price of sleep"),
        ]
    )
    page = f"The Paper\nNews | Work | Culture\n\n{header}\n\nLatest\n\n{posts}\n"
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == [author] * 3
