"""raise_task and resolve_by_cause on PostgreSQL: one open task per cause, decided by the database."""

import asyncio

import pytest
from sqlalchemy import func, select

from services.inbox.tasks import service as tasks
from services.inbox.tasks.domain import Focus
from services.inbox.tasks.models import Task, TaskHistory
from shared.errors import Unprocessable

pytestmark = pytest.mark.integration

CLAIM = dict(
    category="claim",
    priority="urgent",
    location_id="loc-a",
    role="biller",
    title="Claim denied: work it or appeal",
    focus=Focus(service="billing", kind="claim", id="claim-1"),
    patient_id="pat-1",
    actor="rule:claim-denied",
)


async def _open_tasks(db, cause: str) -> int:
    async with db.sessions() as session:
        return await session.scalar(select(func.count()).where(Task.cause == cause, Task.status != "completed"))


async def test_same_cause_returns_the_open_task(inbox_db):
    async with inbox_db.uow() as uow:
        first = await tasks.raise_task(uow=uow, cause="claim-denied:claim-1", **CLAIM)
    async with inbox_db.uow() as uow:
        again = await tasks.raise_task(uow=uow, cause="claim-denied:claim-1", **CLAIM)
    assert again.id == first.id
    assert first.status == "requested" and first.focus_id == "claim-1" and first.priority_rank == 2
    assert await _open_tasks(inbox_db, "claim-denied:claim-1") == 1
    assert [e["task_id"] for e in await inbox_db.emitted("inbox.task.created")] == [first.id]


async def test_racing_raises_make_one_task(inbox_db):
    async def raise_once():
        async with inbox_db.uow() as uow:
            return (await tasks.raise_task(uow=uow, cause="race:1", **CLAIM)).id

    ids = await asyncio.gather(*(raise_once() for _ in range(8)))
    assert len(set(ids)) == 1
    assert await _open_tasks(inbox_db, "race:1") == 1


async def test_the_database_refuses_a_second_open_task_of_a_cause(inbox_db):
    """The rule is the partial unique index, not the service's read before its write."""
    async with inbox_db.uow() as uow:
        await tasks.raise_task(uow=uow, cause="db:1", **CLAIM)
    with pytest.raises(Exception, match="uq_task_open_cause"):
        async with inbox_db.uow() as uow:
            task = (await uow.session.scalars(select(Task).where(Task.cause == "db:1"))).one()
            uow.session.add(Task(**{c.key: getattr(task, c.key) for c in Task.__table__.columns} | {"id": "another"}))
            await uow.session.flush()


async def test_resolve_completes_it_with_the_cause_in_history_and_a_new_task_may_open(inbox_db):
    async with inbox_db.uow() as uow:
        first = await tasks.raise_task(uow=uow, cause="claim-denied:claim-2", **CLAIM)
    async with inbox_db.uow() as uow:
        done = await tasks.resolve_by_cause(uow=uow, cause="claim-denied:claim-2", resolved_by="billing.claim.paid e-1")
    assert done.id == first.id and done.status == "completed" and done.closed_at is not None
    async with inbox_db.uow() as uow:
        assert await tasks.resolve_by_cause(uow=uow, cause="claim-denied:claim-2", resolved_by="again") is None
        history = (await uow.session.scalars(select(TaskHistory).where(TaskHistory.task_id == first.id))).all()
    assert [(h.action, h.details.get("resolved_by")) for h in history] == [
        ("created", None),
        ("completed", "billing.claim.paid e-1"),
    ]
    completed = await inbox_db.emitted("inbox.task.completed")
    assert completed[0]["resolved_by_event"] == "billing.claim.paid e-1"
    async with inbox_db.uow() as uow:  # the cause recurring later is a new task
        second = await tasks.raise_task(uow=uow, cause="claim-denied:claim-2", **CLAIM)
    assert second.id != first.id


@pytest.mark.parametrize(("field", "value"), [("priority", "whenever"), ("role", "janitor")], ids=["priority", "role"])
async def test_unknown_priority_or_role_is_refused_naming_it(inbox_db, field, value):
    with pytest.raises(Unprocessable) as refused:
        async with inbox_db.uow() as uow:
            await tasks.raise_task(uow=uow, cause="bad", **(CLAIM | {field: value}))
    assert refused.value.field == field
