"""Preventive maintenance routes: thin, each calls one use case."""

from typing import Literal

from fastapi import APIRouter

from services.facilities.access import Manager
from services.facilities.equipment.schemas import EquipmentOut
from services.facilities.maintenance import service as maintenance
from services.facilities.maintenance.schemas import (
    MaintenanceRunIn,
    MaintenanceRunOut,
    PlanIn,
    PlanOut,
    TaskOut,
    UsageIn,
)
from shared.web import UowDep

router = APIRouter()


@router.post("/equipment/{equipment_id}/usage", response_model=EquipmentOut, tags=["maintenance"])
async def record_usage(equipment_id: str, body: UsageIn, uow: UowDep, actor: Manager):
    """Record a meter reading; usage plans it reaches get their tasks."""
    return await maintenance.record_usage(uow=uow, equipment_id=equipment_id, cmd=body, actor=actor)


@router.post(
    "/equipment/{equipment_id}/maintenance-plans", status_code=201, response_model=PlanOut, tags=["maintenance"]
)
async def add_maintenance_plan(equipment_id: str, body: PlanIn, uow: UowDep, actor: Manager):
    """Plan preventive maintenance every N days, months or usage units."""
    return await maintenance.add_plan(uow=uow, equipment_id=equipment_id, cmd=body, actor=actor)


@router.post("/locations/{location_id}/maintenance/run", response_model=MaintenanceRunOut, tags=["maintenance"])
async def run_maintenance(location_id: str, body: MaintenanceRunIn, uow: UowDep, actor: Manager):
    """Create the tasks due as of a date and announce overdue ones (each once); the periodic job does the same."""
    return await maintenance.run(uow=uow, location_id=location_id, as_of=body.as_of, actor=actor)


@router.get("/locations/{location_id}/maintenance-tasks", response_model=list[TaskOut], tags=["maintenance"])
async def maintenance_tasks(
    location_id: str, uow: UowDep, actor: Manager, status: Literal["open", "done"] | None = None
):
    """The location's maintenance tasks by due date."""
    return await maintenance.tasks(uow=uow, location_id=location_id, status=status, actor=actor)


@router.post("/maintenance-tasks/{task_id}/complete", response_model=TaskOut, tags=["maintenance"])
async def complete_task(task_id: str, uow: UowDep, actor: Manager):
    """Mark a maintenance task done."""
    return await maintenance.complete_task(uow=uow, task_id=task_id, actor=actor)
