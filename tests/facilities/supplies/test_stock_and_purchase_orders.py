"""Stock, reorders under concurrency, purchase-order receipts for billing (Kafka + PostgreSQL)."""

import asyncio
import json
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from shared.contracts.facilities import PurchaseOrderReceived
from shared.db import create_engine
from tests.support.dates import days_ago
from tests.support.facilities import ADMIN, COORDINATOR_A, COORDINATOR_AB, open_location
from tests.support.kafka_tools import read_all

pytestmark = pytest.mark.integration
GLOVES = {
    "sku": "GLV-M",
    "name": "Nitrile gloves M",
    "unit": "box",
    "reorder_point": 20,
    "reorder_quantity": 50,
    "preferred_vendor": "Medline",
    "unit_cost": "7.25",
}


async def second_open_reorder_refused(suite, item_id: str) -> bool:
    """The backstop behind the application's check: the partial unique index itself says no."""
    engine = create_engine(await suite.database_url("facilities"))
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO purchase_order"
                    " (id, location_id, vendor, status, reorder_item_id, created_by, created_at)"
                    " VALUES ('po-dup', 'loc-a', 'Medline', 'ordered', :item, 'test', CURRENT_TIMESTAMP)"
                ),
                {"item": item_id},
            )
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
    async with (
        suite.client("facilities", ADMIN) as admin,
        suite.client("facilities", COORDINATOR_A) as coordinator,
        suite.client("facilities", COORDINATOR_AB) as both,
    ):
        await open_location(admin, "loc-a")
        await open_location(admin, "loc-b")
        item = await coordinator.post("/locations/loc-a/supplies", json=GLOVES | {"on_hand": 100})
        assert item.status_code == 201, item.text
        item_id = item.json()["item_id"]
        bad = await coordinator.post(f"/supplies/{item_id}/consume", json={"quantity": 0})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.quantity"

        # 25 concurrent consumptions of 5 from 100: 20 fit, 5 are refused, one draft order appears.
        results = await asyncio.gather(
            *(coordinator.post(f"/supplies/{item_id}/consume", json={"quantity": 5}) for _ in range(25))
        )
        assert sorted(r.status_code for r in results) == [200] * 20 + [409] * 5
        assert {r.json()["field"] for r in results if r.status_code == 409} == {"quantity"}
        assert await suite.scalar("facilities", "SELECT on_hand FROM stock_item WHERE id = :id", id=item_id) == 0
        orders = (await coordinator.get("/locations/loc-a/purchase-orders", params={"status": "open"})).json()
        assert [(o["status"], o["automatic"], o["vendor"]) for o in orders] == [("draft", True, "Medline")]
        assert await second_open_reorder_refused(suite, item_id)
        # The reorder point is announced once with the draft order, however many consumptions crossed it.
        reached = await read_all(suite.bootstrap, suite.topic("facilities.stock"), expect=2, timeout=3)
        assert [json.loads(r.value)["purchase_order_id"] for r in reached] == [orders[0]["purchase_order_id"]]
        low = (await coordinator.get("/locations/loc-a/supplies", params={"low_stock": "true"})).json()
        assert low == [
            {"item_id": item_id, "name": "Nitrile gloves M", "unit": "box", "on_hand": 0, "reorder_point": 20}
        ]

        # Ordered, then received in two deliveries: each receipt is announced once, for what arrived.
        order_id = orders[0]["purchase_order_id"]
        early = await coordinator.post(
            f"/purchase-orders/{order_id}/receipts",
            json={"received_on": days_ago(2).isoformat(), "lines": [{"line_number": 1, "quantity": 20}]},
        )
        assert (early.status_code, early.json()["field"]) == (409, "status")
        assert (await coordinator.post(f"/purchase-orders/{order_id}/order")).json()["status"] == "ordered"
        first = await coordinator.post(
            f"/purchase-orders/{order_id}/receipts",
            json={"received_on": days_ago(2).isoformat(), "lines": [{"line_number": 1, "quantity": 20}]},
        )
        assert first.status_code == 201 and first.json()["order_status"] == "partially_received", first.text
        too_many = await coordinator.post(
            f"/purchase-orders/{order_id}/receipts",
            json={"received_on": days_ago(1).isoformat(), "lines": [{"line_number": 1, "quantity": 31}]},
        )
        assert (too_many.status_code, too_many.json()["field"]) == (409, "lines.0.quantity")
        rest = await coordinator.post(
            f"/purchase-orders/{order_id}/receipts",
            json={"received_on": days_ago(1).isoformat(), "lines": [{"line_number": 1, "quantity": 30}]},
        )
        assert rest.json()["order_status"] == "received", rest.text
        assert (await coordinator.get(f"/purchase-orders/{order_id}")).json()["status"] == "received"

        records = await read_all(suite.bootstrap, suite.topic("facilities.purchase_order"), expect=2)
        events = [PurchaseOrderReceived.model_validate(json.loads(r.value)) for r in records]
        assert {dict(r.headers)["ce_type"].decode() for r in records} == {PurchaseOrderReceived.event_type}
        assert {r.key.decode() for r in records} == {order_id}
        events.sort(key=lambda e: e.received_on)
        assert [(e.total, e.lines[0].quantity, e.fully_received) for e in events] == [
            (Decimal("145.00"), Decimal(20), False),
            (Decimal("217.50"), Decimal(30), True),
        ]
        assert len({e.receipt_id for e in events}) == 2 and all(e.location_id == "loc-a" for e in events)

        # Transfers move stock atomically and need both locations in scope.
        target = await both.post("/locations/loc-b/supplies", json=GLOVES)
        refused = await coordinator.post(
            f"/supplies/{item_id}/transfer", json={"to_location_id": "loc-b", "quantity": 10}
        )
        assert refused.status_code == 403
        short = await both.post(f"/supplies/{item_id}/transfer", json={"to_location_id": "loc-b", "quantity": 51})
        assert (short.status_code, short.json()["field"]) == (409, "quantity")
        moved = await both.post(f"/supplies/{item_id}/transfer", json={"to_location_id": "loc-b", "quantity": 10})
        assert moved.json()["on_hand"] == 40, moved.text
        on_hand_b = await suite.scalar(
            "facilities", "SELECT on_hand FROM stock_item WHERE id = :id", id=target.json()["item_id"]
        )
        assert on_hand_b == 10
