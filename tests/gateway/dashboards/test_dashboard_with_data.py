"""Issue 8: the location dashboard shows real data from every service, all of it made through the gateway alone.

A front end signs users in, builds the practice, books, completes and bills a visit, and raises a compliance
alert (a break-glass read, whose header must pass the proxy) without ever calling a service directly.
"""

from contextlib import AsyncExitStack
from datetime import datetime, timedelta

import pytest

from shared.clock import local_today
from tests.gateway.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.gateway.through_gateway import service, sign_in, signed_in_user
from tests.support.dates import days_ago, days_ahead
from tests.support.flow import VISIT, register_patient
from tests.support.polling import eventually
from tests.support.practice_api import (
    add_credential,
    add_room,
    bookability,
    hire_physician,
    local,
    open_location,
    schedule_shift,
    staff_knows_location,
)

pytestmark = pytest.mark.integration

LOC, ELSEWHERE = "loc-dash", "loc-dash-far"
EXAM, BROKEN_ROOM = "exam-dash-1", "exam-dash-2"
GLASS = {"X-Break-Glass": "patient collapsed in our lobby, history needed"}


async def test_the_dashboard_shows_every_services_data_for_a_practice_run_through_the_gateway(stack):
    admin = await sign_in(stack, ADMIN_EMAIL, ADMIN_PASSWORD)
    day = local_today("America/Los_Angeles") + timedelta(days=2)
    tokens = {
        name: await signed_in_user(stack, admin, f"{name}@dash.example.com", [role], [where])
        for name, role, where in [
            ("manager", "office_manager", LOC),
            ("biller", "biller", LOC),
            ("officer", "compliance_officer", LOC),
            ("coordinator", "facilities_coordinator", LOC),
            ("desk", "front_desk", LOC),
            ("outsider", "clinician", ELSEWHERE),
        ]
    }
    async with AsyncExitStack() as clients:

        def through(bearer: str, name: str):
            return clients.enter_async_context(service(stack, bearer, name))

        # Facilities: the location, two rooms (one out of service), a work order, gloves running low.
        await open_location(await through(admin, "facilities"), LOC)
        coordinator = await through(tokens["coordinator"], "facilities")
        for room in (EXAM, BROKEN_ROOM):
            await add_room(coordinator, LOC, room)
        out = await coordinator.post(f"/rooms/{BROKEN_ROOM}/out-of-service", json={"reason": "sink leaking"})
        assert out.status_code == 200 and out.json()["status"] == "out_of_service", out.text
        desk_facilities = await through(tokens["desk"], "facilities")
        reported = await desk_facilities.post(
            f"/locations/{LOC}/work-orders",
            json={"title": "Exam table hinge broken", "room_id": EXAM, "priority": "high"},
        )
        assert reported.status_code == 201, reported.text
        gloves = await coordinator.post(
            f"/locations/{LOC}/supplies",
            json={
                "sku": "GLOVE-M",
                "name": "Nitrile gloves M",
                "unit": "box",
                "on_hand": 2,
                "reorder_point": 10,
                "reorder_quantity": 20,
                "preferred_vendor": "Acme Medical",
                "unit_cost": "8.50",
            },
        )
        assert gloves.status_code == 201, gloves.text

        # Staff: a licensed physician on shift, and a rule asking for two medical assistants nobody staffs.
        staff = await through(tokens["manager"], "staff")
        await staff_knows_location(staff, LOC, day)
        physician_id = await hire_physician(staff, LOC)
        await add_credential(
            staff,
            physician_id,
            kind="state_license",
            number="A12345",
            issuer="Medical Board of California",
            state="CA",
            issued_on=str(days_ago(2000)),
            expires_on=str(days_ahead(1000)),
        )
        await add_credential(
            staff,
            physician_id,
            kind="bls",
            number="B-77",
            issuer="AHA",
            issued_on=str(days_ago(300)),
            expires_on=str(days_ahead(400)),
        )
        await schedule_shift(staff, physician_id, LOC, day, "08:00", "17:00")
        rule = await staff.post(
            f"/locations/{LOC}/staffing-rules",
            json={"role": "medical_assistant", "minimum": 2, "start": "08:00", "end": "17:00"},
        )
        assert rule.status_code == 201, rule.text
        physician = await through(
            await signed_in_user(
                stack, admin, "dana.lee@dash.example.com", ["clinician"], [LOC], staff_id=physician_id
            ),
            "scheduling",
        )

        # Billing's reference data first: a fee for the visit code only, so the lab line is left unpriced.
        biller = await through(tokens["biller"], "billing")
        payer = await biller.post(
            "/payers", json={"name": "Blue Shield CA", "x12_payer_id": "BSCA1", "timely_filing_days": 365}
        )
        assert payer.status_code == 201, payer.text
        fees = await biller.put(f"/locations/{LOC}/fee-schedule", json=[{"cpt": "99213", "amount": "120.00"}])
        assert fees.status_code == 200, fees.text

        # Scheduling: learns the practice from the events, then one visit completed and one left booked.
        desk = await through(tokens["desk"], "scheduling")
        visit, later = (local(day, 10), local(day, 10, 20)), (local(day, 11), local(day, 11, 20))

        async def bookable():
            return (await bookability(desk, physician_id, LOC, *visit))["bookable"]

        await eventually(bookable)
        patient_id = await register_patient(desk, LOC)
        booked = []
        for start, end in (visit, later):
            response = await desk.post(
                "/appointments",
                json={
                    "patient_id": patient_id,
                    "provider_id": physician_id,
                    "location_id": LOC,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                },
            )
            assert response.status_code == 201, response.text
            booked.append(response.json()["id"])
        visited = booked[0]
        assert (await desk.post(f"/appointments/{visited}/check-in")).status_code == 200
        completed = await physician.post(f"/appointments/{visited}/complete", json=VISIT)
        assert completed.status_code == 200 and completed.json()["status"] == "fulfilled", completed.text

        async def charged():
            response = await biller.get(f"/appointments/{visited}/charges")
            return response.status_code == 200 and len(response.json()) == 2

        await eventually(charged)

        # Coverage added after the visit opens its claim at once; it fails the scrubber and waits for a person.
        async def covered():
            response = await biller.post(
                f"/patients/{patient_id}/coverages",
                json={"payer_id": payer.json()["id"], "member_id": "XZ123456789", "effective_from": "2020-01-01"},
            )
            assert response.status_code in (201, 404), response.text  # 404 until billing has heard of the patient
            return response.status_code == 201

        await eventually(covered)
        claims = (await biller.get(f"/appointments/{visited}/claims")).json()
        assert [c["status"] for c in claims] == ["draft"], claims
        claim_id = claims[0]["id"]

        # Compliance: a clinician of another location breaks the glass; the header must survive the proxy.
        outsider = await through(tokens["outsider"], "scheduling")
        assert (await outsider.get(f"/patients/{patient_id}")).status_code == 403
        opened = await outsider.get(f"/patients/{patient_id}", headers=GLASS)
        assert opened.status_code == 200 and opened.json()["id"] == patient_id, opened.text
        officer = await through(tokens["officer"], "compliance")

        async def alerted():
            response = await officer.get("/alerts", params={"location_id": LOC, "status": "open"})
            assert response.status_code == 200, response.text
            return [a for a in response.json() if a["kind"] == "break_glass"]

        glass_alert = (await eventually(alerted))[0]

        # The dashboard: the office manager sees every section but alerts, which need a compliance officer;
        # dashboard.py turns that 403 into an unavailable section with its reason, and the screen is partial.
        gateway_as_manager = await clients.enter_async_context(stack.client(tokens["manager"]))
        as_manager = await gateway_as_manager.get(f"/api/v1/dashboard/locations/{LOC}", params={"day": str(day)})
        assert as_manager.status_code == 200, as_manager.text
        seen = as_manager.json()
        assert seen["partial"] is True
        assert seen["compliance_alerts"]["available"] is False
        assert seen["compliance_alerts"]["reason"].startswith("compliance answered 403")
        unavailable = [k for k, v in seen.items() if isinstance(v, dict) and not v["available"]]
        assert unavailable == ["compliance_alerts"], seen

        gateway_as_admin = await clients.enter_async_context(stack.client(admin))
        as_admin = await gateway_as_admin.get(f"/api/v1/dashboard/locations/{LOC}", params={"day": str(day)})
        assert as_admin.status_code == 200, as_admin.text
        board = as_admin.json()
        assert board["partial"] is False and board["location_id"] == LOC and board["day"] == str(day)
        for section in ("appointments", "coverage", "rooms", "work_orders", "low_stock", "claims"):
            assert board[section] == seen[section], section  # the manager's view of the same data

        assert board["appointments"] | {"reason": None} == {
            "available": True,
            "reason": None,
            "total": 2,
            "by_status": {"fulfilled": 1, "booked": 1},
        }
        on_shift = board["coverage"]["on_shift"]
        assert [(s["staff_id"], s["role"], s["name"]) for s in on_shift] == [(physician_id, "physician", "Dana Lee")]
        assert datetime.fromisoformat(on_shift[0]["start"]) == local(day, 8)
        gaps = board["coverage"]["gaps"]
        assert [(g["role"], g["required"], g["scheduled"]) for g in gaps] == [("medical_assistant", 2, 0)], gaps
        rooms = board["rooms"]["out_of_service"]
        assert [(r["room_id"], r["status"], r["out_of_service_reason"]) for r in rooms] == [
            (BROKEN_ROOM, "out_of_service", "sink leaking")
        ]
        orders = board["work_orders"]["open"]
        assert [(w["work_order_id"], w["title"], w["priority"], w["room_id"]) for w in orders] == [
            (reported.json()["work_order_id"], "Exam table hinge broken", "high", EXAM)
        ]
        low = board["low_stock"]["low"]
        assert [(i["item_id"], i["name"], float(i["on_hand"]), float(i["reorder_point"])) for i in low] == [
            (gloves.json()["item_id"], "Nitrile gloves M", 2, 10)
        ]
        attention = board["claims"]["needs_attention"]
        assert [(c["claim_id"], c["status"], c["patient_id"]) for c in attention] == [(claim_id, "draft", patient_id)]
        # No billing NPI, no fee for the lab code (83036), no patient address: the scrubber names each.
        assert attention[0]["total"] == "120.00" and "charge_amount: lines[2]" in attention[0]["reason"], attention
        alerts = board["compliance_alerts"]["open"]
        assert glass_alert["alert_id"] in {a["alert_id"] for a in alerts}
        assert {a["status"] for a in alerts} == {"open"}
        # The same read, seen from the trail, is also access outside the clinician's locations.
        assert {a["kind"] for a in alerts} == {"break_glass", "access_outside_locations"}
