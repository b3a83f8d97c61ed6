"""What people do to tasks: open one by hand, claim, assign, move its status, set its business status, note.

Each use case is one transaction; a task about a patient is PHI, so each change of one is audited,
and a refusal at another location too. Illegal moves are 409s naming the reason.
"""

import uuid

from services.inbox.tasks import service
from services.inbox.tasks.domain import CLOSED, MANAGERS, Focus, Status, refusal
from services.inbox.tasks.models import Task, TaskNote
from services.inbox.tasks.queries import audit, load, view
from services.inbox.tasks.schemas import AssignIn, BusinessStatusIn, NoteIn, StatusIn, TaskIn, TaskOut
from shared.audit import UowFactory, audit_denials, ensure_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.inbox import TaskAssigned, TaskCancelled, TaskCompleted
from shared.errors import Conflict, Forbidden
from shared.uow import UnitOfWork


async def open_task(*, uow: UnitOfWork, new_uow: UowFactory, cmd: TaskIn, actor: Principal) -> TaskOut:
    """A task someone opens by hand for a role's pool at one of their locations."""
    async with audit_denials(new_uow), uow:
        if cmd.patient_id:  # a refusal to open a patient's task elsewhere is audited like a read
            ensure_phi_access(
                actor,
                action="create",
                resource="Task",
                resource_id=None,
                patient_id=cmd.patient_id,
                location_id=cmd.location_id,
            )
        actor.ensure_location(cmd.location_id)
        focus = Focus(cmd.focus.service, cmd.focus.kind, cmd.focus.id) if cmd.focus else None
        task = await service.raise_task(
            uow=uow,
            cause=f"manual:{uuid.uuid4()}",
            category=cmd.category,
            priority=cmd.priority,
            location_id=cmd.location_id,
            role=cmd.role,
            title=cmd.title,
            description=cmd.description,
            focus=focus,
            patient_id=cmd.patient_id,
            due_at=cmd.due_at,
            actor=actor.sub,
        )
        await audit(uow, task, actor, "create")
        return view(task)


async def claim(*, uow: UnitOfWork, new_uow: UowFactory, task_id: str, actor: Principal) -> TaskOut:
    """Take a task of one's pool: the caller becomes its owner and a requested task is accepted."""
    async with audit_denials(new_uow), uow:
        task = await _open(uow, task_id, actor)
        if task.owner == actor.sub:
            return view(task)
        if task.owner is not None:
            raise Conflict(f"the task is already owned by {task.owner}; a manager may reassign it", field="owner")
        await give(uow, task, owner=actor.sub, by=actor.sub)
        await audit(uow, task, actor, "update")
        return view(task)


async def assign(*, uow: UnitOfWork, new_uow: UowFactory, task_id: str, cmd: AssignIn, actor: Principal) -> TaskOut:
    """A manager gives the task to a user, or moves it to another role's pool (which clears its owner)."""
    async with audit_denials(new_uow), uow:
        task = await _open(uow, task_id, actor)
        await reassign(uow, task, cmd, by=actor.sub)
        await audit(uow, task, actor, "update")
        return view(task)


async def change_status(
    *, uow: UnitOfWork, new_uow: UowFactory, task_id: str, cmd: StatusIn, actor: Principal
) -> TaskOut:
    """Move the task along FHIR's statuses; only its owner or a manager moves an owned task."""
    async with audit_denials(new_uow), uow:
        task = await load(uow, task_id, actor, action="update", lock=True)
        await move(uow, task, cmd.status, actor=actor, reason=cmd.reason)
        await audit(uow, task, actor, "update")
        return view(task)


async def set_business_status(
    *, uow: UnitOfWork, new_uow: UowFactory, task_id: str, cmd: BusinessStatusIn, actor: Principal
) -> TaskOut:
    """The team's own word for where the task stands ("waiting on payer"); null clears it."""
    async with audit_denials(new_uow), uow:
        task = await _open(uow, task_id, actor)
        previous, task.business_status = task.business_status, cmd.business_status
        service.touch(task)
        await service.record(
            uow, task, actor=actor.sub, action="business_status", previous=previous, business_status=cmd.business_status
        )
        await audit(uow, task, actor, "update")
        return view(task)


async def add_note(*, uow: UnitOfWork, new_uow: UowFactory, task_id: str, cmd: NoteIn, actor: Principal) -> TaskOut:
    """Leave a note on a task (closed ones too: what happened afterwards is worth keeping)."""
    async with audit_denials(new_uow), uow:
        task = await load(uow, task_id, actor, action="update", lock=True)
        uow.session.add(TaskNote(task_id=task.id, author=actor.sub, text=cmd.text, created_at=utcnow()))
        service.touch(task)
        await service.record(uow, task, actor=actor.sub, action="noted")
        await audit(uow, task, actor, "update")
        return view(task)


async def _open(uow: UnitOfWork, task_id: str, actor: Principal) -> Task:
    task = await load(uow, task_id, actor, action="update", lock=True)
    if task.status in CLOSED:
        raise Conflict(f"the task is {task.status}: a closed task does not change", field="status")
    return task


async def give(uow: UnitOfWork, task: Task, *, owner: str, by: str) -> None:
    """The task has this owner now; a requested task is accepted by being taken."""
    previous = task.owner
    task.owner = owner
    if task.status == Status.REQUESTED:
        task.status = Status.ACCEPTED
    service.touch(task)
    action = "claimed" if owner == by else "assigned"
    await service.record(uow, task, actor=by, action=action, owner=owner, previous_owner=previous)
    await uow.emit(
        TaskAssigned(
            task_id=task.id,
            location_id=task.location_id,
            role=task.role,
            owner=owner,
            assigned_by=by,
            previous_owner=previous,
        ),
        subject=task.id,
        location_id=task.location_id,
    )


async def reassign(uow: UnitOfWork, task: Task, cmd: AssignIn, *, by: str) -> None:
    if cmd.owner is None and cmd.role is None:
        raise Conflict("name an owner, a role, or both", field="owner")
    if cmd.role is not None and cmd.role != task.role:
        previous_role, task.role = task.role, cmd.role
        if cmd.owner is None:
            task.owner = None
            if task.status == Status.ACCEPTED:
                task.status = Status.REQUESTED  # back in a pool, nobody has taken it yet
        service.touch(task)
        await service.record(uow, task, actor=by, action="moved", role=cmd.role, previous_role=previous_role)
    if cmd.owner is not None and cmd.owner != task.owner:
        await give(uow, task, owner=cmd.owner, by=by)


async def move(uow: UnitOfWork, task: Task, target: Status, *, actor: Principal, reason: str = "") -> None:
    """One status change by a person, with its event when it closes the task."""
    if why := refusal(Status(task.status), target):
        raise Conflict(why, field="status")
    manager = bool(actor.roles & MANAGERS)
    if task.owner not in (None, actor.sub) and not manager:
        raise Forbidden(f"the task is owned by {task.owner}: only they or a manager move it", field="status")
    if target in CLOSED:
        await service.close(uow, task, status=target, actor=actor.sub, reason=reason)
    else:
        previous, task.status = task.status, target
        if task.owner is None and target in (Status.ACCEPTED, Status.IN_PROGRESS) and not manager:
            task.owner = actor.sub  # starting pool work takes it
        service.touch(task)
        await service.record(uow, task, actor=actor.sub, action=str(target), previous_status=previous, reason=reason)
    if target == Status.COMPLETED:
        completed = TaskCompleted(
            task_id=task.id, cause=task.cause, location_id=task.location_id, role=task.role, completed_by=actor.sub
        )
        await uow.emit(completed, subject=task.id, location_id=task.location_id)
    elif target == Status.CANCELLED:
        cancelled = TaskCancelled(
            task_id=task.id,
            cause=task.cause,
            location_id=task.location_id,
            role=task.role,
            cancelled_by=actor.sub,
            reason=reason,
        )
        await uow.emit(cancelled, subject=task.id, location_id=task.location_id)
