"""Training's pure rules: when a required course is next due."""

from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (Feb 29 + 12 months = Feb 28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def training_due_on(
    *, hired_on: date, initial_due_days: int, interval_months: int | None, last_completed_on: date | None
) -> date | None:
    """When a required course is next due; None when a one-off course was done."""
    if last_completed_on is None:
        return hired_on + timedelta(days=initial_due_days)
    return add_months(last_completed_on, interval_months) if interval_months else None
