"""Staff and access alerts from events, the compliance matrix, policy attestations and access reviews."""

import json
from datetime import date, timedelta

import pytest

from shared.clock import utcnow
from shared.contracts.audit import phi_accessed_of
from shared.contracts.staff import (
    CredentialAdded,
    CredentialExpired,
    StaffMemberHired,
    TrainingCompleted,
    TrainingOverdue,
)
from tests.support.compliance import OFFICER, OFFICER_A, json_of
from tests.support.dates import days_ago, days_ahead, today_utc
from tests.support.kafka_tools import read_all
from tests.support.polling import eventually
from tests.support.upstream import publish

pytestmark = pytest.mark.integration
# PHI reads from the start of the last whole hour: one hour bucket, in the past.
T0 = utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
ALERT_FIELDS = {"alert_id", "kind", "severity", "location_id", "subject", "raised_at", "status"}


async def hire(suite, staff_id: str, role: str, location_id: str) -> None:
    await publish(
        suite,
        StaffMemberHired(
            staff_id=staff_id,
            given_name=staff_id,
            family_name="X",
            role=role,
            home_location_id=location_id,
            location_ids=[location_id],
            manager_id="mgr-1",
            hired_on=days_ago(2000),
        ),
        staff_id,
    )


def licence(credential_id: str, expires_on: date) -> CredentialAdded:
    return CredentialAdded(
        credential_id=credential_id,
        staff_id="dr-lee",
        kind="state_license",
        number="A1",
        issuer="Medical Board of California",
        state="CA",
        issued_on=days_ago(700),
        expires_on=expires_on,
    )


async def open_alerts(client, location_id: str = "loc-a") -> list[dict]:
    return await json_of(client, "/alerts", location_id=location_id, status="open")


def kinds(alerts: list[dict]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for alert in alerts:
        found.setdefault(alert["kind"], []).append(alert["subject"])
    return found


async def phi_read(suite, *, actor: str, patient_id: str, location_id: str, minute: int, break_glass=False):
    await publish(
        suite,
        phi_accessed_of("scheduling")(
            actor=actor,
            actor_roles=["front_desk"],
            actor_locations=["loc-a"],
            action="read",
            resource="Patient",
            resource_id=patient_id,
            patient_id=patient_id,
            location_id=location_id,
            outcome="success",
            occurred_at=T0 + timedelta(minutes=minute),
            break_glass=break_glass,
        ),
        patient_id,
    )


async def test_alerts_matrix_attestations_and_access_reviews(make_suite):
    suite = make_suite()
    await suite.start("compliance", env={"COMPLIANCE_UNUSUAL_ACCESS_PATIENTS_PER_HOUR": "3"})
    # Compliance has not heard of loc-a's timezone here: its date there is the UTC date.
    today = today_utc()
    async with suite.client("compliance", OFFICER) as compliance, suite.client("compliance", OFFICER_A) as local:
        for staff_id, role, location in (
            ("dr-lee", "physician", "loc-a"),
            ("ma-sam", "medical_assistant", "loc-a"),
            ("rec-bo", "receptionist", "loc-b"),
        ):
            await hire(suite, staff_id, role, location)
        await publish(suite, licence("lic-old", today - timedelta(days=3)), "lic-old")
        await publish(
            suite,
            CredentialExpired(
                credential_id="lic-old",
                staff_id="dr-lee",
                kind="state_license",
                state="CA",
                expired_on=today - timedelta(days=3),
            ),
            "lic-old",
        )
        await publish(suite, TrainingOverdue(staff_id="ma-sam", course_code="hipaa", due_on=today), "ma-sam")

        raised = await eventually(lambda: open_alerts(compliance), lambda a: len(a) == 2)
        assert kinds(raised) == {"credential_expired": ["dr-lee"], "training_overdue": ["ma-sam"]}
        assert all(set(a) == ALERT_FIELDS and a["status"] == "open" for a in raised)
        matrix = await json_of(compliance, "/locations/loc-a/staff-compliance")
        assert {m["staff_id"]: m["standing"] for m in matrix["members"]} == {"dr-lee": "overdue", "ma-sam": "overdue"}

        # A renewed licence and the completed course resolve them.
        await publish(suite, licence("lic-new", today + timedelta(days=700)), "lic-new")
        await publish(
            suite,
            TrainingCompleted(
                staff_id="ma-sam", course_code="hipaa", completed_on=today, valid_until=today + timedelta(days=365)
            ),
            "ma-sam",
        )
        await eventually(lambda: open_alerts(compliance), lambda a: a == [])
        matrix = await json_of(compliance, "/locations/loc-a/staff-compliance")
        assert {m["staff_id"]: m["standing"] for m in matrix["members"]} == {"dr-lee": "current", "ma-sam": "current"}
        events = await read_all(suite.bootstrap, suite.topic("compliance.alert"), expect=4)
        assert sorted(dict(r.headers)["ce_type"].decode() for r in events) == [
            "compliance.alert.raised",
            "compliance.alert.raised",
            "compliance.alert.resolved",
            "compliance.alert.resolved",
        ]
        resolved = [json.loads(r.value) for r in events if dict(r.headers)["ce_type"] == b"compliance.alert.resolved"]
        assert any("lic-new" in e["resolution"] for e in resolved)

        # Access patterns: 5 patients within the hour (threshold 3), a read outside the scope, a break-glass.
        for minute in range(5):
            await phi_read(suite, actor="snoop", patient_id=f"pat-{minute}", location_id="loc-a", minute=minute)
        await phi_read(suite, actor="roamer", patient_id="pat-9", location_id="loc-b", minute=6)
        await phi_read(suite, actor="er-doc", patient_id="pat-1", location_id="loc-a", minute=7, break_glass=True)
        found = await eventually(lambda: open_alerts(compliance), lambda a: len(a) >= 2)
        assert kinds(found) == {"unusual_access_volume": ["snoop"], "break_glass": ["er-doc"]}
        elsewhere = await eventually(lambda: open_alerts(compliance, "loc-b"), lambda a: len(a) == 1)
        assert kinds(elsewhere) == {"access_outside_locations": ["roamer"]}
        assert (await local.get("/alerts", params={"location_id": "loc-b"})).status_code == 403

        volume = next(a for a in found if a["kind"] == "unusual_access_volume")
        detail = (await compliance.post(f"/alerts/{volume['alert_id']}/acknowledge")).json()
        assert detail["status"] == "acknowledged" and detail["details"]["distinct_patients_in_an_hour"] >= 4
        closed = await compliance.post(f"/alerts/{volume['alert_id']}/resolve", json={"resolution": "audit review"})
        assert closed.json()["status"] == "resolved"
        assert (
            await compliance.post(f"/alerts/{volume['alert_id']}/resolve", json={"resolution": "again"})
        ).status_code == 409
        assert kinds(await open_alerts(compliance)) == {"break_glass": ["er-doc"]}

        # Policies: each new version needs every member in scope to attest again.
        policy = (await compliance.post("/policies", json={"code": "hipaa_privacy", "title": "HIPAA privacy"})).json()
        assert (await compliance.post("/policies", json={"code": "hipaa_privacy", "title": "x"})).status_code == 409
        version = {"summary": "Minimum necessary", "effective_on": today.isoformat(), "scope_location_ids": ["loc-a"]}
        v1 = (await compliance.post(f"/policies/{policy['id']}/versions", json=version)).json()
        assert v1["version"] == 1
        future = await compliance.post(
            f"/policy-versions/{v1['id']}/attestations",
            json={"staff_id": "dr-lee", "attested_on": days_ahead(2).isoformat()},
        )
        assert future.status_code == 422 and future.json()["field"] == "body.attested_on", future.text
        attested = await compliance.post(f"/policy-versions/{v1['id']}/attestations", json={"staff_id": "dr-lee"})
        assert attested.status_code == 201, attested.text
        assert (
            await compliance.post(f"/policy-versions/{v1['id']}/attestations", json={"staff_id": "dr-lee"})
        ).status_code == 409
        outside = await compliance.post(f"/policy-versions/{v1['id']}/attestations", json={"staff_id": "rec-bo"})
        assert outside.status_code == 422 and outside.json()["field"] == "body.staff_id"
        status = await json_of(compliance, f"/policy-versions/{v1['id']}/attestations", location_id="loc-a")
        assert ([a["staff_id"] for a in status["attested"]], [p["staff_id"] for p in status["pending"]]) == (
            ["dr-lee"],
            ["ma-sam"],
        )
        v2 = (await compliance.post(f"/policies/{policy['id']}/versions", json=version)).json()
        status = await json_of(compliance, f"/policy-versions/{v2['id']}/attestations", location_id="loc-a")
        assert v2["version"] == 2 and status["attested"] == [] and len(status["pending"]) == 2
        assert (
            await local.post(f"/policies/{policy['id']}/versions", json=version | {"scope_location_ids": []})
        ).status_code == 422

        # Access review: the manager confirms one member and revokes the other's role; it is published.
        campaign = (
            await compliance.post(
                "/access-reviews", json={"name": "Q4", "location_id": "loc-a", "due_on": days_ahead(30).isoformat()}
            )
        ).json()
        items = {i["staff_id"]: i for i in campaign["items"]}
        assert set(items) == {"dr-lee", "ma-sam"} and {i["manager_id"] for i in items.values()} == {"mgr-1"}
        base = f"/access-reviews/{campaign['id']}/items"
        assert (await compliance.post(f"{base}/{items['dr-lee']['id']}/confirm")).json()["decision"] == "confirmed"
        assert (await compliance.post(f"{base}/{items['dr-lee']['id']}/confirm")).status_code == 409
        revoked = await compliance.post(
            f"{base}/{items['ma-sam']['id']}/revoke", json={"reason": "left the team", "revoke_role": True}
        )
        assert revoked.json()["revoked_roles"] == ["medical_assistant"]
        (event,) = await read_all(suite.bootstrap, suite.topic("compliance.access_review"), expect=1)
        assert json.loads(event.value)["staff_id"] == "ma-sam"
        review = await json_of(compliance, f"/access-reviews/{campaign['id']}")
        assert sorted(i["decision"] for i in review["items"]) == ["confirmed", "revoked"]
