"""Maintenance's pure rules: when each occurrence of a calendar or usage plan falls due."""

import calendar
from datetime import date, timedelta
from enum import StrEnum


class PlanUnit(StrEnum):
    DAY = "day"
    MONTH = "month"
    USAGE = "usage"


def add_months(day: date, months: int) -> date:
    """Same day of month `months` later, clamped to the month's last day (Jan 31 + 1 = Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrence_due_on(starts_on: date, *, every: int, unit: PlanUnit, n: int) -> date:
    """Due date of the n-th (1-based) occurrence of a calendar plan: counted from the start, never drifting."""
    if unit == PlanUnit.DAY:
        return starts_on + timedelta(days=every * n)
    if unit == PlanUnit.MONTH:
        return add_months(starts_on, every * n)
    raise ValueError("usage plans have no calendar due date")


def due_occurrences(
    starts_on: date, *, every: int, unit: PlanUnit, generated: int, as_of: date, limit: int = 50
) -> list[tuple[int, date]]:
    """The (n, due_on) of calendar occurrences due by `as_of` that were not generated yet."""
    found, n = [], generated + 1
    while len(found) < limit and (due := occurrence_due_on(starts_on, every=every, unit=unit, n=n)) <= as_of:
        found.append((n, due))
        n += 1
    return found


def due_usage_occurrences(
    starts_at: int, *, every: int, generated: int, reading: int, limit: int = 50
) -> list[tuple[int, int]]:
    """The (n, due_at_usage) of usage occurrences the reading has reached that were not generated yet."""
    found, n = [], generated + 1
    while len(found) < limit and starts_at + every * n <= reading:
        found.append((n, starts_at + every * n))
        n += 1
    return found
