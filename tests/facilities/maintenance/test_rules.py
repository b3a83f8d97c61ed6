"""Facilities' pure rules: work-order moves, maintenance schedules, reliability, reorders, receipts."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from services.facilities.domain import (Failure, PlanUnit, PurchaseOrderStatus, WorkOrderStatus, add_months,
                                        due_occurrences, due_usage_occurrences, move_work_order, needs_reorder,
                                        order_status_after_receipt, reliability)
from shared.errors import Conflict
from tests.support.dates import days_ago, days_ahead, today_utc

T0 = datetime.combine(days_ago(30), time(), UTC)


def test_work_orders_move_forward_and_may_reopen_from_resolved_only():
    assert move_work_order(WorkOrderStatus.OPEN, WorkOrderStatus.IN_PROGRESS) == WorkOrderStatus.IN_PROGRESS
    assert move_work_order(WorkOrderStatus.RESOLVED, WorkOrderStatus.IN_PROGRESS) == WorkOrderStatus.IN_PROGRESS
    for current, target in [(WorkOrderStatus.OPEN, WorkOrderStatus.CLOSED),
                            (WorkOrderStatus.CLOSED, WorkOrderStatus.OPEN),
                            (WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.CLOSED)]:
        with pytest.raises(Conflict) as refused:
            move_work_order(current, target)
        assert refused.value.field == "status"


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
    assert due_occurrences(starts_on, every=1, unit=PlanUnit.DAY, generated=0, as_of=days_ahead(1000),
                           limit=5)[-1] == (5, starts_on + timedelta(days=5))


def test_usage_occurrences_are_reached_by_readings():
    assert due_usage_occurrences(50, every=100, generated=0, reading=349) == [(1, 150), (2, 250)]
    assert due_usage_occurrences(50, every=100, generated=2, reading=349) == []


def test_mtbf_counts_uptime_per_failure_and_mttr_only_resolved_repairs():
    failures = [Failure(T0 + timedelta(hours=100), T0 + timedelta(hours=110)),
                Failure(T0 + timedelta(hours=300), T0 + timedelta(hours=306)),
                Failure(T0 + timedelta(hours=390), None)]
    result = reliability(failures, in_service_since=T0, now=T0 + timedelta(hours=400))
    # 400 h observed - (10 + 6 + 10) h down = 374 h up, over 3 failures
    assert (result.failures, result.mtbf_hours, result.mttr_hours) == (3, round(374 / 3, 2), 8.0)
    assert reliability([], in_service_since=T0, now=T0).mtbf_hours is None


def test_reorder_at_the_point_and_orders_stay_open_until_every_line_arrived():
    assert needs_reorder(20, 20) and needs_reorder(0, 20) and not needs_reorder(21, 20)
    assert order_status_after_receipt([10, 5], [10, 4]) == PurchaseOrderStatus.PARTIALLY_RECEIVED
    assert order_status_after_receipt([10, 5], [10, 5]) == PurchaseOrderStatus.RECEIVED
