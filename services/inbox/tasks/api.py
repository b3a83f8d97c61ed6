"""Task routes: thin, each calls one use case."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.inbox.access import AnyStaff
from services.inbox.tasks import listing, queries
from services.inbox.tasks.domain import Priority, Status
from services.inbox.tasks.listing import TaskFilter
from services.inbox.tasks.schemas import CountOut, Scope, TaskDetailOut, TaskPage
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
