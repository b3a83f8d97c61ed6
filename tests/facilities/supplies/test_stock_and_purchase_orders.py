"""Stock, reorders under concurrency, purchase-order receipts for billing, maintenance (Kafka + PostgreSQL)."""

import asyncio
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from shared.clock import local_today
from shared.contracts.facilities import MaintenanceOverdue, PurchaseOrderReceived
from shared.db import create_engine
from tests.facilities.integration.practice import (ADMIN, COORDINATOR_A, COORDINATOR_AB, eventually, location_body,
                                                   open_location)
from tests.support.dates import days_ago
from tests.support.kafka_tools import read_all

pytestmark = pytest.mark.integration
GLOVES = {"sku": "GLV-M", "name": "Nitrile gloves M", "unit": "box", "reorder_point": 20, "reorder_quantity": 50,
          "preferred_vendor": "Medline", "unit_cost": "7.25"}


async def second_open_reorder_refused(suite, item_id: str) -> bool:
    """The backstop behind the application's check: the partial unique index itself says no."""
    engine = create_engine(await suite.database_url("facilities"))
    try:
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO purchase_order (id, location_id, vendor, status, reorder_item_id, created_by, created_at)"
                " VALUES ('po-dup', 'loc-a', 'Medline', 'ordered', :item, 'test', CURRENT_TIMESTAMP)"),
                {"item": item_id})
    except IntegrityError as exc:
        # PostgreSQL names the index, SQLite its column: either way that index, not another constraint.
        return any(name in str(exc.orig) for name in ("uq_purchase_order_open_reorder", "reorder_item_id"))
    finally:
        await engine.dispose()
    return False


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_stock_never_goes_negative_reorders_once_and_receipts_reach_billing(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("facilities")
    async with (suite.client("facilities", ADMIN) as admin, suite.client("facilities", COORDINATOR_A) as coordinator,
                suite.client("facilities", COORDINATOR_AB) as both):
        await open_location(admin, "loc-a")
        await open_location(admin, "loc-b")
        item = await coordinator.post("/locations/loc-a/supplies", json=GLOVES | {"on_hand": 100})
        assert item.status_code == 201, item.text
        item_id = item.json()["item_id"]
        bad = await coordinator.post(f"/supplies/{item_id}/consume", json={"quantity": 0})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.quantity"

        # 25 concurrent consumptions of 5 from 100: 20 fit, 5 are refused, one draft order appears.
        results = await asyncio.gather(*(coordinator.post(f"/supplies/{item_id}/consume", json={"quantity": 5})
                                         for _ in range(25)))
        assert sorted(r.status_code for r in results) == [200] * 20 + [409] * 5
        assert {r.json()["field"] for r in results if r.status_code == 409} == {"quantity"}
        assert await suite.scalar("facilities", "SELECT on_hand FROM stock_item WHERE id = :id", id=item_id) == 0
        orders = (await coordinator.get("/locations/loc-a/purchase-orders", params={"status": "open"})).json()
        assert [(o["status"], o["automatic"], o["vendor"]) for o in orders] == [("draft", True, "Medline")]
        assert await second_open_reorder_refused(suite, item_id)
        low = (await coordinator.get("/locations/loc-a/supplies", params={"low_stock": "true"})).json()
        assert low == [{"item_id": item_id, "name": "Nitrile gloves M", "unit": "box", "on_hand": 0,
                        "reorder_point": 20}]

        # Ordered, then received in two deliveries: each receipt is announced once, for what arrived.
        order_id = orders[0]["purchase_order_id"]
        early = await coordinator.post(f"/purchase-orders/{order_id}/receipts", json={
            "received_on": days_ago(2).isoformat(), "lines": [{"line_number": 1, "quantity": 20}]})
        assert (early.status_code, early.json()["field"]) == (409, "status")
        assert (await coordinator.post(f"/purchase-orders/{order_id}/order")).json()["status"] == "ordered"
        first = await coordinator.post(f"/purchase-orders/{order_id}/receipts", json={
            "received_on": days_ago(2).isoformat(), "lines": [{"line_number": 1, "quantity": 20}]})
        assert first.status_code == 201 and first.json()["order_status"] == "partially_received", first.text
        too_many = await coordinator.post(f"/purchase-orders/{order_id}/receipts", json={
            "received_on": days_ago(1).isoformat(), "lines": [{"line_number": 1, "quantity": 31}]})
        assert (too_many.status_code, too_many.json()["field"]) == (409, "lines.0.quantity")
        rest = await coordinator.post(f"/purchase-orders/{order_id}/receipts", json={
            "received_on": days_ago(1).isoformat(), "lines": [{"line_number": 1, "quantity": 30}]})
        assert rest.json()["order_status"] == "received", rest.text
        assert (await coordinator.get(f"/purchase-orders/{order_id}")).json()["status"] == "received"

        records = await read_all(suite.bootstrap, suite.topic("facilities.purchase_order"), expect=2)
        events = [PurchaseOrderReceived.model_validate(json.loads(r.value)) for r in records]
        assert {dict(r.headers)["ce_type"].decode() for r in records} == {PurchaseOrderReceived.event_type}
        assert {r.key.decode() for r in records} == {order_id}
        events.sort(key=lambda e: e.received_on)
        assert [(e.total, e.lines[0].quantity, e.fully_received) for e in events] == [
            (Decimal("145.00"), Decimal(20), False), (Decimal("217.50"), Decimal(30), True)]
        assert len({e.receipt_id for e in events}) == 2 and all(e.location_id == "loc-a" for e in events)

        # Transfers move stock atomically and need both locations in scope.
        target = await both.post("/locations/loc-b/supplies", json=GLOVES)
        refused = await coordinator.post(f"/supplies/{item_id}/transfer", json={"to_location_id": "loc-b",
                                                                                 "quantity": 10})
        assert refused.status_code == 403
        short = await both.post(f"/supplies/{item_id}/transfer", json={"to_location_id": "loc-b", "quantity": 51})
        assert (short.status_code, short.json()["field"]) == (409, "quantity")
        moved = await both.post(f"/supplies/{item_id}/transfer", json={"to_location_id": "loc-b", "quantity": 10})
        assert moved.json()["on_hand"] == 40, moved.text
        on_hand_b = await suite.scalar("facilities", "SELECT on_hand FROM stock_item WHERE id = :id",
                                       id=target.json()["item_id"])
        assert on_hand_b == 10


async def test_maintenance_plans_make_each_task_once_and_announce_overdue_once(make_suite):
    suite = make_suite()
    # The periodic job runs every second here, as of the location's today (UTC for this location).
    await suite.start("facilities", env={"FACILITIES_MAINTENANCE_CHECK_INTERVAL_S": "1"})
    today = local_today("UTC")
    async with suite.client("facilities", ADMIN) as admin, suite.client("facilities", COORDINATOR_A) as coordinator:
        assert (await admin.post("/locations", json=location_body("loc-a", timezone="UTC"))).status_code == 201
        device = (await coordinator.post("/locations/loc-a/equipment", json={
            "asset_tag": "AUTO-1", "kind": "autoclave", "install_date": days_ago(900).isoformat(),
            "criticality": "high"})).json()
        plans = [{"title": "Spore test", "every": 30, "unit": "day", "starts_on": str(today - timedelta(days=65))},
                 {"title": "Gasket", "every": 100, "unit": "usage"}]
        for plan in plans:
            created = await coordinator.post(f"/equipment/{device['equipment_id']}/maintenance-plans", json=plan)
            assert created.status_code == 201, created.text
        bad = await coordinator.post(f"/equipment/{device['equipment_id']}/maintenance-plans",
                                     json=plans[0] | {"every": 0})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.every"

        async def job_made_the_due_tasks():
            tasks = (await coordinator.get("/locations/loc-a/maintenance-tasks")).json()
            return tasks if len(tasks) == 2 else None

        tasks = await eventually(job_made_the_due_tasks)
        assert [(t["due_on"], t["overdue"]) for t in tasks] == [(str(today - timedelta(days=35)), True),
                                                                (str(today - timedelta(days=5)), True)]
        # Three concurrent on-demand runs a month ahead: the next occurrence once, its overdue notice once.
        as_of = str(today + timedelta(days=30))
        runs = await asyncio.gather(*(coordinator.post("/locations/loc-a/maintenance/run", json={"as_of": as_of})
                                      for _ in range(3)))
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

        records = await read_all(suite.bootstrap, suite.topic("facilities.maintenance"), expect=3, timeout=10)
        overdue = [MaintenanceOverdue.model_validate(json.loads(r.value)) for r in records]
        assert sorted(e.due_on for e in overdue) == [today - timedelta(days=35), today - timedelta(days=5),
                                                     today + timedelta(days=25)]
