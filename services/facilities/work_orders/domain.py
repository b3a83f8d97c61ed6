"""Facilities' pure rules: work-order life cycle, maintenance schedules, reliability, reorders."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from shared.errors import Conflict


class Criticality(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class WorkOrderStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


# resolved -> in_progress: the fix did not hold and the work goes on.
WORK_ORDER_MOVES = {
    WorkOrderStatus.OPEN: {WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.RESOLVED},
    WorkOrderStatus.IN_PROGRESS: {WorkOrderStatus.RESOLVED},
    WorkOrderStatus.RESOLVED: {WorkOrderStatus.CLOSED, WorkOrderStatus.IN_PROGRESS},
    WorkOrderStatus.CLOSED: set(),
}
NOT_DONE = (WorkOrderStatus.OPEN, WorkOrderStatus.IN_PROGRESS)  # "open" on the dashboard


def move_work_order(current: WorkOrderStatus, target: WorkOrderStatus) -> WorkOrderStatus:
    """The new status, or Conflict naming `status` when the move is not allowed."""
    if target not in WORK_ORDER_MOVES[current]:
        raise Conflict(f"a work order cannot go from {current} to {target}", field="status")
    return target


class OutageCause(StrEnum):
    MANUAL = "manual"
    EQUIPMENT = "equipment"


class PurchaseOrderStatus(StrEnum):
    DRAFT = "draft"
    ORDERED = "ordered"
    PARTIALLY_RECEIVED = "partially_received"
    RECEIVED = "received"
    CANCELLED = "cancelled"


OPEN_ORDER_STATUSES = (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.ORDERED, PurchaseOrderStatus.PARTIALLY_RECEIVED)


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


def due_occurrences(starts_on: date, *, every: int, unit: PlanUnit, generated: int, as_of: date,
                    limit: int = 50) -> list[tuple[int, date]]:
    """The (n, due_on) of calendar occurrences due by `as_of` that were not generated yet."""
    found, n = [], generated + 1
    while len(found) < limit and (due := occurrence_due_on(starts_on, every=every, unit=unit, n=n)) <= as_of:
        found.append((n, due))
        n += 1
    return found


def due_usage_occurrences(starts_at: int, *, every: int, generated: int, reading: int,
                          limit: int = 50) -> list[tuple[int, int]]:
    """The (n, due_at_usage) of usage occurrences the reading has reached that were not generated yet."""
    found, n = [], generated + 1
    while len(found) < limit and starts_at + every * n <= reading:
        found.append((n, starts_at + every * n))
        n += 1
    return found


@dataclass(frozen=True)
class Failure:
    reported_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class Reliability:
    failures: int
    mtbf_hours: float | None  # operating time between failures
    mttr_hours: float | None  # reported -> resolved


def reliability(failures: list[Failure], *, in_service_since: datetime, now: datetime) -> Reliability:
    """MTBF = (observed time - downtime) / failures; MTTR = mean repair time of resolved failures."""
    if not failures:
        return Reliability(0, None, None)
    repairs = [(f.resolved_at - f.reported_at) for f in failures if f.resolved_at is not None]
    downtime = sum(((f.resolved_at or now) - f.reported_at for f in failures), timedelta())
    uptime = max(now - in_service_since - downtime, timedelta())
    mttr = sum(repairs, timedelta()) / len(repairs) if repairs else None
    return Reliability(
        failures=len(failures),
        mtbf_hours=round(uptime.total_seconds() / 3600 / len(failures), 2),
        mttr_hours=None if mttr is None else round(mttr.total_seconds() / 3600, 2),
    )


def needs_reorder(on_hand: int, reorder_point: int) -> bool:
    """Reaching the reorder point (not only passing below it) asks for a reorder."""
    return on_hand <= reorder_point


def order_status_after_receipt(ordered: list[int], received: list[int]) -> PurchaseOrderStatus:
    """Received when every line arrived in full; otherwise partially received, and still open."""
    done = all(got >= want for want, got in zip(ordered, received, strict=True))
    return PurchaseOrderStatus.RECEIVED if done else PurchaseOrderStatus.PARTIALLY_RECEIVED
