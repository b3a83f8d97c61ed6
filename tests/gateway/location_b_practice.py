"""Location B's practice records through the gateway: the facilities, staff and scheduling ones.

Each builder fills `of_b` (B's ids by the field name a route gives them) and returns what a later builder needs.
`made` is the one request every location-B builder sends its writes through.
"""

from datetime import date

import httpx

from tests.support.claim_flow import ADDRESS
from tests.support.dates import days_ago, days_ahead
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


async def made(
    gw: httpx.AsyncClient, path: str, body=None, *, key: str = "id", method: str = "POST", ok=(201,), **kw
) -> str:
    response = await gw.request(method, f"/api/v1{path}", json=body, **kw)
    assert response.status_code in ok, f"{method} {path}: {response.status_code} {response.text}"
    return response.json()[key] if key else ""


async def build_facilities(
    gw: httpx.AsyncClient, facilities: httpx.AsyncClient, location_b: str, tag: str, of_b: dict[str, str]
) -> str:
    """The location, a room, equipment with a due maintenance task, a work order, stock, an order: the supply's id."""
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
    return supply


async def build_staff(
    gw: httpx.AsyncClient, staff: httpx.AsyncClient, location_b: str, day: date, tag: str, of_b: dict[str, str]
) -> tuple[str, str]:
    """A licensed physician on shift at B, a roster template, time off, a training course: (physician, course)."""
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
        gw,
        "/staff/time-off",
        {"staff_id": physician, "start": f"{days_ahead(60)}T00:00:00", "end": f"{days_ahead(61)}T00:00:00"},
    )
    course = await made(gw, "/staff/courses", {"code": f"HIPAA_{tag.upper()}", "name": "HIPAA"}, key="code")
    return physician, course


async def build_scheduling(
    gw: httpx.AsyncClient,
    scheduling: httpx.AsyncClient,
    location_b: str,
    day: date,
    physician: str,
    of_b: dict[str, str],
) -> str:
    """Two patients, an appointment type, appointments, a waitlist offer: the id of the visit billing will charge."""
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
    return visited
