"""Facilities' purchase order events as the inbox receives them, built for tests."""

from datetime import timedelta
from decimal import Decimal

from shared.clock import utcnow
from shared.contracts.facilities import PlacedOrderLine, PurchaseOrderLine, PurchaseOrderPlaced, PurchaseOrderReceived
from tests.support.dates import days_ago

GLOVES, PADS = ("Nitrile gloves M", "item-gloves", "7.25"), ("Alcohol prep pads", "item-pads", "2.10")


def placed(order_id: str, *, location_id: str = "loc-a", vendor: str = "Medline") -> PurchaseOrderPlaced:
    lines = [
        PlacedOrderLine(
            line_number=1, item=GLOVES[0], item_id=GLOVES[1], quantity=Decimal(50), unit_price=Decimal(GLOVES[2])
        ),
        PlacedOrderLine(
            line_number=2, item=PADS[0], item_id=PADS[1], quantity=Decimal(10), unit_price=Decimal(PADS[2])
        ),
    ]
    return PurchaseOrderPlaced(
        purchase_order_id=order_id,
        location_id=location_id,
        vendor=vendor,
        ordered_at=utcnow() - timedelta(days=10),
        total=sum((li.quantity * li.unit_price for li in lines), Decimal("0.00")),
        lines=lines,
    )


def received(order_id: str, receipt_id: str, *, gloves: int = 0, pads: int = 0) -> PurchaseOrderReceived:
    lines = [
        PurchaseOrderLine(item=name, item_id=item_id, quantity=Decimal(count), unit_price=Decimal(price))
        for (name, item_id, price), count in ((GLOVES, gloves), (PADS, pads))
        if count
    ]
    return PurchaseOrderReceived(
        purchase_order_id=order_id,
        location_id="loc-a",
        vendor="Medline",
        received_on=days_ago(4),
        total=sum((li.quantity * li.unit_price for li in lines), Decimal("0.00")),
        lines=lines,
        receipt_id=receipt_id,
    )
