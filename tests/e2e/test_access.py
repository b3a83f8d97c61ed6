"""Every route checks the token, the role and the location scope."""

import json

import pytest

from tests.support.flow import (
    VISIT,
    book_and_check_in,
    complete,
    register_patient,
    wait_for_charges,
)
from tests.support.kafka_tools import read_all
from tests.support.suite import ADMIN_A, token
from tests.support.when import span, utc

pytestmark = pytest.mark.integration


async def test_no_token_is_401_and_another_locations_token_is_403(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    await suite.start("billing")
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("billing", ADMIN_A) as billing:
        appointment_id = await book_and_check_in(suite, scheduling)
        await complete(scheduling, appointment_id)
        await wait_for_charges(billing, appointment_id)
        patient_id = (await scheduling.get(f"/appointments/{appointment_id}")).json()["patient_id"]

    reads = [
        ("scheduling", f"/patients/{patient_id}"),
        ("scheduling", f"/appointments/{appointment_id}"),
        ("billing", f"/appointments/{appointment_id}/charges"),
    ]
    other_location = token(roles=["practice_admin"], locations=["loc-b"])
    for service, path in reads:
        async with suite.client(service, None) as anonymous:
            assert (await anonymous.get(path)).status_code == 401, path
        async with suite.client(service, "not-a-jwt") as forged:
            assert (await forged.get(path)).status_code == 401, path
        async with suite.client(service, other_location) as elsewhere:
            response = await elsewhere.get(path)
            assert response.status_code == 403, path
            assert response.json()["field"] == "location_id"

    async with suite.client("scheduling", other_location) as elsewhere:
        assert (await elsewhere.post(f"/appointments/{appointment_id}/check-in")).status_code == 403
        booking = {"patient_id": patient_id, "provider_id": "p", "location_id": "loc-a", **span(1, "15:00", 20)}
        assert (await elsewhere.post("/appointments", json=booking)).status_code == 403


async def test_roles_are_enforced_per_route(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    await suite.start("billing")
    front_desk = token(roles=["front_desk"], locations=["loc-a"])
    biller = token(roles=["biller"], locations=["*"])
    async with suite.client("scheduling", front_desk) as scheduling:
        appointment_id = await book_and_check_in(suite, scheduling)
        # Only clinicians (and admins) close a visit with its codes.
        response = await scheduling.post(f"/appointments/{appointment_id}/complete", json=VISIT)
        assert response.status_code == 403
    async with suite.client("scheduling", biller) as scheduling:
        assert (await scheduling.get(f"/appointments/{appointment_id}")).status_code == 403
    async with suite.client("billing", front_desk) as billing:
        assert (await billing.get(f"/appointments/{appointment_id}/charges")).status_code == 403
    async with suite.client("billing", biller) as billing:  # group-wide biller
        assert (await billing.get(f"/appointments/{appointment_id}/charges")).status_code == 200


async def test_bad_input_is_a_422_naming_the_field_and_nothing_is_written(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_A) as scheduling:
        appointment_id = await book_and_check_in(suite, scheduling)
        bad = {
            "diagnosis_codes": ["E11.9"],
            "service_lines": [{"cpt": "99213", "diagnosis_pointers": [1]}, {"cpt": "9921", "diagnosis_pointers": [2]}],
        }
        response = await scheduling.post(f"/appointments/{appointment_id}/complete", json=bad)
        assert response.status_code == 422
        fields = {e["field"]: e["reason"] for e in response.json()["errors"]}
        assert "'9921' is not a valid CPT/HCPCS code" in fields["body.service_lines.1.cpt"]
        assert (await scheduling.get(f"/appointments/{appointment_id}")).json()["status"] == "arrived"
        booking = {
            "patient_id": "x",
            "provider_id": "p",
            "location_id": "loc-a",
            "start": utc(1, "15:00").removesuffix("Z"),
            "end": utc(1, "15:20"),
        }
        response = await scheduling.post("/appointments", json=booking)
        assert [e["field"] for e in response.json()["errors"]] == ["body.start"]  # no timezone
        response = await scheduling.post("/appointments", json=booking | {"start": utc(1, "16:00")})
        assert response.json()["errors"] == [{"field": "body.end", "reason": "Value error, must be after start"}]
        twice = await scheduling.post(f"/appointments/{appointment_id}/check-in")
        assert twice.status_code == 409 and twice.json()["allowed"] == ["entered-in-error", "fulfilled"]
    # Booked and checked in reached the outbox; the refused completion wrote nothing.
    assert await suite.scalar("scheduling", "SELECT count(*) FROM outbox WHERE key = :a", a=appointment_id) == 2


async def test_reads_and_writes_of_phi_emit_audit_events(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    reader = token(roles=["front_desk"], locations=["loc-a"], sub="frontdesk-ana")
    async with suite.client("scheduling", reader) as scheduling:
        patient_id = await register_patient(scheduling)
        assert (await scheduling.get(f"/patients/{patient_id}")).status_code == 200

    records = await read_all(suite.bootstrap, suite.topic("scheduling.audit"), expect=2)
    events = [(dict(r.headers)["ce_type"], json.loads(r.value)) for r in records]
    assert [e["action"] for _, e in events] == ["create", "read"]
    for ce_type, event in events:
        assert ce_type == b"scheduling.audit.phi_accessed"
        assert event["actor"] == "frontdesk-ana" and event["actor_roles"] == ["front_desk"]
        assert event["patient_id"] == patient_id and event["resource"] == "Patient"
        assert event["location_id"] == "loc-a" and event["outcome"] == "success"
        assert event["source_ip"] == "127.0.0.1" and event["occurred_at"]
