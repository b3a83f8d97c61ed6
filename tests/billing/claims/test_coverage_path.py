"""Coverage on PostgreSQL and the real broker, as the claim path needs it: one primary at a time, even when
requests race, and coverage recorded after a visit still gets the visit billed.
"""

import asyncio

import pytest

from tests.billing.claims.claim_path import insured_twice, slot
from tests.support.claim_flow import claim_of, completed_visit, insure, register, set_up_billing
from tests.support.dates import days_ago
from tests.support.polling import eventually
from tests.support.suite import ADMIN_A

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_overlapping_primaries_are_refused_even_when_they_race(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    await suite.start("billing")
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("billing", ADMIN_A) as billing:
        payer_id = await set_up_billing(billing)
        ana, _ = await insured_twice(scheduling, billing, payer_id)
        overlapping = await billing.post(
            f"/patients/{ana}/coverages",
            json={"payer_id": payer_id, "member_id": "OTHER", "effective_from": days_ago(100).isoformat()},
        )
        assert overlapping.status_code == 409 and overlapping.json()["field"] == "effective_from"
        # Eight overlapping primaries at once for a new patient: one is recorded, the database refuses the rest.
        fox = await register(scheduling, "Fox")
        await eventually(lambda: billing.get(f"/patients/{fox}/coverages"), lambda r: r.status_code == 200)
        racing = await asyncio.gather(
            *[
                billing.post(
                    f"/patients/{fox}/coverages",
                    json={
                        "payer_id": payer_id,
                        "member_id": f"FOX{n}",
                        "effective_from": days_ago(300 - 30 * n).isoformat(),
                    },
                )
                for n in range(8)
            ]
        )
        assert sorted(r.status_code for r in racing) == [201] + [409] * 7
        assert {r.json()["field"] for r in racing if r.status_code == 409} == {"effective_from"}
        assert len((await billing.get(f"/patients/{fox}/coverages")).json()) == 1


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_coverage_recorded_after_the_visit_still_gets_the_visit_billed(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    await suite.start("billing")
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("billing", ADMIN_A) as billing:
        payer_id = await set_up_billing(billing)
        eve = await register(scheduling, "Evans")
        late = await completed_visit(
            suite,
            scheduling,
            eve,
            *slot("16:20", "16:40"),
            {"diagnosis_codes": ["I10"], "service_lines": [{"cpt": "99213"}]},
        )
        await eventually(lambda: billing.get(f"/appointments/{late}/charges"), lambda r: len(r.json()) == 1)
        assert (await billing.get(f"/appointments/{late}/claims")).json() == []
        await insure(billing, eve, payer_id)
        assert (await claim_of(billing, late))["status"] == "ready"
