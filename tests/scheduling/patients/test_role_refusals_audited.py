"""A role refused on a PHI route is a denied access in the trail, as a location refusal is."""

import json

import pytest

from tests.support.flow import register_patient
from tests.support.kafka_tools import read_all
from tests.support.suite import token

pytestmark = pytest.mark.integration

FRONT_DESK_A = token(roles=["front_desk"], locations=["loc-a"], sub="frontdesk-a")
OUTSIDERS = {"biller": "biller-1", "compliance_officer": "officer-1", "facilities_coordinator": "facilities-1"}


async def test_billers_officers_and_facilities_refused_on_patient_routes_are_audited(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", FRONT_DESK_A) as desk:
        patient_id = await register_patient(desk)
    for role, sub in OUTSIDERS.items():
        async with suite.client("scheduling", token(roles=[role], locations=["loc-a"], sub=sub)) as outsider:
            assert (await outsider.get(f"/patients/{patient_id}")).status_code == 403
            assert (await outsider.patch(f"/patients/{patient_id}", json={"given_name": "X"})).status_code == 403
    async with suite.client("scheduling", token(roles=["biller"], locations=["loc-a"], sub="biller-1")) as biller:
        assert (await biller.get("/locations/loc-a/appointment-types")).status_code == 403  # no patient data here

    records = await read_all(suite.bootstrap, suite.topic("scheduling.audit"), expect=7)
    denied = [json.loads(r.value) for r in records if json.loads(r.value)["outcome"] == "denied"]
    assert sorted((d["actor"], d["action"]) for d in denied) == sorted(
        (sub, action) for sub in OUTSIDERS.values() for action in ("read", "update")
    )
    assert {(d["resource"], d["resource_id"], d["patient_id"]) for d in denied} == {("Patient", patient_id, patient_id)}
    assert all(d["reason"].startswith("role not allowed") for d in denied)
    # The registration and six refusals; the appointment types' refusal touched no PHI and is not in the trail.
    assert len(await read_all(suite.bootstrap, suite.topic("scheduling.audit"), expect=8, timeout=3)) == 7
