"""One article is one item however many short lines it has: the rules that tell an
article's short paragraphs, subheads, time stamps and contact blocks from a listing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from publisher.ingest.parsing import parse_page
from publisher.ingest.parsing.livepage import stamp_of

SAVED = datetime(2024, 11, 20, 16, 0, tzinfo=UTC)
SAVED_2025 = datetime(2025, 3, 20, tzinfo=UTC)
MENU = "The Weekly Worker\nNews | Features | Opinion | About\n\n"
FOOTER = "\n\nShare this\nFacebook | X | Email\n\n© 2024 The Weekly Worker\n"

ESSAY = (
    MENU
    + """The landlord state: how benefit became a subsidy

Forty years of policy turned a safety net into a transfer to landlords.

By Anya Ferreira
Published 3 November 2024

In 1979 the state spent most of its housing budget on building homes.

That shift did not happen by accident.

Bricks to benefits

The idea was simple. The market would build.

It did not.

Photo: A block in Tilbury. (Archive)

The trap

Earn a little more and the benefit is withdrawn.

Caseworkers call it the cliff edge."""
    + FOOTER
)


def test_short_paragraphs_under_one_byline_with_short_subheads_are_one_article() -> None:
    result = parse_page(ESSAY, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "The landlord state: how benefit became a subsidy"
    assert item.author == "Anya Ferreira"
    assert item.published is not None and item.published.date().isoformat() == "2024-11-03"


REPORT = (
    MENU
    + """Zero hours, zero security in social care

Priya Natarajan and Owen Lloyd
Published: 6 November 2024

One in four care workers is on a zero-hours contract. This report shows what it means.

1.1 Why zero hours?

Councils commission care by the minute.

1.2 Our method

We surveyed 1,210 care workers in June and July.

2.1 Pay

Unpaid travel between visits takes many below the minimum wage.

2.2 Health

Workers described going to work ill."""
    + FOOTER
)


def test_numbered_sections_with_a_paragraph_each_are_one_report() -> None:
    result = parse_page(REPORT, saved=SAVED)
    assert result.layout == "long-page"
    assert [i.title for i in result.items] == ["Zero hours, zero security in social care"]


LIVE = (
    MENU
    + """LIVE: Thousands march in Bristol against NHS cuts

By Holly Carver
Updated 15:02, 20 NOV 2024

15:02
That's where we'll leave our coverage. Organisers say 8,000 people took part.

14:40
A nurse tells the rally her ward has been short of three nurses on every shift.

14:15
The speeches have started in Castle Park.

12:30
The march has set off from College Green."""
    + FOOTER
)


def test_a_live_page_of_timed_entries_under_its_writer_is_one_item() -> None:
    result = parse_page(LIVE, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "LIVE: Thousands march in Bristol against NHS cuts"
    assert item.author == "Holly Carver"


def test_timed_entries_under_no_writer_are_not_one_article() -> None:
    ticker = LIVE.replace("By Holly Carver\n", "")
    result = parse_page(ticker, saved=SAVED)
    assert result.layout != "long-page"
    assert len(result.items) >= 4


PRESS_RELEASE = (
    MENU
    + """PRESS RELEASE
EMBARGOED UNTIL 00:01 THURSDAY 14 NOVEMBER 2024

One in five renters behind on rent, survey finds

14 November 2024

One in five private renters is behind on their rent, a survey published today finds.

Younger renters and single parents were hardest hit.

Ruth Power, Chief Executive, said:

“These figures should alarm everyone.”

ENDS

Notes to editors
1. The sample was 1,022 adults renting privately.
2. Spokespeople are available on request.

Media contacts
Rhodri Evans, Media Manager
07700 900123
rhodri.evans@example.org"""
    + FOOTER
)


def test_a_press_release_with_notes_and_contacts_is_one_unsigned_item() -> None:
    result = parse_page(PRESS_RELEASE, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == "One in five renters behind on rent, survey finds"
    assert item.author is None  # neither the embargo line nor the media contact wrote it
    assert item.published is not None and item.published.date().isoformat() == "2024-11-14"


def test_a_trail_over_the_headline_is_not_the_title() -> None:
    page = MENU + "Features / Interviews\n\n" + ESSAY.removeprefix(MENU)
    [item] = parse_page(page, saved=SAVED).items
    assert item.title == "The landlord state: how benefit became a subsidy"


LISTING = (
    MENU
    + """Latest news
Updated 20 November 2024

Leeds council workers vote to strike over pay
Members voted by 82% for action.

Seacroft tenants win repairs after long campaign
The council agreed to a timetable.

Kirkstall warehouse workers join the union
Forty signed up in a week.

Trades council calls a meeting on buses
All are welcome on Thursday."""
    + FOOTER
)


def test_headlines_with_a_sentence_each_under_a_dated_heading_stay_a_listing() -> None:
    result = parse_page(LISTING, saved=SAVED)
    assert result.layout != "long-page"
    assert len(result.items) == 4


def test_a_later_byline_signing_a_piece_makes_a_listing() -> None:
    two = ESSAY.replace(
        "The trap\n",
        "The trap of rent in the city today\nBy Tom Rees\n",
    )
    result = parse_page(two, saved=SAVED)
    assert result.layout != "long-page"


_PARAGRAPH = (
    "Across the capital, the gap between what tenants earn and what they pay has widened "
    "again. Our analysis of the official rent index and the annual earnings survey shows "
    "that in every borough the rise in the median rent outpaced the rise in median pay, "
    "often by a wide margin, and that private renters now spend more than two fifths of "
    "their take-home pay on housing."
)


def test_an_author_box_over_the_headline_signs_the_article_and_is_no_title() -> None:
    page = "\n".join(
        [
            "Housing Futures Trust",
            "",
            "Briefing",
            "",
            "Maria Lopes",
            "Senior Researcher",
            "Tom Okafor",
            "Policy Officer, Private Renting",
            "",
            "Rents rose faster than pay in every borough. What now for the renters' bill?",
            "",
            "12 May 2025 · 8 min read",
            "",
            _PARAGRAPH,
            "",
            "Where it hurts most",
            "",
            _PARAGRAPH.replace("capital", "outer boroughs"),
            "",
            _PARAGRAPH.replace("tenants", "young renters"),
            "",
            _PARAGRAPH.replace("official", "latest"),
        ]
    )
    result = parse_page(page)
    assert result.layout == "long-page"
    (item,) = result.items
    assert (
        item.title == "Rents rose faster than pay in every borough. What now for the renters' bill?"
    )
    assert item.author == "Maria Lopes and Tom Okafor"
    assert item.published is not None and item.published.date().isoformat() == "2025-05-12"


# Interviews wrapped by hand at no one width, the lines breaking before a capital (a name,
# "I", a sentence): the line joiner leaves the lines of an answer apart, and the reader
# still sees one answer to each question, a standfirst, and comments under the article.
WRAPPED_INTERVIEW_EN = """\
Skip to content
THE FRONT LINE
News | Features | Interviews | About | Join

FEATURES

Care worker Dana Whitfield: "We are not short-staffed, we are understaffed on purpose"

After eleven years in domiciliary care in Leeds, Dana Whitfield now chairs her branch of
Unison. She talks about fifteen-minute visits, unpaid travel time and why she stays.

Published 4 March 2025 · 9 min read

How did your last shift go?

Badly, like most of them. I had fourteen visits between seven and two, and the rota gave me no
travel time between them. Two of my clients live on opposite sides of the
Leeds Ring Road. I was late to every call after nine, and every family blamed me for it.
Nobody blamed the company that wrote the rota, because nobody ever sees the company.
They see Dana in her tabard, running up the path ten minutes late with her phone in her hand.

What happens when a visit is cut short?

On paper nothing, because the visit is logged as complete when
I tap the phone. In practice somebody does not get their tea, or gets it cold, or does not get a
wash. The managers know this. They see the app data every morning.
They just do not have to look at it, so I end up apologising for a system
I never designed. That is the job now.

"They just do not have to look at it."

Has the council's new contract changed anything?

Only the paperwork. The council pays the agency more per hour than two years ago, and
I have not seen a penny of it. Where the money goes is the question our branch has been asking in
every meeting since the autumn, and nobody has given us an answer.
We asked Leeds City Council in writing in January and we are still waiting for a reply from them.

About Dana Whitfield
Dana Whitfield, 41, is a senior care worker and branch chair in Leeds.

Why do you stay?

Because Mrs Okafor on Harehills Lane has nobody else, and she knows my name.
That sounds soft, but it is the truth of it. If
I walked out tomorrow, the agency would send a new girl who had never met her, and she would cry.
So I stay, and I organise. I tell every new starter to join on their first day, and most of them
do, once they see the rota.

Interview: Priya Nandakumar

Share: Facebook | X | Email

3 comments

Mick O. on 4 March 2025 at 18:02
Spot on. Same in Bradford.
Reply

Sue Lamb on 5 March 2025 at 08:15
Thank you Dana for saying what we all think.
Reply

© 2025 The Front Line
"""

WRAPPED_INTERVIEW_ES = """\
Ir al contenido
EL ANDAMIO
Portada | Trabajo | Entrevistas | Opinión | Suscríbete

ENTREVISTA

Lucía Benítez, camarera de piso: "Hacemos treinta habitaciones al día y nadie las cuenta"

Lleva catorce años limpiando habitaciones en hoteles de Benidorm y desde 2022 es delegada sindical
en su empresa. Hablamos de cargas de trabajo, externalizaciones y de por qué sigue.

Publicado el 4 de marzo de 2025 · Lectura: 9 min

¿Cómo fue su último turno?

Mal, como casi todos. Me asignaron treinta y dos habitaciones, y la norma del convenio dice veinte.
Dos compañeras estaban de baja y no las sustituyeron. Terminé a las cinco en vez de a las tres, y
Esas dos horas no me las paga nadie, porque en el parte aparece que salí a mi hora.
La gobernanta lo sabe. La dirección lo sabe. Pero nadie quiere mirar el parte de verdad.

¿Qué pasa cuando una habitación se queda sin hacer?

En el papel no pasa nada, porque el sistema la marca como hecha cuando la revisa la gobernanta.
En la práctica el cliente se queja, y la queja nos llega a nosotras, no a la empresa que hizo el
Cuadrante. Yo he llorado en un office más de una vez. Luego te secas la cara y sigues, porque
Si no terminas, la que viene detrás tiene que hacer tu planta además de la suya.

"Si no terminas, la que viene detrás tiene que hacer tu planta."

¿Ha cambiado algo con el nuevo convenio?

Solo los papeles. El hotel paga a la empresa externa más por habitación que hace dos años, y
Yo no he visto ni un euro. Dónde va ese dinero es la pregunta que hacemos en cada reunión del
Comité desde el otoño, y nadie nos ha contestado. Lo pedimos por escrito en enero al hotel y a
La Inspección de Trabajo, y seguimos esperando una respuesta de cualquiera de los dos.

Sobre Lucía Benítez
Lucía Benítez, 44 años, es camarera de piso y delegada sindical en Benidorm.

¿Por qué sigue?

Porque me gusta el hotel cuando está vacío por la mañana, y porque mis compañeras me necesitan.
Suena raro, pero es la verdad. Si me fuera mañana, pondrían a una chica nueva sin contrato fijo,
Sin formación, y se iría en un mes. Así que me quedo y me organizo. A cada nueva le digo que se
Afilie el primer día, y la mayoría lo hace cuando ve el cuadrante de la semana.

Entrevista: Marta Olmedo

Compartir: Facebook | X | WhatsApp

2 comentarios

Pepe R. el 4 de marzo de 2025 a las 18:02
Igual en Salou.
Responder

© 2025 El Andamio
"""


@pytest.mark.parametrize(
    ("page", "title", "day"),
    [
        (
            WRAPPED_INTERVIEW_EN,
            'Care worker Dana Whitfield: "We are not short-staffed, we are understaffed on '
            'purpose"',
            "2025-03-04",
        ),
        (
            WRAPPED_INTERVIEW_ES,
            'Lucía Benítez, camarera de piso: "Hacemos treinta habitaciones al día y nadie las '
            'cuenta"',
            "2025-03-04",
        ),
    ],
)
def test_a_hand_wrapped_interview_is_one_article_under_its_headline(
    page: str, title: str, day: str
) -> None:
    result = parse_page(page, saved=SAVED_2025)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title == title  # not its first question, nor a line of its standfirst
    assert item.published is not None and item.published.date().isoformat() == day
    assert item.author not in ("Mick O.", "Sue Lamb", "Pepe R.")  # a comment signs nothing


def test_the_interviewer_credited_under_the_last_answer_signs_the_interview() -> None:
    [item] = parse_page(WRAPPED_INTERVIEW_EN, saved=SAVED_2025).items
    assert item.author == "Priya Nandakumar"


def test_a_standfirst_wrapped_under_the_headline_is_no_title() -> None:
    # the headline over a standfirst hand-wrapped on three lines, its lines read as headings
    standfirst = (
        "Sophie Marchand, déléguée syndicale depuis douze ans, raconte la grève, les\n"
        "Heures supplémentaires non payées, et pourquoi elle reste. Un entretien sur\n"
        "Le métier, la fatigue et la joie de voir une collègue titularisée enfin."
    )
    page = WRAPPED_INTERVIEW_EN.replace(
        "After eleven years in domiciliary care in Leeds, Dana Whitfield now chairs her branch of\n"
        "Unison. She talks about fifteen-minute visits, unpaid travel time and why she stays.",
        standfirst,
    )
    [item] = parse_page(page, saved=SAVED_2025).items
    assert item.title.startswith("Care worker Dana Whitfield")


def _post(headline: str, byline: str, share: str) -> str:
    """A blog post: its headline, the byline right under it, a row of links, the post and a
    reader's comment."""
    return "\n".join(
        [
            "Notes from the Depot",
            "Home | About | Archive",
            "",
            headline,
            byline,
            share,
            "",
            _PARAGRAPH,
            "",
            _PARAGRAPH.replace("capital", "north"),
            "",
            _PARAGRAPH.replace("capital", "south"),
            "",
            _PARAGRAPH.replace("capital", "east"),
            "",
            _PARAGRAPH.replace("capital", "west"),
            "",
            "2 Comments",
            "",
            "Maureen Kilbride",
            "2 March 2025 at 9:14 pm",
            "Lovely piece. My dad drove the 17 for thirty years.",
            "",
            "© 2025 Notes from the Depot",
        ]
    )


@pytest.mark.parametrize(
    ("headline", "byline", "share", "author"),
    [
        (
            "Rents and pay in the capital, ten years on",
            "Posted on 2 March 2025 by Gerry Dunleavy",
            "Filed under: Housing, Rents | 4 Comments",
            "Gerry Dunleavy",
        ),
        (
            "Affitti e salari nella capitale, dieci anni dopo",
            "Pubblicato il 2 marzo 2025 da Giulia Ferrante",
            "Archiviato in: Casa, Affitti | 4 commenti",
            "Giulia Ferrante",
        ),
    ],
)
def test_the_byline_right_under_the_headline_signs_it_over_a_row_of_links(
    headline: str, byline: str, share: str, author: str
) -> None:
    [item] = parse_page(_post(headline, byline, share), saved=SAVED_2025).items
    assert item.author == author  # not a contact's name over a row of links (or a phone)
    assert item.published is not None and item.published.date().isoformat() == "2025-03-02"


@pytest.mark.parametrize(
    "headline",
    [
        "“Aplicativo não é patrão? Então quem me demite?”: entregadora explica por que a greve de "
        "março vai ser maior",
        "Rosa Ibarra: “La reducción de jornada no es un regalo del Gobierno, es una conquista de "
        "las plantillas”",
        "Forty years on the buses: what franchising, the fares cap and the new depots really mean "
        "for the drivers",
    ],
)
def test_an_articles_headline_over_a_hundred_characters_is_kept_whole(headline: str) -> None:
    assert 100 < len(headline) <= 120
    [item] = parse_page(_post(headline, "By Ana Torres", ""), saved=SAVED_2025).items
    assert item.title == headline


_COLUMN_BODY = (
    "Il y a un mot que l'on entend plus souvent au ministère depuis huit mois que pendant les "
    "huit années précédentes, et ce mot est « croissance ». Le ministre promet de la relancer, "
    "de la libérer et de construire pour elle.",
    "J'ai passé vingt ans comme déléguée syndicale dans une usine agroalimentaire avant "
    "d'écrire la moindre chronique; pardonnez-moi donc si je lis un plan économique comme "
    "je lisais autrefois un nouveau planning d'équipe: qui fera le travail, quand, et pour quoi?",
    "Die Rechnung ist einfach. Wer in der Pflege, im Lager oder am Steuer eines Busses "
    "arbeitet, verdient heute real weniger als vor zehn Jahren, und niemand in der Regierung "
    "scheint das für ein Wachstumsproblem zu halten.",
    "Produktivität entsteht nicht in Tabellen, sondern an Bändern, Betten und Kassen. Wer sie "
    "steigern will, muss mit denen reden, die sie jeden Tag herstellen, und zwar bevor die "
    "Pläne gedruckt werden, nicht danach.",
    "Ce qui manque, ce n'est pas l'ambition mais la méthode. Un plan qui commencerait par les "
    "salaires, les horaires et la formation aurait plus de chances de réussir que tous les "
    "centres de données du monde réunis.",
)


@pytest.mark.parametrize(
    ("masthead", "trail", "name", "headline", "date", "author"),
    [
        (
            "LE COURRIER OUVRIER\nIndépendant depuis 1903\n\nSoutenez-nous   Connexion",
            "Accueil   Social   Politique   Culture\n\nOpinions › Chroniques",
            "CLAIRE DUMONT",
            "La croissance sans ceux qui la font",
            "ven. 28 févr. 2025 à 07h00",
            "Claire Dumont",
        ),
        (
            "DIE WOCHENPOST\nUnabhängig seit 1948\n\nAbo   Anmelden",
            "Start   Politik   Arbeit   Kultur\n\nMeinung › Kolumnen",
            "JONAS KELLER",
            "Wachstum ohne die, die es schaffen",
            "28.02.2025, 07:00 Uhr",
            "Jonas Keller",
        ),
    ],
    ids=["fr-chronique", "de-kolumne"],
)
def test_a_columnists_name_over_the_headline_leaves_the_mastheads_tagline_out(
    masthead: str, trail: str, name: str, headline: str, date: str, author: str
) -> None:
    body = "\n\n".join(_COLUMN_BODY)
    page = f"{masthead}\n\n{trail}\n\n{name}\n\n{headline}\n\n{date}\n\n{body}\n"
    result = parse_page(page, saved=SAVED_2025)
    assert result.layout == "long-page"
    assert [(item.title, item.author) for item in result.items] == [(headline, author)]


LIVE_OPENED = (
    MENU
    + """● EN DIRECT
GRÈVE DES TRANSPORTS
Grève à la RATP : métros et bus à l'arrêt, suivez la journée en direct
Les syndicats ont appelé à une journée de mobilisation. Le trafic est très perturbé.

Par Claire Dumas et Hugo Martin
20 nov. 2024, 06h30 · Mis à jour à 15h10

Partager : Facebook · X · E-mail

15h10
Fin de la manifestation
Le cortège s'est dispersé place de la Nation. Les organisateurs comptent 12 000 personnes.

13h45
La direction de la RATP annonce un trafic normal pour demain matin sur toutes les lignes.

PUBLICITÉ

11h20
Rassemblement devant le siège
Plusieurs centaines d'agents sont réunis devant le siège de l'entreprise depuis le matin.

06h30
Bonjour et bienvenue dans ce direct consacré à la grève des transports."""
    + FOOTER
)


def test_a_live_page_signed_and_dated_over_later_entries_is_one_item() -> None:
    result = parse_page(LIVE_OPENED, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title.startswith("Grève à la RATP : métros et bus à l'arrêt")
    assert item.author == "Claire Dumas and Hugo Martin"
    assert item.published is not None and item.published.date() == SAVED.date()


def test_times_older_than_the_signed_lead_story_are_a_list_of_news() -> None:
    older = LIVE_OPENED.replace("06h30 · Mis à jour à 15h10", "16h00")
    result = parse_page(older, saved=SAVED)
    assert result.layout != "long-page"


def test_a_live_page_dated_when_last_updated_over_its_newest_entry_is_one_item() -> None:
    updated = LIVE_OPENED.replace("20 nov. 2024, 06h30 · Mis à jour à 15h10", "20 nov. 2024, 15h10")
    result = parse_page(updated, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.author == "Claire Dumas and Hugo Martin"
    assert item.published is not None and item.published.date() == SAVED.date()


def test_entries_long_before_the_time_a_signed_lead_story_gives_are_a_list_of_news() -> None:
    later = LIVE_OPENED.replace("20 nov. 2024, 06h30 · Mis à jour à 15h10", "20 nov. 2024, 17h30")
    result = parse_page(later, saved=SAVED)
    assert result.layout != "long-page"


def test_timed_entries_under_a_kicker_and_no_writer_are_not_one_article() -> None:
    unsigned = LIVE_OPENED.replace("Par Claire Dumas et Hugo Martin\n", "")
    result = parse_page(unsigned, saved=SAVED)
    assert result.layout != "long-page"


def test_a_kicker_in_capitals_over_a_signed_headline_leaves_it_the_title() -> None:
    tagline = "Toute l'actualité de la région, chaque jour en continu\n\n● EN DIRECT"
    [item] = parse_page(LIVE_OPENED.replace("● EN DIRECT", tagline), saved=SAVED).items
    assert item.title.startswith("Grève à la RATP : métros et bus à l'arrêt")
    assert item.author == "Claire Dumas and Hugo Martin"


def test_a_live_page_signed_by_names_alone_is_one_item() -> None:
    names = LIVE_OPENED.replace("Par Claire Dumas et Hugo Martin", "Claire Dumas, Hugo Martin")
    [item] = parse_page(names, saved=SAVED).items
    assert item.title.startswith("Grève à la RATP : métros et bus à l'arrêt")
    assert item.author == "Claire Dumas and Hugo Martin"


def test_an_entry_a_colleague_signs_leaves_a_live_page_one_item() -> None:
    signed = LIVE_OPENED.replace(
        "Rassemblement devant le siège\n", "Rassemblement devant le siège\nPar Léa Petit\n"
    )
    [item] = parse_page(signed, saved=SAVED).items
    assert item.author == "Claire Dumas and Hugo Martin"


def test_a_by_line_over_no_headline_above_a_live_page_is_passed_over() -> None:
    tab = LIVE_OPENED.replace("● EN DIRECT", "Tendances :\nPar Marc Blanc\n\n● EN DIRECT")
    [item] = parse_page(tab, saved=SAVED).items
    assert item.author == "Claire Dumas and Hugo Martin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15:32 Uhr", time(15, 32)),
        ("13h16", time(13, 16)),
        ("9.05 pm", time(21, 5)),
        ("[07:58]", time(7, 58)),
        ("6:42 PM IST", time(18, 42)),
        ("4:10 p.m. ET", time(16, 10)),
        ("Published 15:32", None),
        ("2024", None),
    ],
)
def test_a_live_entry_stamp_is_a_time_of_day_alone(text: str, expected: time | None) -> None:
    assert stamp_of(text) == expected


REPORT_QUOTED = (
    "Workers' Rights Union\nHOME  ABOUT US  REPORTS  CONTACT\n\n"
    "Reports » Industrial Workers\n\nFACT-FINDING REPORT\n\n"
    '"They Locked the Gate": Report of a Fact-Finding into the Dismissal of 312 Contract '
    "Workers at a Components Plant in Manesar\n\n"
    "Fact-finding team: Meera Krishnan and Aditya Rao\n"
    "Released at a press conference, New Delhi, 21.11.2025\n\n"
    "1. INTRODUCTION\n\n"
    "On 4 November 2025, the management of the plant terminated 312 workers employed through "
    "four contractors. A team visited Manesar from 9 to 11 November and spoke to 46 workers.\n\n"
    "2. FINDINGS\n\n"
    "The team finds that the terminations were a direct response to the workers' attempt to "
    "form a union, and that the contract labour arrangement at the plant is a sham.\n\n"
    "3. DEMANDS\n\n"
    "- Immediate reinstatement of all 312 workers with back wages\n"
    "- Registration of the workers' union without delay\n"
)


def test_a_long_headline_over_its_team_and_date_is_the_reports_title() -> None:
    result = parse_page(REPORT_QUOTED, saved=datetime(2025, 11, 22, tzinfo=UTC))
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title.startswith('"They Locked the Gate": Report of a Fact-Finding')
    assert item.title.endswith("in Manesar")
    assert item.author == "Meera Krishnan and Aditya Rao"
    assert item.published is not None and item.published.date() == date(2025, 11, 21)


SPEECH = (
    "Hospital Workers' Union\nHome | About | News | Conference | Contact\n\n"
    "SPEECHES\n\n"
    '"Nobody should work a double shift to pay the rent": President\'s address to conference\n\n'
    "CHECK AGAINST DELIVERY\n\n"
    "Dolores Keane, President\n"
    "Delivered at the Conference Centre, Galway — Thursday 14th November 2024, 10.15am\n\n"
    "Share:  Facebook  X  Email\n\n"
    "Friends, delegates, guests.\n\n"
    "Thank you to the Galway branch for the welcome.\n\n"
    "I want to start with a number. Nine. That is how many hospitals signed agreements with us.\n\n"
    "Where we are\n\n"
    "When we last met, members were choosing between heating and eating.\n\n"
    "That is why our claim rests on three things:\n\n"
    "- pay that keeps up with prices;\n- safe staffing on every ward;\n- an end to agency work.\n\n"
    "Let me take each in turn.\n\n"
    "Pay\n\n"
    "Some tell us the health service cannot afford a pay rise. It cannot afford to lose you.\n\n"
    "Staffing\n\n"
    "A ward short of three nurses is not a ward, it is a risk.\n\n"
    "Conclusion\n\n"
    "Go raibh míle maith agaibh.\n\n"
    "ENDS\n\nMedia contact: Press Office, 01 555 0000\n\n© 2024 Hospital Workers' Union\n"
)


def test_a_speech_signed_by_its_speaker_and_dated_under_its_headline_is_one_item() -> None:
    result = parse_page(SPEECH, saved=SAVED)
    assert result.layout == "long-page"
    [item] = result.items
    assert item.title.startswith('"Nobody should work a double shift to pay the rent"')
    assert item.author == "Dolores Keane"
    assert item.published is not None and item.published.date() == date(2024, 11, 14)


EVENTS = (
    MENU
    + "\n\n".join(
        f"{title}\n{speaker}\n{when}\n\n{blurb}"
        for title, speaker, when, blurb in [
            (
                "Organising the care sector after the pandemic",
                "Dolores Keane, President",
                "Thursday 14th November 2024, 10.15am",
                "A talk on what care workers won and what is left to win.",
            ),
            (
                "Safe staffing: a law for every ward",
                "Mark Doyle, General Secretary",
                "Friday 15th November 2024, 2.30pm",
                "Why ratios work, and how other countries brought them in.",
            ),
            (
                "Agency work and the two-tier hospital",
                "Aoife Ryan, Research Officer",
                "Saturday 16th November 2024, 11.00am",
                "New figures on what the health service spends on agencies.",
            ),
        ]
    )
    + FOOTER
)


def test_talks_each_with_a_speaker_and_a_date_are_not_one_speech() -> None:
    result = parse_page(EVENTS, saved=SAVED)
    assert result.layout != "long-page"
    assert len(result.items) == 3
