"""When digests are due: the digest schedule's cron in each reader's zone and cadence.

Apart from the scheduler so that every command can check the schedule when it loads the
settings without loading the scheduler, its watchers and the use cases it runs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from publisher.core.errors import ConfigError
from publisher.core.settings import Settings


def digest_trigger(schedule: str, timezone: str, cadence: str, weekly_day: str) -> CronTrigger:
    """The digest cron in one zone; weekly cadence keeps the time but runs on ``weekly_day``."""
    fields = schedule.split()
    if len(fields) != 5:
        raise ConfigError(f"bad value for digest.schedule: {schedule!r} (need 5 cron fields)")
    if cadence == "weekly":
        fields[4] = weekly_day
    try:
        return CronTrigger.from_crontab(" ".join(fields), timezone=ZoneInfo(timezone))
    except ValueError as exc:
        raise ConfigError(f"bad value for digest.schedule: {schedule!r} ({exc})") from exc


def last_slot(trigger: CronTrigger, now: datetime, *, lookback: timedelta) -> datetime | None:
    """The latest instant at or before ``now`` when ``trigger`` fired (within ``lookback``)."""
    latest = None
    moment = trigger.get_next_fire_time(None, now - lookback)
    for _ in range(20_000):
        if moment is None or moment > now:
            break
        latest = moment
        moment = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return None if latest is None else latest.astimezone(UTC)


def next_digest(
    settings: Settings, timezones: list[tuple[str, str]], now: datetime
) -> datetime | None:
    """When the next scheduled digest goes out, across the subscribers' zones and cadences."""
    digest = settings.digest
    upcoming = [
        digest_trigger(digest.schedule, tz, cadence, digest.weekly_day).get_next_fire_time(
            None, now
        )
        for tz, cadence in timezones
    ]
    found = [moment.astimezone(UTC) for moment in upcoming if moment is not None]
    return min(found, default=None)
