from __future__ import annotations

from email.parser import BytesParser

import pytest
from conftest import NOW

from publisher import store
from publisher.core.errors import SubscriberError, SubscriberNotFoundError
from publisher.core.settings import Settings
from publisher.ingest.pipeline import ingest
from publisher.mail.sending import send_digests
from publisher.mail.subscriptions import (
    SubscriberInput,
    add_subscriber,
    export_csv,
    import_csv,
    remove_subscriber,
)
from publisher.mail.transports import MaildirMailer

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


SUPPRESSION = """email,status
ann@example.org,unsubscribed
BOB@example.org,bounced
cat@example.org,complained
dan@example.org,active
eve@example.org,unsubscribed
"""


def recipients_of_next_digest(settings: Settings, db: store.Store) -> list[str]:
    outbox = settings.paths.state / "outbox"
    mailer = MaildirMailer(outbox)
    send_digests(settings, db, mailer, now=NOW, secret=b"test-secret-0123456789abcdef")
    mailer.close()
    parse = BytesParser().parsebytes
    return sorted(parse(path.read_bytes())["To"] for path in (outbox / "new").iterdir())


def test_import_applies_opt_outs_to_existing_addresses(settings: Settings, db: store.Store) -> None:
    for name in ("ann", "bob", "cat", "dan"):
        add_subscriber(db, SubscriberInput(f"{name}@example.org", name.title()), now=NOW)
    report = import_csv(db, SUPPRESSION, now=NOW)
    assert (report.added, report.updated, report.unchanged, report.errors) == (1, 0, 1, [])
    assert report.status_changes == {"unsubscribed": 1, "bounced": 1, "complained": 1}
    assert {s.email: (s.status, s.name) for s in store.list_subscribers(db)} == {
        "ann@example.org": ("unsubscribed", "Ann"),
        "bob@example.org": ("bounced", "Bob"),
        "cat@example.org": ("complained", "Cat"),
        "dan@example.org": ("active", "Dan"),  # the file has no name column
        "eve@example.org": ("unsubscribed", None),
    }
    ingest(settings, db, now=NOW)
    assert recipients_of_next_digest(settings, db) == ["Dan <dan@example.org>"]


def test_import_reactivates_only_when_asked(db: store.Store) -> None:
    import_csv(db, "email,status\nann@example.org,unsubscribed\nbob@example.org,bounced\n", now=NOW)
    rows = "email,name,status\nann@example.org,Ann,active\nbob@example.org,Bob,active\n"
    kept = import_csv(db, rows, now=NOW)
    assert (kept.left_opted_out, sum(kept.status_changes.values())) == (2, 0)
    assert [s.status for s in store.list_subscribers(db)] == ["unsubscribed", "bounced"]
    back = import_csv(db, rows, now=NOW, reactivate=True)
    assert (back.left_opted_out, back.status_changes) == (0, {"reactivated": 2})
    assert [(s.status, s.name) for s in store.list_subscribers(db)] == [
        ("active", "Ann"), ("active", "Bob")
    ]  # fmt: skip
