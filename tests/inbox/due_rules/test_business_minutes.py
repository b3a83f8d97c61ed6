"""Business-hours arithmetic: due times count the location's opening hours in its timezone (DST included)."""

from datetime import UTC, time, timedelta

from services.inbox.due_rules.domain import Hours, add_business_minutes
from tests.support.dates import FRIDAY, MONDAY, at_local, next_dst_day, next_weekday

LA = "America/Los_Angeles"
WEEKDAYS_9_TO_5 = [Hours(d, time(9), time(17)) for d in range(5)]


def test_inside_the_day_it_is_plain_minutes():
    start = at_local(next_weekday(MONDAY, tz=LA), 10, tz=LA)
    assert add_business_minutes(start, 120, timezone=LA, hours=WEEKDAYS_9_TO_5, closed_on=set()) == start + timedelta(
        hours=2
    )


def test_friday_afternoon_carries_over_the_weekend_to_monday():
    friday = next_weekday(FRIDAY, tz=LA)
    start = at_local(friday, 16, tz=LA)
    due = add_business_minutes(start, 120, timezone=LA, hours=WEEKDAYS_9_TO_5, closed_on=set())
    assert due == at_local(friday + timedelta(days=3), 10, tz=LA)


def test_before_opening_starts_at_opening_and_closed_days_are_skipped():
    monday = next_weekday(MONDAY, tz=LA)
    start = at_local(monday, 6, tz=LA)
    due = add_business_minutes(start, 8 * 60 + 30, timezone=LA, hours=WEEKDAYS_9_TO_5, closed_on={monday})
    assert due == at_local(monday + timedelta(days=2), 9, 30, tz=LA)  # Monday closed: Tuesday 9-5, then Wednesday


def test_no_hours_known_counts_the_wall_clock():
    start = at_local(next_weekday(MONDAY), 23, tz="UTC")
    assert add_business_minutes(start, 90, timezone=LA, hours=[], closed_on=set()) == start + timedelta(minutes=90)


def test_a_dst_change_keeps_the_wall_clock_hours():
    """Open every day 9-17: eight working hours from 16:00 the day before a DST change end at 16:00 that day."""
    change_day = next_dst_day(LA)
    every_day = [Hours(d, time(9), time(17)) for d in range(7)]
    start = at_local(change_day - timedelta(days=1), 16, tz=LA)
    due = add_business_minutes(start, 8 * 60, timezone=LA, hours=every_day, closed_on=set())
    assert due == at_local(change_day, 16, tz=LA).astimezone(UTC)
    assert due - start != timedelta(hours=24)  # the day itself was 23 or 25 hours long
