"""A serial's headlines, its name and its day ("Daily Roundup: March 5, 2025"), read as
titles where each post's date line under it states the same day (serials.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.ingest.parsing import parse_page

SAVED = datetime(2025, 3, 7, 18, 0, tzinfo=UTC)

_BLOG = """\
Shop Floor Notes
A blog on labour law

Daily Roundup: March 5, 2025
by Priya Raman
March 5, 2025
The Board is back to a quorum and a judge blocks the firings.
Continue reading →

Can the President fire a Board member?
by Nadia Okafor
March 4, 2025
Yesterday's argument suggests the panel is split on the question.
Continue reading →

Daily Roundup: March 4, 2025
by Daniel Ruiz
March 4, 2025
Drivers ratify their contract and states move on heat standards.
Continue reading →

Non-competes after the rule's demise: a map
by Leah Feingold
March 3, 2025
A state-by-state guide to what still binds workers.
Continue reading →
"""


def test_a_series_name_and_its_day_over_the_same_date_is_a_title() -> None:
    result = parse_page(_BLOG, saved=SAVED, labeller=None)
    assert [(item.title, item.author) for item in result.items] == [
        ("Daily Roundup: March 5, 2025", "Priya Raman"),
        ("Can the President fire a Board member?", "Nadia Okafor"),
        ("Daily Roundup: March 4, 2025", "Daniel Ruiz"),
        ("Non-competes after the rule's demise: a map", "Leah Feingold"),
    ]
    assert result.items[2].published == datetime(2025, 3, 4, tzinfo=UTC)


def test_a_labelled_date_over_another_day_stays_a_date() -> None:
    page = _BLOG.replace("Daily Roundup: March 5, 2025", "Last updated: March 6, 2025")
    page = page.replace("Daily Roundup: March 4, 2025", "Last updated: March 6, 2025")
    titles = [item.title for item in parse_page(page, saved=SAVED, labeller=None).items]
    assert not any(title.startswith("Last updated") for title in titles)
