"""Preventive maintenance: plans every N days, N months or N usage units; due tasks; overdue notices.

Each occurrence of a plan becomes one task (unique per plan and occurrence); an overdue task
is announced once (`overdue_announced_at`, set under the row lock).
"""

import logging
import uuid
from datetime import date

from sqlalchemy import select

from services.facilities.equipment import service as registry
from services.facilities.equipment.models import Equipment
from services.facilities.locations import service as locations
from services.facilities.locations.models import Location
from services.facilities.maintenance.domain import PlanUnit, due_occurrences, due_usage_occurrences
from services.facilities.maintenance.models import MaintenancePlan, MaintenanceTask, UsageReading
from services.facilities.maintenance.schemas import MaintenanceRunOut, PlanIn, TaskOut, UsageIn
from shared.auth import Principal
from shared.clock import local_today, utc_today, utcnow
from shared.contracts.facilities import MaintenanceCompleted, MaintenanceOverdue
from shared.errors import Conflict, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.facilities.maintenance")


async def add_plan(*, uow: UnitOfWork, equipment_id: str, cmd: PlanIn, actor: Principal) -> MaintenancePlan:
    """Plan preventive maintenance for a device; calendar plans count from `starts_on`, usage ones from a reading."""
    async with uow:
        equipment = await registry.load(uow, equipment_id, actor, lock=True)
        location = await locations.load(uow, equipment.location_id)
        plan = MaintenancePlan(
            id=str(uuid.uuid4()),
            equipment_id=equipment.id,
            location_id=equipment.location_id,
            title=cmd.title,
            every=cmd.every,
            unit=cmd.unit,
            starts_on=cmd.starts_on or local_today(location.timezone),
            starts_at_usage=equipment.usage if cmd.starts_at_usage is None else cmd.starts_at_usage,
            generated=0,
            created_at=utcnow(),
        )
        uow.session.add(plan)
        await uow.session.flush()
        return plan


async def record_usage(*, uow: UnitOfWork, equipment_id: str, cmd: UsageIn, actor: Principal) -> Equipment:
    """Record a meter reading (never going back); usage plans whose interval it reached get their tasks."""
    async with uow:
        equipment = await registry.load(uow, equipment_id, actor, lock=True)
        if cmd.reading < equipment.usage:
            raise Unprocessable(f"reading {cmd.reading} is below the last one ({equipment.usage})", field="reading")
        location = await locations.load(uow, equipment.location_id)
        read_on = cmd.read_on or local_today(location.timezone)
        equipment.usage = cmd.reading
        uow.session.add(
            UsageReading(
                id=str(uuid.uuid4()),
                equipment_id=equipment.id,
                reading=cmd.reading,
                read_on=read_on,
                recorded_by=actor.sub,
                recorded_at=utcnow(),
            )
        )
        await _generate_usage_tasks(uow, equipment, read_on=read_on)
    return equipment


async def run(
    *, uow: UnitOfWork, location_id: str, as_of: date | None, actor: Principal | None = None
) -> MaintenanceRunOut:
    """Create the calendar tasks due by `as_of` and announce overdue ones, each exactly once."""
    if actor is not None:
        actor.ensure_location(location_id)
    async with uow:
        location = await locations.load(uow, location_id)
        as_of = as_of or local_today(location.timezone)
        plans = (
            await uow.session.scalars(
                select(MaintenancePlan)
                .where(MaintenancePlan.location_id == location_id, MaintenancePlan.unit != PlanUnit.USAGE)
                .order_by(MaintenancePlan.id)
                .with_for_update()
            )
        ).all()
        created = []
        for plan in plans:
            for n, due_on in due_occurrences(
                plan.starts_on, every=plan.every, unit=PlanUnit(plan.unit), generated=plan.generated, as_of=as_of
            ):
                created.append(await _task(uow, plan, n, due_on=due_on))
        announced = await _announce_overdue(uow, location_id, as_of)
    return MaintenanceRunOut(
        created=[_out(t, as_of) for t in created], announced_overdue=[_out(t, as_of) for t in announced]
    )


async def run_everywhere(*, uow_factory) -> None:
    """The periodic job: every location, as of its own local today."""
    async with uow_factory() as uow:
        location_ids = (await uow.session.scalars(select(Location.location_id))).all()
    for location_id in location_ids:
        try:
            await run(uow=uow_factory(), location_id=location_id, as_of=None)
        except Exception:  # one location's trouble must not hold back the others
            log.exception("maintenance run failed", extra={"location_id": location_id})


async def _generate_usage_tasks(uow: UnitOfWork, equipment: Equipment, *, read_on: date) -> list[MaintenanceTask]:
    """Inside a reading's transaction: tasks for the usage plans the new reading reached."""
    plans = (
        await uow.session.scalars(
            select(MaintenancePlan)
            .where(MaintenancePlan.equipment_id == equipment.id, MaintenancePlan.unit == PlanUnit.USAGE)
            .order_by(MaintenancePlan.id)
            .with_for_update()
        )
    ).all()
    return [
        await _task(uow, plan, n, due_on=read_on, due_at_usage=at)
        for plan in plans
        for n, at in due_usage_occurrences(
            plan.starts_at_usage, every=plan.every, generated=plan.generated, reading=equipment.usage
        )
    ]


async def tasks(*, uow: UnitOfWork, location_id: str, status: str | None, actor: Principal) -> list[TaskOut]:
    """The location's maintenance tasks by due date."""
    actor.ensure_location(location_id)
    query = select(MaintenanceTask).where(MaintenanceTask.location_id == location_id)
    if status:
        query = query.where(MaintenanceTask.status == status)
    async with uow:
        location = await uow.session.get(Location, location_id)
        rows = (await uow.session.scalars(query.order_by(MaintenanceTask.due_on))).all()
    today = local_today(location.timezone) if location else utc_today()
    return [_out(task, today) for task in rows]


async def complete_task(*, uow: UnitOfWork, task_id: str, actor: Principal) -> TaskOut:
    """Mark a task done."""
    async with uow:
        task = await load_in_scope(
            uow, MaintenanceTask, task_id, actor, field="task_id", what="maintenance task", lock=True
        )
        if task.status == "done":
            raise Conflict(f"task {task_id} is already done", field="status")
        task.status, task.completed_at, task.completed_by = "done", utcnow(), actor.sub
        completed = MaintenanceCompleted(
            task_id=task.id,
            plan_id=task.plan_id,
            equipment_id=task.equipment_id,
            location_id=task.location_id,
            completed_by=actor.sub,
        )
        await uow.emit(completed, subject=task.id, location_id=task.location_id)
    return _out(task, task.due_on)


async def _task(
    uow: UnitOfWork, plan: MaintenancePlan, n: int, *, due_on: date, due_at_usage: int | None = None
) -> MaintenanceTask:
    task = MaintenanceTask(
        id=str(uuid.uuid4()),
        plan_id=plan.id,
        occurrence=n,
        equipment_id=plan.equipment_id,
        location_id=plan.location_id,
        title=plan.title,
        due_on=due_on,
        due_at_usage=due_at_usage,
        status="open",
    )
    plan.generated = n
    # The plan row lock makes this conflict unreachable; the constraint is the proof.
    await uow.add_unique(task, conflict=f"occurrence {n} of plan {plan.id} already has a task", field="plan_id")
    return task


async def _announce_overdue(uow: UnitOfWork, location_id: str, as_of: date) -> list[MaintenanceTask]:
    overdue = (
        await uow.session.scalars(
            select(MaintenanceTask)
            .where(
                MaintenanceTask.location_id == location_id,
                MaintenanceTask.status == "open",
                MaintenanceTask.due_on < as_of,
                MaintenanceTask.overdue_announced_at.is_(None),
            )
            .order_by(MaintenanceTask.due_on)
            .with_for_update()
        )
    ).all()
    now = utcnow()
    for task in overdue:
        task.overdue_announced_at = now
        await uow.emit(
            MaintenanceOverdue(
                task_id=task.id,
                plan_id=task.plan_id,
                equipment_id=task.equipment_id,
                location_id=task.location_id,
                title=task.title,
                due_on=task.due_on,
            ),
            subject=task.id,
            location_id=task.location_id,
        )
    return list(overdue)


def _out(task: MaintenanceTask, today: date) -> TaskOut:
    return TaskOut.model_validate(task).model_copy(update={"overdue": task.status == "open" and task.due_on < today})
