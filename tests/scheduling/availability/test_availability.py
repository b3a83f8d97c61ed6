"""Availability: bookability from staff and facilities events, appointment types, and open slots."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shared.clock import utcnow
from shared.contracts.facilities import RoomOutOfService
from shared.contracts.staff import CredentialExpired, ShiftScheduled, StaffMemberHired, StaffMemberTerminated
from tests.support.dates import at_local, days_ago, iso_utc, next_dst_day
from tests.support.flow import practice, register_patient
from tests.support.polling import eventually
from tests.support.suite import ADMIN_A, token
from tests.support.upstream import publish
from tests.support.when import LA, shift_day, span, utc

pytestmark = pytest.mark.integration
SLOT = {"provider_id": "prov-7", "location_id": "loc-a", **span(0, "16:00", 20)}  # two weeks or more out


async def test_a_provider_is_bookable_only_on_shift_and_licensed_and_the_api_says_why(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling)
        patient = await register_patient(scheduling)
        night = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, **span(0, "05:00", 20)}
        )  # the shift is 14:00-23:00 UTC
        assert night.status_code == 409 and night.json()["field"] == "provider_id"
        assert any("no shift" in reason for reason in night.json()["reasons"])

        await publish(
            suite,
            CredentialExpired(
                credential_id="prov-7-state_license",
                staff_id="prov-7",
                kind="state_license",
                state="CA",
                expired_on=days_ago(4),
            ),
            "prov-7",
        )

        async def unbookable():
            response = await scheduling.get(
                "/providers/prov-7/bookability",
                params={"location_id": "loc-a", "start": SLOT["start"], "end": SLOT["end"]},
            )
            return response.json() if not response.json()["bookable"] else None

        verdict = await eventually(unbookable)
        assert any("CA" in reason and "licen" in reason for reason in verdict["reasons"]), verdict
        refused = await scheduling.post("/appointments", json=SLOT | {"patient_id": patient})
        assert refused.status_code == 409 and refused.json()["reasons"] == verdict["reasons"]


async def test_rooms_out_of_service_cannot_be_booked(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling)
        patient = await register_patient(scheduling)
        await publish(
            suite,
            RoomOutOfService(
                room_id="exam-1",
                location_id="loc-a",
                reason="autoclave leak",
                since=iso_utc(utcnow() - timedelta(days=4)),
            ),
            "exam-1",
        )

        async def refused():
            response = await scheduling.post("/appointments", json=SLOT | {"patient_id": patient, "room_id": "exam-1"})
            return response if response.status_code == 409 else None

        response = await eventually(refused)
        assert response.json()["field"] == "room_id" and "autoclave leak" in response.json()["message"]


async def test_slot_search_offers_the_shift_minus_bookings_and_buffers_in_local_time(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    manager = token(roles=["office_manager"], locations=["loc-a"])
    async with suite.client("scheduling", manager) as scheduling:
        await practice(suite, scheduling)
        kind = await scheduling.post(
            "/locations/loc-a/appointment-types",
            json={
                "name": "Follow-up",
                "duration_minutes": 30,
                "buffer_minutes": 10,
                "room_kind": "exam",
                "default_cpt_codes": ["99213"],
                "provider_roles": ["physician"],
            },
        )
        assert kind.status_code == 201, kind.text
        again = await scheduling.post("/locations/loc-a/appointment-types", json=kind.json() | {"id": None})
        assert (again.status_code, again.json()["field"]) == (409, "name")
        booked = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": await register_patient(scheduling), "room_id": "exam-1"}
        )  # 08:00-08:20 PST
        assert booked.status_code == 201, booked.text
        response = await scheduling.get(
            "/slots",
            params={
                "location_id": "loc-a",
                "appointment_type_id": kind.json()["id"],
                "first_day": shift_day(0),
                "last_day": shift_day(0),
                "provider_id": "prov-7",
            },
        )
        assert response.status_code == 200, response.text

    starts = [datetime.fromisoformat(s["start"]) for s in response.json()]
    # The shift is 14:00-23:00 UTC (06:00-15:00 PST, or 07:00-16:00 PDT); the booking 16:00-16:20 UTC
    # widened by the 10-minute buffer blocks every 30-minute start from 15:30 to 16:15 UTC.
    shift_start = datetime.fromisoformat(utc(0, "14:00"))
    grid = [shift_start + timedelta(minutes=15 * n) for n in range(35)]  # the last start 22:30 ends 23:00
    blocked = {shift_start + timedelta(minutes=m) for m in (90, 105, 120, 135)}
    assert starts == [s for s in grid if s not in blocked]
    # Los Angeles is a whole number of hours behind UTC: the local grid falls on :00, :15, :30, :45.
    assert {s.astimezone(ZoneInfo(LA)).minute for s in starts} == {0, 15, 30, 45}
    assert {s.astimezone(ZoneInfo(LA)).date().isoformat() for s in starts} == {shift_day(0)}
    assert all(s["room_ids"] == ["exam-1"] and s["provider_id"] == "prov-7" for s in response.json())


async def test_an_appointment_type_brings_its_roles_dea_and_room_kind_to_the_booking(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling)
        patient = await register_patient(scheduling)

        async def kind(**rule):
            body = {"name": rule.pop("name"), "duration_minutes": 20, "provider_roles": ["physician"]} | rule
            return (await scheduling.post("/locations/loc-a/appointment-types", json=body)).json()["id"]

        controlled = await kind(name="Pain management", requires_dea=True)
        refused = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, "appointment_type_id": controlled}
        )
        assert refused.status_code == 409 and any("DEA" in r for r in refused.json()["reasons"]), refused.text
        np_only = await kind(name="Wellness", provider_roles=["nurse_practitioner"])
        refused = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, "appointment_type_id": np_only}
        )
        assert "a physician does not take Wellness appointments" in refused.json()["reasons"]
        procedure = await kind(name="Biopsy", room_kind="procedure")
        refused = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, "appointment_type_id": procedure, "room_id": "exam-1"}
        )
        assert (refused.status_code, refused.json()["field"]) == (409, "room_id")
        elsewhere = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, "appointment_type_id": "nope"}
        )
        assert (elsewhere.status_code, elsewhere.json()["field"]) == (404, "appointment_type_id")
        follow_up = await kind(name="Follow-up", room_kind="exam")
        booked = await scheduling.post(
            "/appointments", json=SLOT | {"patient_id": patient, "appointment_type_id": follow_up, "room_id": "exam-1"}
        )
        assert booked.status_code == 201 and booked.json()["appointment_type_id"] == follow_up


async def test_slots_and_day_sheet_on_the_day_clocks_spring_forward(make_suite):
    suite = make_suite("postgresql")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling)
        # The zone's next spring-forward day (from zoneinfo): 02:00 PST jumps to 03:00 PDT.
        # The shift is 08:00-17:00 PDT, after the jump.
        day = next_dst_day(LA, spring=True)
        assert at_local(day, 1, tz=LA).utcoffset() != at_local(day, 8, tz=LA).utcoffset()  # a real DST day
        await publish(
            suite,
            ShiftScheduled(
                shift_id="dst",
                staff_id="prov-7",
                location_id="loc-a",
                start=at_local(day, 8, tz=LA),
                end=at_local(day, 17, tz=LA),
            ),
            "prov-7",
        )
        kind = (
            await scheduling.post(
                "/locations/loc-a/appointment-types",
                json={"name": "Visit", "duration_minutes": 30, "provider_roles": ["physician"]},
            )
        ).json()["id"]
        query = {
            "location_id": "loc-a",
            "appointment_type_id": kind,
            "first_day": day.isoformat(),
            "last_day": day.isoformat(),
        }

        async def offered():
            slots = (await scheduling.get("/slots", params=query)).json()
            return slots or None

        slots = await eventually(offered)
        local = [datetime.fromisoformat(s["start"]).astimezone(ZoneInfo("America/Los_Angeles")) for s in slots]
        assert len(local) == 35 and local[0].strftime("%H:%M %z") == "08:00 -0700"
        assert local[-1].strftime("%H:%M") == "16:30" and all(t.utcoffset().total_seconds() == -7 * 3600 for t in local)
        booked = await scheduling.post(
            "/appointments",
            json=SLOT
            | {"patient_id": await register_patient(scheduling), "start": slots[0]["start"], "end": slots[0]["end"]},
        )
        assert booked.status_code == 201, booked.text
        sheet = (await scheduling.get("/locations/loc-a/day-sheet", params={"day": day.isoformat()})).json()
        assert [a["id"] for a in sheet["by_provider"]["prov-7"]] == [booked.json()["id"]]


async def test_the_schedule_columns_are_the_active_clinicians_of_the_location(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    hired = {"hired_on": days_ago(400), "npi": None}
    others = [
        StaffMemberHired(staff_id="desk-1", given_name="Ana", family_name="Ruiz", role="receptionist",
                         home_location_id="loc-a", location_ids=["loc-a"], **hired),
        StaffMemberHired(staff_id="np-b", given_name="Bo", family_name="Kim", role="nurse_practitioner",
                         home_location_id="loc-b", location_ids=["loc-b", "loc-a"], **hired),
        StaffMemberHired(staff_id="md-b", given_name="Cy", family_name="Ng", role="physician",
                         home_location_id="loc-b", location_ids=["loc-b"], **hired),
        StaffMemberHired(staff_id="md-gone", given_name="Al", family_name="Vo", role="physician",
                         home_location_id="loc-a", location_ids=["loc-a"], **hired),
    ]  # fmt: skip
    desk = token(roles=["front_desk"], locations=["loc-a"])
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("scheduling", desk) as front:
        await practice(suite, scheduling)
        for event in others:
            await publish(suite, event, event.staff_id)
        await publish(suite, StaffMemberTerminated(staff_id="md-gone", terminated_on=days_ago(1)), "md-gone")

        async def columns():
            answer = await front.get("/locations/loc-a/providers")
            assert answer.status_code == 200, answer.text
            return answer.json() if len(answer.json()) == 2 and "md-gone" not in str(answer.json()) else None

        assert await eventually(columns, timeout=20) == [
            {"staff_id": "np-b", "name": "Bo Kim", "role": "nurse_practitioner"},
            {"staff_id": "prov-7", "name": "Dana Lee", "role": "physician"},
        ]
        assert (await front.get("/locations/loc-b/providers")).status_code == 403
    async with suite.client("scheduling", token(roles=["biller"], locations=["loc-a"])) as biller:
        assert (await biller.get("/locations/loc-a/providers")).status_code == 403
