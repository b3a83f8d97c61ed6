"""Raising and resolving tasks: what rules, email triage and invoices call inside their own transaction.

"One open task per cause" is the partial unique index `uq_task_open_cause`: the insert runs in a
savepoint, and losing a race to it returns the task that won instead of failing the caller.
"""

import uuid
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.inbox.due_rules import service as due_rules
from services.inbox.tasks.domain import OPEN, RANK, Focus, Priority, Status
from services.inbox.tasks.models import Task, TaskHistory
from shared.auth import Role
from shared.clock import utcnow
from shared.contracts.inbox import TaskCompleted, TaskCreated, TaskFocus
from shared.errors import Unprocessable
from shared.uow import UnitOfWork

SYSTEM = "system"  # the actor of what the inbox does by itself (a cause resolved, an escalation)


async def raise_task(
    *,
    uow: UnitOfWork,
    cause: str,
    category: str,
    priority: str,
    location_id: UUID | str,
    role: str,
    title: str,
    description: str = "",
    focus: Focus | None = None,
    patient_id: UUID | str | None = None,
    due_at: datetime | None = None,
    actor: str,
) -> Task:
    """Open a task for a cause; an open task with the same cause is returned instead (one per cause)."""
    _check(priority=priority, role=role, cause=cause)
    if existing := await open_task_of(uow, cause):
        return existing
    now = utcnow()
    if due_at is None:  # the rule of its category and priority, in the location's business hours
        due_at = await due_rules.due_at(
            uow=uow, category=category, priority=priority, location_id=str(location_id), start=now
        )
    task = Task(
        id=str(uuid.uuid4()),
        cause=cause,
        status=Status.REQUESTED,
        category=category,
        priority=priority,
        priority_rank=RANK[Priority(priority)],
        location_id=str(location_id),
        role=role,
        title=title[:200],
        description=description,
        focus_service=focus.service if focus else None,
        focus_kind=focus.kind if focus else None,
        focus_id=focus.id if focus else None,
        patient_id=str(patient_id) if patient_id is not None else None,
        due_at=due_at,
        created_by=actor,
        created_at=now,
        updated_at=now,
        version=1,
    )
    try:
        async with uow.session.begin_nested():
            uow.session.add(task)
            await uow.session.flush()
    except IntegrityError:
        if winner := await open_task_of(uow, cause):  # another transaction opened it first
            return winner
        raise
    await record(uow, task, actor=actor, action="created", cause=cause)
    await uow.emit(
        TaskCreated(
            task_id=task.id,
            cause=cause,
            category=category,
            priority=priority,
            location_id=task.location_id,
            role=role,
            focus=TaskFocus(service=focus.service, kind=focus.kind, id=focus.id) if focus else None,
            patient_id=task.patient_id,
            due_at=due_at,
        ),
        subject=task.id,
        location_id=task.location_id,
    )
    return task


async def resolve_by_cause(*, uow: UnitOfWork, cause: str, resolved_by: str) -> Task | None:
    """Complete the open task of a cause, recording what resolved it in its history."""
    task = await open_task_of(uow, cause, lock=True)
    if task is None:
        return None
    await close(uow, task, status=Status.COMPLETED, actor=SYSTEM, resolved_by=resolved_by)
    await uow.emit(
        TaskCompleted(
            task_id=task.id,
            cause=cause,
            location_id=task.location_id,
            role=task.role,
            completed_by=SYSTEM,
            resolved_by_event=resolved_by,
        ),
        subject=task.id,
        location_id=task.location_id,
    )
    return task


async def open_task_of(uow: UnitOfWork, cause: str, *, lock: bool = False) -> Task | None:
    query = select(Task).where(Task.cause == cause, Task.status.in_([s.value for s in OPEN]))
    return (await uow.session.scalars(query.with_for_update() if lock else query)).first()


async def close(uow: UnitOfWork, task: Task, *, status: Status, actor: str, **details) -> None:
    """Move an open task to a closed status, with the history row saying who and why."""
    previous = task.status
    task.status, task.closed_at = status, utcnow()
    touch(task)
    await record(uow, task, actor=actor, action=str(status), previous_status=previous, **details)


def touch(task: Task) -> None:
    task.updated_at = utcnow()
    task.version += 1


async def record(uow: UnitOfWork, task: Task, *, actor: str, action: str, **details) -> None:
    """One line of the task's history: who did what, when."""
    uow.session.add(TaskHistory(task_id=task.id, at=utcnow(), actor=actor, action=action, details=details))


def _check(*, priority: str, role: str, cause: str) -> None:
    if priority not in {p.value for p in Priority}:
        raise Unprocessable(f"priority {priority!r} is not one of {[p.value for p in Priority]}", field="priority")
    if role not in {r.value for r in Role}:
        raise Unprocessable(f"role {role!r} is not one of {[r.value for r in Role]}", field="role")
    if not cause or len(cause) > 300:
        raise Unprocessable("a cause is 1 to 300 characters", field="cause")
