"""Facilities tests: a location and rooms made through facilities' API, staff events played by the test."""

import httpx

from tests.support.suite import token

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
