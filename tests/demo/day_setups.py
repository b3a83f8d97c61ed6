"""What a browser test adds to the demo practice before its user's turn, through the gateway as a user of the
practice would: tasks for the front desk, a supply order received and its invoice billed above the order's price,
privacy incidents against their deadline, a supply under its reorder point and a device overdue for service."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from tests.demo.day_on_demo import Practice
from tests.support.polling import eventually
from tests.support.suite import Suite

ASSIGNED, OVERDUE = "Call the patient back about her intake forms", "Fax the referral to cardiology"


async def desk_tasks(manager: Practice, location_id: str) -> dict[str, str]:
    """Two front-desk tasks opened by the manager, one of them an hour overdue: title -> id."""
    now = datetime.now(UTC)
    ids = {}
    for title, priority, due in (
        (ASSIGNED, "routine", now + timedelta(hours=3)),
        (OVERDUE, "urgent", now - timedelta(hours=1)),
    ):
        body = {"category": "other", "priority": priority, "location_id": location_id, "role": "front_desk"}
        ids[title] = (await manager.post("/inbox/tasks", body | {"title": title, "due_at": due.isoformat()}))["id"]
    return ids


async def invoice_billed_above_the_order(admin: Practice, manager: Practice, suite: Suite, location_id: str) -> dict:
    """Ten boxes of exam gloves ordered at 4.50 and received; the supplier bills 4.80: the invoice's review task."""
    here = f"/facilities/locations/{location_id}"
    item = await admin.post(
        f"{here}/supplies",
        {"sku": "GLV-L-E2E", "name": "Exam gloves, large", "unit_cost": "4.50", "unit": "box", "reorder_point": 0,
         "reorder_quantity": 10, "preferred_vendor": "Medline"},
    )  # fmt: skip
    lines = [{"item_id": item["item_id"], "quantity": 10, "unit_price": "4.50"}]
    order = (await admin.post(f"{here}/purchase-orders", {"vendor": "Medline", "lines": lines}))["purchase_order_id"]
    await admin.post(f"/facilities/purchase-orders/{order}/order")
    received = {"received_on": str(date.today() - timedelta(days=2)), "lines": [{"line_number": 1, "quantity": 10}]}
    await admin.post(f"/facilities/purchase-orders/{order}/receipts", received)

    async def receipt_known():  # the inbox matches against the receipt it heard of from facilities
        sql = "SELECT count(*) FROM purchase_order_receipt WHERE purchase_order_id = :order"
        return await suite.scalar("inbox", sql, order=order) == 1

    await eventually(receipt_known, timeout=60, what="the inbox hearing of the receipt")
    billed = [{"item": "Exam gloves, large", "quantity": 10, "unit_price": "4.80", "order_line": 1}]
    total = str(sum(Decimal(line["unit_price"]) * line["quantity"] for line in billed))
    typed = {"vendor": "Medline", "number": "INV-2001", "issued_on": str(date.today() - timedelta(days=1)),
             "order_ref": order, "total": total, "lines": billed}  # fmt: skip
    invoice = await manager.post(f"/inbox/locations/{location_id}/supplier-invoices", typed)
    assert invoice["outcome"] == "needs_review", invoice
    return invoice


async def privacy_incidents(admin: Practice, location_id: str, today: date) -> dict[str, str]:
    """Two privacy incidents: one due for notification in 10 days, one 5 days past its 60-day deadline: id by name."""
    made = {}
    for name, days_ago, description, affected in (
        ("due_soon", 50, "Lab results faxed to the wrong clinic", 3),
        ("overdue", 65, "Unencrypted laptop stolen", 120),
    ):
        body = {"location_id": location_id, "discovered_on": str(today - timedelta(days=days_ago)),
                "description": description, "individuals_affected": affected}  # fmt: skip
        made[name] = (await admin.post("/compliance/privacy-incidents", body))["id"]
    return made


async def a_patients_record_read(admin: Practice, location_id: str) -> str:
    """A patient of today at the location whose record was just read, once compliance has chained that read: her id."""
    _, by_provider = await admin.day(location_id)
    patient = next(iter(by_provider.values()))[0]["patient_id"]
    await admin.get(f"/scheduling/patients/{patient}")

    async def accounted():  # the read arrives as a scheduling.audit event
        trail = await admin.get(f"/compliance/audit/patients/{patient}/accounting")
        return any(r["service"] == "scheduling" and r["action"] == "read" for r in trail)

    await eventually(accounted, timeout=60, what="compliance chaining the read")
    return patient


async def upkeep_due(admin: Practice, location_id: str, today: date) -> dict[str, str]:
    """Vinyl gloves under their reorder point (facilities drafts their order), a work order, and an autoclave 10 days
    overdue for its spore test: the work order's and the drafted order's ids."""
    here = f"/facilities/locations/{location_id}"
    gloves = {"sku": "GLV-VIN-L", "name": "Vinyl gloves, large", "unit": "box", "on_hand": 3, "reorder_point": 10,
              "reorder_quantity": 20, "preferred_vendor": "Medline", "unit_cost": "8.50"}  # fmt: skip
    await admin.post(f"{here}/supplies", gloves)
    order = await admin.post(f"{here}/work-orders", {"title": "Exam light flickers", "priority": "high"})
    device = {"asset_tag": "AC-E2E", "kind": "autoclave", "install_date": str(today - timedelta(days=400)),
              "criticality": "high"}  # fmt: skip
    device_id = (await admin.post(f"{here}/equipment", device))["equipment_id"]
    plan = {"title": "Spore test", "every": 30, "unit": "day", "starts_on": str(today - timedelta(days=40))}
    await admin.post(f"/facilities/equipment/{device_id}/maintenance-plans", plan)
    assert (await admin.post(f"{here}/maintenance/run", {}))["created"]
    orders = await admin.get(f"{here}/purchase-orders", status="draft")
    drafts = [o for o in orders if [line["item"] for line in o["lines"]] == [gloves["name"]]]
    assert len(drafts) == 1, orders  # the gloves' own order (another test's gloves may have one of theirs)
    return {"work_order_id": order["work_order_id"], "purchase_order_id": drafts[0]["purchase_order_id"]}
