"""Escalation on a running inbox: a task whose due time (computed from now) passes is escalated once, at
the due time: priority one step up, `inbox.task.escalated`, and it shows in the office manager's queue."""

import asyncio
from datetime import datetime, timedelta

import pytest

from shared.clock import utcnow
from tests.support.suite import token

pytestmark = pytest.mark.integration

MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="om-a")
BILLER = token(roles=["biller"], locations=["loc-a"], sub="biller-a")


async def test_an_overdue_task_is_escalated_once_at_its_due_time(make_suite):
    suite = make_suite()
    await suite.start("inbox", env={"INBOX_ESCALATION_CHECK_INTERVAL_S": "0.5"})
    due = utcnow() + timedelta(seconds=4)
    async with suite.client("inbox", BILLER) as biller, suite.client("inbox", MANAGER) as manager:
        opened = await biller.post(
            "/tasks",
            json={
                "category": "claim",
                "priority": "urgent",
                "location_id": "loc-a",
                "role": "biller",
                "title": "Work the denial",
                "due_at": due.isoformat(),
            },
        )
        assert opened.status_code == 201, opened.text
        path = f"/tasks/{opened.json()['id']}"
        early = (await manager.get(path)).json()
        assert (early["priority"], early["escalated"]) == ("urgent", False)
        assert opened.json()["id"] not in [t["id"] for t in (await manager.get("/tasks")).json()["items"]]

        while not (task := (await manager.get(path)).json())["escalated"]:
            assert utcnow() < due + timedelta(seconds=20), "not escalated 20 s after its due time"
            await asyncio.sleep(0.2)
        escalated_at = next(h["at"] for h in task["history"] if h["action"] == "escalated")
        assert datetime.fromisoformat(escalated_at) >= due  # not before it was due
        assert task["priority"] == "asap" and task["overdue"] is True
        queue = (await manager.get("/tasks")).json()["items"]  # the office manager's queue shows it
        assert [t["id"] for t in queue] == [task["id"]]
        await asyncio.sleep(2)  # several more checks run: still escalated once
        again = (await manager.get(path)).json()
        assert again["priority"] == "asap" and [h["action"] for h in again["history"]].count("escalated") == 1
    payloads = await suite.scalar(
        "inbox",
        "SELECT json_agg(convert_from(payload, 'UTF8')::json) FROM outbox"
        " WHERE headers->>'ce_type' = 'inbox.task.escalated'",
    )
    assert [(p["task_id"], p["previous_priority"], p["priority"]) for p in payloads] == [(task["id"], "urgent", "asap")]
