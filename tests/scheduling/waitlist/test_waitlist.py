"""The waitlist: a freed slot is held for the best-ranked fitting patient, passes on when the hold expires."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.scheduling.availability.domain import next_grid_start
from shared.clock import local_today, utcnow
from shared.contracts.staff import ShiftScheduled
from tests.support.dates import iso_utc
from tests.support.flow import practice, register_patient
from tests.support.kafka_tools import read_all
from tests.support.suite import token
from tests.support.upstream import publish, wait_bookable
from tests.support.when import LA, shift_day, span, utc

pytestmark = pytest.mark.integration
MANAGER = token(roles=["office_manager"], locations=["loc-a"])
SLOT = {"provider_id": "prov-7", "location_id": "loc-a", **span(0, "16:00", 30)}  # 08:00 or 09:00 in Los Angeles


async def _setup(suite, scheduling) -> str:
    await practice(suite, scheduling)
    kind = await scheduling.post(
        "/locations/loc-a/appointment-types",
        json={"name": "Follow-up", "duration_minutes": 20, "provider_roles": ["physician"]},
    )
    assert kind.status_code == 201, kind.text
    return kind.json()["id"]


async def _wait(scheduling, kind_id: str, priority: int, earliest=None, latest=None, **extra) -> dict:
    response = await scheduling.post(
        "/waitlist",
        json={
            "patient_id": await register_patient(scheduling),
            "location_id": "loc-a",
            "appointment_type_id": kind_id,
            "earliest": earliest or shift_day(-1),
            "latest": latest or shift_day(0),
            "priority": priority,
            **extra,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


async def _listed(scheduling) -> dict[str, dict]:
    response = await scheduling.get("/locations/loc-a/waitlist")
    assert response.status_code == 200, response.text
    return {entry["id"]: entry for entry in response.json()}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_cancelled_slot_is_held_for_the_best_fitting_patient_then_the_next_and_accepting_books_it(
    make_suite, backend
):
    suite = make_suite(backend)
    await suite.start("scheduling")
    async with suite.client("scheduling", MANAGER) as scheduling:
        kind_id = await _setup(suite, scheduling)
        first = await _wait(scheduling, kind_id, priority=1)
        urgent = await _wait(scheduling, kind_id, priority=5)
        # Ranked highest, but waiting for later days than the freed slot's local date: never offered it.
        later = await _wait(scheduling, kind_id, priority=9, earliest=shift_day(1), latest=shift_day(2))
        booked = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        cancelled = await scheduling.post(
            f"/appointments/{booked.json()['id']}/cancel", json={"by": "patient", "reason": "travelling"}
        )
        assert cancelled.status_code == 200, cancelled.text

        listed = await _listed(scheduling)
        offer = listed[urgent["id"]]["offer"]
        assert listed[urgent["id"]]["status"] == "offered"
        assert (offer["start"], offer["end"], offer["provider_id"]) == (SLOT["start"], utc(0, "16:20"), "prov-7")
        assert listed[first["id"]]["offer"] is None and listed[later["id"]]["offer"] is None
        sheet = (await scheduling.get("/locations/loc-a/day-sheet", params={"day": shift_day(0)})).json()
        assert [o["id"] for o in sheet["waitlist_offers"]] == [offer["id"]]  # the front desk sees the hold
        walk_in = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": await register_patient(scheduling), "end": utc(0, "16:10")}
        )
        assert walk_in.status_code == 409 and "held for a waitlist patient" in walk_in.json()["message"]

        # The hold runs out unanswered: the slot goes to the next-ranked patient that fits.
        after_hold = (utcnow() + timedelta(minutes=16)).isoformat()
        expired = await scheduling.post("/locations/loc-a/waitlist/expire-holds", params={"now": after_hold})
        assert expired.status_code == 200, expired.text
        assert [o["entry_id"] for o in expired.json()] == [first["id"]]
        late = await scheduling.post(f"/waitlist/offers/{offer['id']}/accept")
        assert (late.status_code, late.json()["field"]) == (409, "status")

        accepted = await scheduling.post(f"/waitlist/offers/{expired.json()[0]['id']}/accept")
        assert accepted.status_code == 201, accepted.text
        appointment = accepted.json()
        assert (appointment["patient_id"], appointment["status"]) == (first["patient_id"], "booked")
        assert (appointment["start"], appointment["end"]) == (SLOT["start"], utc(0, "16:20"))
        listed = await _listed(scheduling)
        assert set(listed) == {urgent["id"], later["id"]}  # the booked entry leaves the list
        assert listed[urgent["id"]]["status"] == "waiting" and listed[urgent["id"]]["offer"] is None

    records = await read_all(suite.bootstrap, suite.topic("scheduling.waitlist"), expect=4, timeout=20)
    by_entry: dict[str, list[str]] = {}  # keyed by entry: each entry's events in order, whatever the partition
    for record in records:
        by_entry.setdefault(record.key.decode(), []).append(dict(record.headers)["ce_type"].decode())
    assert by_entry == {
        urgent["id"]: ["scheduling.waitlist.offer_made", "scheduling.waitlist.offer_expired"],
        first["id"]: ["scheduling.waitlist.offer_made", "scheduling.waitlist.offer_accepted"],
    }


async def test_a_rescheduled_slot_is_offered_and_a_withdrawal_passes_the_hold_on(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", MANAGER) as scheduling:
        kind_id = await _setup(suite, scheduling)
        other_provider = await _wait(scheduling, kind_id, priority=9, provider_id="prov-9")
        named = await _wait(scheduling, kind_id, priority=5, provider_id="prov-7")
        anyone = await _wait(scheduling, kind_id, priority=1)
        booked = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        moved = await scheduling.post(f"/appointments/{booked.json()['id']}/reschedule", json={**span(1, "17:00", 30)})
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


async def _in_progress_no_show(suite, scheduling, *, minutes_left: int) -> tuple[dict, datetime, datetime]:
    """A visit that began 15-30 minutes ago and ends `minutes_left` after the next slot start; marked a no-show.

    Returns the no-show and the instants just before and just after the call, between which its "now" fell.
    """
    before = utcnow()
    next_start = next_grid_start(before, ZoneInfo(LA))
    start, end = next_start - timedelta(minutes=30), next_start + timedelta(minutes=minutes_left)
    # On shift now (the seeded shifts are weeks away), so the visit could be booked at all.
    await publish(
        suite,
        ShiftScheduled(
            shift_id=f"prov-7-now-{minutes_left}",
            staff_id="prov-7",
            location_id="loc-a",
            start=start - timedelta(hours=1),
            end=end + timedelta(hours=1),
        ),
        "prov-7",
    )
    await wait_bookable(scheduling, "prov-7", start=iso_utc(start), end=iso_utc(end))
    booked = await scheduling.post(
        "/appointments",
        json=SLOT | {"patient_id": await register_patient(scheduling), "start": iso_utc(start), "end": iso_utc(end)},
    )
    assert booked.status_code == 201, booked.text
    no_show = await scheduling.post(f"/appointments/{booked.json()['id']}/no-show")
    assert no_show.status_code == 200, no_show.text
    return no_show.json(), before, utcnow()


async def test_a_no_show_offers_the_rest_of_its_time_when_the_waiting_patients_visit_still_fits(make_suite):
    suite = make_suite("postgresql")
    await suite.start("scheduling")
    async with suite.client("scheduling", MANAGER) as scheduling:
        kind_id = await _setup(suite, scheduling)  # 20-minute follow-ups
        today = local_today(LA)
        waiting = await _wait(
            scheduling,
            kind_id,
            priority=1,
            earliest=str(today - timedelta(days=1)),
            latest=str(today + timedelta(days=1)),
        )
        # 60 minutes remain after the next slot start: a 20-minute visit fits, from that start on.
        no_show, before, after = await _in_progress_no_show(suite, scheduling, minutes_left=60)

        offer = (await _listed(scheduling))[waiting["id"]]["offer"]
        assert offer is not None, "the rest of the no-show's time was not offered"
        start, end = datetime.fromisoformat(offer["start"]), datetime.fromisoformat(offer["end"])
        assert next_grid_start(before, ZoneInfo(LA)) <= start <= next_grid_start(after, ZoneInfo(LA))
        assert start > datetime.fromisoformat(no_show["start"]) and start >= before  # never in the past
        assert start.astimezone(ZoneInfo(LA)).minute % 15 == 0  # on the slot grid
        assert end - start == timedelta(minutes=20) and end <= datetime.fromisoformat(no_show["end"])
        accepted = await scheduling.post(f"/waitlist/offers/{offer['id']}/accept")
        assert accepted.status_code == 201, accepted.text
        assert (accepted.json()["start"], accepted.json()["end"]) == (offer["start"], offer["end"])


async def test_a_no_show_with_too_little_time_left_for_the_waiting_patients_visit_offers_nothing(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", MANAGER) as scheduling:
        kind_id = await _setup(suite, scheduling)  # 20-minute follow-ups
        today = local_today(LA)
        waiting = await _wait(
            scheduling,
            kind_id,
            priority=1,
            earliest=str(today - timedelta(days=1)),
            latest=str(today + timedelta(days=1)),
        )
        # 10 minutes remain after the next slot start (less, if a slot start passes meanwhile): no 20-minute visit.
        await _in_progress_no_show(suite, scheduling, minutes_left=10)

        listed = await _listed(scheduling)
        assert listed[waiting["id"]]["status"] == "waiting" and listed[waiting["id"]]["offer"] is None
    offers = "SELECT count(*) FROM waitlist_offer"
    assert await suite.scalar("scheduling", offers) == 0
