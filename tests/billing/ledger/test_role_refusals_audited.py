"""A role refused on billing's patient routes is a denied access in billing's trail."""

import json

import pytest

from tests.support.kafka_tools import read_all
from tests.support.suite import token

pytestmark = pytest.mark.integration


async def test_a_facilities_coordinator_and_a_desk_refused_on_claims_and_balances_are_audited(make_suite):
    suite = make_suite("sqlite")
    await suite.start("billing")
    coordinator = token(roles=["facilities_coordinator"], locations=["loc-a"], sub="coord-1")
    desk = token(roles=["front_desk"], locations=["loc-a"], sub="desk-1")
    async with suite.client("billing", coordinator) as billing:
        assert (await billing.get("/patients/p-1/balance")).status_code == 403
        assert (await billing.get("/claims/c-1")).status_code == 403
    async with suite.client("billing", desk) as billing:
        assert (await billing.get("/patients/p-1/statement")).status_code == 403
        assert (await billing.get("/payers")).status_code == 403  # reference data: no patient, no audit

    records = await read_all(suite.bootstrap, suite.topic("billing.audit"), expect=3)
    denied = sorted(
        (e["actor"], e["resource"], e["resource_id"], e["patient_id"], e["outcome"])
        for e in map(lambda r: json.loads(r.value), records)
    )
    assert denied == [
        ("coord-1", "Claim", "c-1", None, "denied"),
        ("coord-1", "PatientAccount", "p-1", "p-1", "denied"),
        ("desk-1", "PatientAccount", "p-1", "p-1", "denied"),
    ]
    assert len(await read_all(suite.bootstrap, suite.topic("billing.audit"), expect=4, timeout=3)) == 3
