"""Dates for tests, computed from now: the suite passes on any day (and under faketime).

Never write a calendar date near today into a test; ask here for "next Monday 09:00 at the
location, two weeks ahead", "the next DST change of this zone", "a service date 30 days ago".
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shared.clock import local_today, utcnow

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def today_utc() -> date:
    return utcnow().date()


def days_ago(n: int) -> date:
    """A UTC date n days before today."""
    return today_utc() - timedelta(days=n)


def days_ahead(n: int) -> date:
    """A UTC date n days after today."""
    return today_utc() + timedelta(days=n)


def next_weekday(weekday: int = MONDAY, *, tz: str = "UTC", weeks_ahead: int = 2) -> date:
    """The local date of `weekday` at least `weeks_ahead` weeks from today at `tz`."""
    start = local_today(tz) + timedelta(weeks=weeks_ahead)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def at_local(day: date, hour: int = 9, minute: int = 0, *, tz: str = "UTC") -> datetime:
    """That wall-clock time on `day` at `tz`, timezone-aware (in `tz`)."""
    return datetime.combine(day, time(hour, minute), ZoneInfo(tz))


def next_monday_at(hour: int = 9, minute: int = 0, *, tz: str = "UTC", weeks_ahead: int = 2) -> datetime:
    """Next Monday (at least `weeks_ahead` weeks out) at hour:minute local time at `tz`."""
    return at_local(next_weekday(MONDAY, tz=tz, weeks_ahead=weeks_ahead), hour, minute, tz=tz)


def iso_utc(moment: datetime) -> str:
    """An aware datetime as the ISO 8601 UTC string the APIs take."""
    return moment.astimezone(UTC).isoformat()


def next_dst_transition(tz: str, *, after: datetime | None = None) -> datetime:
    """The next instant (UTC) at which `tz` changes its UTC offset, found from zoneinfo."""
    zone_info = ZoneInfo(tz)
    moment = (after or utcnow()).astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    offset = moment.astimezone(zone_info).utcoffset()
    for _ in range(24 * 800):  # zones with DST change within a year; 800 days is a safe bound
        moment += timedelta(hours=1)
        if moment.astimezone(zone_info).utcoffset() != offset:
            return moment
    raise ValueError(f"{tz} has no offset change within 800 days")


def next_dst_day(tz: str, *, after: datetime | None = None, spring: bool | None = None) -> date:
    """The local date of the next DST change at `tz` (spring=True: clocks forward only)."""
    moment = after or utcnow()
    while True:
        change = next_dst_transition(tz, after=moment)
        before = (change - timedelta(hours=1)).astimezone(ZoneInfo(tz)).utcoffset()
        forward = change.astimezone(ZoneInfo(tz)).utcoffset() > before
        if spring is None or forward == spring:
            return (change - timedelta(hours=1)).astimezone(ZoneInfo(tz)).date()
        moment = change


def month_start(months_from_now: int = 0) -> date:
    """The first day of the UTC month `months_from_now` months away (negative: past)."""
    today = today_utc()
    index = today.year * 12 + today.month - 1 + months_from_now
    return date(index // 12, index % 12 + 1, 1)


def month_string(months_from_now: int = 0) -> str:
    """'YYYY-MM' of that month, as the report routes take it."""
    return month_start(months_from_now).strftime("%Y-%m")
