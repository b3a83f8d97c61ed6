"""The console's inbox in Chromium against the real stack: an office manager reads an emailed question and replies,
reviews a supplier invoice's three-way match, and assigns a front-desk task to the desk, whose window shows it
without reload; the desk completes it, claims an overdue one and bulk-completes it. Screenshots in
var/artifacts/console/."""

import asyncio
import shutil
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage

import httpx
import pytest

from tests.gateway.conftest import create_user_with_cli
from tests.gateway.console.console_stack import ARTIFACTS, api, bearers_of, run_browser_script, start_console
from tests.support import inbox_mail
from tests.support import practice_api as practice
from tests.support.dates import days_ago
from tests.support.mail_servers import RecordingSmtp
from tests.support.suite import Suite

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium: scripts/install-system-deps.sh"),
]
SERVICES = ("scheduling", "staff", "facilities", "inbox")
ADMIN = ("admin-inbox@example.com", "admin-inbox-password")
MANAGER = ("manager-inbox@example.com", "manager-inbox-password")
DESK = ("desk-inbox@example.com", "desk-inbox-password")
ASSIGNED, OVERDUE = "Call Ana Rivera back about her intake forms", "Fax the referral to cardiology"


async def hire_desk(url: str, bearer: str) -> str:
    """A receptionist at loc-a: the front-desk user is this staff member (their token's subject is the staff id)."""
    async with api(url, "facilities", bearer) as facilities, api(url, "staff", bearer) as staff:
        await practice.open_location(facilities, "loc-a")
        await practice.staff_knows_location(staff, "loc-a", days_ago(0))
        hired = await staff.post(
            "/members",
            json={
                "given_name": "Fran",
                "family_name": "Desk",
                "role": "receptionist",
                "home_location_id": "loc-a",
                "hired_on": days_ago(400).isoformat(),
            },
        )
        assert hired.status_code == 201, hired.text
        return hired.json()["id"]


async def ordered_and_received(facilities: httpx.AsyncClient) -> str:
    """Ten rolls of exam paper ordered at 4.50 and received."""
    item = {"sku": "PPR-1", "name": "Exam table paper", "unit_cost": "4.50", "unit": "box"}
    created = await facilities.post(
        "/locations/loc-a/supplies",
        json=item | {"reorder_point": 0, "reorder_quantity": 10, "preferred_vendor": "Medline"},
    )
    assert created.status_code == 201, created.text
    order = await facilities.post(
        "/locations/loc-a/purchase-orders",
        json={
            "vendor": "Medline",
            "lines": [{"item_id": created.json()["item_id"], "quantity": 10, "unit_price": "4.50"}],
        },
    )
    assert order.status_code == 201, order.text
    order_id = order.json()["purchase_order_id"]
    assert (await facilities.post(f"/purchase-orders/{order_id}/order")).status_code == 200
    receipt = await facilities.post(
        f"/purchase-orders/{order_id}/receipts",
        json={"received_on": days_ago(2).isoformat(), "lines": [{"line_number": 1, "quantity": 10}]},
    )
    assert receipt.status_code == 201, receipt.text
    return order_id


def question() -> EmailMessage:
    mail = inbox_mail.email("Question about my visit", "Hello,\nwhich forms should I bring on Tuesday?\nPat")
    mail.add_attachment(b"name,date\nPat,2031-01-01\n" * 80, maintype="text", subtype="csv", filename="forms.csv")
    return mail


async def seed(url: str, suite: Suite, smtp_port: int, manager_bearer: str, admin_bearer: str) -> dict:
    """Two front-desk tasks by hand (one overdue), one emailed question, one invoice billed above the order's price."""
    now = datetime.now(UTC)
    async with api(url, "inbox", manager_bearer) as inbox, api(url, "facilities", admin_bearer) as facilities:
        ids = {}
        for title, priority, due in (
            (ASSIGNED, "routine", now + timedelta(hours=3)),
            (OVERDUE, "urgent", now - timedelta(hours=1)),
        ):
            body = {"category": "other", "priority": priority, "location_id": "loc-a", "role": "front_desk"}
            opened = await inbox.post("/tasks", json=body | {"title": title, "due_at": due.isoformat()})
            assert opened.status_code == 201, opened.text
            ids[title] = opened.json()["id"]

        await inbox_mail.send(smtp_port, question())
        order_id = await ordered_and_received(facilities)

        async def receipt_known():
            return await suite.scalar("inbox", "SELECT count(*) FROM purchase_order_receipt") == 1

        await practice.eventually(receipt_known, timeout=60)
        lines = [{"item": "Exam table paper", "quantity": 10, "unit_price": "4.80", "order_line": 1}]
        total = str(sum(Decimal(line["unit_price"]) * line["quantity"] for line in lines))
        typed = {"vendor": "Medline", "number": "INV-2001", "issued_on": days_ago(1).isoformat(), "order_ref": order_id}
        invoice = await inbox.post("/locations/loc-a/supplier-invoices", json=typed | {"total": total, "lines": lines})
        assert invoice.status_code == 201 and invoice.json()["outcome"] == "needs_review", invoice.text

        async def mail_task():
            found = await inbox.get("/tasks", params={"view": "all", "focus_kind": "message"})
            return found.json()["items"]

        (mail,) = await inbox_mail.wait_for(mail_task, bool, what="the emailed question's task")
        return {"ids": ids, "mail_task": mail["title"], "invoice_task": invoice.json()["task_id"]}


async def test_a_manager_replies_reviews_a_match_and_assigns_and_the_desk_completes(make_suite):
    relay = RecordingSmtp().start()
    suite = make_suite()
    try:
        envs = {"inbox": inbox_mail.mail_env(relay_port=relay.port)}
        users = [(ADMIN, "practice_admin", "*"), (MANAGER, "office_manager", "loc-a")]
        url = await start_console(suite, services=SERVICES, users=users, service_env=envs)
        bearers = await bearers_of(url, ADMIN, MANAGER)
        desk_id = await hire_desk(url, bearers[ADMIN])
        create_user_with_cli(
            await suite.database_url("gateway"),
            email=DESK[0],
            password=DESK[1],
            role="front_desk",
            locations="loc-a",
            staff_id=desk_id,
        )
        smtp_port = int(envs["inbox"]["INBOX_SMTP_PORT"])
        seeded = await seed(url, suite, smtp_port, bearers[MANAGER], bearers[ADMIN])

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        config = {
            "url": url,
            "manager": MANAGER,
            "desk": DESK,
            "artifacts": str(ARTIFACTS),
            "assigned": ASSIGNED,
            "overdue": OVERDUE,
            "mail_task": seeded["mail_task"],
            "invoice_task": "Invoice INV-2001 from Medline",
            "desk_name": "Desk, Fran (receptionist)",
        }
        stdout = await asyncio.to_thread(run_browser_script, "inbox.mjs", "INBOX_E2E", config)
        assert "appeared without reload" in stdout
        assert (ARTIFACTS / "inbox.png").exists()

        # What the browser did is what the inbox holds.
        async with api(url, "inbox", bearers[MANAGER]) as inbox:
            for title in (ASSIGNED, OVERDUE):
                task = (await inbox.get(f"/tasks/{seeded['ids'][title]}")).json()
                assert (task["status"], task["owner"]) == ("completed", desk_id), task
            overdue = (await inbox.get(f"/tasks/{seeded['ids'][OVERDUE]}")).json()
            assert [n["text"] for n in overdue["notes"]] == ["Faxed from the front desk."]
            assert [h["action"] for h in overdue["history"]][-2:] == ["noted", "completed"]
        (sent,) = relay.received
        assert sent.rcpt_tos == ["pat@example.org"] and b"Bring your insurance card" in sent.data
    finally:
        relay.stop()
        await suite.close()
