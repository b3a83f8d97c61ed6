"""Facilities HTTP routes for equipment, preventive maintenance and work orders."""

from typing import Literal

from fastapi import APIRouter

from services.facilities import equipment, maintenance, work_orders
from services.facilities.access import AnyStaff, Manager
from services.facilities.schemas import (AssignIn, CloseIn, EquipmentIn, EquipmentOut, MaintenanceRunIn,
                                         MaintenanceRunOut, PlanIn, PlanOut, ReliabilityOut, ResolveIn, TaskOut,
                                         UsageIn, WorkOrderIn, WorkOrderOut, WorkOrderSummary)
from shared.web import UowDep

router = APIRouter()


@router.post("/locations/{location_id}/equipment", status_code=201, response_model=EquipmentOut, tags=["equipment"])
async def register_equipment(location_id: str, body: EquipmentIn, uow: UowDep, actor: Manager):
    """Add a device to the location's registry."""
    return await equipment.register(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/equipment", response_model=list[EquipmentOut], tags=["equipment"])
async def list_equipment(location_id: str, uow: UowDep, actor: Manager):
    """The location's devices."""
    return await equipment.list_equipment(uow=uow, location_id=location_id, actor=actor)


@router.get("/equipment/{equipment_id}", response_model=EquipmentOut, tags=["equipment"])
async def get_equipment(equipment_id: str, uow: UowDep, actor: Manager):
    """One device."""
    return await equipment.get_equipment(uow=uow, equipment_id=equipment_id, actor=actor)


@router.get("/equipment/{equipment_id}/reliability", response_model=ReliabilityOut, tags=["equipment"])
async def reliability(equipment_id: str, uow: UowDep, actor: Manager):
    """MTBF and MTTR of the device from its work-order history."""
    return await equipment.reliability_of(uow=uow, equipment_id=equipment_id, actor=actor)


@router.post("/equipment/{equipment_id}/usage", response_model=EquipmentOut, tags=["maintenance"])
async def record_usage(equipment_id: str, body: UsageIn, uow: UowDep, actor: Manager):
    """Record a meter reading; usage plans it reaches get their tasks."""
    return await equipment.record_usage(uow=uow, equipment_id=equipment_id, cmd=body, actor=actor)


@router.post("/equipment/{equipment_id}/maintenance-plans", status_code=201, response_model=PlanOut,
             tags=["maintenance"])
async def add_maintenance_plan(equipment_id: str, body: PlanIn, uow: UowDep, actor: Manager):
    """Plan preventive maintenance every N days, months or usage units."""
    return await equipment.add_maintenance_plan(uow=uow, equipment_id=equipment_id, cmd=body, actor=actor)


@router.post("/locations/{location_id}/maintenance/run", response_model=MaintenanceRunOut, tags=["maintenance"])
async def run_maintenance(location_id: str, body: MaintenanceRunIn, uow: UowDep, actor: Manager):
    """Create the tasks due as of a date and announce overdue ones (each once); the periodic job does the same."""
    return await maintenance.run(uow=uow, location_id=location_id, as_of=body.as_of, actor=actor)


@router.get("/locations/{location_id}/maintenance-tasks", response_model=list[TaskOut], tags=["maintenance"])
async def maintenance_tasks(location_id: str, uow: UowDep, actor: Manager,
                            status: Literal["open", "done"] | None = None):
    """The location's maintenance tasks by due date."""
    return await maintenance.tasks(uow=uow, location_id=location_id, status=status, actor=actor)


@router.post("/maintenance-tasks/{task_id}/complete", response_model=TaskOut, tags=["maintenance"])
async def complete_task(task_id: str, uow: UowDep, actor: Manager):
    """Mark a maintenance task done."""
    return await maintenance.complete_task(uow=uow, task_id=task_id, actor=actor)


@router.post("/locations/{location_id}/work-orders", status_code=201, response_model=WorkOrderOut,
             tags=["work orders"])
async def report_work_order(location_id: str, body: WorkOrderIn, uow: UowDep, actor: AnyStaff):
    """Report a problem (anyone on staff); critical equipment takes its room out of service."""
    return await work_orders.report(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/work-orders", response_model=list[WorkOrderSummary], tags=["work orders"])
async def list_work_orders(location_id: str, uow: UowDep, actor: Manager,
                           status: Literal["open", "in_progress", "resolved", "closed"] | None = None):
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
