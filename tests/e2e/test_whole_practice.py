"""The whole practice through Kafka: facilities and staff build it over HTTP, scheduling and billing follow.

No event is published by hand: every fact scheduling and billing use comes from the producing service.
"""

import json
from contextlib import AsyncExitStack
from datetime import datetime, timedelta

import pytest

from shared.clock import local_today
from tests.support.dates import days_ago, days_ahead
from tests.support.flow import VISIT, register_patient
from tests.support.kafka_tools import read_all
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
from tests.support.suite import token

pytestmark = pytest.mark.integration

LOC, ROOM = "loc-e2e", "exam-e2e"
ADMIN = token(roles=["practice_admin"], locations=["*"], sub="admin")
COORDINATOR = token(roles=["facilities_coordinator"], locations=[LOC], sub="coordinator")
MANAGER = token(roles=["office_manager"], locations=[LOC], sub="manager")
COMPLIANCE = token(roles=["compliance_officer"], locations=[LOC], sub="compliance")
FRONT_DESK = token(roles=["front_desk"], locations=[LOC], sub="front-desk")
CLINICIAN = token(roles=["clinician"], locations=[LOC], sub="clinician")
BILLER = token(roles=["biller"], locations=[LOC], sub="biller")


async def test_practice_built_by_its_services_books_bills_and_reacts(make_suite):
    suite = make_suite()
    for service in ("facilities", "staff", "scheduling", "billing"):
        await suite.start(service)
    day = local_today("America/Los_Angeles") + timedelta(days=3)
    first, second = (local(day, 10), local(day, 10, 20)), (local(day, 11), local(day, 11, 20))
    third = (local(day, 12), local(day, 12, 20))  # no room: only the licence can spoil it
    async with AsyncExitStack() as stack:
        c = {
            name: await stack.enter_async_context(suite.client(service, bearer))
            for name, service, bearer in [
                ("admin", "facilities", ADMIN),
                ("coordinator", "facilities", COORDINATOR),
                ("staff", "staff", MANAGER),
                ("compliance", "staff", COMPLIANCE),
                ("desk", "scheduling", FRONT_DESK),
                ("scheduling_manager", "scheduling", MANAGER),
                ("clinician", "scheduling", CLINICIAN),
                ("billing", "billing", BILLER),
            ]
        }
        # 1. facilities: no X-Correlation-ID sent; the service makes one up.
        await open_location(c["admin"], LOC)
        await add_room(c["coordinator"], LOC, ROOM)

        # 2. staff: knows the location (and its timezone) only from facilities' event.
        await staff_knows_location(c["staff"], LOC, day)
        staff_id = await hire_physician(c["staff"], LOC)
        licence = await add_credential(
            c["staff"],
            staff_id,
            kind="state_license",
            number="A12345",
            issuer="Medical Board of California",
            state="CA",
            issued_on=str(days_ago(2000)),
            expires_on=str(days_ahead(730)),
        )
        await add_credential(
            c["staff"],
            staff_id,
            kind="bls",
            number="B-77",
            issuer="AHA",
            issued_on=str(days_ago(300)),
            expires_on=str(days_ahead(730)),
        )
        shift = await schedule_shift(c["staff"], staff_id, LOC, day, "08:00", "17:00")
        assert datetime.fromisoformat(shift["start"]) == local(day, 8)  # read in America/Los_Angeles

        # 3. scheduling learns it all from the events, then books, checks in, completes; billing charges.
        async def bookable():
            return (await bookability(c["desk"], staff_id, LOC, *first))["bookable"]

        await eventually(bookable)
        visit_type = await c["scheduling_manager"].post(
            f"/locations/{LOC}/appointment-types",
            json={"name": "Office visit", "duration_minutes": 20, "room_kind": "exam", "provider_roles": ["physician"]},
        )
        assert visit_type.status_code == 201, visit_type.text
        slots = await c["desk"].get(
            "/slots",
            params={
                "location_id": LOC,
                "appointment_type_id": visit_type.json()["id"],
                "first_day": day.isoformat(),
                "last_day": day.isoformat(),
                "provider_id": staff_id,
            },
        )
        assert slots.status_code == 200, slots.text
        offered = {datetime.fromisoformat(s["start"]): s["room_ids"] for s in slots.json()}
        assert min(offered) == local(day, 8)  # the shift's start, not the 07:00 opening
        assert offered[first[0]] == [ROOM] and offered[second[0]] == [ROOM]

        patient = await register_patient(c["desk"], LOC)
        appointments = []
        in_room = {"room_id": ROOM, "appointment_type_id": visit_type.json()["id"]}
        for (start, end), room in ((first, in_room), (second, in_room), (third, {})):
            booked = await c["desk"].post(
                "/appointments",
                json={
                    "patient_id": patient,
                    "provider_id": staff_id,
                    "location_id": LOC,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                }
                | room,
            )
            assert booked.status_code == 201, booked.text
            appointments.append(booked.json()["id"])
        visited, later, roomless = appointments
        assert (await c["desk"].post(f"/appointments/{visited}/check-in")).status_code == 200
        completed = await c["clinician"].post(f"/appointments/{visited}/complete", json=VISIT)
        assert completed.status_code == 200 and completed.json()["status"] == "fulfilled", completed.text

        async def charged():
            response = await c["billing"].get(f"/appointments/{visited}/charges")
            assert response.status_code == 200, response.text
            return response.json() if len(response.json()) >= 2 else None

        charges = await eventually(charged)
        assert [(ch["cpt"], ch["diagnosis_codes"]) for ch in charges] == [
            ("99213", ["E11.9", "I10"]),
            ("83036", ["E11.9"]),
        ]
        assert {(ch["provider_id"], ch["date_of_service"]) for ch in charges} == {(staff_id, day.isoformat())}

        # 4. facilities takes the room out: scheduling flags the appointment still booked in it.
        out = await c["coordinator"].post(f"/rooms/{ROOM}/out-of-service", json={"reason": "ceiling leak"})
        assert out.status_code == 200 and out.json()["status"] == "out_of_service", out.text

        async def flagged(count: int = 1):
            response = await c["desk"].get(f"/locations/{LOC}/worklist")
            assert response.status_code == 200, response.text
            return response.json() if len(response.json()) >= count else None

        worklist = await eventually(flagged)
        assert [a["id"] for a in worklist] == [later]
        assert worklist[0]["needs_reschedule"] and "ceiling leak" in " ".join(worklist[0]["reschedule_reasons"])

        # ... and staff suspends the licence: scheduling says why the physician cannot be booked.
        suspended = await c["compliance"].post(f"/credentials/{licence['id']}/suspend", json={"reason": "board action"})
        assert suspended.status_code == 200 and suspended.json()["status"] == "suspended", suspended.text

        async def unbookable():
            answer = await bookability(c["desk"], staff_id, LOC, *second)
            return None if answer["bookable"] else answer

        reasons = (await eventually(unbookable))["reasons"]
        assert reasons == [f"no active CA state licence on {day}"], reasons
        worklist = await eventually(lambda: flagged(2))
        assert [a["id"] for a in worklist] == [later, roomless]
        assert worklist[1]["reschedule_reasons"] == reasons

        # Every event names the service that produced it.
        for topic, source, count in (
            ("facilities.location", "facilities", 1),
            ("facilities.room", "facilities", 2),
            ("staff.member", "staff", 1),
            ("staff.credential", "staff", 3),
            ("staff.shift", "staff", 1),
        ):
            records = await read_all(suite.bootstrap, suite.topic(topic), expect=count, timeout=5)
            assert len(records) == count, (topic, records)
            assert {dict(r.headers)["ce_source"].decode() for r in records} == {f"/clinicops/{source}"}, topic
            assert all(dict(r.headers).get("ce_correlationid") for r in records), topic
        room_events = await read_all(suite.bootstrap, suite.topic("facilities.room"), expect=2, timeout=5)
        assert [dict(r.headers)["ce_type"].decode() for r in room_events] == [
            "facilities.room.created",
            "facilities.room.out_of_service",
        ]
        assert json.loads(room_events[-1].value)["reason"] == "ceiling leak"
