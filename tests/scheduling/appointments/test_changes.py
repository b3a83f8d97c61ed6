"""Booked appointments changing: cancellation and no-show, rescheduling, flags when the world changes under them."""

import asyncio
import json

import pytest

from shared.contracts.facilities import LocationUpdated, RoomOutOfService
from shared.contracts.staff import CredentialExpired
from tests.support.dates import days_ago
from tests.support.flow import practice, register_patient
from tests.support.kafka_tools import read_all
from tests.support.polling import eventually
from tests.support.suite import ADMIN_A
from tests.support.upstream import publish
from tests.support.when import shift_day, span, utc

pytestmark = pytest.mark.integration
SLOT = {"provider_id": "prov-7", "location_id": "loc-a", **span(0, "16:00", 20)}  # two weeks or more out


async def test_cancellation_is_late_inside_the_locations_notice_window_and_no_show_waits_for_the_start(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling)
        early = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        cancelled = await scheduling.post(
            f"/appointments/{early.json()['id']}/cancel", json={"by": "patient", "reason": "feeling better"}
        )
        assert cancelled.json()["status"] == "cancelled" and cancelled.json()["late_cancel"] is False

        # The practice widens its notice window to 30 days: the same cancellation is now late.
        await publish(
            suite,
            LocationUpdated(
                location_id="loc-a",
                name="Main St",
                state="CA",
                timezone="America/Los_Angeles",
                cancellation_notice_hours=720,
            ),
            "loc-a",
        )
        await asyncio.sleep(2)
        late = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        response = await scheduling.post(
            f"/appointments/{late.json()['id']}/cancel", json={"by": "practice", "reason": "provider ill"}
        )
        assert response.json()["late_cancel"] is True

        future = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        no_show = await scheduling.post(f"/appointments/{future.json()['id']}/no-show")
        assert no_show.status_code == 409 and no_show.json()["field"] == "start"
        again = await scheduling.post(
            f"/appointments/{early.json()['id']}/cancel", json={"by": "patient", "reason": "twice"}
        )
        assert again.status_code == 409 and again.json()["allowed"] == []


async def test_an_expired_licence_or_a_broken_room_flags_future_appointments_on_the_worklist(make_suite):
    suite = make_suite("postgresql")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling)
        roomed = await scheduling.post(
            "/appointments",
            json=SLOT
            | {
                "patient_id": await register_patient(scheduling),
                "provider_id": "prov-7",
                "room_id": "exam-1",
                **span(1, "16:00", 20),
            },
        )
        await publish(
            suite,
            RoomOutOfService(room_id="exam-1", location_id="loc-a", reason="flooded", since=utc(1, "00:00")),
            "exam-1",
        )

        async def flagged(count):
            async def check():
                worklist = (await scheduling.get("/locations/loc-a/worklist")).json()
                return worklist if len(worklist) == count else None

            return check

        worklist = await eventually(await flagged(1))
        assert worklist[0]["id"] == roomed.json()["id"]
        assert worklist[0]["reschedule_reasons"] == ["room exam-1 out of service: flooded"]

        plain = await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
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
        worklist = await eventually(await flagged(2))
        assert {a["id"] for a in worklist} == {roomed.json()["id"], plain.json()["id"]}
        assert any(
            "licen" in r for r in next(a for a in worklist if a["id"] == plain.json()["id"])["reschedule_reasons"]
        )

        # a room nobody is booked in going out of service displaces nobody: scheduling says nothing of it
        await publish(
            suite,
            RoomOutOfService(room_id="exam-2", location_id="loc-a", reason="painting", since=utc(1, "00:00")),
            "exam-2",
        )
        await asyncio.sleep(2)

    records = await read_all(
        suite.bootstrap, suite.topic("scheduling.appointment"), expect=6, timeout=5
    )  # two booked, two flagged, one room's displacement; any 6th is a bug
    by_type = [dict(r.headers)["ce_type"].decode() for r in records]
    assert by_type.count("scheduling.appointment.needs_reschedule") == 2  # once each, though both were re-checked
    displaced = [
        json.loads(r.value) for r, t in zip(records, by_type, strict=True) if t.endswith(".displaced_from_room")
    ]
    assert [(d["room_id"], d["count"], d["appointment_ids"]) for d in displaced] == [
        ("exam-1", 1, [roomed.json()["id"]])
    ]


async def test_rescheduling_keeps_the_history_and_the_day_sheet_shows_the_local_day(make_suite):
    suite = make_suite("postgresql")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        await practice(suite, scheduling, providers=("prov-7", "prov-8"))
        first = (
            await scheduling.post("/appointments", json=SLOT | {"patient_id": await register_patient(scheduling)})
        ).json()
        other = (
            await scheduling.post(
                "/appointments", json=SLOT | {"patient_id": await register_patient(scheduling), **span(1, "17:00", 20)}
            )
        ).json()
        clash = await scheduling.post(
            f"/appointments/{first['id']}/reschedule", json={"start": other["start"], "end": other["end"]}
        )
        assert (clash.status_code, clash.json()["field"]) == (409, "provider_id")
        moved = await scheduling.post(
            f"/appointments/{first['id']}/reschedule", json={**span(1, "18:00", 20), "provider_id": "prov-8"}
        )
        assert moved.status_code == 200, moved.text
        history = (await scheduling.get(f"/appointments/{first['id']}/history")).json()
        assert [(h["previous_start"], h["previous_provider_id"]) for h in history] == [(SLOT["start"], "prov-7")]
        # Shift day 1 in Los Angeles runs from 07:00 or 08:00 UTC to the same the next day: both are on it.
        sheet = (await scheduling.get("/locations/loc-a/day-sheet", params={"day": shift_day(1)})).json()
        assert {p: [a["id"] for a in appts] for p, appts in sheet["by_provider"].items()} == {
            "prov-7": [other["id"]],
            "prov-8": [first["id"]],
        }
        assert sheet["timezone"] == "America/Los_Angeles" and sheet["worklist"] == []
        gone = await scheduling.post(f"/appointments/{other['id']}/entered-in-error")
        assert gone.json()["status"] == "entered-in-error"
