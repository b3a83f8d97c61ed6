"""The task lists: mine, my role's queue at my locations, everything I may see; filters; dashboard counts."""

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from services.inbox.tasks.domain import MANAGERS, Status
from services.inbox.tasks.models import Task
from services.inbox.tasks.queries import OPEN_STATUSES, audit, count_columns, overdue_condition, scope, view
from services.inbox.tasks.schemas import CountOut, Scope, TaskPage
from shared.auth import Principal, Role
from shared.clock import utcnow
from shared.uow import UnitOfWork


@dataclass(frozen=True)
class TaskFilter:
    view: Scope = "queue"
    status: Status | None = None  # None: every open status
    overdue: bool = False
    escalated: bool | None = None
    category: str | None = None
    priority: str | None = None
    location_id: str | None = None
    role: str | None = None
    patient_id: str | None = None
    focus_service: str | None = None
    focus_kind: str | None = None
    focus_id: str | None = None
    limit: int = 50
    offset: int = 0


def _view_condition(view: Scope, actor: Principal):
    if view == "mine":
        return Task.owner == actor.sub
    if view == "queue":
        pools = Task.role.in_(sorted(actor.roles))
        if actor.roles & MANAGERS:  # the office manager's queue shows what was escalated, whoever's pool it is in
            return or_(Task.role.in_([Role.OFFICE_MANAGER.value, *sorted(actor.roles)]), Task.escalated_at.is_not(None))
        return pools
    return None


def conditions(filters: TaskFilter, actor: Principal, now) -> list:
    where = scope(actor)
    if (condition := _view_condition(filters.view, actor)) is not None:
        where.append(condition)
    where.append(Task.status == filters.status if filters.status else Task.status.in_(OPEN_STATUSES))
    if filters.overdue:
        where.append(overdue_condition(now))
    if filters.escalated is not None:
        where.append(Task.escalated_at.is_not(None) if filters.escalated else Task.escalated_at.is_(None))
    for column, value in (
        (Task.category, filters.category),
        (Task.priority, filters.priority),
        (Task.location_id, filters.location_id),
        (Task.role, filters.role),
        (Task.patient_id, filters.patient_id),
        (Task.focus_service, filters.focus_service),
        (Task.focus_kind, filters.focus_kind),
        (Task.focus_id, filters.focus_id),
    ):
        if value is not None:
            where.append(column == value)
    return where


async def list_tasks(*, uow: UnitOfWork, filters: TaskFilter, actor: Principal) -> TaskPage:
    """A page of tasks, most pressing first, soonest due first; reading patients' tasks is audited."""
    if filters.location_id is not None:
        actor.ensure_location(filters.location_id)
    async with uow:
        where = conditions(filters, actor, utcnow())
        rows = (
            await uow.session.scalars(
                select(Task)
                .where(*where)
                .order_by(Task.priority_rank.desc(), Task.due_at.asc().nulls_last(), Task.created_at, Task.id)
                .limit(filters.limit)
                .offset(filters.offset)
            )
        ).all()
        total = await uow.session.scalar(select(func.count()).select_from(Task).where(*where))
        for task in rows:
            await audit(uow, task, actor, "read")
    return TaskPage(items=[view(task) for task in rows], total=total or 0)


async def counts(*, uow: UnitOfWork, actor: Principal) -> list[CountOut]:
    """Open, overdue and escalated tasks per location and role, within what the actor may see."""
    async with uow:
        now = utcnow()
        rows = (
            await uow.session.execute(
                select(Task.location_id, Task.role, *count_columns(now))
                .where(*scope(actor), Task.status.in_(OPEN_STATUSES))
                .group_by(Task.location_id, Task.role)
                .order_by(Task.location_id, Task.role)
            )
        ).all()
    return [
        CountOut(location_id=loc, role=role, open=n, overdue=late or 0, escalated=up or 0)
        for loc, role, n, late, up in rows
    ]
