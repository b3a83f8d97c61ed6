"""The periodic look for overdue tasks: each is escalated once, one priority step up, for the office manager.

Rows are taken FOR UPDATE SKIP LOCKED, so two instances of the service never escalate one task twice;
`escalated_at` makes it once per task across runs.
"""

from collections.abc import Callable

from sqlalchemy import select

from services.inbox.tasks import service as tasks
from services.inbox.tasks.domain import OPEN, RANK, Priority, raised
from services.inbox.tasks.models import Task
from shared.clock import utcnow
from shared.contracts.inbox import TaskEscalated
from shared.uow import UnitOfWork

BATCH = 200


async def escalate_overdue(*, uow_factory: Callable[[], UnitOfWork]) -> int:
    """Escalate every open task past its due time that was not escalated yet; the number escalated."""
    total = 0
    while True:
        async with uow_factory() as uow:
            count = await _escalate_batch(uow)
        total += count
        if count < BATCH:
            return total


async def _escalate_batch(uow: UnitOfWork) -> int:
    now = utcnow()
    due = (
        await uow.session.scalars(
            select(Task)
            .where(
                Task.status.in_([s.value for s in OPEN]),
                Task.due_at.is_not(None),
                Task.due_at <= now,
                Task.escalated_at.is_(None),
            )
            .order_by(Task.due_at)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for task in due:
        previous = Priority(task.priority)
        task.priority = raised(previous)
        task.priority_rank = RANK[Priority(task.priority)]
        task.escalated_at = now
        tasks.touch(task)
        await tasks.record(
            uow, task, actor=tasks.SYSTEM, action="escalated", previous_priority=previous, priority=task.priority
        )
        await uow.emit(
            TaskEscalated(
                task_id=task.id,
                location_id=task.location_id,
                role=task.role,
                previous_priority=previous,
                priority=task.priority,
                due_at=task.due_at,
            ),
            subject=task.id,
            location_id=task.location_id,
        )
    return len(due)
