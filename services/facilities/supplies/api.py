"""Facilities HTTP routes for supplies and purchase orders."""

from fastapi import APIRouter

from services.facilities.access import Manager
from services.facilities.supplies import purchasing
from services.facilities.supplies import service as stock
from services.facilities.supplies.schemas import (
    AdjustIn,
    LowStockOut,
    MovementOut,
    OrderStatusFilter,
    PurchaseOrderIn,
    PurchaseOrderOut,
    QuantityIn,
    ReceiptIn,
    ReceiptOut,
    StockItemIn,
    StockItemOut,
    TransferIn,
)
from shared.web import UowDep

router = APIRouter(tags=["supplies"])


@router.post("/locations/{location_id}/supplies", status_code=201, response_model=StockItemOut)
async def add_stock_item(location_id: str, body: StockItemIn, uow: UowDep, actor: Manager):
    """Stock a new item at the location."""
    return await stock.add_item(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/supplies", response_model=list[LowStockOut])
async def list_supplies(location_id: str, uow: UowDep, actor: Manager, low_stock: bool = False):
    """The location's stock; `low_stock=true` keeps what is at or below its reorder point."""
    return await stock.items(uow=uow, location_id=location_id, low_stock=low_stock, actor=actor)


@router.get("/supplies/{item_id}", response_model=StockItemOut)
async def get_stock_item(item_id: str, uow: UowDep, actor: Manager):
    """One stock item with its reorder settings."""
    return await stock.get_item(uow=uow, item_id=item_id, actor=actor)


@router.post("/supplies/{item_id}/consume", response_model=StockItemOut)
async def consume(item_id: str, body: QuantityIn, uow: UowDep, actor: Manager):
    """Take stock out for use (409 naming quantity when there is not enough)."""
    return await stock.consume(uow=uow, item_id=item_id, cmd=body, actor=actor)


@router.post("/supplies/{item_id}/receive", response_model=StockItemOut)
async def receive(item_id: str, body: QuantityIn, uow: UowDep, actor: Manager):
    """Put in stock that came without a purchase order."""
    return await stock.receive(uow=uow, item_id=item_id, cmd=body, actor=actor)


@router.post("/supplies/{item_id}/adjust", response_model=StockItemOut)
async def adjust(item_id: str, body: AdjustIn, uow: UowDep, actor: Manager):
    """Set on hand to a physical count."""
    return await stock.adjust(uow=uow, item_id=item_id, cmd=body, actor=actor)


@router.post("/supplies/{item_id}/transfer", response_model=StockItemOut)
async def transfer(item_id: str, body: TransferIn, uow: UowDep, actor: Manager):
    """Move stock to the same item at another location (both in the caller's scope)."""
    return await stock.transfer(uow=uow, item_id=item_id, cmd=body, actor=actor)


@router.get("/supplies/{item_id}/movements", response_model=list[MovementOut])
async def movements(item_id: str, uow: UowDep, actor: Manager):
    """The item's stock movements, newest first."""
    return await stock.movements(uow=uow, item_id=item_id, actor=actor)


@router.post(
    "/locations/{location_id}/purchase-orders",
    status_code=201,
    response_model=PurchaseOrderOut,
    tags=["purchase orders"],
)
async def create_purchase_order(location_id: str, body: PurchaseOrderIn, uow: UowDep, actor: Manager):
    """Draft a purchase order by hand."""
    return await purchasing.create_order(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/purchase-orders", response_model=list[PurchaseOrderOut], tags=["purchase orders"])
async def list_purchase_orders(location_id: str, uow: UowDep, actor: Manager, status: OrderStatusFilter | None = None):
    """The location's purchase orders, newest first."""
    return await purchasing.list_orders(uow=uow, location_id=location_id, status=status, actor=actor)


@router.get("/purchase-orders/{purchase_order_id}", response_model=PurchaseOrderOut, tags=["purchase orders"])
async def get_purchase_order(purchase_order_id: str, uow: UowDep, actor: Manager):
    """One purchase order."""
    return await purchasing.get_order(uow=uow, purchase_order_id=purchase_order_id, actor=actor)


@router.post("/purchase-orders/{purchase_order_id}/order", response_model=PurchaseOrderOut, tags=["purchase orders"])
async def place_order(purchase_order_id: str, uow: UowDep, actor: Manager):
    """Send the order to the vendor (draft -> ordered)."""
    return await purchasing.place_order(uow=uow, purchase_order_id=purchase_order_id, actor=actor)


@router.post("/purchase-orders/{purchase_order_id}/cancel", response_model=PurchaseOrderOut, tags=["purchase orders"])
async def cancel_order(purchase_order_id: str, uow: UowDep, actor: Manager):
    """Cancel an order nothing was received on."""
    return await purchasing.cancel_order(uow=uow, purchase_order_id=purchase_order_id, actor=actor)


@router.post(
    "/purchase-orders/{purchase_order_id}/receipts",
    status_code=201,
    response_model=ReceiptOut,
    tags=["purchase orders"],
)
async def receive_order(purchase_order_id: str, body: ReceiptIn, uow: UowDep, actor: Manager):
    """Record a delivery, maybe partial; billing books each receipt as an expense."""
    return await purchasing.receive(uow=uow, purchase_order_id=purchase_order_id, cmd=body, actor=actor)
