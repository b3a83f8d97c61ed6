"""Many tasks at once: a manager hands a batch to one person, or a batch is completed.

One transaction for the batch; a task the caller may not change is left as it was and named
with the reason, the others change (refusals at another location are audited like single ones).
"""

from services.inbox.tasks.domain import CLOSED, Status
from services.inbox.tasks.lifecycle import give, move
from services.inbox.tasks.queries import audit, load
from services.inbox.tasks.schemas import BulkAssignIn, BulkCompleteIn, BulkOut
from shared.audit import PhiAccessDenied, UowFactory, record_denied_access
from shared.auth import Principal
from shared.errors import DomainError
from shared.uow import UnitOfWork


async def bulk_assign(*, uow: UnitOfWork, new_uow: UowFactory, cmd: BulkAssignIn, actor: Principal) -> BulkOut:
    """Give every named open task to one owner."""

    async def one(task) -> None:
        if task.status in CLOSED:
            raise DomainError(f"the task is {task.status}")
        if task.owner != cmd.owner:
            await give(uow, task, owner=cmd.owner, by=actor.sub)

    return await _each(uow, new_uow, cmd.task_ids, actor, one)


async def bulk_complete(*, uow: UnitOfWork, new_uow: UowFactory, cmd: BulkCompleteIn, actor: Principal) -> BulkOut:
    """Complete every named task the caller may complete."""

    async def one(task) -> None:
        await move(uow, task, Status.COMPLETED, actor=actor, reason="bulk complete")

    return await _each(uow, new_uow, cmd.task_ids, actor, one)


async def _each(uow, new_uow, task_ids: list[str], actor: Principal, change) -> BulkOut:
    done, refused, denied = [], {}, []
    async with uow:
        for task_id in dict.fromkeys(task_ids):  # a repeated id is one task
            try:
                async with uow.session.begin_nested():  # a refused task leaves nothing half-changed behind
                    task = await load(uow, task_id, actor, action="update", lock=True)
                    await change(task)
                    await audit(uow, task, actor, "update")
                done.append(task_id)
            except PhiAccessDenied as exc:
                denied.append(exc.attempt)
                refused[task_id] = exc.message
            except DomainError as exc:
                refused[task_id] = exc.message
    for attempt in denied:
        await record_denied_access(new_uow, **attempt)
    return BulkOut(done=done, refused=refused)
