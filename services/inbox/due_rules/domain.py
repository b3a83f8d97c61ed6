"""Business-hours arithmetic: the instant a number of working minutes after a start, at a location.

Computed in UTC between the location's local opening and closing instants, so a DST change shortens
or lengthens the day as the wall clock does. A location with no hours known counts every minute.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Default rules seeded by the migration: any category ("*"), by priority; stat counts the wall clock.
ANY_CATEGORY = "*"
MAX_DAYS = 400  # a year of closures is not a schedule: past this the hours are treated as always open


@dataclass(frozen=True)
class Hours:
    weekday: int
    opens: time
    closes: time


def hours_of(opening_hours: list[dict]) -> list[Hours]:
    """The projection's JSON (`{"weekday": 0, "opens": "08:00:00", "closes": "17:00:00"}`) as Hours."""
    return [
        Hours(h["weekday"], time.fromisoformat(h["opens"]), time.fromisoformat(h["closes"]))
        for h in opening_hours
        if time.fromisoformat(h["opens"]) < time.fromisoformat(h["closes"])
    ]


def add_business_minutes(
    start: datetime, minutes: int, *, timezone: str, hours: list[Hours], closed_on: set[date]
) -> datetime:
    """`minutes` of opening time after `start` (aware); the wall clock when the location has no hours."""
    if minutes <= 0:
        return start
    if not hours:
        return start + timedelta(minutes=minutes)
    zone = ZoneInfo(timezone)
    left = timedelta(minutes=minutes)
    day = start.astimezone(zone).date()
    for _ in range(MAX_DAYS):
        if day not in closed_on:
            for slot in sorted((h for h in hours if h.weekday == day.weekday()), key=lambda h: h.opens):
                opens = datetime.combine(day, slot.opens, tzinfo=zone).astimezone(UTC)
                closes = datetime.combine(day, slot.closes, tzinfo=zone).astimezone(UTC)
                begin = max(opens, start.astimezone(UTC))
                if begin >= closes:
                    continue
                if begin + left <= closes:
                    return begin + left
                left -= closes - begin
        day += timedelta(days=1)
    return start + timedelta(minutes=minutes)
