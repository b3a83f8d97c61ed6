"""Supplier invoices end to end on the real broker and PostgreSQL: facilities orders and receives, the inbox
matches invoices three ways, billing books the approved one once however often its event arrives."""

from decimal import Decimal

import pytest

from shared.contracts.inbox import SupplierInvoiceApproved
from tests.inbox.invoices.samples import ubl_invoice
from tests.support.dates import days_ago
from tests.support.facilities import ADMIN, COORDINATOR_A, open_location
from tests.support.kafka_tools import produce, read_all, wait_caught_up
from tests.support.polling import eventually
from tests.support.suite import token

pytestmark = pytest.mark.integration
MANAGER_A = token(roles=["office_manager"], locations=["loc-a"], sub="om-a")
MANAGER_B = token(roles=["office_manager"], locations=["loc-b"], sub="om-b")
FRONT_DESK_A = token(roles=["front_desk"], locations=["loc-a"], sub="desk-a")
ITEMS = {
    "gloves": {"sku": "GLV-M", "name": "Nitrile gloves M", "unit_cost": "7.25"},
    "paper": {"sku": "PPR-1", "name": "Exam table paper", "unit_cost": "4.50"},
}
XML, CSV = {"Content-Type": "application/xml"}, {"Content-Type": "text/csv"}


async def ordered_and_received(facilities) -> str:
    """An order of 50 gloves and 10 rolls of paper, placed, of which 20 gloves and 10 rolls arrived."""
    ids = {}
    for key, item in ITEMS.items():
        body = item | {"unit": "box", "reorder_point": 0, "reorder_quantity": 10, "preferred_vendor": "Medline"}
        created = await facilities.post("/locations/loc-a/supplies", json=body)
        assert created.status_code == 201, created.text
        ids[key] = created.json()["item_id"]
    order = await facilities.post(
        "/locations/loc-a/purchase-orders",
        json={
            "vendor": "Medline",
            "lines": [
                {"item_id": ids["gloves"], "quantity": 50, "unit_price": "7.25"},
                {"item_id": ids["paper"], "quantity": 10, "unit_price": "4.50"},
            ],
        },
    )
    assert order.status_code == 201, order.text
    order_id = order.json()["purchase_order_id"]
    assert (await facilities.post(f"/purchase-orders/{order_id}/order")).status_code == 200
    receipt = await facilities.post(
        f"/purchase-orders/{order_id}/receipts",
        json={
            "received_on": days_ago(3).isoformat(),
            "lines": [{"line_number": 1, "quantity": 20}, {"line_number": 2, "quantity": 10}],
        },
    )
    assert receipt.status_code == 201, receipt.text
    return order_id


def typed(order_id: str, number: str, lines: list[dict], **extra) -> dict:
    total = sum((line["quantity"] * Decimal(line["unit_price"]) for line in lines), Decimal("0.00"))
    return {
        "vendor": "Medline",
        "number": number,
        "issued_on": days_ago(1).isoformat(),
        "order_ref": order_id,
        "total": str(total),
        "lines": lines,
    } | extra


async def test_invoices_are_matched_three_ways_and_the_approved_one_is_booked_once(make_suite):
    suite = make_suite()
    await suite.start("facilities")
    await suite.start("inbox")
    await suite.start("billing")
    async with (
        suite.client("facilities", ADMIN) as admin,
        suite.client("facilities", COORDINATOR_A) as coordinator,
        suite.client("inbox", MANAGER_A) as manager,
        suite.client("inbox", MANAGER_B) as outsider,
        suite.client("inbox", FRONT_DESK_A) as desk,
        suite.client("billing", MANAGER_A) as ledger,
    ):
        await open_location(admin, "loc-a")
        order_id = await ordered_and_received(coordinator)

        async def receipt_known():
            return await suite.scalar("inbox", "SELECT count(*) FROM purchase_order_receipt") == 1

        await eventually(receipt_known)

        # Full match: 20 gloves billed of 20 received, 7.30 against 7.25 (0.7%, inside the default 2%).
        full = await manager.post(
            "/locations/loc-a/supplier-invoices/documents",
            params={"filename": "INV-1001.xml"},
            content=ubl_invoice(order=order_id, quantity=20, price="7.30"),
            headers=XML,
        )
        assert full.status_code == 201 and full.json()["outcome"] == "approved", full.text
        invoice_id = full.json()["invoice_id"]

        # Billing books it once: the event delivered again (same id) is still one expense.
        (record,) = await read_all(suite.bootstrap, suite.topic("inbox.invoice"), expect=1)
        assert dict(record.headers)["ce_type"].decode() == SupplierInvoiceApproved.event_type
        headers = {name: value.decode() for name, value in record.headers}
        await produce(suite.bootstrap, suite.topic("inbox.invoice"), record.value, key=record.key, headers=headers)
        await wait_caught_up(suite.bootstrap, suite.topic("billing"), suite.topic("inbox.invoice"))
        booked = await suite.scalar(
            "billing", "SELECT count(*) FROM expense WHERE source_ref = :ref", ref=f"supplier_invoice:{invoice_id}"
        )
        assert booked == 1
        expenses = await ledger.get(
            "/locations/loc-a/expenses",
            params={"start": days_ago(30).isoformat(), "end": days_ago(0).isoformat(), "category": "supplies"},
        )
        mine = [e for e in expenses.json() if e["source_ref"] == f"supplier_invoice:{invoice_id}"]
        # The receipt booked the 20 gloves at the order's 7.25 (145.00): the invoice adds only its 1.00 over that.
        assert [(e["amount"], e["vendor"], e["incurred_on"]) for e in mine] == [
            ("1.00", "Medline", days_ago(3).isoformat())
        ]

        # Price over tolerance (typed in): paper at 4.80 against 4.50 is 6.67%.
        pricey = await manager.post(
            "/locations/loc-a/supplier-invoices",
            json=typed(order_id, "INV-1002", [{"item": "Exam table paper", "quantity": 10, "unit_price": "4.80"}]),
        )
        assert pricey.status_code == 201 and pricey.json()["outcome"] == "needs_review", pricey.text
        assert pricey.json()["differences"] == [
            "order line 2 (Exam table paper): unit price 4.80 differs from the order's 4.50 by +0.30 (+6.67%),"
            " beyond the 2.00% tolerance"
        ]
        view = await manager.get(f"/supplier-invoices/{pricey.json()['invoice_id']}/match")
        assert view.status_code == 200, view.text
        rows = [
            (r["order_line"], r["ordered"], r["received"], r["billed_before"], r["billed"], r["price_difference"])
            for r in view.json()["lines"]
        ]
        assert rows == [(1, 50, 20, 20, 0, None), (2, 10, 10, 0, 10, "0.30")]
        assert view.json()["approved"] is False and view.json()["tolerance_percent"] == "2.00"

        # Quantity over receipt (CSV): 5 more gloves, when the 20 received were all billed.
        over = await manager.post(
            "/locations/loc-a/supplier-invoices/documents",
            params={"filename": "INV-1003.csv"},
            content=(
                "vendor,invoice_number,invoice_date,order_number,line,item,quantity,unit_price\n"
                f"Medline,INV-1003,{days_ago(1).isoformat()},{order_id},1,Nitrile gloves M,5,7.25\n"
            ).encode(),
            headers=CSV,
        )
        assert over.status_code == 201, over.text
        assert over.json()["differences"] == [
            "order line 1 (Nitrile gloves M): billed 5 (20 billed before) but only 20 received"
        ]

        # A duplicate number for the vendor: no second invoice, a task naming the first copy.
        duplicate = await manager.post(
            "/locations/loc-a/supplier-invoices/documents",
            content=ubl_invoice(order=order_id, quantity=20, price="7.30"),
            headers=XML,
        )
        assert duplicate.status_code == 200 and duplicate.json()["outcome"] == "duplicate", duplicate.text
        assert duplicate.json()["invoice_id"] == invoice_id

        # No order: a task too.
        orphan = await manager.post(
            "/locations/loc-a/supplier-invoices",
            json=typed("po-nobody-placed", "INV-1004", [{"item": "Gauze", "quantity": 2, "unit_price": "3.00"}]),
        )
        assert orphan.json()["outcome"] == "needs_review", orphan.text

        tasks = await manager.get("/tasks", params={"view": "queue", "category": "supplier_invoice", "limit": 50})
        assert tasks.status_code == 200, tasks.text
        titles = sorted(t["title"] for t in tasks.json()["items"])
        assert titles == [
            "Duplicate invoice INV-1001 from Medline",
            "Invoice INV-1002 from Medline: 1 difference",
            "Invoice INV-1003 from Medline: 1 difference",
            "Invoice INV-1004 from Medline: no purchase order",
        ]
        assert {(t["role"], t["location_id"]) for t in tasks.json()["items"]} == {("office_manager", "loc-a")}
        listed = await manager.get("/locations/loc-a/supplier-invoices")
        assert sorted(i["status"] for i in listed.json()) == ["approved"] + ["needs_review"] * 3

        # Scope and roles: another location's manager and the front desk see nothing of it.
        assert (await outsider.get(f"/supplier-invoices/{invoice_id}/match")).status_code == 403
        assert (await outsider.get("/locations/loc-a/supplier-invoices")).status_code == 403
        assert (await desk.get(f"/supplier-invoices/{invoice_id}")).status_code == 403
        assert (await manager.get("/supplier-invoices/no-such-invoice")).status_code == 404
        assert (await desk.put("/supplier-invoice-settings", json={"price_tolerance_percent": "5"})).status_code == 403

        # Bad input is a 422 naming the field.
        bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice>&a;</Invoice>'
        refused = await manager.post("/locations/loc-a/supplier-invoices/documents", content=bomb, headers=XML)
        assert (refused.status_code, refused.json()["field"]) == (422, "content"), refused.text
        too_wide = await manager.put("/supplier-invoice-settings", json={"price_tolerance_percent": "100.5"})
        assert (too_wide.status_code, too_wide.json()["errors"][0]["field"]) == (422, "body.price_tolerance_percent")
        bad_line = typed(order_id, "INV-9", [{"item": "x", "quantity": 0, "unit_price": "1.00"}])
        refused = await manager.post("/locations/loc-a/supplier-invoices", json=bad_line)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.lines.0.quantity"

        # The practice widens its tolerance: the paper invoice matches now, as the view shows.
        widened = await manager.put("/supplier-invoice-settings", json={"price_tolerance_percent": "7.5"})
        assert widened.status_code == 200 and widened.json()["updated_by"] == "om-a", widened.text
        view = await manager.get(f"/supplier-invoices/{pricey.json()['invoice_id']}/match")
        assert view.json()["approved"] is True and view.json()["status"] == "needs_review"
        again = await manager.post(f"/supplier-invoices/{pricey.json()['invoice_id']}/match")
        assert (again.status_code, again.json()["outcome"]) == (200, "approved"), again.text
        task = await manager.get(f"/tasks/{pricey.json()['task_id']}")
        assert task.json()["status"] == "completed", task.text
        twice = await manager.post(f"/supplier-invoices/{pricey.json()['invoice_id']}/match")
        assert (twice.status_code, twice.json()["field"]) == (409, "status")
