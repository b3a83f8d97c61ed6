"""Staff on its own (SQLite): hiring only at known locations, rosters, time off, training, transfers,
suspension and renewal, each with its event."""

from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from tests.support.kafka_tools import read_all
from tests.support.staff import HIRED_LONG_AGO, ISSUED_LONG_AGO, check, hire, local, open_location, today
from tests.support.suite import token

pytestmark = pytest.mark.integration

MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="manager-a")
ADMIN = token(roles=["practice_admin"], locations=["*"], sub="admin")


def next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


async def test_rosters_time_off_training_and_credentials_on_sqlite(make_suite):
    suite = make_suite("sqlite")
    await suite.start("staff")
    today_la = today()
    async with suite.client("staff", MANAGER) as staff, suite.client("staff", ADMIN) as admin:
        # Facilities' location event may still be on its way at start-up: hiring there waits for it.
        early = await staff.post(
            "/members",
            json={
                "given_name": "Dana",
                "family_name": "Lee",
                "role": "biller",
                "home_location_id": "loc-a",
                "hired_on": HIRED_LONG_AGO.isoformat(),
            },
        )
        assert early.status_code == 422 and early.json()["field"] == "home_location_id", early.text
        await open_location(suite, staff)
        await open_location(suite, admin, "loc-b")
        assistant = await hire(staff, role="medical_assistant", hired_on=today_la.isoformat())
        monday = next_weekday(today_la, 0)

        # A weekly roster: Monday and Wednesday mornings, generated for two weeks, all or none.
        template = await staff.post(
            "/locations/loc-a/roster-templates",
            json={
                "name": "mornings",
                "entries": [
                    {"staff_id": assistant, "weekday": 0, "start": "08:00", "end": "12:00"},
                    {"staff_id": assistant, "weekday": 2, "start": "08:00", "end": "12:00"},
                ],
            },
        )
        assert template.status_code == 201, template.text
        saved = await staff.get("/locations/loc-a/roster-templates")
        assert [(t["id"], t["name"], len(t["entries"])) for t in saved.json()] == [
            (template.json()["id"], "mornings", 2)
        ]
        assert (await admin.get("/locations/loc-b/roster-templates")).json() == []
        generate = {"first_day": monday.isoformat(), "last_day": (monday + timedelta(days=13)).isoformat()}
        made = await staff.post(f"/roster-templates/{template.json()['id']}/generate", json=generate)
        assert made.status_code == 201, made.text
        assert len(made.json()) == 4
        assert datetime.fromisoformat(made.json()[0]["start"]) == local(monday, 8)
        again = await staff.post(f"/roster-templates/{template.json()['id']}/generate", json=generate)
        assert again.status_code == 409, again.text  # the trigger refuses overlaps on SQLite too
        listed = await staff.get("/locations/loc-a/shifts", params=generate)
        assert len(listed.json()) == 4  # nothing of the refused run was kept
        too_long = await staff.get(
            "/locations/loc-a/shifts", params=generate | {"last_day": (monday + timedelta(days=93)).isoformat()}
        )
        assert too_long.status_code == 422 and too_long.json()["field"] == "last_day", too_long.text
        cancelled = await staff.post(f"/shifts/{made.json()[0]['id']}/cancel")
        assert cancelled.json()["status"] == "cancelled"
        assert (
            await staff.post(
                "/shifts",
                json={
                    "staff_id": assistant,
                    "location_id": "loc-a",
                    "start": f"{monday}T09:00:00",
                    "end": f"{monday}T11:00:00",
                },
            )
        ).status_code == 201  # a cancelled shift holds no time

        await _time_off_never_overlaps_and_leaves_the_shift_uncovered(staff, assistant, monday)

        # Training: a practice course, a completion, the status view; overdue counted once.
        course = await admin.post(
            "/courses",
            json={"code": "FIRE_SAFETY", "name": "Fire safety", "roles": ["medical_assistant"], "initial_due_days": 5},
        )
        assert course.status_code == 201, course.text
        done = await staff.post(
            f"/members/{assistant}/training",
            json={"course_code": "OSHA_BBP", "completed_on": today_la.isoformat(), "evidence": "certificate 42"},
        )
        assert done.status_code == 201 and done.json()["valid_until"], done.text
        status = {
            s["course_code"]: s
            for s in (
                await staff.get(
                    f"/members/{assistant}/training", params={"as_of": (today_la + timedelta(days=40)).isoformat()}
                )
            ).json()
        }
        assert {c for c, s in status.items() if s["overdue"]} == {"HIPAA_PRIVACY", "HIPAA_SECURITY", "FIRE_SAFETY"}
        later = today_la + timedelta(days=40)
        assert [(await check(admin, later))["training_overdue"] for _ in range(2)] == [3, 0]

        # Credentials: one current licence per state (a new one supersedes), suspension, renewal.
        nurse = await hire(staff, role="nurse_practitioner", npi="1245319599")
        fields = {
            "given_name": "Noa",
            "family_name": "Lee",
            "phone": "555",
            "role": "nurse_practitioner",
            "npi": "1245319599",
        }
        updated = await staff.put(f"/members/{nurse}", json=fields)
        assert updated.json()["given_name"] == "Noa", updated.text
        # A PUT never moves anyone (that is a transfer, scoped to both locations): the field is refused, not dropped.
        sneaky = await staff.put(f"/members/{nurse}", json=fields | {"home_location_id": "loc-b"})
        assert sneaky.status_code == 422 and sneaky.json()["errors"][0]["field"] == "body.home_location_id"
        await _transfer_cancels_future_shifts_where_the_member_no_longer_works(staff, admin, nurse, monday)
        page = [
            (await staff.get("/members", params={"location_id": "loc-a", "limit": 1, "offset": offset})).json()
            for offset in (0, 1, 2)
        ]
        assert [[m["id"] for m in members] for members in page] == [[assistant], [nurse], []]
        licence = {
            "kind": "state_license",
            "number": "NP1",
            "issuer": "BRN",
            "state": "CA",
            "issued_on": ISSUED_LONG_AGO.isoformat(),
            "expires_on": (today_la + timedelta(days=200)).isoformat(),
        }
        first = (await staff.post(f"/members/{nurse}/credentials", json=licence)).json()
        second = (await staff.post(f"/members/{nurse}/credentials", json=licence | {"number": "NP2"})).json()
        by_id = {c["id"]: c for c in (await staff.get(f"/members/{nurse}/credentials")).json()}
        assert by_id[first["id"]]["superseded_by"] == second["id"] and by_id[second["id"]]["superseded_by"] is None
        renewed = await staff.post(
            f"/credentials/{second['id']}/renew", json={"expires_on": (today_la + timedelta(days=900)).isoformat()}
        )
        assert renewed.status_code == 200, renewed.text
        suspended = await admin.post(f"/credentials/{second['id']}/suspend", json={"reason": "board order"})
        assert suspended.json()["status"] == "suspended"
        assert (await admin.post(f"/credentials/{second['id']}/suspend", json={"reason": "x"})).status_code == 409
        assert (
            await staff.post(
                f"/credentials/{second['id']}/renew", json={"expires_on": (today_la + timedelta(days=1200)).isoformat()}
            )
        ).status_code == 409

        # Termination cancels the member's shifts from that day on; a terminated member gets no new shift.
        ended = await staff.post(f"/members/{assistant}/terminate", json={"terminated_on": today_la.isoformat()})
        assert ended.json()["terminated_on"] == today_la.isoformat(), ended.text
        left = (await staff.get("/locations/loc-a/shifts", params=generate)).json()
        assert [s for s in left if s["staff_id"] == assistant] == []
        refused = await staff.post(
            "/shifts",
            json={
                "staff_id": assistant,
                "location_id": "loc-a",
                "start": f"{monday}T13:00:00",
                "end": f"{monday}T14:00:00",
            },
        )
        assert refused.status_code == 409, refused.text

    types = Counter()
    for topic, count in (
        ("staff.shift", 14),
        ("staff.time_off", 1),
        ("staff.training", 4),
        ("staff.credential", 4),
        ("staff.member", 6),
    ):
        records = await read_all(suite.bootstrap, suite.topic(topic), expect=count, timeout=15)
        types.update(dict(r.headers)["ce_type"].decode() for r in records)
    assert types == {
        "staff.member.hired": 2,
        "staff.member.updated": 3,
        "staff.member.terminated": 1,
        "staff.shift.scheduled": 8,
        "staff.shift.cancelled": 6,
        "staff.time_off.approved": 1,
        "staff.training.completed": 1,
        "staff.training.overdue": 3,
        "staff.credential.added": 3,
        "staff.credential.suspended": 1,
    }


async def _time_off_never_overlaps_and_leaves_the_shift_uncovered(staff, assistant: str, monday: date) -> None:
    """Approved once; overlapping requests refused by the database; a denied one frees its time; the shift stays."""
    requested = await staff.post(
        "/time-off",
        json={"staff_id": assistant, "start": f"{monday}T10:00:00", "end": f"{monday}T12:00:00", "reason": "dentist"},
    )
    assert requested.status_code == 201, requested.text
    approved = await staff.post(f"/time-off/{requested.json()['id']}/approve", json={})
    assert approved.json()["status"] == "approved", approved.text
    assert (await staff.post(f"/time-off/{requested.json()['id']}/deny", json={})).status_code == 409
    overlapping = await staff.post(
        "/time-off", json={"staff_id": assistant, "start": f"{monday}T11:00:00", "end": f"{monday}T13:00:00"}
    )
    assert overlapping.status_code == 409 and overlapping.json()["field"] == "start", overlapping.text
    later = {"staff_id": assistant, "start": f"{monday}T14:00:00", "end": f"{monday}T15:00:00"}
    pending = (await staff.post("/time-off", json=later)).json()
    assert (await staff.post("/time-off", json=later)).status_code == 409  # a pending request holds its time too
    assert (await staff.post(f"/time-off/{pending['id']}/deny", json={})).json()["status"] == "denied"
    again = (await staff.post("/time-off", json=later)).json()
    assert (await staff.post(f"/time-off/{again['id']}/withdraw")).json()["status"] == "withdrawn"
    assert (await staff.post(f"/time-off/{again['id']}/withdraw")).status_code == 409  # nothing left to take back
    final = await staff.post("/time-off", json=later)
    assert final.status_code == 201  # a withdrawn request frees its time

    # The manager's list: every request of the location's members, soonest first; filtered by status.
    listed = (await staff.get("/locations/loc-a/time-off")).json()
    assert [(t["id"], t["status"]) for t in listed] == [
        (requested.json()["id"], "approved"),
        *sorted([(pending["id"], "denied"), (again["id"], "withdrawn"), (final.json()["id"], "requested")]),
    ], listed
    waiting = (await staff.get("/locations/loc-a/time-off", params={"status": "requested"})).json()
    assert [(t["id"], t["requested_by"]) for t in waiting] == [(final.json()["id"], "manager-a")], waiting
    assert (await staff.get("/locations/loc-a/time-off", params={"status": "maybe"})).status_code == 422
    assert (await staff.get("/locations/loc-b/time-off")).status_code == 403  # not her location

    # The 09:00-11:00 shift stays on the roster, marked, and the time off shows as a gap from 10:00.
    rule = {"role": "medical_assistant", "minimum": 1, "start": "08:00", "end": "12:00"}
    assert (await staff.post("/locations/loc-a/staffing-rules", json=rule)).status_code == 201
    coverage = (await staff.get("/locations/loc-a/coverage", params={"day": monday.isoformat()})).json()
    assert [(s["staff_id"], s["on_time_off"]) for s in coverage["on_shift"]] == [(assistant, True)], coverage
    assert [(datetime.fromisoformat(g["start"]), datetime.fromisoformat(g["end"])) for g in coverage["gaps"]] == [
        (local(monday, 8), local(monday, 9)),
        (local(monday, 10), local(monday, 12)),
    ]


async def _transfer_cancels_future_shifts_where_the_member_no_longer_works(
    staff, admin, nurse: str, monday: date
) -> None:
    move = {"home_location_id": "loc-a", "location_ids": ["loc-b"]}
    assert (await staff.post(f"/members/{nurse}/transfer", json=move)).status_code == 403  # loc-b: not hers
    moved = await admin.post(f"/members/{nurse}/transfer", json=move)
    assert moved.json()["location_ids"] == ["loc-a", "loc-b"], moved.text
    yesterday = today() - timedelta(days=1)
    shifts = [
        await admin.post(
            "/shifts",
            json={
                "staff_id": nurse,
                "location_id": location,
                "start": start.isoformat(),
                "end": (start + timedelta(hours=3)).isoformat(),
            },
        )
        for location, start in (
            ("loc-b", local(yesterday, 9)),
            ("loc-b", local(monday, 9)),
            ("loc-a", local(monday, 13)),
        )
    ]
    assert [s.status_code for s in shifts] == [201, 201, 201], shifts[-1].text
    back = {"home_location_id": "loc-a", "location_ids": []}
    assert (await staff.post(f"/members/{nurse}/transfer", json=back)).status_code == 403  # loc-b is not hers to drop
    assert (await admin.post(f"/members/{nurse}/transfer", json=back)).json()["location_ids"] == ["loc-a"]
    window = {"first_day": yesterday.isoformat(), "last_day": monday.isoformat()}
    kept = [
        s["id"]
        for loc in ("loc-a", "loc-b")
        for s in (await admin.get(f"/locations/{loc}/shifts", params=window)).json()
        if s["staff_id"] == nurse
    ]
    assert kept == [shifts[2].json()["id"], shifts[0].json()["id"]]  # the past shift at loc-b is history
