"""Location B's real records, made through the gateway alone by a group-wide practice admin.

One of each kind a route addresses by id (patients, appointments, claims, payments, OSHA cases, equipment, ...),
so the walk aims a location-A token at records that exist, not at ids that merely look plausible. The practice's
records (facilities, staff, scheduling) come from `location_b_practice`, the billing ones and their 835s from
`location_b_billing`; the compliance ones are made here.
"""

import httpx

from tests.gateway.location_b_billing import build_billing
from tests.gateway.location_b_practice import build_facilities, build_scheduling, build_staff, made
from tests.gateway.route_walk import RecordIds
from tests.support.dates import TUESDAY, days_ago, days_ahead, next_weekday
from tests.support.polling import eventually
from tests.support.suite import token

ZONE = "America/Los_Angeles"
GLASS = {"X-Break-Glass": "patient collapsed in our lobby, history needed"}


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
        supply = await build_facilities(gw, facilities, location_b, tag, of_b)
        physician, course = await build_staff(gw, staff, location_b, day, tag, of_b)
        visited = await build_scheduling(gw, scheduling, location_b, day, physician, of_b)
        payer, correction = await build_billing(gw, location_b, visited, tag, of_b)
        policy, version, review_item = await build_compliance(gw, scheduling, location_b, tag, of_b)
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


async def build_compliance(
    gw: httpx.AsyncClient, scheduling: httpx.AsyncClient, location_b: str, tag: str, of_b: dict[str, str]
) -> tuple[str, str, str | None]:
    """B's compliance records and an alert at B: (policy, version, the access review's first item if any)."""
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
    return policy, version, review_item
