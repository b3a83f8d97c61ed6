"""Keeping the copy of purchase orders and receipts (inside the consumer's transaction), and reading it."""

from sqlalchemy import select

from services.inbox.purchasing.domain import OrderedLine, received_per_line
from services.inbox.purchasing.models import PurchaseOrder, PurchaseOrderLine, PurchaseOrderReceipt
from shared.contracts.facilities import PurchaseOrderPlaced, PurchaseOrderReceived
from shared.db import insert_on_conflict
from shared.uow import UnitOfWork


async def record_order_placed(*, uow: UnitOfWork, event: PurchaseOrderPlaced) -> bool:
    """Keep a placed order and its lines; False when it was known already (a redelivery)."""
    inserted = await uow.session.execute(
        insert_on_conflict(uow.session, PurchaseOrder)
        .values(
            purchase_order_id=event.purchase_order_id,
            location_id=event.location_id,
            vendor=event.vendor[:200],
            ordered_at=event.ordered_at,
            total=event.total,
        )
        .on_conflict_do_nothing(index_elements=["purchase_order_id"])
    )
    if inserted.rowcount != 1:
        return False
    uow.session.add_all(
        PurchaseOrderLine(
            purchase_order_id=event.purchase_order_id,
            line_number=line.line_number,
            item=line.item[:200],
            item_id=line.item_id,
            quantity=int(line.quantity),
            unit_price=line.unit_price,
        )
        for line in event.lines
    )
    await uow.session.flush()
    return True


async def record_receipt(*, uow: UnitOfWork, event: PurchaseOrderReceived) -> bool:
    """Keep one delivery; False when this receipt was counted already."""
    receipt_id = event.receipt_id or f"{event.purchase_order_id}:{event.received_on.isoformat()}"
    inserted = await uow.session.execute(
        insert_on_conflict(uow.session, PurchaseOrderReceipt)
        .values(
            receipt_id=receipt_id,
            purchase_order_id=event.purchase_order_id,
            location_id=event.location_id,
            received_on=event.received_on,
            lines=[
                {"item_id": line.item_id, "item": line.item, "quantity": int(line.quantity)} for line in event.lines
            ],
        )
        .on_conflict_do_nothing(index_elements=["receipt_id"])
    )
    return inserted.rowcount == 1


async def find_order(
    uow: UnitOfWork, purchase_order_id: str | None, *, lock: bool = False
) -> tuple[PurchaseOrder, list[PurchaseOrderLine]] | None:
    """The order and its lines; `lock` serialises invoices matched against the same order."""
    if not purchase_order_id:
        return None
    order = await uow.session.get(PurchaseOrder, purchase_order_id, with_for_update=lock)
    if order is None:
        return None
    query = select(PurchaseOrderLine).where(PurchaseOrderLine.purchase_order_id == purchase_order_id)
    return order, list((await uow.session.scalars(query.order_by(PurchaseOrderLine.line_number))).all())


async def received_quantities(uow: UnitOfWork, order_lines: list[PurchaseOrderLine]) -> dict[int, int]:
    """Per order line, how many units all its receipts brought."""
    if not order_lines:
        return {}
    query = select(PurchaseOrderReceipt.lines).where(
        PurchaseOrderReceipt.purchase_order_id == order_lines[0].purchase_order_id
    )
    receipts = list((await uow.session.scalars(query)).all())
    ordered = [OrderedLine(li.line_number, li.item, li.item_id, li.quantity) for li in order_lines]
    return received_per_line(ordered, receipts)
