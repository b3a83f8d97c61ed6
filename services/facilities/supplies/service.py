"""Stock per location: never negative (a CHECK and conditional updates), reordered at the reorder point."""

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.facilities.locations import service as locations
from services.facilities.supplies import stock_levels
from services.facilities.supplies.domain import OPEN_ORDER_STATUSES, PurchaseOrderStatus, needs_reorder
from services.facilities.supplies.models import PurchaseOrder, PurchaseOrderLine, StockItem, StockMovement
from services.facilities.supplies.schemas import AdjustIn, QuantityIn, StockItemIn, TransferIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.facilities import StockReorderPointReached
from shared.errors import Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork

REORDER_ACTOR = "facilities:reorder-point"


async def add_item(*, uow: UnitOfWork, location_id: str, cmd: StockItemIn, actor: Principal) -> StockItem:
    """Stock a new item at a location."""
    actor.ensure_location(location_id)
    async with uow:
        await locations.load(uow, location_id)
        item = StockItem(id=str(uuid.uuid4()), location_id=location_id, created_at=utcnow(), **cmd.model_dump())
        await uow.add_unique(item, conflict=f"{location_id} already stocks {cmd.sku}", field="sku")
        await reorder_if_low(uow, item)
    return item


async def items(*, uow: UnitOfWork, location_id: str, low_stock: bool, actor: Principal) -> list[StockItem]:
    """The location's stock by name; only what is at or below its reorder point when `low_stock`."""
    actor.ensure_location(location_id)
    query = select(StockItem).where(StockItem.location_id == location_id)
    if low_stock:
        query = query.where(StockItem.on_hand <= StockItem.reorder_point)
    async with uow:
        return list((await uow.session.scalars(query.order_by(StockItem.name))).all())


async def get_item(*, uow: UnitOfWork, item_id: str, actor: Principal) -> StockItem:
    """One stock item with its reorder settings."""
    async with uow:
        return await load(uow, item_id, actor)


async def consume(*, uow: UnitOfWork, item_id: str, cmd: QuantityIn, actor: Principal) -> StockItem:
    """Take stock out for use; refused (409 naming quantity) rather than going negative."""
    async with uow:
        item = await load(uow, item_id, actor)
        await stock_levels.take(uow, item, cmd.quantity, kind="consume", reason=cmd.reason, actor=actor)
        await reorder_if_low(uow, item)
    return item


async def receive(*, uow: UnitOfWork, item_id: str, cmd: QuantityIn, actor: Principal) -> StockItem:
    """Put stock in that came without a purchase order (samples, returns)."""
    async with uow:
        item = await load(uow, item_id, actor)
        await stock_levels.add(uow, item, cmd.quantity, kind="receive", reason=cmd.reason, actor=actor.sub)
    return item


async def adjust(*, uow: UnitOfWork, item_id: str, cmd: AdjustIn, actor: Principal) -> StockItem:
    """Set on hand to a physical count, recording the difference."""
    async with uow:
        item = await load(uow, item_id, actor, lock=True)
        difference = cmd.on_hand - item.on_hand
        item.on_hand = cmd.on_hand
        stock_levels.record(uow, item, "adjust", difference, reason=cmd.reason, actor=actor.sub)
        await reorder_if_low(uow, item)
    return item


async def transfer(*, uow: UnitOfWork, item_id: str, cmd: TransferIn, actor: Principal) -> StockItem:
    """Move stock to the same item at another location, atomically; the caller needs both locations."""
    actor.ensure_location(cmd.to_location_id)
    async with uow:
        source = await load(uow, item_id, actor)
        target = await uow.session.scalar(
            select(StockItem).where(StockItem.location_id == cmd.to_location_id, StockItem.sku == source.sku)
        )
        if target is None or target.id == source.id:
            raise Unprocessable(f"{cmd.to_location_id} does not stock {source.sku}", field="to_location_id")
        # Both rows locked in one order: opposite transfers running together cannot deadlock.
        await uow.session.execute(
            select(StockItem.id)
            .where(StockItem.id.in_([source.id, target.id]))
            .order_by(StockItem.id)
            .with_for_update()
        )
        reference = str(uuid.uuid4())
        await stock_levels.take(
            uow, source, cmd.quantity, kind="transfer_out", reason=cmd.reason, actor=actor, reference=reference
        )
        await stock_levels.add(
            uow, target, cmd.quantity, kind="transfer_in", reason=cmd.reason, actor=actor.sub, reference=reference
        )
        await reorder_if_low(uow, source)
    return source


async def movements(*, uow: UnitOfWork, item_id: str, actor: Principal) -> list[StockMovement]:
    """The item's stock movements, newest first."""
    async with uow:
        await load(uow, item_id, actor)
        query = select(StockMovement).where(StockMovement.item_id == item_id).order_by(StockMovement.at.desc())
        return list((await uow.session.scalars(query)).all())


async def reorder_if_low(uow: UnitOfWork, item: StockItem) -> PurchaseOrder | None:
    """At or below the reorder point: one draft order per item, however many consumptions race here."""
    if not needs_reorder(item.on_hand, item.reorder_point):
        return None
    open_order = select(PurchaseOrder.id).where(
        PurchaseOrder.reorder_item_id == item.id, PurchaseOrder.status.in_(OPEN_ORDER_STATUSES)
    )
    if await uow.session.scalar(open_order) is not None:
        return None
    order = PurchaseOrder(
        id=str(uuid.uuid4()),
        location_id=item.location_id,
        vendor=item.preferred_vendor,
        status=PurchaseOrderStatus.DRAFT,
        reorder_item_id=item.id,
        created_by=REORDER_ACTOR,
        created_at=utcnow(),
    )
    try:
        # A savepoint: losing the race to the partial unique index must not undo the consumption.
        async with uow.session.begin_nested():
            uow.session.add(order)
            uow.session.add(
                PurchaseOrderLine(
                    id=str(uuid.uuid4()),
                    purchase_order_id=order.id,
                    line_number=1,
                    item_id=item.id,
                    item_name=item.name,
                    quantity=item.reorder_quantity,
                    unit_price=item.unit_cost,
                    received_quantity=0,
                )
            )
    except IntegrityError:
        return None
    reached = StockReorderPointReached(
        item_id=item.id,
        location_id=item.location_id,
        name=item.name,
        on_hand=item.on_hand,
        reorder_point=item.reorder_point,
        purchase_order_id=order.id,
        vendor=order.vendor,
    )
    await uow.emit(reached, subject=item.id, location_id=item.location_id)
    return order


async def load(uow: UnitOfWork, item_id: str, actor: Principal, *, lock: bool = False) -> StockItem:
    """The stock item, after checking the caller may act at its location."""
    return await load_in_scope(uow, StockItem, item_id, actor, field="item_id", what="stock item", lock=lock)
