"""Time as the program keeps it: UTC instants stored, the venue's wall clock shown and printed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

# Every venue is in Staffordshire; one zone covers them all, summer time included.
VENUE_ZONE = ZoneInfo("Europe/London")


def utc_now() -> datetime:
    """Now, as the naive UTC instant the database stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def venue_now() -> datetime:
    """Now on the venue's wall clock (naive, local)."""
    return datetime.now(VENUE_ZONE).replace(tzinfo=None)


def venue_today() -> date:
    return venue_now().date()


def venue_time_of(instant_utc: datetime) -> time:
    """The wall-clock time at the venue at a stored UTC instant, to the minute as printed."""
    local = instant_utc.replace(tzinfo=UTC).astimezone(VENUE_ZONE)
    return local.time().replace(second=0, microsecond=0, tzinfo=None)


def venue_date_of(instant_utc: datetime) -> date:
    """The venue's calendar day at a stored UTC instant (late-evening UTC may be tomorrow)."""
    return instant_utc.replace(tzinfo=UTC).astimezone(VENUE_ZONE).date()


def venue_moment_of(instant_utc: datetime) -> datetime:
    """The venue's wall-clock date and time at a stored UTC instant (naive, local)."""
    return instant_utc.replace(tzinfo=UTC).astimezone(VENUE_ZONE).replace(tzinfo=None)


def venue_instant(day: date, wall_clock: time) -> datetime:
    """The UTC instant of a wall-clock time at the venue on a given day."""
    local = datetime.combine(day, wall_clock, tzinfo=VENUE_ZONE)
    return local.astimezone(UTC).replace(tzinfo=None)
