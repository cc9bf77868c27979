from __future__ import annotations

import pytest
from conftest import NOW

from publisher import store
from publisher.core.errors import SubscriberError, SubscriberNotFoundError
from publisher.mail.subscriptions import (
    SubscriberInput,
    add_subscriber,
    export_csv,
    import_csv,
    remove_subscriber,
)

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL


def test_add_normalises_and_refuses_duplicates_case_insensitively(db: store.Store) -> None:
    added = add_subscriber(db, SubscriberInput(" Ann@Example.ORG ", "Ann"), now=NOW)
    assert added.email == "Ann@example.org" and added.status == "active"
    with pytest.raises(SubscriberError, match="already a subscriber"):
        add_subscriber(db, SubscriberInput("ann@EXAMPLE.org"), now=NOW)
    assert [s.email for s in store.list_subscribers(db)] == ["Ann@example.org"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (SubscriberInput("not-an-address"), "invalid email address 'not-an-address'"),
        (SubscriberInput("a@example.org", cadence="hourly"), "invalid cadence 'hourly'"),
        (SubscriberInput("a@example.org", timezone="Mars/Base"), "invalid timezone 'Mars/Base'"),
        (SubscriberInput("a@example.org", status="vip"), "invalid status 'vip'"),
    ],
)
def test_bad_input_names_the_field(db: store.Store, raw: SubscriberInput, message: str) -> None:
    with pytest.raises(SubscriberError, match=message):
        add_subscriber(db, raw, now=NOW)


def test_names_lose_line_breaks(db: store.Store) -> None:
    added = add_subscriber(db, SubscriberInput("b@example.org", "Bob\r\nBcc: x@evil.test"), now=NOW)
    assert added.name == "Bob Bcc: x@evil.test"


def test_remove(db: store.Store) -> None:
    add_subscriber(db, SubscriberInput("c@example.org"), now=NOW)
    remove_subscriber(db, "C@example.org")
    assert store.list_subscribers(db) == []
    with pytest.raises(SubscriberNotFoundError):
        remove_subscriber(db, "c@example.org")


CSV = """email,name,cadence,timezone,status
ann@example.org,Ann,daily,Europe/London,active
not an address,Bad,daily,UTC,active
bob@example.org,Bob,weekly,America/New_York,active
cat@example.org,Cat,fortnightly,UTC,active
dan@example.org,,daily,Asia/Tokyo,unsubscribed
"""


def test_import_reports_bad_rows_by_line_and_is_idempotent(db: store.Store) -> None:
    first = import_csv(db, CSV, now=NOW)
    assert (first.added, first.updated, first.unchanged) == (3, 0, 0)
    assert [error.split(":")[0] for error in first.errors] == ["line 3", "line 5"]
    before = store.list_subscribers(db)
    second = import_csv(db, CSV, now=NOW)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 3)
    assert store.list_subscribers(db) == before


def test_import_never_reactivates_an_unsubscribed_address(db: store.Store) -> None:
    import_csv(db, CSV, now=NOW)
    again = CSV.replace("Asia/Tokyo,unsubscribed", "Asia/Tokyo,active")
    import_csv(db, again, now=NOW)
    assert store.get_subscriber(db, "dan@example.org").status == "unsubscribed"


def test_export_round_trips_through_import(db: store.Store, tmp_path: object) -> None:
    import_csv(db, CSV, now=NOW)
    exported = export_csv(store.list_subscribers(db))
    assert exported.splitlines()[0] == "email,name,cadence,timezone,status"
    other = store.open_store(f"sqlite:///{tmp_path}/other.db", now=NOW)
    report = import_csv(other, exported, now=NOW)
    assert report.added == 3 and report.errors == []
    assert [(s.email, s.cadence, s.timezone, s.status) for s in store.list_subscribers(other)] == [
        (s.email, s.cadence, s.timezone, s.status) for s in store.list_subscribers(db)
    ]
    other.close()


def test_missing_header_is_one_clear_error(db: store.Store) -> None:
    with pytest.raises(SubscriberError, match="header row"):
        import_csv(db, "ann@example.org,Ann\n", now=NOW)
