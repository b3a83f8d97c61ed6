"""Staff's pure rules: NPI check digits, credential expiry stages, training due dates, coverage gaps."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shared.contracts.staff import StaffRole

# Roles that see patients under their own licence: they must have an NPI.
PROVIDER_ROLES = frozenset({StaffRole.PHYSICIAN, StaffRole.NURSE_PRACTITIONER, StaffRole.PHYSICIAN_ASSISTANT})
CLINICAL_ROLES = PROVIDER_ROLES | {StaffRole.REGISTERED_NURSE, StaffRole.MEDICAL_ASSISTANT}
EXPIRING_THRESHOLDS = (90, 60, 30)  # days before expiry, least urgent first
EXPIRED = "expired"
MAX_RANGE_DAYS = 92  # the longest span of days one roster read or generation covers


def npi_is_valid(npi: str) -> bool:
    """Ten digits whose last is the Luhn check digit of the number prefixed with 80840 (CMS rule)."""
    if len(npi) != 10 or not npi.isdigit():
        return False
    digits = [int(d) for d in "80840" + npi]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 1:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return total % 10 == 0


def expiry_stage(expires_on: date, *, as_of: date) -> str | None:
    """The most urgent notice due on `as_of`: "expired", "30", "60", "90", or None."""
    # A credential is valid through its expiry date, so it is expired from the next day on.
    if as_of > expires_on:
        return EXPIRED
    days_left = (expires_on - as_of).days
    reached = [t for t in EXPIRING_THRESHOLDS if days_left <= t]
    return str(min(reached)) if reached else None


def stages_up_to(stage: str) -> list[str]:
    """`stage` and every less urgent one: once a later stage is announced the earlier ones are moot."""
    order = [str(t) for t in EXPIRING_THRESHOLDS] + [EXPIRED]
    return order[: order.index(stage) + 1]


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


def training_due_on(*, hired_on: date, initial_due_days: int, interval_months: int | None,
                    last_completed_on: date | None) -> date | None:
    """When a required course is next due; None when a one-off course was done."""
    if last_completed_on is None:
        return hired_on + timedelta(days=initial_due_days)
    return add_months(last_completed_on, interval_months) if interval_months else None


def local_instant(day: date, at: time, timezone: str) -> datetime:
    """A local wall-clock time of a day at a location, as an aware datetime (DST aware)."""
    return datetime.combine(day, at, ZoneInfo(timezone))


def local_span(day: date, start: time, end: time, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of a local day; an end at or before the start is on the next day (night shifts)."""
    end_day = day if end > start else day + timedelta(days=1)
    return local_instant(day, start, timezone), local_instant(end_day, end, timezone)


@dataclass(frozen=True)
class Gap:
    role: str
    required: int
    scheduled: int
    start: datetime
    end: datetime


def coverage_gaps(*, role: str, required: int, window: tuple[datetime, datetime],
                  on_duty: Iterable[tuple[datetime, datetime]]) -> list[Gap]:
    """Intervals of `window` where fewer than `required` people of `role` are on duty."""
    start, end = window
    spans = [(max(s, start), min(e, end)) for s, e in on_duty if s < end and e > start]
    points = sorted({start, end, *(p for span in spans for p in span)})
    gaps: list[Gap] = []
    for left, right in zip(points, points[1:]):
        scheduled = sum(1 for s, e in spans if s <= left and e >= right)
        if scheduled >= required:
            continue
        if gaps and gaps[-1].end == left and gaps[-1].scheduled == scheduled:
            gaps[-1] = Gap(role, required, scheduled, gaps[-1].start, right)
        else:
            gaps.append(Gap(role, required, scheduled, left, right))
    return gaps


Span = tuple[datetime, datetime]


def subtract(span: Span, holes: Iterable[Span]) -> list[Span]:
    """What remains of `span` outside `holes` (a shift minus its member's approved time off)."""
    pieces = [span]
    for hole_start, hole_end in holes:
        next_pieces = []
        for s, e in pieces:
            if hole_end <= s or hole_start >= e:
                next_pieces.append((s, e))
                continue
            if s < hole_start:
                next_pieces.append((s, hole_start))
            if hole_end < e:
                next_pieces.append((hole_end, e))
        pieces = next_pieces
    return pieces
