"""The waitlist: a freed slot is held for the best-ranked fitting patient, passes on when the hold expires."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.flow import practice, register_patient
from tests.support.kafka_tools import read_all
from tests.support.suite import token

pytestmark = pytest.mark.integration
MANAGER = token(roles=["office_manager"], locations=["loc-a"])
SLOT = {"provider_id": "prov-7", "location_id": "loc-a", "start": "2026-12-01T16:00:00Z",
        "end": "2026-12-01T16:30:00Z"}  # 08:00-08:30 in Los Angeles, 1 December


async def _setup(suite, scheduling) -> str:
    await practice(suite, scheduling)
    kind = await scheduling.post("/locations/loc-a/appointment-types", json={
        "name": "Follow-up", "duration_minutes": 20, "provider_roles": ["physician"]})
    assert kind.status_code == 201, kind.text
    return kind.json()["id"]


async def _wait(scheduling, kind_id: str, priority: int, earliest="2026-11-30", latest="2026-12-01", **extra) -> dict:
    response = await scheduling.post("/waitlist", json={
        "patient_id": await register_patient(scheduling), "location_id": "loc-a", "appointment_type_id": kind_id,
        "earliest": earliest, "latest": latest, "priority": priority, **extra})
    assert response.status_code == 201, response.text
    return response.json()


async def _listed(scheduling) -> dict[str, dict]:
    response = await scheduling.get("/locations/loc-a/waitlist")
    assert response.status_code == 200, response.text
    return {entry["id"]: entry for entry in response.json()}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_cancelled_slot_is_held_for_the_best_fitting_patient_then_the_next_and_accepting_books_it(
        make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    async with suite.client("scheduling", MANAGER) as scheduling:
        kind_id = await _setup(suite, scheduling)
        first = await _wait(scheduling, kind_id, priority=1)
        urgent = await _wait(scheduling, kind_id, priority=5)
        # Ranked highest, but waiting for later days than the freed slot's local date: never offered it.
        later = await _wait(scheduling, kind_id, priority=9, earliest="2026-12-02", latest="2026-12-03")
        booked = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        cancelled = await scheduling.post(f"/appointments/{booked.json()['id']}/cancel",
                                          json={"by": "patient", "reason": "travelling"})
        assert cancelled.status_code == 200, cancelled.text

        listed = await _listed(scheduling)
        offer = listed[urgent["id"]]["offer"]
        assert listed[urgent["id"]]["status"] == "offered"
        assert (offer["start"], offer["end"], offer["provider_id"]) == (SLOT["start"], "2026-12-01T16:20:00Z", "prov-7")
        assert listed[first["id"]]["offer"] is None and listed[later["id"]]["offer"] is None
        sheet = (await scheduling.get("/locations/loc-a/day-sheet", params={"day": "2026-12-01"})).json()
        assert [o["id"] for o in sheet["waitlist_offers"]] == [offer["id"]]  # the front desk sees the hold
        walk_in = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling),
                                                                       "end": "2026-12-01T16:10:00Z"})
        assert walk_in.status_code == 409 and "held for a waitlist patient" in walk_in.json()["message"]

        # The hold runs out unanswered: the slot goes to the next-ranked patient that fits.
        after_hold = (datetime.now(UTC) + timedelta(minutes=16)).isoformat()
        expired = await scheduling.post("/locations/loc-a/waitlist/expire-holds", params={"now": after_hold})
        assert expired.status_code == 200, expired.text
        assert [o["entry_id"] for o in expired.json()] == [first["id"]]
        late = await scheduling.post(f"/waitlist/offers/{offer['id']}/accept")
        assert (late.status_code, late.json()["field"]) == (409, "status")

        accepted = await scheduling.post(f"/waitlist/offers/{expired.json()[0]['id']}/accept")
        assert accepted.status_code == 201, accepted.text
        appointment = accepted.json()
        assert (appointment["patient_id"], appointment["status"]) == (first["patient_id"], "booked")
        assert (appointment["start"], appointment["end"]) == (SLOT["start"], "2026-12-01T16:20:00Z")
        listed = await _listed(scheduling)
        assert set(listed) == {urgent["id"], later["id"]}  # the booked entry leaves the list
        assert listed[urgent["id"]]["status"] == "waiting" and listed[urgent["id"]]["offer"] is None

    records = await read_all(suite.bootstrap, suite.topic("scheduling.waitlist"), expect=4, timeout=20)
    by_entry: dict[str, list[str]] = {}  # keyed by entry: each entry's events in order, whatever the partition
    for record in records:
        by_entry.setdefault(record.key.decode(), []).append(dict(record.headers)["ce_type"].decode())
    assert by_entry == {urgent["id"]: ["scheduling.waitlist.offer_made", "scheduling.waitlist.offer_expired"],
                        first["id"]: ["scheduling.waitlist.offer_made", "scheduling.waitlist.offer_accepted"]}


async def test_a_rescheduled_slot_is_offered_and_a_withdrawal_passes_the_hold_on(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", MANAGER) as scheduling:
        kind_id = await _setup(suite, scheduling)
        other_provider = await _wait(scheduling, kind_id, priority=9, provider_id="prov-9")
        named = await _wait(scheduling, kind_id, priority=5, provider_id="prov-7")
        anyone = await _wait(scheduling, kind_id, priority=1)
        booked = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        moved = await scheduling.post(f"/appointments/{booked.json()['id']}/reschedule", json={
            "start": "2026-12-02T17:00:00Z", "end": "2026-12-02T17:30:00Z"})
        assert moved.status_code == 200, moved.text
        listed = await _listed(scheduling)
        assert listed[named["id"]]["offer"]["start"] == SLOT["start"]
        assert listed[other_provider["id"]]["offer"] is None  # waits for prov-9 only

        assert (await scheduling.delete(f"/waitlist/{named['id']}")).status_code == 204
        listed = await _listed(scheduling)
        assert named["id"] not in listed and listed[anyone["id"]]["offer"]["start"] == SLOT["start"]
        declined = await scheduling.post(f"/waitlist/offers/{listed[anyone['id']]['offer']['id']}/decline")
        assert declined.json()["status"] == "declined"
        assert all(entry["offer"] is None for entry in (await _listed(scheduling)).values())
