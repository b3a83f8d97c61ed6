"""Booking: the database refuses double bookings under concurrency; Idempotency-Key replays."""

import asyncio

import pytest

from tests.e2e.conftest import ADMIN_A
from tests.e2e.flow import practice, register_patient

pytestmark = pytest.mark.integration
SLOT = {"provider_id": "prov-1", "location_id": "loc-a", "start": "2026-12-03T14:00:00Z",
        "end": "2026-12-03T14:30:00Z"}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_fifty_concurrent_bookings_of_one_slot_make_exactly_one_appointment(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-1",))
        patients = [await register_patient(scheduling) for _ in range(50)]
        responses = await asyncio.gather(*(
            scheduling.post("/appointments", json=SLOT | {"patient_id": p}) for p in patients))

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 49
    refused = [r.json() for r in responses if r.status_code == 409]
    assert {(r["field"], r["message"]) for r in refused} == {("provider_id", "provider already booked at that time")}
    assert await suite.scalar("scheduling", "SELECT count(*) FROM appointment") == 1
    assert await suite.scalar("scheduling", "SELECT count(*) FROM outbox WHERE topic LIKE '%scheduling.appointment'") == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_patient_and_room_cannot_be_in_two_places_but_back_to_back_is_fine(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-1", "prov-2"))
        patient, other = await register_patient(scheduling), await register_patient(scheduling)
        first = await scheduling.post("/appointments", json=SLOT | {"patient_id": patient, "room_id": "exam-1"})
        assert first.status_code == 201, first.text
        same_patient = await scheduling.post("/appointments", json=SLOT | {
            "patient_id": patient, "provider_id": "prov-2", "start": "2026-12-03T14:15:00Z"})
        assert (same_patient.status_code, same_patient.json()["field"]) == (409, "patient_id")
        same_room = await scheduling.post("/appointments", json=SLOT | {
            "patient_id": other, "provider_id": "prov-2", "room_id": "exam-1"})
        assert (same_room.status_code, same_room.json()["field"]) == (409, "room_id")
        back_to_back = await scheduling.post("/appointments", json=SLOT | {
            "patient_id": patient, "room_id": "exam-1", "start": "2026-12-03T14:30:00Z",
            "end": "2026-12-03T15:00:00Z"})
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


async def test_a_weekly_series_keeps_its_local_time_and_one_occurrence_moves_alone(make_suite):
    suite = make_suite("postgresql")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-1",))
        patient = await register_patient(scheduling)
        daily = {**SLOT, "patient_id": patient, "start": "2026-12-01T15:00:00Z", "end": "2026-12-01T15:20:00Z",
                 "every": 1, "unit": "day", "count": 3}
        series = await scheduling.post("/appointment-series", json=daily)
        assert series.status_code == 201, series.text
        assert [a["start"] for a in series.json()] == [
            "2026-12-01T15:00:00Z", "2026-12-02T15:00:00Z", "2026-12-03T15:00:00Z"]
        assert len({a["series_id"] for a in series.json()}) == 1
        # One occurrence cancelled alone; the others stay booked.
        await scheduling.post(f"/appointments/{series.json()[1]['id']}/cancel", json={"by": "patient", "reason": "trip"})
        statuses = [(await scheduling.get(f"/appointments/{a['id']}")).json()["status"] for a in series.json()]
        assert statuses == ["booked", "cancelled", "booked"]
        # A series that runs into a day without a shift is refused whole, naming the occurrence.
        clash = await scheduling.post("/appointment-series", json=daily | {
            "patient_id": await register_patient(scheduling), "start": "2026-12-02T16:00:00Z",
            "end": "2026-12-02T16:20:00Z"})
        assert clash.status_code == 409 and clash.json()["occurrence"] == 3, clash.text  # 4 Dec: no shift
        both = await scheduling.post("/appointment-series", json=daily | {"until": "2026-12-05"})
        assert [e["field"] for e in both.json()["errors"]] == ["body.count"]
    assert await suite.scalar("scheduling", "SELECT count(*) FROM appointment") == 3


def test_weekly_occurrences_keep_the_local_wall_clock_across_dst():
    from zoneinfo import ZoneInfo

    from services.scheduling.schemas import SeriesIn
    from services.scheduling.series import occurrences

    rule = SeriesIn(patient_id="p", provider_id="d", location_id="l", start="2026-10-27T16:00:00Z",
                    end="2026-10-27T16:30:00Z", every=1, unit="week", count=3)
    starts = [o.start.astimezone(ZoneInfo("America/New_York")) for o in occurrences(rule, ZoneInfo("America/New_York"))]
    assert [s.strftime("%m-%d %H:%M %z") for s in starts] == [
        "10-27 12:00 -0400", "11-03 12:00 -0500", "11-10 12:00 -0500"]
