"""Local wall-clock spans for the slot tests: the rules never read the clock, their inputs come from here."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from services.scheduling.availability.domain import Interval
from tests.support.dates import FRIDAY, MONDAY, next_dst_day, next_weekday

NY, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
MIN = timedelta(minutes=1)
# Dates from now (the rules never read the clock, but no test depends on a calendar year either):
MONDAY_NY = next_weekday(MONDAY, tz="America/New_York")  # an ordinary weekday, never a DST change
FRIDAY_NY = next_weekday(FRIDAY, tz="America/New_York")


def local(tz, day, hh, mm=0, fold=0):
    return datetime(day.year, day.month, day.day, hh, mm, fold=fold, tzinfo=tz)


def span(tz, day, start, end):
    """Local (hh, mm) to (hh, mm) on one day."""
    return Interval(local(tz, day, *start), local(tz, day, *end))


def whole_days(tz, first, days=1):
    return Interval(local(tz, first, 0), local(tz, first + timedelta(days=days), 0))


def search(tz, day, **overrides):
    params = dict(
        shifts=[],
        bookings=[],
        blocked=[],
        duration=30 * MIN,
        buffer=0 * MIN,
        step=15 * MIN,
        window=whole_days(tz, day),
        tz=tz,
    )
    return params | overrides


def wall_starts(slots, tz):
    return [s.start.astimezone(tz).strftime("%H:%M%z") for s in slots]


def dst_day(tz: ZoneInfo, *, spring: bool) -> date:
    """The zone's next change, found in zoneinfo: the tests keep testing a real DST day every year."""
    day = next_dst_day(tz.key, spring=spring)
    assert local(tz, day, 0).utcoffset() != local(tz, day + timedelta(days=1), 0).utcoffset()
    return day
