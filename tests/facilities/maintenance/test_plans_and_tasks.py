"""Maintenance plans make each task once and announce each overdue task once (Kafka + PostgreSQL)."""

import asyncio
import json
from datetime import timedelta

import pytest

from shared.clock import local_today
from shared.contracts.facilities import MaintenanceOverdue
from tests.support.dates import days_ago
from tests.support.facilities import ADMIN, COORDINATOR_A, location_body
from tests.support.kafka_tools import read_all
from tests.support.polling import eventually

pytestmark = pytest.mark.integration


async def test_maintenance_plans_make_each_task_once_and_announce_overdue_once(make_suite):
    suite = make_suite()
    # The periodic job runs every second here, as of the location's today (UTC for this location).
    await suite.start("facilities", env={"FACILITIES_MAINTENANCE_CHECK_INTERVAL_S": "1"})
    today = local_today("UTC")
    async with suite.client("facilities", ADMIN) as admin, suite.client("facilities", COORDINATOR_A) as coordinator:
        assert (await admin.post("/locations", json=location_body("loc-a", timezone="UTC"))).status_code == 201
        device = (
            await coordinator.post(
                "/locations/loc-a/equipment",
                json={
                    "asset_tag": "AUTO-1",
                    "kind": "autoclave",
                    "install_date": days_ago(900).isoformat(),
                    "criticality": "high",
                },
            )
        ).json()
        plans = [
            {"title": "Spore test", "every": 30, "unit": "day", "starts_on": str(today - timedelta(days=65))},
            {"title": "Gasket", "every": 100, "unit": "usage"},
        ]
        for plan in plans:
            created = await coordinator.post(f"/equipment/{device['equipment_id']}/maintenance-plans", json=plan)
            assert created.status_code == 201, created.text
        bad = await coordinator.post(
            f"/equipment/{device['equipment_id']}/maintenance-plans", json=plans[0] | {"every": 0}
        )
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.every"

        async def job_made_the_due_tasks():
            tasks = (await coordinator.get("/locations/loc-a/maintenance-tasks")).json()
            return tasks if len(tasks) == 2 else None

        tasks = await eventually(job_made_the_due_tasks)
        assert [(t["due_on"], t["overdue"]) for t in tasks] == [
            (str(today - timedelta(days=35)), True),
            (str(today - timedelta(days=5)), True),
        ]
        # Three concurrent on-demand runs a month ahead: the next occurrence once, its overdue notice once.
        as_of = str(today + timedelta(days=30))
        runs = await asyncio.gather(
            *(coordinator.post("/locations/loc-a/maintenance/run", json={"as_of": as_of}) for _ in range(3))
        )
        assert [t["due_on"] for r in runs for t in r.json()["created"]] == [str(today + timedelta(days=25))]
        assert [t["due_on"] for r in runs for t in r.json()["announced_overdue"]] == [str(today + timedelta(days=25))]

        usage = await coordinator.post(f"/equipment/{device['equipment_id']}/usage", json={"reading": 250})
        assert usage.status_code == 200, usage.text
        backwards = await coordinator.post(f"/equipment/{device['equipment_id']}/usage", json={"reading": 10})
        assert (backwards.status_code, backwards.json()["field"]) == (422, "reading")
        tasks = (await coordinator.get("/locations/loc-a/maintenance-tasks", params={"status": "open"})).json()
        assert sorted(t["due_at_usage"] for t in tasks if t["title"] == "Gasket") == [100, 200]
        done = await coordinator.post(f"/maintenance-tasks/{tasks[0]['task_id']}/complete")
        assert done.json()["status"] == "done"

        records = await read_all(suite.bootstrap, suite.topic("facilities.maintenance"), expect=4, timeout=10)
        by_type = {
            kind: [json.loads(r.value) for r in records if dict(r.headers)["ce_type"].endswith(kind.encode())]
            for kind in ("overdue", "completed")
        }
        assert [e["task_id"] for e in by_type["completed"]] == [tasks[0]["task_id"]]  # closes its inbox task
        overdue = [MaintenanceOverdue.model_validate(e) for e in by_type["overdue"]]
        assert sorted(e.due_on for e in overdue) == [
            today - timedelta(days=35),
            today - timedelta(days=5),
            today + timedelta(days=25),
        ]
