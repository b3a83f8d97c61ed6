"""Reading tasks: the queues, one task with its notes and history, the dashboard's counts.

Every read is scoped to the caller's locations and roles; tasks about a patient are PHI, so
reading them is audited (a refusal too).
"""

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from services.inbox.tasks.domain import MANAGERS, OPEN, Status, role_refusal
from services.inbox.tasks.models import Task, TaskHistory, TaskNote
from services.inbox.tasks.schemas import FocusIO, HistoryOut, NoteOut, TaskDetailOut, TaskOut
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import ALL_LOCATIONS, Principal
from shared.clock import utcnow
from shared.errors import Forbidden, NotFound
from shared.uow import UnitOfWork

OPEN_STATUSES = [s.value for s in OPEN]


def scope(actor: Principal) -> list[ColumnElement]:
    """The conditions that keep a query inside what the actor may see."""
    conditions = []
    if ALL_LOCATIONS not in actor.locations:
        conditions.append(Task.location_id.in_(sorted(actor.locations)))
    if not actor.roles & MANAGERS:
        conditions.append(or_(Task.role.in_(sorted(actor.roles)), Task.owner == actor.sub))
    return conditions


async def load(uow: UnitOfWork, task_id: str, actor: Principal, *, action: str, lock: bool = False) -> Task:
    """The task if the actor may see it: 404 unknown, 403 another location's (audited for PHI) or another pool's."""
    task = await uow.session.get(Task, task_id, with_for_update=lock)
    if task is None:
        raise NotFound(f"task {task_id} not found", field="task_id")
    if task.patient_id:
        ensure_phi_access(
            actor,
            action=action,
            resource="Task",
            resource_id=task.id,
            patient_id=task.patient_id,
            location_id=task.location_id,
        )
    else:
        actor.ensure_location(task.location_id)
    if reason := role_refusal(roles=actor.roles, sub=actor.sub, task_role=task.role, task_owner=task.owner):
        raise Forbidden(reason, field="task_id")
    return task


async def audit(uow: UnitOfWork, task: Task, actor: Principal, action: str) -> None:
    """A PHI access of a task about a patient; nothing for tasks about no one."""
    if task.patient_id:
        await record_phi_access(
            uow,
            actor=actor,
            action=action,
            resource="Task",
            resource_id=task.id,
            patient_id=task.patient_id,
            location_id=task.location_id,
        )


async def get_task(*, uow: UnitOfWork, new_uow: UowFactory, task_id: str, actor: Principal) -> TaskDetailOut:
    """One task with its notes and history (audited when it is about a patient)."""
    async with audit_denials(new_uow), uow:
        task = await load(uow, task_id, actor, action="read")
        notes = (
            await uow.session.scalars(select(TaskNote).where(TaskNote.task_id == task_id).order_by(TaskNote.id))
        ).all()
        history = (
            await uow.session.scalars(
                select(TaskHistory).where(TaskHistory.task_id == task_id).order_by(TaskHistory.id)
            )
        ).all()
        await audit(uow, task, actor, "read")
    return TaskDetailOut(
        **view(task).model_dump(),
        notes=[NoteOut(author=n.author, text=n.text, created_at=n.created_at) for n in notes],
        history=[HistoryOut(at=h.at, actor=h.actor, action=h.action, details=h.details) for h in history],
    )


def view(task: Task) -> TaskOut:
    focus = None
    if task.focus_service:
        focus = FocusIO(service=task.focus_service, kind=task.focus_kind, id=task.focus_id)
    open_ = task.status in OPEN_STATUSES
    return TaskOut(
        id=task.id,
        cause=task.cause,
        status=Status(task.status),
        business_status=task.business_status,
        category=task.category,
        priority=task.priority,
        location_id=task.location_id,
        role=task.role,
        owner=task.owner,
        title=task.title,
        description=task.description,
        focus=focus,
        patient_id=task.patient_id,
        due_at=task.due_at,
        overdue=bool(open_ and task.due_at and task.due_at < utcnow()),
        escalated=task.escalated_at is not None,
        created_by=task.created_by,
        created_at=task.created_at,
        updated_at=task.updated_at,
        closed_at=task.closed_at,
        version=task.version,
    )


def overdue_condition(now) -> ColumnElement:
    return and_(Task.status.in_(OPEN_STATUSES), Task.due_at.is_not(None), Task.due_at < now)


def count_columns(now):
    """Open, overdue and escalated counts of a group of tasks, in one pass."""
    is_open = Task.status.in_(OPEN_STATUSES)
    return (
        func.count(),
        func.sum(case((overdue_condition(now), 1), else_=0)),
        func.sum(case((and_(is_open, Task.escalated_at.is_not(None)), 1), else_=0)),
    )
