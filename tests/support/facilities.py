"""Facilities tests: a location and rooms made through facilities' API, staff events played by the test."""

import asyncio
from datetime import datetime

import httpx

from shared.contracts.staff import CredentialAdded, ShiftScheduled, StaffMemberHired
from tests.support.suite import token
from tests.support.upstream import EXPIRES_ON, HIRED_ON, ISSUED_ON, SHIFT_DAYS, publish

ADMIN = token(roles=["practice_admin"], locations=["*"], sub="admin")
COORDINATOR_A = token(roles=["facilities_coordinator"], locations=["loc-a"], sub="coord-a")
COORDINATOR_AB = token(roles=["facilities_coordinator"], locations=["loc-a", "loc-b"], sub="coord-ab")
COORDINATOR_B = token(roles=["facilities_coordinator"], locations=["loc-b"], sub="coord-b")
FRONT_DESK_A = token(roles=["front_desk"], locations=["loc-a"], sub="desk-a")
ADDRESS = {"line1": "1 Main St", "city": "San Jose", "state": "CA", "postal_code": "95113"}


def location_body(location_id: str, **extra) -> dict:
    return {
        "location_id": location_id,
        "name": f"Clinic {location_id}",
        "address": ADDRESS,
        "state": "CA",
        "timezone": "America/Los_Angeles",
        "cancellation_notice_hours": 24,
        "opening_hours": [{"weekday": d, "opens": "06:00", "closes": "18:00"} for d in range(5)],
    } | extra


async def open_location(facilities: httpx.AsyncClient, location_id: str) -> dict:
    response = await facilities.post("/locations", json=location_body(location_id))
    assert response.status_code == 201, response.text
    return response.json()


async def hire_provider(suite, staff_id: str = "prov-7", location_id: str = "loc-a") -> None:
    """Staff's events only: a CA-licensed, BLS-certified physician on shift 14:00-23:00 UTC."""
    await publish(
        suite,
        StaffMemberHired(
            staff_id=staff_id,
            given_name="Dana",
            family_name="Lee",
            role="physician",
            npi="1234567893",
            home_location_id=location_id,
            location_ids=[location_id],
            hired_on=HIRED_ON,
        ),
        staff_id,
    )
    for kind, state in (("state_license", "CA"), ("bls", None)):
        await publish(
            suite,
            CredentialAdded(
                credential_id=f"{staff_id}-{kind}",
                staff_id=staff_id,
                kind=kind,
                number="A12345",
                issuer="Medical Board",
                state=state,
                issued_on=ISSUED_ON,
                expires_on=EXPIRES_ON,
            ),
            staff_id,
        )
    for day in SHIFT_DAYS:
        await publish(
            suite,
            ShiftScheduled(
                shift_id=f"{staff_id}-{day}",
                staff_id=staff_id,
                location_id=location_id,
                start=datetime.fromisoformat(f"{day}T14:00Z"),
                end=datetime.fromisoformat(f"{day}T23:00Z"),
            ),
            staff_id,
        )


async def eventually(check, timeout: float = 30.0):
    """Poll `check` until it returns something truthy."""
    for _ in range(int(timeout / 0.2)):
        if result := await check():
            return result
        await asyncio.sleep(0.2)
    raise TimeoutError(f"{check.__name__} never held")
