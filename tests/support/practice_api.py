"""Builds a practice through the real facilities and staff APIs (no hand-published events)."""

from datetime import date, datetime
from datetime import time as clock
from zoneinfo import ZoneInfo

import httpx

from tests.support.dates import days_ago
from tests.support.polling import eventually

ADDRESS = {"line1": "1 Main St", "city": "San Jose", "state": "CA", "postal_code": "95113"}
VALID_NPI = "1234567893"


def local(day: date, hour: int, minute: int = 0, timezone: str = "America/Los_Angeles") -> datetime:
    """A wall-clock time at a location, as an aware instant."""
    return datetime.combine(day, clock(hour, minute), ZoneInfo(timezone))


async def open_location(
    facilities: httpx.AsyncClient, location_id: str, *, timezone: str = "America/Los_Angeles", state: str = "CA"
) -> dict:
    """A practice admin opens a location, open 07:00-19:00 local every day."""
    response = await facilities.post(
        "/locations",
        json={
            "location_id": location_id,
            "name": f"Clinic {location_id}",
            "address": ADDRESS,
            "state": state,
            "timezone": timezone,
            "cancellation_notice_hours": 24,
            "opening_hours": [{"weekday": d, "opens": "07:00", "closes": "19:00"} for d in range(7)],
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


async def add_room(facilities: httpx.AsyncClient, location_id: str, room_id: str, kind: str = "exam") -> dict:
    response = await facilities.post(
        f"/locations/{location_id}/rooms", json={"room_id": room_id, "name": room_id, "kind": kind}
    )
    assert response.status_code == 201, response.text
    return response.json()


async def staff_knows_location(staff: httpx.AsyncClient, location_id: str, day: date) -> None:
    """Wait until staff has projected facilities' location event (its coverage answers 200, not 422)."""

    async def known() -> bool:
        response = await staff.get(f"/locations/{location_id}/coverage", params={"day": day.isoformat()})
        return response.status_code == 200

    await eventually(known)


async def hire_physician(staff: httpx.AsyncClient, location_id: str) -> str:
    response = await staff.post(
        "/members",
        json={
            "given_name": "Dana",
            "family_name": "Lee",
            "role": "physician",
            "npi": VALID_NPI,
            "home_location_id": location_id,
            "hired_on": str(days_ago(2000)),
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def add_credential(staff: httpx.AsyncClient, staff_id: str, **fields) -> dict:
    response = await staff.post(f"/members/{staff_id}/credentials", json=fields)
    assert response.status_code == 201, response.text
    return response.json()


async def schedule_shift(
    staff: httpx.AsyncClient, staff_id: str, location_id: str, day: date, start: str, end: str
) -> dict:
    """A shift in local wall-clock time (no offset): staff reads it in the location's timezone."""
    response = await staff.post(
        "/shifts",
        json={"staff_id": staff_id, "location_id": location_id, "start": f"{day}T{start}:00", "end": f"{day}T{end}:00"},
    )
    assert response.status_code == 201, response.text
    return response.json()


async def bookability(
    scheduling: httpx.AsyncClient, staff_id: str, location_id: str, start: datetime, end: datetime
) -> dict:
    response = await scheduling.get(
        f"/providers/{staff_id}/bookability",
        params={"location_id": location_id, "start": start.isoformat(), "end": end.isoformat()},
    )
    assert response.status_code == 200, response.text
    return response.json()
