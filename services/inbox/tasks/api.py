"""Task routes: thin, each calls one use case."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.inbox.access import AnyStaff, Manager
from services.inbox.tasks import bulk, lifecycle, listing, queries
from services.inbox.tasks.domain import Priority, Status
from services.inbox.tasks.listing import TaskFilter
from services.inbox.tasks.schemas import (
    AssignIn,
    BulkAssignIn,
    BulkCompleteIn,
    BulkOut,
    BusinessStatusIn,
    CountOut,
    NoteIn,
    Scope,
    StatusIn,
    TaskDetailOut,
    TaskIn,
    TaskOut,
    TaskPage,
)
from shared.web import MAX_OFFSET, NewUowDep, UowDep

router = APIRouter(prefix="/tasks", tags=["tasks"])

Short = Query(min_length=1, max_length=64)


@router.get("", response_model=TaskPage)
async def list_tasks(
    uow: UowDep,
    actor: AnyStaff,
    view: Scope = "queue",
    status: Status | None = None,
    overdue: bool = False,
    escalated: bool | None = None,
    category: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    priority: Priority | None = None,
    location_id: Annotated[str | None, Short] = None,
    role: Annotated[str | None, Short] = None,
    patient_id: Annotated[str | None, Short] = None,
    focus_service: Annotated[str | None, Short] = None,
    focus_kind: Annotated[str | None, Short] = None,
    focus_id: Annotated[str | None, Short] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
):
    """Open tasks (or one status): `mine`, my role's `queue` at my locations (default), or `all` I may see."""
    filters = TaskFilter(
        view=view,
        status=status,
        overdue=overdue,
        escalated=escalated,
        category=category,
        priority=priority,
        location_id=location_id,
        role=role,
        patient_id=patient_id,
        focus_service=focus_service,
        focus_kind=focus_kind,
        focus_id=focus_id,
        limit=limit,
        offset=offset,
    )
    return await listing.list_tasks(uow=uow, filters=filters, actor=actor)


@router.get("/counts", response_model=list[CountOut])
async def counts(uow: UowDep, actor: AnyStaff):
    """Open, overdue and escalated tasks per location and role, for the dashboard."""
    return await listing.counts(uow=uow, actor=actor)


@router.get("/{task_id}", response_model=TaskDetailOut)
async def get_task(task_id: str, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """One task with its notes and history."""
    return await queries.get_task(uow=uow, new_uow=new_uow, task_id=task_id, actor=actor)


@router.post("", status_code=201, response_model=TaskOut)
async def open_task(body: TaskIn, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """Open a task by hand for a role's pool at one of the caller's locations."""
    return await lifecycle.open_task(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.post("/bulk/assign", response_model=BulkOut)
async def bulk_assign(body: BulkAssignIn, uow: UowDep, new_uow: NewUowDep, actor: Manager):
    """Give many tasks to one person; each refused task is named with the reason."""
    return await bulk.bulk_assign(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.post("/bulk/complete", response_model=BulkOut)
async def bulk_complete(body: BulkCompleteIn, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """Complete many tasks; each refused task is named with the reason."""
    return await bulk.bulk_complete(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.post("/{task_id}/claim", response_model=TaskOut)
async def claim(task_id: str, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """Take a task of your role's pool: you own it and it is accepted."""
    return await lifecycle.claim(uow=uow, new_uow=new_uow, task_id=task_id, actor=actor)


@router.post("/{task_id}/assign", response_model=TaskOut)
async def assign(task_id: str, body: AssignIn, uow: UowDep, new_uow: NewUowDep, actor: Manager):
    """Assign or reassign the task to a user, or move it to another role's pool."""
    return await lifecycle.assign(uow=uow, new_uow=new_uow, task_id=task_id, cmd=body, actor=actor)


@router.post("/{task_id}/status", response_model=TaskOut)
async def change_status(task_id: str, body: StatusIn, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """Move the task to another FHIR status; an illegal move is a 409 naming why."""
    return await lifecycle.change_status(uow=uow, new_uow=new_uow, task_id=task_id, cmd=body, actor=actor)


@router.put("/{task_id}/business-status", response_model=TaskOut)
async def set_business_status(task_id: str, body: BusinessStatusIn, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """Set (or clear, with null) the team's own word for where the task stands."""
    return await lifecycle.set_business_status(uow=uow, new_uow=new_uow, task_id=task_id, cmd=body, actor=actor)


@router.post("/{task_id}/notes", status_code=201, response_model=TaskOut)
async def add_note(task_id: str, body: NoteIn, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """Leave a note on the task."""
    return await lifecycle.add_note(uow=uow, new_uow=new_uow, task_id=task_id, cmd=body, actor=actor)
