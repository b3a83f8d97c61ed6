"""Supplies' pure rules: purchase-order states, when to reorder, what a receipt makes of an order."""

from enum import StrEnum


class PurchaseOrderStatus(StrEnum):
    DRAFT = "draft"
    ORDERED = "ordered"
    PARTIALLY_RECEIVED = "partially_received"
    RECEIVED = "received"
    CANCELLED = "cancelled"


OPEN_ORDER_STATUSES = (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.ORDERED, PurchaseOrderStatus.PARTIALLY_RECEIVED)


def needs_reorder(on_hand: int, reorder_point: int) -> bool:
    """Reaching the reorder point (not only passing below it) asks for a reorder."""
    return on_hand <= reorder_point


def order_status_after_receipt(ordered: list[int], received: list[int]) -> PurchaseOrderStatus:
    """Received when every line arrived in full; otherwise partially received, and still open."""
    done = all(got >= want for want, got in zip(ordered, received, strict=True))
    return PurchaseOrderStatus.RECEIVED if done else PurchaseOrderStatus.PARTIALLY_RECEIVED
