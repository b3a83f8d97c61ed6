"""Purchase orders: draft -> ordered -> (partially) received; each receipt is announced once for billing."""

import uuid
from decimal import Decimal

from sqlalchemy import select

from services.facilities.locations import service as locations
from services.facilities.supplies import stock_levels
from services.facilities.supplies.domain import OPEN_ORDER_STATUSES, PurchaseOrderStatus, order_status_after_receipt
from services.facilities.supplies.models import PurchaseOrder, PurchaseOrderLine, PurchaseOrderReceipt, StockItem
from services.facilities.supplies.schemas import PurchaseOrderIn, PurchaseOrderOut, ReceiptIn, ReceiptOut
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts import facilities as contract
from shared.errors import Conflict, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork

RECEIVABLE = (PurchaseOrderStatus.ORDERED, PurchaseOrderStatus.PARTIALLY_RECEIVED)


async def create_order(
    *, uow: UnitOfWork, location_id: str, cmd: PurchaseOrderIn, actor: Principal
) -> PurchaseOrderOut:
    """Draft an order by hand for items stocked at the location."""
    actor.ensure_location(location_id)
    async with uow:
        await locations.load(uow, location_id)
        order = PurchaseOrder(
            id=str(uuid.uuid4()),
            location_id=location_id,
            vendor=cmd.vendor,
            status=PurchaseOrderStatus.DRAFT,
            created_by=actor.sub,
            created_at=utcnow(),
        )
        uow.session.add(order)
        lines = []
        for number, line in enumerate(cmd.lines, start=1):
            item = await uow.session.get(StockItem, line.item_id)
            if item is None or item.location_id != location_id:
                raise Unprocessable(
                    f"{location_id} does not stock item {line.item_id}", field=f"lines.{number - 1}.item_id"
                )
            lines.append(
                PurchaseOrderLine(
                    id=str(uuid.uuid4()),
                    purchase_order_id=order.id,
                    line_number=number,
                    item_id=item.id,
                    item_name=item.name,
                    quantity=line.quantity,
                    unit_price=item.unit_cost if line.unit_price is None else line.unit_price,
                    received_quantity=0,
                )
            )
        uow.session.add_all(lines)
    return view(order, lines)


async def place_order(*, uow: UnitOfWork, purchase_order_id: str, actor: Principal) -> PurchaseOrderOut:
    """Send the order to the vendor: draft -> ordered, announced with its lines (invoices are matched to them)."""
    return await _move(uow, purchase_order_id, actor, {PurchaseOrderStatus.DRAFT}, PurchaseOrderStatus.ORDERED)


async def cancel_order(*, uow: UnitOfWork, purchase_order_id: str, actor: Principal) -> PurchaseOrderOut:
    """Cancel an order nothing was received on yet."""
    return await _move(
        uow,
        purchase_order_id,
        actor,
        {PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.ORDERED},
        PurchaseOrderStatus.CANCELLED,
    )


async def receive(*, uow: UnitOfWork, purchase_order_id: str, cmd: ReceiptIn, actor: Principal) -> ReceiptOut:
    """Record a delivery (maybe partial): stock goes up and `.received` announces what arrived, once."""
    async with uow:
        order, lines = await _load(uow, purchase_order_id, actor, lock=True)
        if order.status not in RECEIVABLE:
            raise Conflict(f"a {order.status} order cannot be received", field="status")
        by_number = {line.line_number: line for line in lines}
        receipt_id, received = str(uuid.uuid4()), []
        for index, got in enumerate(cmd.lines):
            line = by_number.get(got.line_number)
            if line is None:
                raise Unprocessable(f"the order has no line {got.line_number}", field=f"lines.{index}.line_number")
            if got.quantity > line.quantity - line.received_quantity:
                raise Conflict(
                    f"line {line.line_number} has {line.quantity - line.received_quantity} outstanding",
                    field=f"lines.{index}.quantity",
                )
            line.received_quantity += got.quantity
            item = await uow.session.get(StockItem, line.item_id)
            await stock_levels.add(
                uow,
                item,
                got.quantity,
                kind="receive",
                reason=f"purchase order {order.id}",
                actor=actor.sub,
                reference=receipt_id,
            )
            received.append(
                contract.PurchaseOrderLine(
                    item=line.item_name,
                    item_id=line.item_id,
                    quantity=Decimal(got.quantity),
                    unit_price=line.unit_price,
                )
            )
        total = sum((r.quantity * r.unit_price for r in received), Decimal("0.00"))
        order.status = order_status_after_receipt([li.quantity for li in lines], [li.received_quantity for li in lines])
        if order.status == PurchaseOrderStatus.RECEIVED:
            order.received_at = utcnow()
        uow.session.add(
            PurchaseOrderReceipt(
                id=receipt_id,
                purchase_order_id=order.id,
                received_on=cmd.received_on,
                total=total,
                lines=[r.model_dump(mode="json") for r in received],
                received_by=actor.sub,
                recorded_at=utcnow(),
            )
        )
        await uow.emit(
            contract.PurchaseOrderReceived(
                purchase_order_id=order.id,
                location_id=order.location_id,
                vendor=order.vendor,
                received_on=cmd.received_on,
                total=total,
                lines=received,
                receipt_id=receipt_id,
                fully_received=order.status == PurchaseOrderStatus.RECEIVED,
            ),
            subject=order.id,
            location_id=order.location_id,
        )
    return ReceiptOut(
        receipt_id=receipt_id,
        purchase_order_id=order.id,
        received_on=cmd.received_on,
        total=total,
        order_status=order.status,
    )


async def get_order(*, uow: UnitOfWork, purchase_order_id: str, actor: Principal) -> PurchaseOrderOut:
    """One purchase order with its lines."""
    async with uow:
        return view(*await _load(uow, purchase_order_id, actor))


async def list_orders(
    *, uow: UnitOfWork, location_id: str, status: str | None, actor: Principal
) -> list[PurchaseOrderOut]:
    """The location's purchase orders, newest first; `open` = draft, ordered or partially received."""
    actor.ensure_location(location_id)
    query = select(PurchaseOrder).where(PurchaseOrder.location_id == location_id)
    if status == "open":
        query = query.where(PurchaseOrder.status.in_(OPEN_ORDER_STATUSES))
    elif status:
        query = query.where(PurchaseOrder.status == status)
    async with uow:
        orders = (await uow.session.scalars(query.order_by(PurchaseOrder.created_at.desc()))).all()
        lines = (
            await uow.session.scalars(
                select(PurchaseOrderLine).where(PurchaseOrderLine.purchase_order_id.in_([o.id for o in orders]))
            )
        ).all()
    return [view(o, [li for li in lines if li.purchase_order_id == o.id]) for o in orders]


async def _move(
    uow: UnitOfWork,
    purchase_order_id: str,
    actor: Principal,
    sources: set[PurchaseOrderStatus],
    target: PurchaseOrderStatus,
) -> PurchaseOrderOut:
    async with uow:
        order, lines = await _load(uow, purchase_order_id, actor, lock=True)
        if order.status not in sources:
            raise Conflict(f"a {order.status} order cannot become {target}", field="status")
        order.status = target
        if target == PurchaseOrderStatus.ORDERED:
            order.ordered_at = utcnow()
            await uow.emit(placed(order, lines), subject=order.id, location_id=order.location_id)
    return view(order, lines)


def placed(order: PurchaseOrder, lines: list[PurchaseOrderLine]) -> contract.PurchaseOrderPlaced:
    return contract.PurchaseOrderPlaced(
        purchase_order_id=order.id,
        location_id=order.location_id,
        vendor=order.vendor,
        ordered_at=order.ordered_at,
        total=sum((li.quantity * li.unit_price for li in lines), Decimal("0.00")),
        lines=[
            contract.PlacedOrderLine(
                line_number=li.line_number,
                item=li.item_name,
                item_id=li.item_id,
                quantity=Decimal(li.quantity),
                unit_price=li.unit_price,
            )
            for li in lines
        ],
    )


async def _load(
    uow: UnitOfWork, purchase_order_id: str, actor: Principal, *, lock: bool = False
) -> tuple[PurchaseOrder, list[PurchaseOrderLine]]:
    order = await load_in_scope(
        uow, PurchaseOrder, purchase_order_id, actor, field="purchase_order_id", what="purchase order", lock=lock
    )
    query = select(PurchaseOrderLine).where(PurchaseOrderLine.purchase_order_id == order.id)
    lines = (await uow.session.scalars(query.order_by(PurchaseOrderLine.line_number))).all()
    return order, list(lines)


def view(order: PurchaseOrder, lines: list[PurchaseOrderLine]) -> PurchaseOrderOut:
    return PurchaseOrderOut(
        purchase_order_id=order.id,
        location_id=order.location_id,
        vendor=order.vendor,
        status=order.status,
        automatic=order.reorder_item_id is not None,
        lines=lines,
        total=sum((li.quantity * li.unit_price for li in lines), Decimal("0.00")),
        created_at=order.created_at,
        ordered_at=order.ordered_at,
        received_at=order.received_at,
    )
