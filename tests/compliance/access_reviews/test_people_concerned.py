"""Follow-ups: the break-glass reason in the trail and its alert, repeated denials, overdue access
reviews, and the people concerned acting on their own part (managers decide, staff attest)."""

import json
from datetime import timedelta

import pytest

from shared.clock import utcnow
from shared.contracts.audit import phi_accessed_of
from shared.contracts.staff import StaffMemberHired
from tests.support.compliance import OFFICER, json_of
from tests.support.dates import days_ago, today_utc
from tests.support.kafka_tools import read_all
from tests.support.polling import eventually
from tests.support.suite import token
from tests.support.upstream import publish

pytestmark = pytest.mark.integration
REASON = "unconscious in our ER, allergies unknown"
T0 = utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)  # a whole hour, in the past


async def hire(suite, staff_id: str, location_id: str, manager_id: str) -> None:
    await publish(
        suite,
        StaffMemberHired(
            staff_id=staff_id,
            given_name=staff_id,
            family_name="X",
            role="physician",
            home_location_id=location_id,
            location_ids=[location_id],
            manager_id=manager_id,
            hired_on=days_ago(2000),
        ),
        staff_id,
    )


async def access(suite, actor: str, minute: int, *, outcome="success", break_glass=False, reason=None) -> None:
    await publish(
        suite,
        phi_accessed_of("scheduling")(
            actor=actor,
            actor_roles=["clinician"],
            actor_locations=["loc-a"],
            action="read",
            resource="Patient",
            resource_id="pat-1",
            patient_id="pat-1",
            location_id="loc-a",
            outcome=outcome,
            occurred_at=T0 + timedelta(minutes=minute),
            break_glass=break_glass,
            reason=reason,
        ),
        "pat-1",
    )


def of_kind(alerts: list[dict], kind: str) -> list[dict]:
    return [a for a in alerts if a["kind"] == kind]


async def test_reason_denials_overdue_reviews_and_self_service(make_suite):
    suite = make_suite()
    await suite.start(
        "compliance", env={"COMPLIANCE_REPEATED_DENIALS_PER_HOUR": "3", "COMPLIANCE_REVIEW_CHECK_INTERVAL_S": "0.5"}
    )
    async with suite.client("compliance", OFFICER) as compliance:

        async def open_alerts():
            return await json_of(compliance, "/alerts", location_id="loc-a", status="open")

        # Break-glass: the reason is in the accounting, the CSV and the alert, and is chained.
        await access(suite, "er-doc", 0)
        await access(suite, "er-doc", 1, break_glass=True, reason=REASON)
        accounting = await eventually(
            lambda: json_of(compliance, "/audit/patients/pat-1/accounting"),
            lambda rows: sum(r["actor"] == "er-doc" for r in rows) == 2,
        )
        assert [(r["break_glass"], r["reason"]) for r in accounting if r["actor"] == "er-doc"] == [
            (False, None),
            (True, REASON),
        ]
        csv = (await compliance.get("/audit/records.csv", params={"actor": "er-doc"})).text.splitlines()
        assert "reason" in csv[0].split(",") and REASON in csv[2] and REASON not in csv[1]
        glass = of_kind(await eventually(open_alerts, lambda a: of_kind(a, "break_glass")), "break_glass")
        detail = await json_of(compliance, f"/alerts/{glass[0]['alert_id']}")
        assert detail["details"]["reason"] == REASON
        published = [
            json.loads(r.value) for r in await read_all(suite.bootstrap, suite.topic("compliance.alert"), expect=1)
        ]
        assert all("reason" not in e["details"] for e in published)  # free text stays off the topic

        # Repeated denials: the third within an hour (arriving out of order) raises one alert per user-hour.
        for minute in (40, 5, 20, 30, 50):
            await access(suite, "prober", minute, outcome="denied")
        for minute in (0, 45):
            await access(suite, "fumbler", minute, outcome="denied")
        await eventually(lambda: json_of(compliance, "/audit/records", outcome="denied"), lambda r: len(r) == 7)
        denials = of_kind(await open_alerts(), "repeated_denials")
        assert [(a["subject"], a["severity"]) for a in denials] == [("prober", "high")]
        assert (await json_of(compliance, f"/alerts/{denials[0]['alert_id']}"))["details"]["denials_in_an_hour"] >= 3
        assert (await json_of(compliance, "/audit/verify"))["ok"] is True

        # Access review past its due date: alerted once; each manager decides their own staff's item.
        await hire(suite, "dr-lee", "loc-a", "mgr-1")
        await hire(suite, "dr-kim", "loc-a", "mgr-2")
        await hire(suite, "rec-bo", "loc-b", "mgr-2")
        await eventually(
            lambda: json_of(compliance, "/locations/loc-a/staff-compliance"), lambda m: len(m["members"]) == 2
        )
        # Compliance has not heard of loc-a's timezone here: its date there is the UTC date.
        yesterday = (today_utc() - timedelta(days=1)).isoformat()
        campaign = (
            await compliance.post("/access-reviews", json={"name": "Q4", "location_id": "loc-a", "due_on": yesterday})
        ).json()
        items = {i["staff_id"]: i["id"] for i in campaign["items"]}
        undecided = await json_of(compliance, "/access-reviews", location_id="loc-a")
        assert [(c["name"], c["items"], c["pending"]) for c in undecided] == [("Q4", 2, 2)], undecided
        overdue = await eventually(open_alerts, lambda a: of_kind(a, "access_review_overdue"))
        assert [a["subject"] for a in of_kind(overdue, "access_review_overdue")] == [campaign["id"]]
        base = f"/access-reviews/{campaign['id']}"
        manager_1 = token(roles=["office_manager"], locations=["loc-a"], sub="mgr-1")
        manager_2 = token(roles=["office_manager"], locations=["loc-a"], sub="mgr-2")
        elsewhere = token(roles=["office_manager"], locations=["loc-b"], sub="mgr-1")
        async with (
            suite.client("compliance", manager_1) as mgr1,
            suite.client("compliance", manager_2) as mgr2,
            suite.client("compliance", elsewhere) as outside,
        ):
            assert (await mgr1.post(f"{base}/items/{items['dr-kim']}/confirm")).status_code == 403  # not theirs
            assert (await outside.post(f"{base}/items/{items['dr-lee']}/confirm")).status_code == 403  # location
            assert (await mgr1.get(base)).status_code == 403  # reads stay with officers
            confirmed = await mgr1.post(f"{base}/items/{items['dr-lee']}/confirm")
            assert confirmed.status_code == 200 and confirmed.json()["decided_by"] == "mgr-1", confirmed.text
            await eventually(
                lambda: json_of(compliance, "/alerts/" + overdue[0]["alert_id"]), lambda a: a["status"] == "open"
            )  # one item is still undecided
            revoked = await mgr2.post(
                f"{base}/items/{items['dr-kim']}/revoke", json={"reason": "moved to billing", "revoke_role": True}
            )
            assert revoked.status_code == 200, revoked.text
            assert (await mgr1.get("/access-reviews", params={"location_id": "loc-a"})).status_code == 403
        listed = await json_of(compliance, "/access-reviews", location_id="loc-a")
        assert [(c["id"], c["items"], c["pending"]) for c in listed] == [(campaign["id"], 2, 0)], listed
        assert await json_of(compliance, "/access-reviews", location_id="loc-b") == []
        closed = await json_of(compliance, f"/alerts/{overdue[0]['alert_id']}")
        assert closed["status"] == "resolved" and closed["resolution"] == "every item decided"
        alerts_raised = await json_of(compliance, "/alerts", location_id="loc-a")
        assert len(of_kind(alerts_raised, "access_review_overdue")) == 1  # the periodic job raised it once

        # Self-attestation: the token's sub is the staff id; no officer involved, no reads opened.
        policy = (await compliance.post("/policies", json={"code": "hipaa_privacy", "title": "HIPAA"})).json()
        version = (
            await compliance.post(
                f"/policies/{policy['id']}/versions",
                json={
                    "summary": "Minimum necessary",
                    "effective_on": today_utc().isoformat(),
                    "scope_location_ids": ["loc-a"],
                },
            )
        ).json()
        attest = f"/policy-versions/{version['id']}/attest"
        staff = {
            sub: token(roles=["clinician"], locations=[loc], sub=sub)
            for sub, loc in (("dr-lee", "loc-a"), ("rec-bo", "loc-b"), ("stranger", "loc-a"))
        }
        async with (
            suite.client("compliance", staff["dr-lee"]) as lee,
            suite.client("compliance", staff["rec-bo"]) as bo,
            suite.client("compliance", staff["stranger"]) as stranger,
        ):
            done = await lee.post(attest)
            assert done.status_code == 201 and done.json()["staff_id"] == "dr-lee", done.text
            assert done.json()["recorded_by"] == "dr-lee"
            assert (await lee.post(attest)).status_code == 409
            assert (await bo.post(attest)).status_code == 422  # the version covers loc-a only
            assert (await stranger.post(attest)).status_code == 403  # not linked to a staff member
            assert (
                await lee.get(f"/policy-versions/{version['id']}/attestations", params={"location_id": "loc-a"})
            ).status_code == 403
        status = await json_of(compliance, f"/policy-versions/{version['id']}/attestations", location_id="loc-a")
        assert [a["staff_id"] for a in status["attested"]] == ["dr-lee"]
        assert [p["staff_id"] for p in status["pending"]] == ["dr-kim"]
