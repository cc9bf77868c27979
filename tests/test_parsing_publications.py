"""Think-tank and research publication lists: a type label and a date over each title, the
catalogue lines (ISBN, ISSN, DOI, file sizes) and the result count around the items, teams
and editors signing, in the languages such lists come in."""

from __future__ import annotations

from datetime import datetime

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.bylines import parse_byline
from publisher.ingest.parsing.detect import read_lines
from publisher.ingest.parsing.furniture import LINK, furniture_kind
from publisher.ingest.parsing.names import is_name
from publisher.ingest.parsing.roles import BYLINE, META, name_only

SAVED = datetime(2025, 3, 7, 12, 0)


def _symbol(line: str) -> str:
    """The symbol one line alone is given."""
    return read_lines(line, saved=SAVED).syms[0]


@pytest.mark.parametrize(
    "line",
    [
        "ISBN 978-3-86498-123-4",
        "ISBN : 978-2-35480-201-7 (version imprimée)",
        "e-ISSN 2611-4321",
        "ISSN 0214-8676 (en línea)",
        "DOI: 10.5281/zenodo.1234567",
        "Depósito legal: M-12345-2025",
        "PDF (2,2 Mo) · Données (XLSX, 96 Ko)",
        "Résumé (PDF, 380 Ko)",
        "En colaboración con el Sindicato de Inquilinas de Madrid",
        "In Zusammenarbeit mit der Hans-Böckler-Stiftung",
        "Media caption, Watch: the minister answers questions",
    ],
)
def test_catalogue_lines_are_an_items_metadata(line: str) -> None:
    assert _symbol(line) == META


@pytest.mark.parametrize(
    "line",
    [
        "Showing 1–12 of 214 publications          Sort by: Newest ▾",
        "Affichage de 1 à 12 sur 48 résultats",
        "Zeige 1–10 von 57 Publikationen",
        "Resultaten 1-10 van 57",
        "Mostrando 1–10 de 143 resultados · Ordenar por: Fecha",
    ],
)
def test_a_result_count_is_furniture(line: str) -> None:
    assert furniture_kind(" ".join(line.split())) == LINK


@pytest.mark.parametrize(
    "line", ["Showing the way: 12 of our members on the picket line", "12 results we won in 2024"]
)
def test_a_headline_with_numbers_is_no_result_count(line: str) -> None:
    assert furniture_kind(line) is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Briefing · 19 March 2025 · 6 min read", datetime(2025, 3, 19)),
        ("Analyse · 4 mars 2025 · 8 min de lecture", datetime(2025, 3, 4)),
        ("Nota de análisis | 4 de marzo de 2025 | 5 min de lectura", datetime(2025, 3, 4)),
        ("NOTA DE ANÁLISIS · 06/02/2025", datetime(2025, 2, 6)),
        ("INFORME ANUAL · 21/11/2024", datetime(2024, 11, 21)),
        ("DOCUMENTO DE TRABAJO Nº 31 · 13/02/2025", datetime(2025, 2, 13)),
        ("Arbeitspapier Nr. 12 · 3. März 2025", datetime(2025, 3, 3)),
        ("Fact Sheet | March 5, 2025", datetime(2025, 3, 5)),
    ],
)
def test_a_type_label_beside_a_date_names_no_writer(line: str, published: datetime) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None
    assert (byline.author, byline.published) == (None, published)


def test_a_name_beside_a_date_and_a_reading_time_still_signs() -> None:
    byline = parse_byline("Jane Smith · 19 March 2025 · 6 min read", saved=SAVED)
    assert byline is not None
    assert byline.author == "Jane Smith"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Edited by Tom Barnard and Ceri Lloyd", "Tom Barnard and Ceri Lloyd"),
        ("Sous la direction de Claire Dubois et Marc Petit", "Claire Dubois and Marc Petit"),
        ("Coordinado por Lucía Herrero", "Lucía Herrero"),
        ("Onder redactie van Sanne de Vries", "Sanne de Vries"),
    ],
)
def test_a_books_editors_are_its_authors(line: str, author: str) -> None:
    byline = parse_byline(line, saved=SAVED)
    assert byline is not None
    assert byline.author == author


@pytest.mark.parametrize(
    "label", ["Nota de Análisis", "Informe Anual", "Fact Sheet", "Arbeitspapier"]
)
def test_a_publications_type_is_no_name(label: str) -> None:
    assert not is_name(label)


@pytest.mark.parametrize("name", ["Ann Book", "Marc Rapport", "Jane Long"])
def test_surnames_among_type_words_stay_names(name: str) -> None:
    assert is_name(name)


@pytest.mark.parametrize(
    "line",
    [
        "Equipo de Salarios del IETD",
        "L'équipe de Recherche Emploi",
        "Gruppo di Lavoro Welfare",
        "Northfield Institute research team",
    ],
)
def test_a_team_signs_without_naming_a_writer(line: str) -> None:
    assert name_only(line) is None
    assert _symbol(line) == BYLINE


def test_a_person_before_a_role_still_signs() -> None:
    assert name_only("Rachel Okafor Policy editor") == "Rachel Okafor"


_FRENCH_LIST = """\
Institut Berthelot
Recherche indépendante sur le travail

Publications

Filtrer par : Tous · Rapport · Note · Étude
Affichage de 1 à 4 sur 61 résultats

Rapport  ·  4 mars 2025
Le temps partiel subi dans la grande distribution
Claire Dubois et Marc Petit
ISBN 978-2-35480-201-7
PDF (2,4 Mo)

Note d'analyse n° 12  ·  27 février 2025
Les salaires minimums de branche en 2025
Marc Petit
PDF (640 Ko)

Étude  ·  20 février 2025
La sous-traitance dans le nettoyage : qui paie ?
Sous la direction de Sophie Martin
ISSN 2274-1180 (en ligne)
PDF (1,2 Mo)

Note d'analyse n° 11  ·  6 février 2025
Dix ans de ruptures conventionnelles
L'équipe de Recherche Emploi
PDF (410 Ko)

« Précédent  1  2  3  Suivant »
© Institut Berthelot 2025
"""


def test_a_publications_list_dates_each_title_by_the_row_above_it() -> None:
    result = parse_page(_FRENCH_LIST, saved=SAVED, labeller=None)
    got = [
        (i.title, i.author, i.published and i.published.date().isoformat()) for i in result.items
    ]
    assert got == [
        (
            "Le temps partiel subi dans la grande distribution",
            "Claire Dubois and Marc Petit",
            "2025-03-04",
        ),
        ("Les salaires minimums de branche en 2025", "Marc Petit", "2025-02-27"),
        ("La sous-traitance dans le nettoyage : qui paie ?", "Sophie Martin", "2025-02-20"),
        ("Dix ans de ruptures conventionnelles", None, "2025-02-06"),
    ]


@pytest.mark.parametrize("line", ["Reports » Industrial Workers", "Home » News » Local"])
def test_a_trail_of_chevrons_is_furniture(line: str) -> None:
    assert furniture_kind(line) == LINK


def test_a_quotation_in_guillemets_is_no_trail() -> None:
    assert furniture_kind("Un « score de productivité » individuel") is None


@pytest.mark.parametrize(
    "line",
    [
        "Accepter et fermer",
        "Continuer sans accepter",
        "Alle akzeptieren",
        "Weiter ohne Einwilligung",
        "Rechazar todo",
        "Acceptera alla",
        "Přijmout vše",
        "Continue without accepting",
        # a link out to the piece itself
        "Lire l'article ↗",
        "Voir le reportage (4 min 30) ↗",
        "Zum Artikel",
        "Leggi l'articolo",
    ],
)
def test_a_cookie_banners_buttons_and_links_out_in_any_language_are_furniture(line: str) -> None:
    assert furniture_kind(line) == LINK
