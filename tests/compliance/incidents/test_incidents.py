"""OSHA cases and privacy incidents entered through the API; the 300A totals match them."""

from datetime import date, datetime, timedelta

import pytest

from shared.clock import utcnow
from shared.contracts.audit import phi_accessed_of
from tests.support.compliance import CASE_OCCURRED, OFFICER, OFFICER_A, json_of, osha_case
from tests.support.dates import days_ago, iso_utc
from tests.support.polling import eventually
from tests.support.upstream import publish

pytestmark = pytest.mark.integration

# The cases happened a month ago, in YEAR; one more in the year before (OSHA logs are per calendar year).
YEAR = CASE_OCCURRED.year


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_osha_log_301_sharps_300a_and_privacy_incidents(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("compliance", env={"COMPLIANCE_BREACH_CHECK_INTERVAL_S": "0.5"})
    async with suite.client("compliance", OFFICER) as compliance, suite.client("compliance", OFFICER_A) as local:
        entered = [
            osha_case(
                sharps={
                    "device_type": "hypodermic needle",
                    "brand": "BD Eclipse",
                    "procedure": "injection",
                    "body_part": "finger",
                }
            ),
            osha_case(
                classification="days_away",
                days_away=4,
                days_restricted=2,
                employee_name="Kim Wu",
                privacy_case=True,
                injury_type="injury",
            ),
            osha_case(classification="job_transfer_or_restriction", days_restricted=7, injury_type="skin_disorder"),
            osha_case(classification="days_away", days_away=10, injury_type="respiratory"),
            osha_case(occurred_on=date(YEAR - 1, 12, 30).isoformat()),  # another year
        ]
        ids = []
        for body in entered:
            response = await compliance.post("/osha/cases", json=body)
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])

        log = await json_of(compliance, "/osha/log", location_id="loc-a", year=YEAR)
        assert [row["case_number"] for row in log] == [1, 2, 3, 4]
        assert log[1]["employee_name"] == "Privacy case"  # 29 CFR 1904.29(b)(6)
        report = await json_of(compliance, f"/osha/cases/{ids[1]}")
        assert report["employee_name"] == "Kim Wu" and report["details_301"]["what_happened"] == "needle slipped"
        sharps = await json_of(compliance, "/osha/sharps-log", location_id="loc-a", year=YEAR)
        assert [(s["case_number"], s["sharps"]["brand"]) for s in sharps] == [(1, "BD Eclipse")]

        summary = await json_of(compliance, "/osha/summary", location_id="loc-a", year=YEAR)
        assert summary["total_cases"] == 4
        assert summary["cases_by_classification"] == {
            "death": 0,
            "days_away": 2,
            "job_transfer_or_restriction": 1,
            "other_recordable": 1,
        }
        assert (summary["total_days_away"], summary["total_days_restricted"]) == (14, 9)
        assert summary["cases_by_injury_type"]["injury"] == 2
        assert summary["cases_by_injury_type"]["skin_disorder"] == 1
        assert summary["cases_by_injury_type"]["respiratory"] == 1
        assert (await json_of(compliance, "/osha/summary", location_id="loc-a", year=YEAR - 1))["total_cases"] == 1

        # Bad input names the field and writes nothing; another location's officer is refused.
        bad = await compliance.post("/osha/cases", json=osha_case(classification="days_away"))
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body"
        assert (await local.post("/osha/cases", json=osha_case(location_id="loc-b"))).status_code == 403
        assert (await local.get("/osha/summary", params={"location_id": "loc-b", "year": YEAR})).status_code == 403

        discovered = days_ago(100)  # its 60-day deadline passed 40 days ago
        response = await compliance.post(
            "/privacy-incidents",
            json={
                "location_id": "loc-a",
                "discovered_on": discovered.isoformat(),
                "description": "fax to the wrong number",
                "individuals_affected": 3,
            },
        )
        assert response.status_code == 201, response.text
        incident = response.json()
        deadline = discovered + timedelta(days=60)
        assert incident["notification_deadline"] == deadline.isoformat() and incident["status"] == "overdue"
        listed = await json_of(compliance, "/privacy-incidents", location_id="loc-a")
        assert [i["status"] for i in listed] == ["overdue"]
        (overdue,) = await eventually(
            lambda: json_of(compliance, "/alerts", location_id="loc-a", status="open"), lambda alerts: len(alerts) == 1
        )
        assert (overdue["kind"], overdue["subject"], overdue["severity"]) == (
            "breach_notification_overdue",
            incident["id"],
            "critical",
        )
        notification = f"/privacy-incidents/{incident['id']}/notification"
        too_early = await compliance.post(
            notification, json={"notified_on": (discovered - timedelta(days=1)).isoformat()}
        )
        in_future = await compliance.post(notification, json={"notified_on": days_ago(-2).isoformat()})
        notified = await compliance.post(notification, json={"notified_on": days_ago(1).isoformat()})
        assert (too_early.status_code, too_early.json()["field"]) == (422, "body.notified_on"), too_early.text
        assert (in_future.status_code, in_future.json()["field"]) == (422, "body.notified_on"), in_future.text
        assert notified.json()["status"] == "notified"
        again = await compliance.post(
            f"/privacy-incidents/{incident['id']}/notification", json={"notified_on": days_ago(0).isoformat()}
        )
        assert again.status_code == 409
        assert await json_of(compliance, "/alerts", location_id="loc-a", status="open") == []
        if backend == "postgresql":  # reported and notified, each once: the inbox's compliance task opens and closes
            announced = await suite.scalar(
                "compliance",
                "SELECT json_agg(json_build_object('type', headers->>'ce_type',"
                " 'data', convert_from(payload, 'UTF8')::json) ORDER BY id) FROM outbox"
                " WHERE headers->>'ce_type' LIKE 'compliance.privacy_incident.%'",
            )
            assert [a["type"] for a in announced] == [
                "compliance.privacy_incident.reported",
                "compliance.privacy_incident.notified",
            ]
            reported = announced[0]["data"]
            assert reported["incident_id"] == incident["id"]
            assert reported["notification_deadline"] == deadline.isoformat()
            assert datetime.fromisoformat(reported["notify_by"]).date() in (deadline, deadline + timedelta(days=1))

        # The trail chains what it consumes, including compliance's own audit events.
        await publish(
            suite,
            phi_accessed_of("facilities")(
                actor="fac-1",
                actor_roles=["facilities_coordinator"],
                action="read",
                resource="Room",
                resource_id="r1",
                patient_id=None,
                location_id="loc-a",
                outcome="success",
                occurred_at=iso_utc(utcnow() - timedelta(minutes=5)),
            ),
            "r1",
        )
        # 5 cases entered, the 300 log and one 301 read (audited: employee health data), the room read.
        records = await eventually(lambda: json_of(compliance, "/audit/records"), lambda rows: len(rows) == 8)
        assert {r["resource"] for r in records} == {"OshaCase", "Osha300Log", "Room"}
        assert [r["sequence"] for r in sorted(records, key=lambda r: r["sequence"])] == list(range(1, 9))
        assert await json_of(compliance, "/audit/verify") == {"ok": True, "checked": 8, "first_broken": None}
