"""Supplies' pure rules: reorders at the reorder point; orders stay open until every line arrived."""

from services.facilities.supplies.domain import PurchaseOrderStatus, needs_reorder, order_status_after_receipt


def test_reorder_at_the_point_and_orders_stay_open_until_every_line_arrived():
    assert needs_reorder(20, 20) and needs_reorder(0, 20) and not needs_reorder(21, 20)
    assert order_status_after_receipt([10, 5], [10, 4]) == PurchaseOrderStatus.PARTIALLY_RECEIVED
    assert order_status_after_receipt([10, 5], [10, 5]) == PurchaseOrderStatus.RECEIVED
