"""Work orders' pure rules: the life cycle, and reliability from the failures they record."""

from datetime import UTC, datetime, time, timedelta

import pytest

from services.facilities.work_orders.domain import Failure, WorkOrderStatus, move_work_order, reliability
from shared.errors import Conflict
from tests.support.dates import days_ago

T0 = datetime.combine(days_ago(30), time(), UTC)


def test_work_orders_move_forward_and_may_reopen_from_resolved_only():
    assert move_work_order(WorkOrderStatus.OPEN, WorkOrderStatus.IN_PROGRESS) == WorkOrderStatus.IN_PROGRESS
    assert move_work_order(WorkOrderStatus.RESOLVED, WorkOrderStatus.IN_PROGRESS) == WorkOrderStatus.IN_PROGRESS
    for current, target in [
        (WorkOrderStatus.OPEN, WorkOrderStatus.CLOSED),
        (WorkOrderStatus.CLOSED, WorkOrderStatus.OPEN),
        (WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.CLOSED),
    ]:
        with pytest.raises(Conflict) as refused:
            move_work_order(current, target)
        assert refused.value.field == "status"


def test_mtbf_counts_uptime_per_failure_and_mttr_only_resolved_repairs():
    failures = [
        Failure(T0 + timedelta(hours=100), T0 + timedelta(hours=110)),
        Failure(T0 + timedelta(hours=300), T0 + timedelta(hours=306)),
        Failure(T0 + timedelta(hours=390), None),
    ]
    result = reliability(failures, in_service_since=T0, now=T0 + timedelta(hours=400))
    # 400 h observed - (10 + 6 + 10) h down = 374 h up, over 3 failures
    assert (result.failures, result.mtbf_hours, result.mttr_hours) == (3, round(374 / 3, 2), 8.0)
    assert reliability([], in_service_since=T0, now=T0).mtbf_hours is None
