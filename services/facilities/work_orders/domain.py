"""Work orders' pure rules: the life cycle, and reliability (MTBF, MTTR) from the failures they record."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from shared.errors import Conflict


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
