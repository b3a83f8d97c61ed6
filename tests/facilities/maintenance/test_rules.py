"""Maintenance's pure rules: calendar and usage occurrences, months clamped without drifting."""

from datetime import date, timedelta

from services.facilities.maintenance.domain import PlanUnit, add_months, due_occurrences, due_usage_occurrences
from tests.support.dates import days_ago, days_ahead, today_utc


def test_months_clamp_to_the_end_of_shorter_months_without_drifting():
    # Month ends and leap days need known calendar dates: far, fixed ones (these rules never read the clock).
    assert add_months(date(2031, 1, 31), 1) == date(2031, 2, 28)
    assert add_months(date(2032, 1, 31), 1) == date(2032, 2, 29)
    assert add_months(date(2031, 11, 15), 3) == date(2032, 2, 15)
    due = due_occurrences(date(2031, 1, 31), every=1, unit=PlanUnit.MONTH, generated=0, as_of=date(2031, 4, 30))
    assert [d for _, d in due] == [date(2031, 2, 28), date(2031, 3, 31), date(2031, 4, 30)]


def test_calendar_occurrences_skip_what_was_generated_and_stop_at_as_of():
    starts_on = days_ago(89)
    due = due_occurrences(starts_on, every=30, unit=PlanUnit.DAY, generated=1, as_of=today_utc())
    assert due == [(2, starts_on + timedelta(days=60))]  # the third falls due tomorrow
    assert due_occurrences(starts_on, every=1, unit=PlanUnit.DAY, generated=0, as_of=days_ahead(1000), limit=5)[-1] == (
        5,
        starts_on + timedelta(days=5),
    )


def test_usage_occurrences_are_reached_by_readings():
    assert due_usage_occurrences(50, every=100, generated=0, reading=349) == [(1, 150), (2, 250)]
    assert due_usage_occurrences(50, every=100, generated=2, reading=349) == []
