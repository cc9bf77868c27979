"""Long pages a teaser reading would cut into pieces: paragraphs of a sentence or three
running on one after another, a page with no blank line between its paragraphs, a wire
story under its headline with a few links beside it, a masthead's date bar over the menu."""

from __future__ import annotations

from datetime import date, datetime

from publisher.ingest.parsing import parse_page

SAVED = datetime(2025, 3, 10, 12, 0)

OBITUARY = """Valley Workers' Weekly
News | Opinion | Obituaries | Union life | Archive

OBITUARY
Anna Lindqvist, 1939–2025: the weaver who organised the night shift

Published 7 March 2025 | Text: Erik Salo

Anna Lindqvist, who died in February at the age of 85, led the first night-shift walkout at the Kouvola mill in 1968 and never stopped organising afterwards.

She was born in a small village outside Kotka, the fourth of six children. Her father worked on the timber boats and her mother took in laundry from the town.

At sixteen she went to the mill, where the noise of the looms stayed in her ears for the rest of her life. She joined the union in her first week because her aunt told her to.

The walkout of 1968 began over a broken ventilation fan. Within two days every weaver on the night shift had stopped, and the company installed new fans within a month.

In the seventies she became the shop steward for the whole weaving hall, a job she held for eighteen years while raising three children on her own after her husband's death.

Younger members remember her patience. She would listen to a complaint for an hour before saying a word, and then she would know exactly which manager to see.

When the mill closed in 1996 she helped two hundred colleagues find new work, and she ran the union's retirees' club until her eightieth birthday.

She is survived by her three children, seven grandchildren and a great-grandson born last autumn.

Read also
Mill town remembers the 1968 walkout · 12 January 2025
Retirees' club elects new chair · 3 December 2024

© 2025 Valley Workers' Weekly
"""  # noqa: E501


def test_paragraphs_running_on_under_one_headline_are_one_piece() -> None:
    result = parse_page(OBITUARY, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "Anna Lindqvist, 1939–2025: the weaver who organised the night shift"
    assert item.published is not None and item.published.date() == date(2025, 3, 7)


ESSAY = """Arbeit & Zukunft
Zeitschrift für Politik, Arbeit und Gesellschaft
Startseite
Themen
Archiv
Abo
Ausgabe 3/2025 · März
Essay
Wem gehört die Zeit?
Die Rückkehr einer alten Forderung – und warum sie diesmal anders endet, als viele glauben.
von Miriam Keller
Erschienen am 28. Februar 2025 · Lesezeit ca. 12 Minuten
Lange galt die Arbeitszeit als erledigtes Thema der Tarifpolitik. Die großen Kämpfe um den freien Samstag und die 35-Stunden-Woche lagen Jahrzehnte zurück, und die Gewerkschaften verhandelten über Prozente.
Das hat sich geändert. In Umfragen von der Pflege bis zur Industrie steht die Zeit plötzlich an erster Stelle, und junge Beschäftigte tauschen Lohnerhöhungen gegen freie Tage, wo immer man sie lässt.
Druck von unten
Auffällig ist zunächst, von wem diese Forderung ausgeht. Nicht Vorstände oder Parteien haben sie auf die Tagesordnung gesetzt, sondern Betriebsräte, Vertrauensleute und Beschäftigte selbst, in Versammlungen und Befragungen.
Die Bewegung ist international. Die britischen Versuche mit der Viertagewoche, die spanischen Pilotprojekte und die isländischen Erfahrungen im öffentlichen Dienst werden hierzulande genau gelesen.
Gegen die Arbeitszeitverkürzung wird heute vor allem mit dem Fachkräftemangel argumentiert. Wer weniger arbeite, verschärfe den Mangel, heißt es. Das klingt plausibel, verkennt aber die Lage vieler Betriebe.
Schon heute arbeiten viele Menschen, gerade in der Pflege und im Handel, unfreiwillig in Teilzeit, weil sie volle Stellen unter den gegebenen Bedingungen nicht durchhalten.
Zeit als Machtfrage
Am Ende ist die Arbeitszeit keine technische Frage, sondern eine Machtfrage, vielleicht die grundlegendste überhaupt. Sie entscheidet darüber, wem das Leben gehört.
Drei Dinge scheinen mir für die kommende Tarifrunde entscheidend:
Kollektive statt individueller Lösungen: Wahlmodelle sind ein Anfang, aber sie verschieben das Risiko auf die Einzelnen
Personalausgleich mit Zusage: jede zusätzliche freie Stunde braucht neue Stellen
Eine kurze Vollzeit für alle wäre die wirksamste Entlastung seit Jahrzehnten
Was 1984 anders war
Die 35-Stunden-Woche wurde 1984 in einem der härtesten Arbeitskämpfe der Nachkriegszeit erstritten – und blieb dann im Westen stehen, im Osten kam sie nie an.
Die Aufgabe ließe sich einfach formulieren. Es geht nicht um weniger Arbeit, sondern um mehr Verfügung über die eigene Zeit, die wir zurückgewinnen.
Anmerkungen
¹ Befragung zur Arbeitszeit 2024, veröffentlicht am 12. Februar 2025.
² Institut für Arbeit, Report 7, Berlin: August 2024.
Miriam Keller ist Soziologin und forscht zu Arbeitszeit und Mitbestimmung.
Mehr zum Thema
Vier Tage, volle Arbeit? Ein Versuch aus dem Handwerk
Jonas Brandt · 14.02.2025
Die Teilzeitfalle und wie man ihr entkommt
Sara Yilmaz · 02.02.2025
© 2025 Arbeit & Zukunft
"""  # noqa: E501


def test_a_page_with_no_blank_line_between_its_paragraphs_is_one_essay() -> None:
    result = parse_page(ESSAY, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "Wem gehört die Zeit?"
    assert item.author == "Miriam Keller"


WIRE = """Skip to main content
Meridian News
World
Business
Markets
Sustainability
Legal
Breakpoints
Technology
Investigations
More
Business
Auto parts workers ratify contract, ending 41-day strike at three Ohio plants
By Marcus Delgado
March 4, 2025 3:42 PM EST Updated 2 hours ago
Workers picket outside the Kessler Components plant in Lorain, Ohio, February 20, 2025. Meridian/Jane Roe
Deal includes 19% wage increase over four years
Two-tier pay system to be phased out by 2027
Company says production to resume within a week
DETROIT, March 4 (Meridian) - Workers at auto parts maker Kessler Components voted to ratify a new four-year contract on Tuesday, ending a 41-day strike that had threatened supplies to two carmakers.
The union said 87% of members who cast ballots voted in favor of the agreement, which includes a 19% increase in base wages over the life of the contract and an end to the two-tier pay system.
"These workers held the line through the coldest weeks of the year, and they won," regional director Dana Price said in a statement, thanking members for their patience on the picket line.
Kessler, which supplies seating frames and steering column assemblies, said production at its Lorain, Elyria and Toledo facilities would resume within a week as workers return to their shifts.
The strike began on Jan. 22 after talks broke down over pay progression for workers hired after 2019, who earn up to a third less than colleagues doing the same work on the same line.
About 1,900 workers were covered by the agreement. The union had said some newer hires were earning under $17 an hour, well below the rates paid at larger suppliers in the region.
Reporting by Marcus Delgado in Detroit; Additional reporting by June Park in Chicago; Editing by Tom Hale
Read Next
Business
Supplier index shows parts shortages easing in February
March 3, 2025
Autos & Transportation
Steel strike threatens steering parts supply, automaker warns
February 21, 2025 · By Marcus Delgado and June Park
All quotes delayed a minimum of 15 minutes.
© 2025 Meridian. All rights reserved
"""  # noqa: E501


def test_a_wire_story_under_its_headline_with_links_beside_it_is_one_item() -> None:
    result = parse_page(WIRE, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert (
        item.title
        == "Auto parts workers ratify contract, ending 41-day strike at three Ohio plants"
    )
    assert item.author == "Marcus Delgado"


INTERVIEW = """El Cooperativo
Diario cooperativo · Buenos Aires
Martes 4 de marzo de 2025
Dólar oficial $1.061,50 | Dólar blue $1.225 | Riesgo país 712
Política
Economía
Trabajo
Sociedad
Cultura
Opinión
Entrevistas
Trabajadoras de casas particulares: «La paritaria no alcanza si el salario se evapora en el alquiler»
La secretaria general del sindicato habla de la inflación, los registros y la calle.
Por Lucía Ferreyra
4 de marzo de 2025 - 09:40
Compartir nota
Rosa Benítez llega a la sede con una carpeta bajo el brazo y el celular que no para de vibrar. Es día de cobro y las compañeras llaman para preguntar por los recibos.
—¿Siempre es así?
—Los primeros días del mes, sí. Es cuando se ve quién cobró y quién no, y quién cobró en negro otra vez.
—¿Cuántas trabajadoras están registradas hoy?
—Menos de una de cada cuatro. Y eso que el registro es sencillo y el aporte lo paga el empleador, no la trabajadora.
—¿Qué le pide al Gobierno?
—Que cumpla la ley que ya existe. No pedimos nada nuevo: pedimos inspecciones y que la paritaria se actualice cada tres meses.
Más leídas
1. Paro de transporte: qué servicios funcionan
2. El Senado aprobó la ley de cooperativas de trabajo
© 2025 El Cooperativo
"""  # noqa: E501


def test_a_masthead_date_bar_over_the_menu_does_not_head_the_piece() -> None:
    result = parse_page(INTERVIEW, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title.startswith("Trabajadoras de casas particulares:")
    assert item.author == "Lucía Ferreyra"
