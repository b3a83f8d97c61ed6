"""Staff and scheduling on PostgreSQL and the real broker: hiring, credentials and shifts make a provider
bookable; the expiry check makes them unbookable, flags their appointments and announces each fact once."""

import asyncio
import json
from collections import Counter
from datetime import date, datetime, timedelta

import httpx
import pytest

from tests.support.kafka_tools import read_all
from tests.support.polling import eventually
from tests.support.staff import HIRED_LONG_AGO, ISSUED_LONG_AGO, check, hire, local, open_location, today
from tests.support.suite import token
from tests.support.upstream import wait_bookable

pytestmark = pytest.mark.integration

MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="manager-a")
OTHER_MANAGER = token(roles=["office_manager"], locations=["loc-b"], sub="manager-b")
COMPLIANCE = token(roles=["compliance_officer"], locations=["*"], sub="compliance")
FRONT_DESK = token(roles=["front_desk"], locations=["loc-a"], sub="front-desk")


async def test_hire_to_bookable_then_expiry_makes_unbookable_once(make_suite):
    suite = make_suite()
    await asyncio.gather(suite.start("staff"), suite.start("scheduling"))
    today_la = today()
    day = today_la + timedelta(days=3)
    licence_expiry = today_la + timedelta(days=100)
    async with (
        suite.client("staff", MANAGER) as staff,
        suite.client("staff", COMPLIANCE) as compliance,
        suite.client("scheduling", FRONT_DESK) as scheduling,
    ):
        await open_location(suite, staff)
        # Validation names the field, and nothing is written.
        bad = await staff.post(
            "/members",
            json={
                "given_name": "X",
                "family_name": "Y",
                "role": "physician",
                "npi": "1234567890",
                "home_location_id": "loc-a",
                "hired_on": HIRED_LONG_AGO.isoformat(),
            },
        )
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.npi", bad.text

        staff_id = await hire(staff, role="physician", npi="1234567893")
        licence = (
            await staff.post(
                f"/members/{staff_id}/credentials",
                json={
                    "kind": "state_license",
                    "number": "A12345",
                    "issuer": "Medical Board of California",
                    "state": "CA",
                    "issued_on": ISSUED_LONG_AGO.isoformat(),
                    "expires_on": licence_expiry.isoformat(),
                },
            )
        ).json()
        bls = await staff.post(
            f"/members/{staff_id}/credentials",
            json={
                "kind": "bls",
                "number": "B-77",
                "issuer": "AHA",
                "issued_on": ISSUED_LONG_AGO.isoformat(),
                "expires_on": (today_la + timedelta(days=730)).isoformat(),
            },
        )
        assert bls.status_code == 201, bls.text
        shift = await staff.post(
            "/shifts",
            json={"staff_id": staff_id, "location_id": "loc-a", "start": f"{day}T08:00:00", "end": f"{day}T17:00:00"},
        )
        assert shift.status_code == 201, shift.text
        assert datetime.fromisoformat(shift.json()["start"]) == local(day, 8)  # local wall-clock time at loc-a

        slot = {"start": local(day, 10).isoformat(), "end": local(day, 10, 20).isoformat()}
        await wait_bookable(scheduling, staff_id, location_id="loc-a", **slot)
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
        booked = await scheduling.post(
            "/appointments",
            json={"patient_id": patient.json()["id"], "provider_id": staff_id, "location_id": "loc-a", **slot},
        )
        assert booked.status_code == 201, booked.text

        # 45 days out: the 60-day notice (90 is moot); 10 days out: the 30-day notice; then expired.
        after = licence_expiry + timedelta(days=1)
        runs = [
            await check(compliance, as_of)
            for as_of in (
                licence_expiry - timedelta(days=45),
                licence_expiry - timedelta(days=45),
                licence_expiry - timedelta(days=10),
                after,
                after,
            )
        ]
        assert [(r["expiring"], r["expired"]) for r in runs] == [(1, 0), (0, 0), (1, 0), (0, 1), (0, 0)]
        # HIPAA privacy and security, OSHA bloodborne pathogens: never done since hired years ago; announced once each.
        assert [r["training_overdue"] for r in runs] == [3, 0, 0, 0, 0]

        await eventually(lambda: _unbookable(scheduling, staff_id, slot))
        worklist = await scheduling.get("/locations/loc-a/worklist")
        flagged = [a for a in worklist.json() if a["id"] == booked.json()["id"]]
        assert flagged and flagged[0]["needs_reschedule"], worklist.text
        assert any("licence" in reason for reason in flagged[0]["reschedule_reasons"])

        await _overlapping_shifts_are_refused(staff, staff_id, day + timedelta(days=2))
        await _coverage_shows_the_gap(staff, staff_id, day)
        assert (await staff.get(f"/members/{staff_id}")).status_code == 200
        async with suite.client("staff", OTHER_MANAGER) as outsider:
            assert (await outsider.get(f"/members/{staff_id}")).status_code == 403  # no BOLA by id

    records = await read_all(suite.bootstrap, suite.topic("staff.credential"), expect=5)
    announced = Counter(
        (dict(r.headers)["ce_type"].decode(), json.loads(r.value).get("threshold_days")) for r in records
    )
    assert announced == {
        ("staff.credential.added", None): 2,
        ("staff.credential.expiring", 60): 1,
        ("staff.credential.expiring", 30): 1,
        ("staff.credential.expired", None): 1,
    }
    assert all(r.key == licence["id"].encode() for r in records if b"expir" in dict(r.headers)["ce_type"])
    audits = await read_all(suite.bootstrap, suite.topic("staff.audit"), expect=2)
    reads = [json.loads(r.value) for r in audits if json.loads(r.value)["action"] == "read"]
    assert reads and reads[0]["resource"] == "staff_member" and reads[0]["patient_id"] is None


async def _unbookable(scheduling: httpx.AsyncClient, staff_id: str, slot: dict) -> bool:
    response = await scheduling.get(f"/providers/{staff_id}/bookability", params={"location_id": "loc-a", **slot})
    return response.json()["bookable"] is False


async def _overlapping_shifts_are_refused(staff: httpx.AsyncClient, staff_id: str, day: date) -> None:
    attempts = [
        staff.post(
            "/shifts",
            json={
                "staff_id": staff_id,
                "location_id": "loc-a",
                "start": local(day, 8, i).isoformat(),
                "end": local(day, 12).isoformat(),
            },
        )
        for i in range(10)
    ]
    statuses = Counter(r.status_code for r in await asyncio.gather(*attempts))
    assert statuses == {201: 1, 409: 9}, statuses


async def _coverage_shows_the_gap(staff: httpx.AsyncClient, physician_id: str, day: date) -> None:
    rule = await staff.post(
        "/locations/loc-a/staffing-rules",
        json={"role": "medical_assistant", "minimum": 2, "start": "08:00", "end": "17:00"},
    )
    assert rule.status_code == 201, rule.text
    assistant = await hire(staff, given_name="Sam", role="medical_assistant")
    assert (
        await staff.post(
            "/shifts",
            json={"staff_id": assistant, "location_id": "loc-a", "start": f"{day}T08:00:00", "end": f"{day}T12:00:00"},
        )
    ).status_code == 201
    response = await staff.get("/locations/loc-a/coverage", params={"day": day.isoformat()})
    assert response.status_code == 200, response.text
    body = response.json()
    assert {(s["staff_id"], s["role"]) for s in body["on_shift"]} == {
        (physician_id, "physician"),
        (assistant, "medical_assistant"),
    }
    gaps = [
        (g["role"], g["required"], g["scheduled"], datetime.fromisoformat(g["start"]), datetime.fromisoformat(g["end"]))
        for g in body["gaps"]
    ]
    assert gaps == [
        ("medical_assistant", 2, 1, local(day, 8), local(day, 12)),
        ("medical_assistant", 2, 0, local(day, 12), local(day, 17)),
    ]
