"""Staff and scheduling on PostgreSQL and the real broker: a cancelled shift, approved time off and a
suspended credential each make the provider unbookable, with the reason, and flag the appointment then."""

import asyncio
from collections import Counter
from datetime import timedelta

import httpx
import pytest

from tests.support.polling import eventually
from tests.support.staff import ISSUED_LONG_AGO, hire, local, open_location, today
from tests.support.suite import token
from tests.support.upstream import wait_bookable

pytestmark = pytest.mark.integration

MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="manager-a")
COMPLIANCE = token(roles=["compliance_officer"], locations=["*"], sub="compliance")
FRONT_DESK = token(roles=["front_desk"], locations=["loc-a"], sub="front-desk")


async def test_cancelled_shift_time_off_and_suspension_reach_scheduling(make_suite):
    suite = make_suite()
    await asyncio.gather(suite.start("staff"), suite.start("scheduling"))
    days = [today() + timedelta(days=n) for n in (3, 4, 5)]
    async with (
        suite.client("staff", MANAGER) as staff,
        suite.client("staff", COMPLIANCE) as compliance,
        suite.client("scheduling", FRONT_DESK) as scheduling,
    ):
        await open_location(suite, staff)
        staff_id = await hire(staff, role="physician", npi="1234567893")
        for credential in (
            {"kind": "state_license", "number": "A1", "issuer": "MBC", "state": "CA"},
            {"kind": "bls", "number": "B-77", "issuer": "AHA"},
        ):
            added = await staff.post(
                f"/members/{staff_id}/credentials",
                json=credential
                | {"issued_on": ISSUED_LONG_AGO.isoformat(), "expires_on": str(today() + timedelta(days=730))},
            )
            assert added.status_code == 201, added.text
            if credential["kind"] == "bls":
                bls = added.json()["id"]
        shifts = []
        for day in days:
            shift = await staff.post(
                "/shifts",
                json={
                    "staff_id": staff_id,
                    "location_id": "loc-a",
                    "start": f"{day}T08:00:00",
                    "end": f"{day}T17:00:00",
                },
            )
            assert shift.status_code == 201, shift.text
            shifts.append(shift.json()["id"])
        slots = [{"start": local(day, 10).isoformat(), "end": local(day, 10, 20).isoformat()} for day in days]
        for slot in slots:
            await wait_bookable(scheduling, staff_id, **slot)
        patient = await scheduling.post(
            "/patients",
            json={
                "family_name": "Rivera",
                "given_name": "Ana",
                "birth_date": "1975-04-12",
                "sex": "female",
                "location_id": "loc-a",
            },
        )
        booked = []
        for slot in slots:
            response = await scheduling.post(
                "/appointments",
                json={"patient_id": patient.json()["id"], "provider_id": staff_id, "location_id": "loc-a", **slot},
            )
            assert response.status_code == 201, response.text
            booked.append(response.json()["id"])

        # Each change flags only the appointment it affects, with its own reason.
        assert (await staff.post(f"/shifts/{shifts[0]}/cancel")).status_code == 200
        await _unbookable_because(scheduling, staff_id, slots[0], "no shift")
        await _flagged_because(scheduling, booked[0], "no shift")

        time_off = await staff.post(
            "/time-off",
            json={
                "staff_id": staff_id,
                "start": f"{days[2]}T09:00:00",
                "end": f"{days[2]}T12:00:00",
                "reason": "conference",
            },
        )
        assert (await staff.post(f"/time-off/{time_off.json()['id']}/approve", json={})).status_code == 200
        await _unbookable_because(scheduling, staff_id, slots[2], "on approved time off")
        await _flagged_because(scheduling, booked[2], "on approved time off")
        coverage = (await staff.get("/locations/loc-a/coverage", params={"day": days[2].isoformat()})).json()
        assert [s["on_time_off"] for s in coverage["on_shift"]] == [True]  # the shift stays, marked

        suspended = await compliance.post(f"/credentials/{bls}/suspend", json={"reason": "card lapsed"})
        assert suspended.status_code == 200, suspended.text
        await _unbookable_because(scheduling, staff_id, slots[1], "BLS")
        await _flagged_because(scheduling, booked[1], "BLS")

        # The exclusion constraint holds under concurrency: one of overlapping requests wins.
        requests = [
            staff.post(
                "/time-off",
                json={
                    "staff_id": staff_id,
                    "start": local(days[1], 13, i).isoformat(),
                    "end": local(days[1], 15).isoformat(),
                },
            )
            for i in range(6)
        ]
        statuses = Counter(r.status_code for r in await asyncio.gather(*requests))
        assert statuses == {201: 1, 409: 5}, statuses


async def _unbookable_because(scheduling: httpx.AsyncClient, staff_id: str, slot: dict, reason: str) -> None:
    async def probe() -> bool:
        response = await scheduling.get(f"/providers/{staff_id}/bookability", params={"location_id": "loc-a", **slot})
        body = response.json()
        return body["bookable"] is False and any(reason in r for r in body["reasons"])

    await eventually(probe)


async def _flagged_because(scheduling: httpx.AsyncClient, appointment_id: str, reason: str) -> None:
    async def probe() -> bool:
        worklist = (await scheduling.get("/locations/loc-a/worklist")).json()
        mine = [a for a in worklist if a["id"] == appointment_id]
        return bool(mine) and mine[0]["needs_reschedule"] and any(reason in r for r in mine[0]["reschedule_reasons"])

    await eventually(probe)
