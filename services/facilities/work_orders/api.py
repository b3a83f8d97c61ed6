"""Work-order routes, and a device's reliability drawn from its work orders: thin, each calls one use case."""

from typing import Literal

from fastapi import APIRouter

from services.facilities.access import AnyStaff, Manager
from services.facilities.work_orders import service as work_orders
from services.facilities.work_orders.schemas import (
    AssignIn,
    CloseIn,
    ReliabilityOut,
    ResolveIn,
    WorkOrderIn,
    WorkOrderOut,
    WorkOrderSummary,
)
from shared.web import UowDep

router = APIRouter()


@router.get("/equipment/{equipment_id}/reliability", response_model=ReliabilityOut, tags=["equipment"])
async def reliability(equipment_id: str, uow: UowDep, actor: Manager):
    """MTBF and MTTR of the device from its work-order history."""
    return await work_orders.reliability_of(uow=uow, equipment_id=equipment_id, actor=actor)


@router.post("/locations/{location_id}/work-orders", status_code=201, response_model=WorkOrderOut, tags=["work orders"])
async def report_work_order(location_id: str, body: WorkOrderIn, uow: UowDep, actor: AnyStaff):
    """Report a problem (anyone on staff); critical equipment takes its room out of service."""
    return await work_orders.report(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/work-orders", response_model=list[WorkOrderSummary], tags=["work orders"])
async def list_work_orders(
    location_id: str,
    uow: UowDep,
    actor: Manager,
    status: Literal["open", "in_progress", "resolved", "closed"] | None = None,
):
    """The location's work orders; `status=open` means not resolved or closed yet."""
    return await work_orders.list_orders(uow=uow, location_id=location_id, status=status, actor=actor)


@router.get("/work-orders/{work_order_id}", response_model=WorkOrderOut, tags=["work orders"])
async def get_work_order(work_order_id: str, uow: UowDep, actor: Manager):
    """One work order."""
    return await work_orders.get_order(uow=uow, work_order_id=work_order_id, actor=actor)


@router.post("/work-orders/{work_order_id}/assign", response_model=WorkOrderOut, tags=["work orders"])
async def assign_work_order(work_order_id: str, body: AssignIn, uow: UowDep, actor: Manager):
    """Assign to a coordinator or a vendor."""
    return await work_orders.assign(uow=uow, work_order_id=work_order_id, cmd=body, actor=actor)


@router.post("/work-orders/{work_order_id}/start", response_model=WorkOrderOut, tags=["work orders"])
async def start_work_order(work_order_id: str, uow: UowDep, actor: Manager):
    """Work begins (open -> in_progress)."""
    return await work_orders.start(uow=uow, work_order_id=work_order_id, actor=actor)


@router.post("/work-orders/{work_order_id}/resolve", response_model=WorkOrderOut, tags=["work orders"])
async def resolve_work_order(work_order_id: str, body: ResolveIn, uow: UowDep, actor: Manager):
    """The repair is done (-> resolved), with its cost."""
    return await work_orders.resolve(uow=uow, work_order_id=work_order_id, cmd=body, actor=actor)


@router.post("/work-orders/{work_order_id}/close", response_model=WorkOrderOut, tags=["work orders"])
async def close_work_order(work_order_id: str, body: CloseIn, uow: UowDep, actor: Manager):
    """Sign off (resolved -> closed); the device and its room come back into service."""
    return await work_orders.close(uow=uow, work_order_id=work_order_id, cmd=body, actor=actor)
