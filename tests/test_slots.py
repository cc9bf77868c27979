"""Digest timing with fixed clocks: each reader's own zone, daylight-saving changes, cadences."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import use_database, write_seed

from publisher import store
from publisher.core.settings import Settings, load_settings
from publisher.ingest.pipeline import ingest
from publisher.mail.outbound import make_mailer
from publisher.mail.sending import send_due_digests
from publisher.mail.subscriptions import SubscriberInput, add_subscriber
from publisher.service.scheduler import slot_finder
from publisher.service.slots import digest_trigger, last_slot

pytestmark = pytest.mark.each_database  # SQLite and PostgreSQL

SECRET = b"scheduler-test-secret-0123456789"
ZONES = ("Europe/London", "America/New_York", "Asia/Tokyo")
# Both the US (8 March 2026) and the UK (29 March 2026) move their clocks in this window.
START = datetime(2026, 3, 6, 0, 0, tzinfo=UTC)


def test_last_slot_is_the_latest_local_seven_oclock() -> None:
    trigger = digest_trigger("0 7 * * *", "Europe/London", "daily", "mon")
    after_change = datetime(2026, 3, 30, 6, 30, tzinfo=UTC)  # 07:30 BST
    assert last_slot(trigger, after_change, lookback=timedelta(days=2)) == datetime(
        2026, 3, 30, 6, 0, tzinfo=UTC
    )
    before = datetime(2026, 3, 27, 6, 59, tzinfo=UTC)  # 06:59 GMT
    assert last_slot(trigger, before, lookback=timedelta(days=2)) == datetime(
        2026, 3, 26, 7, 0, tzinfo=UTC
    )


def test_weekly_trigger_runs_on_the_configured_day() -> None:
    trigger = digest_trigger("30 8 * * *", "Asia/Tokyo", "weekly", "fri")
    slot = last_slot(trigger, datetime(2026, 3, 10, tzinfo=UTC), lookback=timedelta(days=8))
    assert slot is not None
    local = slot.astimezone(ZoneInfo("Asia/Tokyo"))
    assert (local.strftime("%a"), local.hour, local.minute) == ("Fri", 8, 30)


@pytest.fixture
def timing_site(tmp_path: Path, database_url: str | None) -> Settings:
    (tmp_path / "seeds").mkdir()
    use_database(tmp_path, database_url)
    return load_settings(None, {"PUBLISHER_INGEST_SETTLE_SECONDS": "0"}, cwd=tmp_path)


def simulate(settings: Settings, days: int, step: timedelta) -> dict[str, list[datetime]]:
    """Step a fixed clock, adding a seed every few hours, and record when each reader is mailed."""
    db = store.open_store(settings.database.url, now=START)
    created = START - timedelta(hours=1)  # after the previous 07:00 in every zone
    for zone in ZONES:
        email = f"{zone.split('/')[1].lower()}@example.org"
        add_subscriber(db, SubscriberInput(email, timezone=zone), now=created)
    add_subscriber(db, SubscriberInput("weekly@example.org", cadence="weekly"), now=created)
    mailer = make_mailer(settings, {})
    now = START
    while now < START + timedelta(days=days):
        if now.minute == 0 and now.hour % 4 == 0:
            story = f"Story at {now:%Y-%m-%d %H%M}"
            text = f"{story}\n\nSomething happened in the town at {now:%H:%M} on {now:%d %B}.\n"
            write_seed(settings.paths.seeds, f"{now:%Y%m%d%H%M}.txt", text)
            ingest(settings, db, now=now)
        slots = slot_finder(settings, now)
        send_due_digests(settings, db, mailer, now=now, secret=SECRET, slots=slots)
        now += step
    db.close()
    received: dict[str, list[datetime]] = {}
    for message in mailbox.Maildir(settings.delivery.outbox, create=False):
        parsed = mailbox.MaildirMessage(message)
        email = str(parsed["To"]).strip("<>")
        received.setdefault(email, []).append(parsedate_to_datetime(str(parsed["Date"])))
    return {email: sorted(times) for email, times in received.items()}


def test_daily_digests_arrive_at_seven_local_time_across_dst(timing_site: Settings) -> None:
    received = simulate(timing_site, days=26, step=timedelta(minutes=30))
    for zone in ZONES:
        email = f"{zone.split('/')[1].lower()}@example.org"
        local = [moment.astimezone(ZoneInfo(zone)) for moment in received[email]]
        assert {(m.hour, m.minute) for m in local} == {(7, 0)}, (zone, local)
        days = [m.date() for m in local]
        assert len(days) == len(set(days)) >= 25, zone  # one a day, none missed
    weekly = received["weekly@example.org"]
    assert len(weekly) == 4
    assert {m.strftime("%a") for m in weekly} == {"Mon"}


def test_machine_asleep_for_days_sends_one_digest_not_a_backlog(timing_site: Settings) -> None:
    db = store.open_store(timing_site.database.url, now=START)
    add_subscriber(db, SubscriberInput("sleepy@example.org"), now=START - timedelta(days=1))
    wake = START + timedelta(days=3, hours=9)  # three 07:00 slots were slept through
    write_seed(timing_site.paths.seeds, "news.txt", "Big News\n\nA thing happened today in town.\n")
    ingest(timing_site, db, now=wake - timedelta(hours=12))
    mailer = make_mailer(timing_site, {})
    report = send_due_digests(
        timing_site, db, mailer, now=wake, secret=SECRET, slots=slot_finder(timing_site, wake)
    )
    again = send_due_digests(
        timing_site, db, mailer, now=wake, secret=SECRET, slots=slot_finder(timing_site, wake)
    )
    assert (report.messages_sent, again.messages_sent) == (1, 0)
    db.close()


def test_messages_parse_with_default_policy(timing_site: Settings) -> None:
    simulate(timing_site, days=2, step=timedelta(hours=1))
    for message in mailbox.Maildir(timing_site.delivery.outbox, create=False):
        parsed = message.as_bytes()
        from email.parser import BytesParser

        assert BytesParser(policy=policy.default).parsebytes(parsed).defects == []
