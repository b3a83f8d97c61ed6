"""The compliance and facilities screens in Chromium against the real stack: a compliance officer (signing in with
her authenticator code) sees a privacy incident with the days left to its notification deadline and an overdue one
marked, and downloads a patient's accounting of access as CSV; a facilities coordinator sees a supply under its
reorder point, the purchase order it drafted, a device overdue for maintenance, and moves a work order on the board.
axe-core on both screens; screenshots in var/artifacts/console/ (compliance.png, facilities.png)."""

import shutil
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.gateway.conftest import SECOND_FACTORS
from tests.gateway.console.console_stack import (
    ARTIFACTS,
    api,
    bearers_of,
    local_zone,
    run_browser_script,
    start_console,
)
from tests.support import practice_api as practice
from tests.support.claim_flow import ADDRESS

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium: scripts/install-system-deps.sh"),
]
# Scheduling holds the patient whose reads compliance chains; staff is not needed by these screens.
SERVICES = ("scheduling", "facilities", "compliance")
ADMIN = ("admin-compliance-e2e@example.com", "admin-e2e-password")
OFFICER = ("officer-e2e@example.com", "officer-password")
COORDINATOR = ("coordinator-e2e@example.com", "coordinator-password")


async def created(client: httpx.AsyncClient, path: str, body: dict) -> dict:
    """POST until 201: a service may not have heard of the new location yet (422 until its event arrives)."""

    async def attempt():
        response = await client.post(path, json=body)
        assert response.status_code in (201, 422), response.text
        return response.json() if response.status_code == 201 else None

    return await practice.eventually(attempt, timeout=60)


async def seed_compliance(url: str, bearer: str, today: date) -> dict:
    """Two privacy incidents (one due in 10 days, one 5 days overdue) and a patient whose record was read."""
    async with api(url, "compliance", bearer) as compliance, api(url, "scheduling", bearer) as scheduling:
        due_soon = await created(
            compliance,
            "/privacy-incidents",
            {
                "location_id": "loc-a",
                "discovered_on": str(today - timedelta(days=50)),
                "description": "Lab results faxed to the wrong clinic",
                "individuals_affected": 3,
            },
        )
        overdue = await created(
            compliance,
            "/privacy-incidents",
            {
                "location_id": "loc-a",
                "discovered_on": str(today - timedelta(days=65)),
                "description": "Unencrypted laptop stolen",
                "individuals_affected": 120,
            },
        )
        patient = await created(
            scheduling,
            "/patients",
            {
                "family_name": "Okafor",
                "given_name": "Ngozi",
                "birth_date": "1968-09-30",
                "sex": "female",
                "location_id": "loc-a",
                "address": ADDRESS,
            },
        )
        assert (await scheduling.get(f"/patients/{patient['id']}")).status_code == 200

        async def chained():  # the registration and the read arrive as scheduling.audit events
            response = await compliance.get(f"/audit/patients/{patient['id']}/accounting")
            return response.status_code == 200 and len(response.json()) >= 2

        await practice.eventually(chained, timeout=60)
        return {"due_soon": due_soon, "overdue": overdue, "patient_id": patient["id"]}


async def seed_facilities(url: str, bearer: str, today: date) -> dict:
    """Gloves under their reorder point (which drafts an order), a work order, and an autoclave overdue for service."""
    async with api(url, "facilities", bearer) as facilities:
        gloves = await facilities.post(
            "/locations/loc-a/supplies",
            json={
                "sku": "GLV-M",
                "name": "Nitrile gloves, medium",
                "unit": "box",
                "on_hand": 3,
                "reorder_point": 10,
                "reorder_quantity": 20,
                "preferred_vendor": "Medline",
                "unit_cost": "8.50",
            },
        )
        assert gloves.status_code == 201, gloves.text
        order = await facilities.post(
            "/locations/loc-a/work-orders", json={"title": "Exam light flickers", "priority": "high"}
        )
        assert order.status_code == 201, order.text
        device = await facilities.post(
            "/locations/loc-a/equipment",
            json={
                "asset_tag": "AC-1",
                "kind": "autoclave",
                "install_date": str(today - timedelta(days=400)),
                "criticality": "high",
            },
        )
        assert device.status_code == 201, device.text
        plan = await facilities.post(
            f"/equipment/{device.json()['equipment_id']}/maintenance-plans",
            json={"title": "Spore test", "every": 30, "unit": "day", "starts_on": str(today - timedelta(days=40))},
        )
        assert plan.status_code == 201, plan.text
        run = await facilities.post("/locations/loc-a/maintenance/run", json={})
        assert run.status_code == 200 and run.json()["created"], run.text
        drafted = (await facilities.get("/locations/loc-a/purchase-orders")).json()
        assert [o["status"] for o in drafted] == ["draft"], drafted
        return {"work_order_id": order.json()["work_order_id"], "purchase_order_id": drafted[0]["purchase_order_id"]}


async def test_officer_and_coordinator_work_their_screens(make_suite):
    suite = make_suite()
    try:
        users = [
            (ADMIN, "practice_admin", "*"),
            (OFFICER, "compliance_officer", "loc-a"),
            (COORDINATOR, "facilities_coordinator", "loc-a"),
        ]
        url = await start_console(suite, services=SERVICES, users=users)
        # The officer is enrolled in TOTP like an admin: the browser types the code her authenticator would show.
        officer_secret = SECOND_FACTORS[OFFICER[0]]
        bearer = (await bearers_of(url, ADMIN))[ADMIN]

        now = datetime.now(UTC)
        zone = local_zone(now)
        today = now.astimezone(ZoneInfo(zone)).date()
        async with api(url, "facilities", bearer) as facilities:
            await practice.open_location(facilities, "loc-a", timezone=zone)
        seeded = await seed_facilities(url, bearer, today) | await seed_compliance(url, bearer, today)

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        config = {
            "url": url,
            "timezone": zone,
            "officer": [*OFFICER, officer_secret],
            "coordinator": list(COORDINATOR),
            "artifacts": str(ARTIFACTS),
            "due_soon": seeded["due_soon"]["id"],
            "overdue": seeded["overdue"]["id"],
            "patient_id": seeded["patient_id"],
            "csv_name": f"access-accounting-{seeded['patient_id']}-{today}.csv",
            "work_order_id": seeded["work_order_id"],
            "purchase_order_id": seeded["purchase_order_id"],
        }
        stdout = run_browser_script("compliance.mjs", "CONSOLE_E2E", config)
        assert "accounting CSV" in stdout and "work order moved" in stdout
        assert (ARTIFACTS / "compliance.png").exists() and (ARTIFACTS / "facilities.png").exists()

        # What the browser did holds in the services: the order was started, the CSV export was itself audited.
        async with api(url, "facilities", bearer) as facilities, api(url, "compliance", bearer) as compliance:
            order = (await facilities.get(f"/work-orders/{seeded['work_order_id']}")).json()
            assert order["status"] == "in_progress" and order["started_at"], order

            async def export_audited():
                response = await compliance.get(
                    "/audit/records", params={"patient_id": seeded["patient_id"], "action": "export"}
                )
                return any(r["service"] == "compliance" and r["resource"] == "AccessTrail" for r in response.json())

            await practice.eventually(export_audited, timeout=30)
    finally:
        await suite.close()
