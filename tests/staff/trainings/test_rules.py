"""Training's pure rules: a course is due after hire, then every interval; months clamp to their end."""

from datetime import date, timedelta

from services.staff.trainings.domain import add_months, training_due_on
from tests.support.dates import days_ago


def test_training_due_after_hire_then_every_interval():
    hired_on = days_ago(300)
    assert training_due_on(
        hired_on=hired_on, initial_due_days=30, interval_months=12, last_completed_on=None
    ) == hired_on + timedelta(days=30)
    # Calendar arithmetic needs a known leap day: a far, fixed one (the rule never reads the clock).
    assert training_due_on(
        hired_on=hired_on, initial_due_days=30, interval_months=12, last_completed_on=date(2032, 2, 29)
    ) == date(2033, 2, 28)
    assert (
        training_due_on(
            hired_on=hired_on, initial_due_days=30, interval_months=None, last_completed_on=hired_on + timedelta(days=2)
        )
        is None
    )
    assert add_months(date(2031, 1, 31), 1) == date(2031, 2, 28)
