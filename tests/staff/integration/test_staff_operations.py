"""Staff on its own (SQLite): rosters, time off, training, suspension and renewal, each with its event."""

from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from tests.staff.integration.flow import TODAY, check, hire, local, open_location
from tests.support.kafka_tools import read_all
from tests.support.suite import token

pytestmark = pytest.mark.integration

MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="manager-a")
ADMIN = token(roles=["practice_admin"], locations=["*"], sub="admin")


def next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


async def test_rosters_time_off_training_and_credentials_on_sqlite(make_suite):
    suite = make_suite("sqlite")
    await suite.start("staff")
    async with suite.client("staff", MANAGER) as staff, suite.client("staff", ADMIN) as admin:
        await open_location(suite, staff)
        assistant = await hire(staff, role="medical_assistant", hired_on=TODAY.isoformat())
        monday = next_weekday(TODAY, 0)

        # A weekly roster: Monday and Wednesday mornings, generated for two weeks, all or none.
        template = await staff.post("/locations/loc-a/roster-templates", json={"name": "mornings", "entries": [
            {"staff_id": assistant, "weekday": 0, "start": "08:00", "end": "12:00"},
            {"staff_id": assistant, "weekday": 2, "start": "08:00", "end": "12:00"}]})
        assert template.status_code == 201, template.text
        generate = {"first_day": monday.isoformat(), "last_day": (monday + timedelta(days=13)).isoformat()}
        made = await staff.post(f"/roster-templates/{template.json()['id']}/generate", json=generate)
        assert made.status_code == 201, made.text
        assert len(made.json()) == 4
        assert datetime.fromisoformat(made.json()[0]["start"]) == local(monday, 8)
        again = await staff.post(f"/roster-templates/{template.json()['id']}/generate", json=generate)
        assert again.status_code == 409, again.text  # the trigger refuses overlaps on SQLite too
        listed = await staff.get("/locations/loc-a/shifts", params=generate)
        assert len(listed.json()) == 4  # nothing of the refused run was kept
        cancelled = await staff.post(f"/shifts/{made.json()[0]['id']}/cancel")
        assert cancelled.json()["status"] == "cancelled"
        assert (await staff.post("/shifts", json={"staff_id": assistant, "location_id": "loc-a",
                                                  "start": f"{monday}T09:00:00", "end": f"{monday}T11:00:00"})
                ).status_code == 201  # a cancelled shift holds no time

        # Time off: requested, approved once; a second decision is refused.
        requested = await staff.post("/time-off", json={"staff_id": assistant, "start": f"{monday}T13:00:00",
                                                        "end": f"{monday}T17:00:00", "reason": "dentist"})
        assert requested.status_code == 201, requested.text
        approved = await staff.post(f"/time-off/{requested.json()['id']}/approve", json={})
        assert approved.json()["status"] == "approved", approved.text
        assert (await staff.post(f"/time-off/{requested.json()['id']}/deny", json={})).status_code == 409

        # Training: a practice course, a completion, the status view; overdue counted once.
        course = await admin.post("/courses", json={"code": "FIRE_SAFETY", "name": "Fire safety",
                                                    "roles": ["medical_assistant"], "initial_due_days": 5})
        assert course.status_code == 201, course.text
        done = await staff.post(f"/members/{assistant}/training", json={
            "course_code": "OSHA_BBP", "completed_on": TODAY.isoformat(), "evidence": "certificate 42"})
        assert done.status_code == 201 and done.json()["valid_until"], done.text
        status = {s["course_code"]: s for s in (await staff.get(
            f"/members/{assistant}/training", params={"as_of": (TODAY + timedelta(days=40)).isoformat()})).json()}
        assert {c for c, s in status.items() if s["overdue"]} == {"HIPAA_PRIVACY", "HIPAA_SECURITY", "FIRE_SAFETY"}
        later = TODAY + timedelta(days=40)
        assert [(await check(admin, later))["training_overdue"] for _ in range(2)] == [3, 0]

        # Credentials: one current licence per state (a new one supersedes), suspension, renewal.
        nurse = await hire(staff, role="nurse_practitioner", npi="1245319599")
        updated = await staff.put(f"/members/{nurse}", json={"given_name": "Noa", "family_name": "Lee", "phone": "555",
                                                            "role": "nurse_practitioner", "npi": "1245319599"})
        assert updated.json()["given_name"] == "Noa", updated.text
        move = {"home_location_id": "loc-a", "location_ids": ["loc-b"]}
        assert (await staff.post(f"/members/{nurse}/transfer", json=move)).status_code == 403  # loc-b: not hers
        moved = await admin.post(f"/members/{nurse}/transfer", json=move)
        assert moved.json()["location_ids"] == ["loc-a", "loc-b"], moved.text
        licence = {"kind": "state_license", "number": "NP1", "issuer": "BRN", "state": "CA",
                   "issued_on": "2024-01-01", "expires_on": (TODAY + timedelta(days=200)).isoformat()}
        first = (await staff.post(f"/members/{nurse}/credentials", json=licence)).json()
        second = (await staff.post(f"/members/{nurse}/credentials", json=licence | {"number": "NP2"})).json()
        by_id = {c["id"]: c for c in (await staff.get(f"/members/{nurse}/credentials")).json()}
        assert by_id[first["id"]]["superseded_by"] == second["id"] and by_id[second["id"]]["superseded_by"] is None
        renewed = await staff.post(f"/credentials/{second['id']}/renew",
                                   json={"expires_on": (TODAY + timedelta(days=900)).isoformat()})
        assert renewed.status_code == 200, renewed.text
        suspended = await admin.post(f"/credentials/{second['id']}/suspend", json={"reason": "board order"})
        assert suspended.json()["status"] == "suspended"
        assert (await admin.post(f"/credentials/{second['id']}/suspend", json={"reason": "x"})).status_code == 409
        assert (await staff.post(f"/credentials/{second['id']}/renew",
                                 json={"expires_on": "2040-01-01"})).status_code == 409

        # Termination cancels the member's shifts from that day on; a terminated member gets no new shift.
        ended = await staff.post(f"/members/{assistant}/terminate", json={"terminated_on": TODAY.isoformat()})
        assert ended.json()["terminated_on"] == TODAY.isoformat(), ended.text
        assert (await staff.get("/locations/loc-a/shifts", params=generate)).json() == []
        refused = await staff.post("/shifts", json={"staff_id": assistant, "location_id": "loc-a",
                                                   "start": f"{monday}T13:00:00", "end": f"{monday}T14:00:00"})
        assert refused.status_code == 409, refused.text

    types = Counter()
    for topic, count in (("staff.shift", 10), ("staff.time_off", 1), ("staff.training", 4), ("staff.credential", 4),
                         ("staff.member", 5)):
        records = await read_all(suite.bootstrap, suite.topic(topic), expect=count, timeout=15)
        types.update(dict(r.headers)["ce_type"].decode() for r in records)
    assert types == {"staff.member.hired": 2, "staff.member.updated": 2, "staff.member.terminated": 1,
                     "staff.shift.scheduled": 5, "staff.shift.cancelled": 5, "staff.time_off.approved": 1,
                     "staff.training.completed": 1, "staff.training.overdue": 3, "staff.credential.added": 3,
                     "staff.credential.suspended": 1}
