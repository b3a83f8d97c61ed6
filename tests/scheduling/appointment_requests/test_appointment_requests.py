"""Appointment requests from the inbox: kept once as `proposed`, booked with the desk's rules, announced."""

import asyncio
import json

import pytest

from shared.clock import utcnow
from shared.contracts.inbox import AppointmentRequested
from shared.contracts.scheduling import AppointmentRequestBooked, AppointmentRequestProposed
from tests.support.flow import practice, register_patient
from tests.support.kafka_tools import read_all
from tests.support.suite import token
from tests.support.upstream import SLOT_END, SLOT_START, publish

pytestmark = pytest.mark.integration
DESK = token(roles=["front_desk"], locations=["loc-a"], sub="desk-1")
OTHER_DESK = token(roles=["front_desk"], locations=["loc-b"])


async def _pending(scheduling, expect: int) -> list[dict]:
    for _ in range(150):
        listed = (await scheduling.get("/appointment-requests")).json()
        if len(listed) >= expect:
            return listed
        await asyncio.sleep(0.2)
    raise AssertionError(f"expected {expect} pending requests, got {listed}")


async def test_a_request_is_kept_once_booked_from_a_slot_and_the_booking_announced(make_suite):
    suite = make_suite()
    await suite.start("scheduling")
    async with suite.client("scheduling", DESK) as scheduling:
        await practice(suite, scheduling)
        patient_id = await register_patient(scheduling)
        asked = AppointmentRequested(
            message_id="msg-1",
            location_id="loc-a",
            patient_id=patient_id,
            provider_id="prov-7",
            preferred_days=["tue", "thu", "someday"],
            note="mornings",
            received_at=utcnow(),
        )
        await publish(suite, asked, "msg-1")
        await publish(suite, asked, "msg-1")  # a second delivery (a new event id): still one request
        [request] = await _pending(scheduling, 1)
        await asyncio.sleep(1)
        assert len((await scheduling.get("/appointment-requests")).json()) == 1
        assert (request["status"], request["patient_id"], request["preferred_days"]) == (
            "proposed",
            patient_id,
            ["tue", "thu"],
        )
        proposed = await read_all(suite.bootstrap, suite.topic(AppointmentRequestProposed.topic()), expect=1, timeout=3)
        assert [json.loads(r.value)["request_id"] for r in proposed] == [request["id"]]  # announced once

        async with suite.client("scheduling", OTHER_DESK) as other:
            assert (await other.get(f"/appointment-requests/{request['id']}")).status_code == 404
            refused = await other.post(
                f"/appointment-requests/{request['id']}/book",
                json={"provider_id": "prov-7", "start": SLOT_START, "end": SLOT_END},
            )
            assert refused.status_code == 403

        booked = await scheduling.post(
            f"/appointment-requests/{request['id']}/book",
            json={"provider_id": "prov-7", "start": SLOT_START, "end": SLOT_END},
        )
        assert booked.status_code == 201, booked.text
        appointment = booked.json()
        assert (appointment["status"], appointment["patient_id"]) == ("booked", patient_id)
        again = await scheduling.post(
            f"/appointment-requests/{request['id']}/book",
            json={"provider_id": "prov-7", "start": SLOT_START, "end": SLOT_END},
        )
        assert again.status_code == 409
        shown = (await scheduling.get(f"/appointment-requests/{request['id']}")).json()
        assert (shown["status"], shown["appointment_id"]) == ("booked", appointment["id"])
        assert (await scheduling.get("/appointment-requests")).json() == []

    records = await read_all(suite.bootstrap, suite.topic(AppointmentRequestBooked.topic()), expect=2)
    [data] = [
        json.loads(r.value)
        for r in records
        if dict(r.headers)["ce_type"] == AppointmentRequestBooked.event_type.encode()
    ]
    assert (data["source_ref"], data["appointment_id"], data["booked_by"]) == ("msg-1", appointment["id"], "desk-1")


async def test_a_request_without_a_patient_needs_one_and_an_unbookable_slot_leaves_it_proposed(make_suite):
    suite = make_suite()
    await suite.start("scheduling")
    async with suite.client("scheduling", DESK) as scheduling:
        await practice(suite, scheduling)
        await publish(
            suite, AppointmentRequested(message_id="msg-2", location_id="loc-a", received_at=utcnow()), "msg-2"
        )
        [request] = await _pending(scheduling, 1)
        url = f"/appointment-requests/{request['id']}/book"
        missing = await scheduling.post(url, json={"provider_id": "prov-7", "start": SLOT_START, "end": SLOT_END})
        assert (missing.status_code, missing.json()["field"]) == (422, "patient_id")
        patient_id = await register_patient(scheduling)
        closed = await scheduling.post(
            url,
            json={
                "provider_id": "prov-7",
                "patient_id": patient_id,
                "start": SLOT_START.replace("15:00", "03:00"),
                "end": SLOT_END.replace("15:20", "03:20"),
            },
        )
        assert closed.status_code in (409, 422), closed.text  # outside the provider's shift: the desk's rules apply
        assert (await scheduling.get(url.removesuffix("/book"))).json()["status"] == "proposed"
