"""Steps the staff integration tests share: a known location, hiring, running the daily check."""

from datetime import date, datetime
from datetime import time as clock
from zoneinfo import ZoneInfo

import httpx

from shared.clock import local_today
from shared.contracts.facilities import LocationOpened
from tests.support.dates import days_ago
from tests.support.polling import eventually
from tests.support.upstream import publish

LA = ZoneInfo("America/Los_Angeles")
HIRED_LONG_AGO, ISSUED_LONG_AGO = days_ago(2000), days_ago(1000)


def today() -> date:
    """Today at loc-a (Los Angeles), from the services' clock."""
    return local_today(LA)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time at loc-a (Los Angeles)."""
    return datetime.combine(day, clock(hour, minute), LA)


async def open_location(suite, staff: httpx.AsyncClient, location_id: str = "loc-a") -> None:
    """Play facilities: announce a Los Angeles location, and wait until staff has projected it."""
    await publish(
        suite,
        LocationOpened(
            location_id=location_id, name=f"Clinic {location_id}", state="CA", timezone="America/Los_Angeles"
        ),
        location_id,
    )

    async def known() -> bool:
        response = await staff.get(f"/locations/{location_id}/coverage", params={"day": today().isoformat()})
        return response.status_code == 200

    await eventually(known)


async def hire(staff: httpx.AsyncClient, **fields) -> str:
    body = {
        "given_name": "Dana",
        "family_name": "Lee",
        "home_location_id": "loc-a",
        "hired_on": HIRED_LONG_AGO.isoformat(),
    }
    response = await staff.post("/members", json=body | fields)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def check(staff: httpx.AsyncClient, as_of: date) -> dict:
    response = await staff.post("/checks/daily", params={"as_of": as_of.isoformat()})
    assert response.status_code == 200, response.text
    return response.json()
