"""Booking: the database refuses double bookings under concurrency; Idempotency-Key replays."""

import asyncio

import pytest

from tests.support.flow import practice, register_patient
from tests.support.suite import ADMIN_A
from tests.support.when import span, utc

pytestmark = pytest.mark.integration
SLOT = {"provider_id": "prov-1", "location_id": "loc-a", **span(2, "14:00", 30)}  # the shift's first half hour


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_fifty_concurrent_bookings_of_one_slot_make_exactly_one_appointment(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-1",))
        patients = [await register_patient(scheduling) for _ in range(50)]
        responses = await asyncio.gather(
            *(scheduling.post("/appointments", json=SLOT | {"patient_id": p}) for p in patients)
        )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 49
    refused = [r.json() for r in responses if r.status_code == 409]
    assert {(r["field"], r["message"]) for r in refused} == {("provider_id", "provider already booked at that time")}
    assert await suite.scalar("scheduling", "SELECT count(*) FROM appointment") == 1
    assert (
        await suite.scalar("scheduling", "SELECT count(*) FROM outbox WHERE topic LIKE '%scheduling.appointment'") == 1
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_patient_and_room_cannot_be_in_two_places_but_back_to_back_is_fine(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-1", "prov-2"))
        patient, other = await register_patient(scheduling), await register_patient(scheduling)
        first = await scheduling.post("/appointments", json=SLOT | {"patient_id": patient, "room_id": "exam-1"})
        assert first.status_code == 201, first.text
        same_patient = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, "provider_id": "prov-2", "start": utc(2, "14:15")}
        )
        assert (same_patient.status_code, same_patient.json()["field"]) == (409, "patient_id")
        same_room = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": other, "provider_id": "prov-2", "room_id": "exam-1"}
        )
        assert (same_room.status_code, same_room.json()["field"]) == (409, "room_id")
        back_to_back = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, "room_id": "exam-1", **span(2, "14:30", 30)}
        )
        assert back_to_back.status_code == 201, back_to_back.text


async def test_a_retried_booking_with_the_same_idempotency_key_returns_the_first(make_suite):
    suite = make_suite("postgresql")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-1",))
        patient = await register_patient(scheduling)
        body, key = SLOT | {"patient_id": patient}, {"Idempotency-Key": "book-123"}
        first = await scheduling.post("/appointments", json=body, headers=key)
        retry = await scheduling.post("/appointments", json=body, headers=key)
        assert (first.status_code, retry.status_code) == (201, 200)
        assert retry.json()["id"] == first.json()["id"]
        changed = await scheduling.post("/appointments", json=body | {"provider_id": "prov-9"}, headers=key)
        assert (changed.status_code, changed.json()["field"]) == (422, "Idempotency-Key")
    assert await suite.scalar("scheduling", "SELECT count(*) FROM appointment") == 1
    booked = "SELECT count(*) FROM outbox WHERE topic LIKE '%scheduling.appointment'"
    assert await suite.scalar("scheduling", booked) == 1  # the retry published nothing
