"""HIPAA audit controls: refused PHI access is audited as denied, and break-glass opens a record loudly."""

import json

import pytest

from tests.support.compliance import OFFICER, json_of
from tests.support.flow import book_and_check_in
from tests.support.kafka_tools import read_all
from tests.support.polling import eventually
from tests.support.suite import ADMIN_A, token

pytestmark = pytest.mark.integration

CLINICIAN_B = token(roles=["clinician"], locations=["loc-b"], sub="clinician-bea")
FRONT_DESK_B = token(roles=["front_desk"], locations=["loc-b"], sub="frontdesk-bo")
BILLER_B = token(roles=["biller"], locations=["loc-b"], sub="biller-bill")
REASON = "unconscious in our ER, allergies unknown"


async def test_denied_reads_are_audited_and_break_glass_is_accounted_and_alerted(make_suite):
    suite = make_suite()  # PostgreSQL
    await suite.start("compliance")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as admin:
        appointment_id = await book_and_check_in(suite, admin)
        patient_id = (await admin.get(f"/appointments/{appointment_id}")).json()["patient_id"]

    glass = {"X-Break-Glass": REASON}
    async with suite.client("scheduling", CLINICIAN_B) as clinician:
        for path in (
            f"/patients/{patient_id}",
            f"/appointments/{appointment_id}",
            f"/patients/{patient_id}/appointments",
        ):
            refused = await clinician.get(path)
            assert refused.status_code == 403 and refused.json()["field"] == "location_id", (path, refused.text)
        short = await clinician.get(f"/patients/{patient_id}", headers={"X-Break-Glass": "urgent"})
        assert short.status_code == 422 and short.json()["errors"][0]["field"] == "header.X-Break-Glass"
        opened = await clinician.get(f"/patients/{patient_id}", headers=glass)
        assert opened.status_code == 200 and opened.json()["family_name"] == "Rivera", opened.text
        history = await clinician.get(f"/patients/{patient_id}/appointments", headers=glass)
        assert [a["id"] for a in history.json()] == [appointment_id], history.text
    async with suite.client("scheduling", FRONT_DESK_B) as desk:
        refused = await desk.get(f"/patients/{patient_id}", headers=glass)
        assert refused.status_code == 403 and "break the glass" in refused.json()["message"]
    async with suite.client("scheduling", BILLER_B) as biller:
        assert (await biller.get(f"/patients/{patient_id}", headers=glass)).status_code == 403

    # the admin's registration, booking, check-in and read (4), four refusals by location, the biller's
    # refusal by role (a biller never reads a patient's chart), two break-glass reads
    records = await read_all(suite.bootstrap, suite.topic("scheduling.audit"), expect=11)
    audits = [json.loads(r.value) for r in records]
    denied = sorted((a["actor"], a["resource"], a["action"]) for a in audits if a["outcome"] == "denied")
    assert denied == [
        ("biller-bill", "Patient", "read"),
        ("clinician-bea", "Appointment", "read"),
        ("clinician-bea", "Patient", "read"),
        ("clinician-bea", "Patient", "read"),
        ("frontdesk-bo", "Patient", "read"),
    ]
    assert all(a["patient_id"] == patient_id for a in audits)
    # A role refusal comes before the record is read: it names the patient asked for, not her location.
    assert all(a["location_id"] == ("loc-a" if a["actor"] != "biller-bill" else None) for a in audits)
    broken = [a for a in audits if a["break_glass"]]
    assert {(a["resource"], a["outcome"], a["reason"]) for a in broken} == {
        ("Patient", "success", REASON),
        ("PatientAppointments", "success", REASON),
    }

    async with suite.client("compliance", OFFICER) as compliance:
        # The officer's own reads of the accounting are audited too and join it as they arrive: count
        # scheduling's eleven accesses, not a total that races with the polling.
        accounting = await eventually(
            lambda: json_of(compliance, f"/audit/patients/{patient_id}/accounting"),
            lambda found: len([r for r in found if r["service"] == "scheduling"]) == 11,
        )
        by_clinician = [
            (r["resource"], r["outcome"], r["break_glass"])
            for r in accounting
            if r["actor"] == "clinician-bea" and r["resource"] == "Patient"
        ]
        assert sorted(by_clinician) == [("Patient", "denied", False)] * 2 + [("Patient", "success", True)]
        alerts = await eventually(
            lambda: json_of(compliance, "/alerts", location_id="loc-a", status="open"),
            lambda found: any(a["kind"] == "break_glass" for a in found),
        )
        assert {a["subject"] for a in alerts if a["kind"] == "break_glass"} == {"clinician-bea"}
