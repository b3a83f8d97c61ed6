"""Received purchase orders and hand-entered expenses against monthly budgets, to the cent."""

import asyncio
import time
from datetime import timedelta
from decimal import Decimal

import pytest

from shared.contracts.facilities import PurchaseOrderLine, PurchaseOrderReceived
from shared.envelope import Envelope
from tests.support.dates import month_start, month_string
from tests.support.kafka_tools import produce
from tests.support.suite import token

pytestmark = pytest.mark.integration

MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="om-1")
FRONT_DESK = token(roles=["front_desk"], locations=["loc-a"])
OTHER_LOCATION = token(roles=["office_manager"], locations=["loc-b"])
# Last month, whole and past, and this month after it.
MONTH, NEXT_MONTH = month_string(-1), month_string(0)
FIRST, LAST = month_start(-1).isoformat(), (month_start(0) - timedelta(days=1)).isoformat()


def received(receipt_id: str, total: str) -> PurchaseOrderReceived:
    return PurchaseOrderReceived(
        purchase_order_id="po-1",
        location_id="loc-a",
        vendor="Henry Schein",
        received_on=month_start(-1) + timedelta(days=2),
        total=Decimal(total),
        receipt_id=receipt_id,
        lines=[PurchaseOrderLine(item="gloves", quantity=Decimal(3), unit_price=Decimal(total) / 3)],
    )


async def publish(suite, envelope: Envelope) -> None:
    await produce(
        suite.bootstrap,
        suite.topic("facilities.purchase_order"),
        envelope.kafka_value(),
        key=b"po-1",
        headers=envelope.kafka_headers(),
    )


def envelope_of(payload: PurchaseOrderReceived, event_id: str | None = None) -> Envelope:
    extra = {"id": event_id} if event_id else {}
    return Envelope(
        type=payload.event_type,
        source="/tests/facilities",
        subject="po-1",
        location_id="loc-a",
        data=payload.model_dump(mode="json"),
        **extra,
    )


async def wait_for_expenses(client, count: int, timeout: float = 30.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        response = await client.get(
            "/locations/loc-a/expenses", params={"start": FIRST, "end": LAST, "category": "supplies"}
        )
        assert response.status_code == 200, response.text
        if len(response.json()) >= count or time.monotonic() > deadline:
            return response.json()
        await asyncio.sleep(0.3)


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_purchase_orders_are_booked_once_and_budgets_compare_to_the_cent(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("billing")
    first = envelope_of(received("rcpt-1", "120.10"))
    async with (
        suite.client("billing", MANAGER) as manager,
        suite.client("billing", FRONT_DESK) as desk,
        suite.client("billing", OTHER_LOCATION) as outsider,
    ):
        await publish(suite, first)
        await publish(suite, first)  # redelivered: same event id
        await publish(suite, envelope_of(received("rcpt-1", "120.10")))  # republished: same receipt, new id
        await publish(suite, envelope_of(received("rcpt-2", "79.95")))  # the rest of the order
        # rcpt-2 came last on the partition: once it is booked, every duplicate before it was handled.
        supplies = await wait_for_expenses(manager, 2)
        assert sorted(e["amount"] for e in supplies) == ["120.10", "79.95"]
        assert {e["source_ref"] for e in supplies} == {"purchase_order_receipt:rcpt-1", "purchase_order_receipt:rcpt-2"}

        rent = {
            "json": {"category": "rent", "amount": "4500.00", "incurred_on": FIRST, "description": "the month's rent"},
            "headers": {"Idempotency-Key": f"rent-{MONTH}"},
        }
        first_rent = await manager.post("/locations/loc-a/expenses", **rent)
        retried_rent = await manager.post("/locations/loc-a/expenses", **rent)
        assert (first_rent.status_code, retried_rent.status_code) == (201, 200), first_rent.text
        assert retried_rent.json()["id"] == first_rent.json()["id"]
        other = rent | {"json": rent["json"] | {"amount": "4600.00"}}  # the same key for another expense
        reused = await manager.post("/locations/loc-a/expenses", **other)
        assert (reused.status_code, reused.json()["field"]) == (409, "Idempotency-Key"), reused.text
        for month, category, amount in (
            (MONTH, "supplies", "250.00"),
            (MONTH, "rent", "4500.00"),
            (NEXT_MONTH, "supplies", "250.00"),
            (MONTH, "supplies", "200.01"),
        ):
            response = await manager.put(f"/locations/loc-a/budgets/{month}/{category}", json={"amount": amount})
            assert response.status_code == 200, response.text
        assert response.json()["amount"] == "200.01"  # the second PUT replaced the first

        report = await manager.get("/locations/loc-a/budget-vs-actual", params={"start": MONTH, "end": NEXT_MONTH})
        assert report.status_code == 200, report.text
        body = report.json()
        assert [(ln["month"], ln["category"], ln["budget"], ln["actual"], ln["variance"]) for ln in body["lines"]] == [
            (MONTH, "rent", "4500.00", "4500.00", "0.00"),
            (MONTH, "supplies", "200.01", "200.05", "-0.04"),
            (NEXT_MONTH, "supplies", "250.00", "0.00", "250.00"),
        ]
        assert (body["total_budget"], body["total_actual"], body["total_variance"]) == ("4950.01", "4700.05", "249.96")

        bad_month = await manager.put(f"/locations/loc-a/budgets/{MONTH[:4]}-13/rent", json={"amount": "1.00"})
        assert bad_month.status_code == 422
        bad_category = await manager.post(
            "/locations/loc-a/expenses",
            json={"category": "snacks", "amount": "1.00", "incurred_on": FIRST, "description": "x"},
        )
        assert bad_category.status_code == 422 and "category" in bad_category.text
        assert (
            await outsider.get("/locations/loc-a/budget-vs-actual", params={"start": MONTH, "end": MONTH})
        ).status_code == 403
        assert (await desk.get("/locations/loc-a/expenses", params={"start": FIRST, "end": LAST})).status_code == 403
    assert await suite.scalar("billing", "SELECT count(*) FROM expense") == 3
