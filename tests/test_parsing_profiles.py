"""Fields read as a careful reader reads them on pages from unseen sites: a profile's name
over a job title and a biography heads the person's archive (the biography need not open
with the name); a heading over someone's columns names them; a credit naming the page's
owner beside a co-writer signs nothing by others; "12:05 a. m." and "5.3.25 · Cartoon"
are dates; a job title after a writer's comma ("Case Owner", "Bezirksleiterin") is no
second writer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline

SAVED = datetime(2025, 3, 20, tzinfo=UTC)


def _pieces(name: str) -> str:
    """Three dated pieces, the second credited to a co-writer and ``name``."""
    return (
        "Fire and rehire, now with consultation\n26 February 2025\n\n"
        "The bin strike diaries, part three\n12 February 2025\n"
        f"Words by Nadia Shah, drawings by {name}\n\n"
        "Blue Monday at the jobcentre\n5 February 2025\n"
    )


def _profile(name: str, role: str, bio: str) -> str:
    """A page: the site's name and menu, a profile, then the pieces."""
    return (
        f"THE CLARION\nNews  Politics  Workplace  Culture\n\n{name}\n{role}\n\n{bio}\n\n"
        f"318 pieces\n\n{_pieces(name)}"
    )


@pytest.mark.parametrize(
    ("name", "role", "bio"),
    [
        (
            "Kev Holroyd",
            "Cartoonist",
            "Kev has drawn for the paper every week since 2009, and for many strike "
            "bulletins before that. He lives in Hebden Bridge.",
        ),
        (
            "Chiara Benedetti",
            "Giornalista, redazione Nord-Est",
            "Padovana, segue dal 2014 contrattazione, crisi industriali e vertenze tra "
            "Veneto e Friuli. Scrive anche di trasporti e di lavoro povero.",
        ),
    ],
    ids=["en-first-name-bio", "it-bio-without-name"],
)
def test_a_name_over_a_job_title_and_a_biography_heads_an_author_archive(
    name: str, role: str, bio: str
) -> None:
    """The page is headed by one person's name, job title and biography, and nobody else
    signs the pieces below: every piece is theirs (a co-writer's credit beside them too)."""
    result = parse_page(_profile(name, role, bio), saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items][::2] == [name, name]


def test_names_over_job_titles_one_after_another_are_a_team_not_a_profile() -> None:
    """Several names, each over a job title and a few sentences, list a team: no one of
    them owns the page's pieces."""
    team = (
        "Jane Doe\nEditor\n\nJane has edited the paper since 2019. She lives in Leeds.\n\n"
        "Omar Khan\nReporter\n\nOmar covers the buses and the bins. He lives in Bradford.\n\n"
    )
    page = f"THE CLARION\nNews  Politics  Workplace  Culture\n\n{team}{_pieces('Jane Doe')}"
    result = parse_page(page, saved=SAVED)
    assert result.layout != "author-archive"
    assert "Jane Doe" not in {item.author for item in result.items}


def test_a_heading_over_someones_columns_names_the_author() -> None:
    """ "Columnas de Name" heads a columnist's page: every column below is theirs."""
    page = (
        "LA BITÁCORA\nOpinión › Columnistas\n\nCOLUMNISTA\nMaría Fernanda Ortega\n"
        "Abogada laboralista y profesora de derecho del trabajo.\n"
        "Columnas de María Fernanda Ortega\n\n"
        "La reforma laboral que viene\n4 de marzo de 2025 - 12:05 a. m.\n\n"
        "Las madres comunitarias no son voluntarias\n25 de febrero de 2025 - 12:05 a. m.\n\n"
        "Recargos nocturnos: una cuenta sencilla\n11 de febrero de 2025 - 12:05 a. m.\n"
    )
    result = parse_page(page, saved=SAVED)
    assert result.layout == "author-archive"
    assert [item.author for item in result.items] == ["María Fernanda Ortega"] * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 de marzo de 2025 - 12:05 a. m.", datetime(2025, 3, 4, 0, 5)),
        ("4 de marzo de 2025, 3:40 p. m.", datetime(2025, 3, 4, 15, 40)),
        ("5.3.25 · Cartoon", datetime(2025, 3, 5)),
        ("18.12.24 · Cartoon · Double-page", datetime(2024, 12, 18)),
    ],
)
def test_spaced_meridiems_and_unpadded_short_years_with_labels_are_dates(
    text: str, expected: datetime
) -> None:
    byline = parse_byline(text)
    assert byline is not None
    assert byline.published == expected
    assert byline.author is None


@pytest.mark.parametrize("text", ["1.2.25 release notes", "3.4.5 · Fix", "12:05 a mi casa"])
def test_versions_and_running_words_are_no_dates(text: str) -> None:
    byline = parse_byline(text)
    assert byline is None or byline.published is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Posted by Harriet Quayle, Case Owner · 5 March 2025", "Harriet Quayle"),
        ("Ein Nachruf von Gesa Thiele, Bezirksleiterin Bremerhaven", "Gesa Thiele"),
        ("Von Jürgen Weiß, Gewerkschaftssekretär Halle", "Jürgen Weiß"),
        ("Von Jens Leiter und Anna Führer", "Jens Leiter and Anna Führer"),
    ],
    ids=["en-owner", "de-compound-leiterin", "de-compound-sekretaer", "de-surnames"],
)
def test_a_job_title_after_the_comma_is_no_second_writer(text: str, author: str) -> None:
    """ "Case Owner" and German compound titles ("Bezirksleiterin": district head) after a
    writer's name are their job, not a co-author; a surname that is only the role word
    ("Leiter") is still a name."""
    byline = parse_byline(text)
    assert byline is not None
    assert byline.author == author
