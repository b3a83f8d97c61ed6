"""The thin first flow driven over HTTP: patient -> appointment -> check-in -> completion."""

import asyncio
import time

import httpx

from tests.support.upstream import SHIFT_DAYS, SLOT_END, SLOT_START, seed_practice, wait_bookable

VISIT = {
    "diagnosis_codes": ["E11.9", "I10"],
    "service_lines": [
        {"cpt": "99213", "modifiers": ["25"], "diagnosis_pointers": [1, 2]},
        {"cpt": "83036", "modifiers": ["QW"], "units": 1, "diagnosis_pointers": [1]},
    ],
}


async def register_patient(scheduling: httpx.AsyncClient, location_id: str = "loc-a") -> str:
    response = await scheduling.post(
        "/patients",
        json={
            "family_name": "Rivera",
            "given_name": "Ana",
            "birth_date": "1975-04-12",
            "sex": "female",
            "phone": "+1 555 010 2000",
            "location_id": location_id,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def practice(suite, scheduling: httpx.AsyncClient, providers=("prov-7",)) -> None:
    """Once per suite: the staff and facilities events that make the providers bookable."""
    if getattr(suite, "seeded", None) != providers:
        await seed_practice(suite, providers=providers)
        for staff_id in providers:  # every shift day: its shifts are events that may be handled in any order
            for day in SHIFT_DAYS:
                await wait_bookable(scheduling, staff_id, start=f"{day}T15:00:00Z", end=f"{day}T15:20:00Z")
        suite.seeded = providers


async def book_and_check_in(suite, scheduling: httpx.AsyncClient, location_id: str = "loc-a") -> str:
    await practice(suite, scheduling)
    patient_id = await register_patient(scheduling, location_id)
    response = await scheduling.post(
        "/appointments",
        json={
            "patient_id": patient_id,
            "provider_id": "prov-7",
            "location_id": location_id,
            "start": SLOT_START,
            "end": SLOT_END,  # the first seeded shift day, two weeks or more out
        },
    )
    assert response.status_code == 201, response.text
    appointment_id = response.json()["id"]
    assert (await scheduling.post(f"/appointments/{appointment_id}/check-in")).status_code == 200
    return appointment_id


async def complete(scheduling: httpx.AsyncClient, appointment_id: str, **headers) -> httpx.Response:
    return await scheduling.post(f"/appointments/{appointment_id}/complete", json=VISIT, headers=headers)


async def wait_for_charges(
    billing: httpx.AsyncClient, appointment_id: str, count: int = 2, timeout: float = 45.0
) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = await billing.get(f"/appointments/{appointment_id}/charges")
        assert response.status_code == 200, response.text
        if len(charges := response.json()) >= count:
            return charges
        await asyncio.sleep(0.2)
    raise TimeoutError(f"no {count} charges for {appointment_id} after {timeout} s")
