"""Location B's real records, made through the gateway alone by a group-wide practice admin.

One of each kind a route addresses by id (patients, appointments, claims, payments, OSHA cases, equipment, ...),
so the walk aims a location-A token at records that exist, not at ids that merely look plausible.
"""

from decimal import Decimal

import httpx

from services.billing.x12.check835 import problems
from tests.gateway.route_walk import RecordIds
from tests.support.claim_flow import ADDRESS, FEES, PROFILE
from tests.support.dates import TUESDAY, days_ago, days_ahead, next_weekday
from tests.support.flow import VISIT
from tests.support.practice_api import (
    add_credential,
    add_room,
    bookability,
    eventually,
    hire_physician,
    local,
    open_location,
    schedule_shift,
    staff_knows_location,
)
from tests.support.suite import token
from tests.support.x12_835 import Clp, Svc, build_835

ZONE = "America/Los_Angeles"
PAYER_X12 = "BSCA1"
GLASS = {"X-Break-Glass": "patient collapsed in our lobby, history needed"}


async def made(
    gw: httpx.AsyncClient, path: str, body=None, *, key: str = "id", method: str = "POST", ok=(201,), **kw
) -> str:
    response = await gw.request(method, f"/api/v1{path}", json=body, **kw)
    assert response.status_code in ok, f"{method} {path}: {response.status_code} {response.text}"
    return response.json()[key] if key else ""


async def build_location(gw: httpx.AsyncClient, location_b: str, tag: str) -> RecordIds:
    """Every kind of record at `location_b`; `gw` signs as a group-wide practice admin."""
    day = next_weekday(TUESDAY, tz=ZONE, weeks_ahead=2)
    of_b: dict[str, str] = {}

    async def service(name: str) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            base_url=f"{str(gw.base_url).rstrip('/')}/api/v1/{name}", headers=gw.headers, timeout=20
        )
        return client

    facilities, staff, scheduling = await service("facilities"), await service("staff"), await service("scheduling")
    try:
        # Facilities: the location, a room, equipment with a due maintenance task, a work order, stock, an order.
        await open_location(facilities, location_b)
        of_b["room_id"] = (await add_room(facilities, location_b, f"room-{tag}"))["room_id"]
        of_b["equipment_id"] = await made(
            gw,
            f"/facilities/locations/{location_b}/equipment",
            {
                "asset_tag": f"EQ-{tag}",
                "kind": "autoclave",
                "install_date": str(days_ago(400)),
                "criticality": "high",
                "room_id": of_b["room_id"],
            },
            key="equipment_id",
        )
        of_b["plan_id"] = await made(
            gw,
            f"/facilities/equipment/{of_b['equipment_id']}/maintenance-plans",
            {"title": "Spore test", "every": 1, "unit": "day", "starts_on": str(days_ago(3))},
            key="plan_id",
        )
        await made(gw, f"/facilities/locations/{location_b}/maintenance/run", {}, key=None, ok=(200,))
        tasks = (await facilities.get(f"/locations/{location_b}/maintenance-tasks")).json()
        of_b["task_id"] = tasks[0]["task_id"]
        of_b["work_order_id"] = await made(
            gw,
            f"/facilities/locations/{location_b}/work-orders",
            {"title": "Door sticks", "room_id": of_b["room_id"]},
            key="work_order_id",
        )
        supply = await made(
            gw,
            f"/facilities/locations/{location_b}/supplies",
            {
                "sku": f"GLOVE-{tag}",
                "name": "Gloves",
                "unit": "box",
                "on_hand": 5,
                "reorder_point": 2,
                "reorder_quantity": 10,
                "preferred_vendor": "Acme",
                "unit_cost": "8.50",
            },
            key="item_id",
        )
        of_b["purchase_order_id"] = await made(
            gw,
            f"/facilities/locations/{location_b}/purchase-orders",
            {"vendor": "Acme", "lines": [{"item_id": supply, "quantity": 1, "unit_price": "8.50"}]},
            key="purchase_order_id",
        )

        # Staff: a licensed physician on shift at B, a roster template, time off, a training record.
        await staff_knows_location(staff, location_b, day)
        of_b["staff_id"] = of_b["provider_id"] = physician = await hire_physician(staff, location_b)
        of_b["credential_id"] = (
            await add_credential(
                staff,
                physician,
                kind="state_license",
                number="A12345",
                issuer="Medical Board of California",
                state="CA",
                issued_on=str(days_ago(1000)),
                expires_on=str(days_ahead(1000)),
            )
        )["id"]
        await add_credential(
            staff,
            physician,
            kind="bls",
            number="B-77",
            issuer="AHA",
            issued_on=str(days_ago(300)),
            expires_on=str(days_ahead(400)),
        )
        of_b["shift_id"] = (await schedule_shift(staff, physician, location_b, day, "08:00", "17:00"))["id"]
        of_b["template_id"] = await made(
            gw,
            f"/staff/locations/{location_b}/roster-templates",
            {"name": "Weekdays", "entries": [{"staff_id": physician, "weekday": 0, "start": "08:00", "end": "12:00"}]},
        )
        of_b["time_off_id"] = await made(
            gw, "/staff/time-off", {"staff_id": physician, "start": str(days_ahead(60)), "end": str(days_ahead(61))}
        )
        course = await made(gw, "/staff/courses", {"code": f"HIPAA_{tag.upper()}", "name": "HIPAA"}, key="code")

        # Scheduling: two patients, an appointment type, two appointments (one completed for billing), a waitlist.
        visit = (local(day, 10), local(day, 10, 20))

        async def bookable():
            return (await bookability(scheduling, physician, location_b, *visit))["bookable"]

        await eventually(bookable, timeout=40)
        patient = {
            "family_name": "Okafor",
            "given_name": "Ada",
            "birth_date": "1980-02-03",
            "sex": "female",
            "phone": "+1 555 010 3000",
            "location_id": location_b,
            "address": ADDRESS,
        }
        of_b["patient_id"] = of_b["survivor_id"] = await made(gw, "/scheduling/patients", patient)
        of_b["duplicate_id"] = await made(gw, "/scheduling/patients", patient | {"given_name": "Adah"})
        of_b["appointment_type_id"] = await made(
            gw,
            f"/scheduling/locations/{location_b}/appointment-types",
            {"name": "Follow-up", "duration_minutes": 20, "provider_roles": ["physician"]},
        )
        appointment = {"patient_id": of_b["patient_id"], "provider_id": physician, "location_id": location_b}
        visited = await made(
            gw, "/scheduling/appointments", appointment | {"start": visit[0].isoformat(), "end": visit[1].isoformat()}
        )
        of_b["appointment_id"] = await made(
            gw,
            "/scheduling/appointments",
            appointment | {"start": local(day, 11).isoformat(), "end": local(day, 11, 20).isoformat()},
        )
        of_b["entry_id"] = await made(
            gw,
            "/scheduling/waitlist",
            {
                "patient_id": of_b["patient_id"],
                "location_id": location_b,
                "appointment_type_id": of_b["appointment_type_id"],
                "earliest": str(days_ahead(1)),
                "latest": str(days_ahead(40)),
            },
        )
        # A cancelled visit frees time the waitlist entry is offered.
        freed = await made(
            gw,
            "/scheduling/appointments",
            appointment
            | {
                "patient_id": of_b["duplicate_id"],
                "start": local(day, 12).isoformat(),
                "end": local(day, 12, 20).isoformat(),
            },
        )
        await made(
            gw,
            f"/scheduling/appointments/{freed}/cancel",
            {"by": "practice", "reason": "provider ill"},
            key=None,
            ok=(200,),
        )
        sheet = await scheduling.get(f"/locations/{location_b}/day-sheet", params={"day": str(day)})
        assert sheet.status_code == 200 and sheet.json()["waitlist_offers"], sheet.text
        of_b["offer_id"] = sheet.json()["waitlist_offers"][0]["id"]
        # B bills as a practice the scrubber accepts: its profile, and a fee schedule pricing the visit's lines.
        await made(gw, f"/billing/locations/{location_b}/billing-profile", PROFILE, key=None, method="PUT", ok=(200,))
        await made(gw, f"/billing/locations/{location_b}/fee-schedule", FEES, key=None, method="PUT", ok=(200,))
        await made(gw, f"/scheduling/appointments/{visited}/check-in", key=None, ok=(200,))
        await made(gw, f"/scheduling/appointments/{visited}/complete", VISIT, key=None, ok=(200,))

        # Billing: a payer, coverage that opens the visit's claim, a payment, an expense.
        payer = await made(
            gw, "/billing/payers", {"name": f"Payer {tag}", "x12_payer_id": PAYER_X12, "timely_filing_days": 365}
        )

        async def charged():  # coverage added once the visit is charged opens its claim at once
            response = await gw.get(f"/api/v1/billing/appointments/{visited}/charges")
            return response.status_code == 200 and len(response.json()) == 2

        await eventually(charged, timeout=40)

        async def covered():
            response = await gw.post(
                f"/api/v1/billing/patients/{of_b['patient_id']}/coverages",
                json={
                    "payer_id": payer,
                    "member_id": "XZ123456789",
                    "group_number": "GRP-B",
                    "effective_from": str(days_ago(400)),
                },
            )
            assert response.status_code in (201, 404), response.text  # 404 until billing has heard of the patient
            return response.status_code == 201 and response.json()["id"]

        of_b["coverage_id"] = await eventually(covered, timeout=40)

        async def claimed():
            response = await gw.get(f"/api/v1/billing/appointments/{visited}/claims")
            return response.status_code == 200 and response.json() and response.json()[0]

        claim = await eventually(claimed, timeout=40)
        # The scrubber's verdict is read back, not assumed: a claim it holds names each failing rule and field.
        assert claim["status"] == "ready", f"B's claim held by the scrubber: {claim['scrub_failures']}"
        assert [(line["cpt"], line["charge_amount"]) for line in claim["lines"]] == [
            ("99213", "125.00"),
            ("83036", "50.50"),
        ], claim["lines"]  # priced from B's fee schedule
        of_b["claim_id"] = claim["id"]
        of_b["batch_id"] = await made(gw, "/billing/claim-batches", {"location_id": location_b})
        submitted = (await gw.get(f"/api/v1/billing/claims/{claim['id']}")).json()
        assert (submitted["status"], submitted["batch_id"]) == ("submitted", of_b["batch_id"]), submitted
        # The payer pays it: B's remittance. The walk's own 835 then takes that decision back and pays anew,
        # a file that would change B's claim if a location-A token could post it.
        first, correction = remittances_for(submitted, payer=f"Payer {tag}", trace=f"EFT-{tag}")
        response = await gw.post("/api/v1/billing/remittances", json={"x12": first})
        assert response.status_code == 200, response.text
        imported = response.json()
        assert not imported["already_imported"] and imported["unmatched"] == [], imported
        assert [(p["claim_id"], p["status"]) for p in imported["posted"]] == [(claim["id"], "paid")], imported
        of_b["remittance_id"] = imported["remittance_id"]
        of_b["payment_id"] = await made(
            gw,
            "/billing/payments",
            {"patient_id": of_b["patient_id"], "location_id": location_b, "method": "cash", "amount": "20.00"},
            headers={"Idempotency-Key": f"pay-{tag}"},
        )

        # Compliance: an OSHA case, a privacy incident, an access review, a policy version for B.
        of_b["case_id"] = await made(
            gw,
            "/compliance/osha/cases",
            {
                "location_id": location_b,
                "employee_name": "Sam Roe",
                "job_title": "MA",
                "occurred_on": str(days_ago(5)),
                "where": "Exam room",
                "description": "Needlestick",
                "classification": "other_recordable",
                "injury_type": "injury",
                "details_301": {
                    "activity_before": "Recapping",
                    "what_happened": "Stuck",
                    "injury_and_body_part": "Left thumb",
                },
            },
        )
        of_b["incident_id"] = await made(
            gw,
            "/compliance/privacy-incidents",
            {"location_id": location_b, "discovered_on": str(days_ago(2)), "description": "Misfiled fax"},
        )
        policy = await made(gw, "/compliance/policies", {"code": f"sharps_{tag}", "title": "Sharps"})
        version = await made(
            gw,
            f"/compliance/policies/{policy}/versions",
            {"summary": "v1", "effective_on": str(days_ago(1)), "scope_location_ids": [location_b]},
        )
        campaign = (
            await gw.post(
                "/api/v1/compliance/access-reviews",
                json={"name": f"Review {tag}", "location_id": location_b, "due_on": str(days_ahead(30))},
            )
        ).json()
        of_b["campaign_id"] = campaign["id"]
        review_item = campaign["items"][0]["id"] if campaign.get("items") else None

        # An alert at B: a clinician of another location breaks the glass on B's patient.
        outsider = {"Authorization": f"Bearer {token(roles=['clinician'], locations=['loc-elsewhere'], sub='glass')}"}
        opened = await scheduling.get(f"/patients/{of_b['patient_id']}", headers=outsider | GLASS)
        assert opened.status_code == 200, opened.text

        async def alerted():
            response = await gw.get("/api/v1/compliance/alerts", params={"location_id": location_b, "status": "open"})
            return response.status_code == 200 and response.json() and response.json()[0]["alert_id"]

        of_b["alert_id"] = await eventually(alerted, timeout=40)
    finally:
        for client in (facilities, staff, scheduling):
            await client.aclose()
    # Billing's routes get the visit it charged, so an answer that leaks has something to show.
    by_path = {("/supplies/", "item_id"): supply, ("/billing/appointments/", "appointment_id"): visited}
    if review_item:
        by_path[("/access-reviews/", "item_id")] = review_item
    # The walk's 835 names B's claim only inside the file (CLP01, REF*6R): located by construction.
    bodies = {"POST /api/v1/billing/remittances": {"x12": correction}}
    return RecordIds(
        location_b,
        of_b,
        by_path=by_path,
        bodies=bodies,
        group_wide={"payer_id": payer, "course_code": course, "policy_id": policy, "version_id": version},
    )


def remittances_for(claim: dict, *, payer: str, trace: str) -> tuple[str, str]:
    """Two valid, balanced 835s for B's submitted claim: a payment, and (another trace) its reversal and correction.

    CLP01 and REF*6R echo the claim's and lines' control numbers, as the 837P sent them; the payer is B's
    (REF*2U its X12 id), so nothing but the location scope stands between either file and B's claim.
    """

    def paying(status: str, sign: Decimal, paid: tuple[str, str]) -> Clp:
        lines = []
        for line, settled in zip(claim["lines"], paid, strict=True):
            charge, settled = Decimal(line["charge_amount"]), Decimal(settled)
            written_off = [("CO", "45", sign * (charge - settled))] if charge != settled else []
            lines.append(
                Svc(
                    line["cpt"],
                    sign * charge,
                    sign * settled,
                    written_off,
                    line["control_number"],
                    tuple(line["modifiers"]),
                )
            )
        return Clp(claim["control_number"], status, lines, payer_claim_number="PCNB0001")

    first = build_835(
        [paying("1", Decimal(1), ("100.00", "50.50"))],
        trace=trace,
        payer_id=PAYER_X12,
        payer_name=payer,
        control_number=910,
    )
    correction = build_835(
        [paying("22", Decimal(-1), ("100.00", "50.50")), paying("1", Decimal(1), ("110.00", "50.50"))],
        trace=f"{trace}-2",
        payer_id=PAYER_X12,
        payer_name=payer,
        control_number=911,
    )
    for x12 in (first, correction):  # the file billing's strict checks accept: envelope, balancing, pyx12
        assert problems(x12) == [], problems(x12)
    return first, correction
