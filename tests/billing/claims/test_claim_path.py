"""The claim path on PostgreSQL and the real broker: visit -> charges -> claim -> 837P -> 835 -> paid or denied.

Then the secondary payer's claim, missed-visit fees, and another location's biller refused it all.
"""

import json
from collections import Counter
from datetime import timedelta

import pytest

from services.billing.x12 import edi837
from services.billing.x12.validation import validate
from tests.billing.claims.claim_path import (
    AS_OF,
    MISSED_DAY,
    PAID_ON,
    D,
    acme_remittance,
    as_recorded,
    as_sent,
    beta_remittance,
    insured_twice,
    miss_visits,
    visit_each,
)
from tests.support.claim_flow import FEES, claim_of, insure, insured_patient, reconciles, set_up_billing
from tests.support.kafka_tools import read_all
from tests.support.polling import eventually
from tests.support.suite import ADMIN_A, token

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_visit_to_money_reconciles_to_the_cent(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    await suite.start("billing")
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("billing", ADMIN_A) as billing:
        payer_id = await set_up_billing(billing)
        ana, beta_id = await insured_twice(scheduling, billing, payer_id)
        ben = await insured_patient(scheduling, billing, payer_id, family_name="Brown")
        cal = await insured_patient(
            scheduling,
            billing,
            payer_id,
            family_name="Cruz",
            relationship="child",
            subscriber={"family_name": "Cruz", "given_name": "Luis"},
        )
        dee = await insured_patient(scheduling, billing, payer_id, family_name="Diaz")
        visits = await visit_each(suite, scheduling, ana, ben, cal, dee)

        # Charges priced from the fee schedule (the QW price of 83036), claims opened and scrubbed.
        claims = {p: await claim_of(billing, visits[p], "draft" if p == dee else "ready") for p in visits}
        charges = (await billing.get(f"/appointments/{visits[ana]}/charges")).json()
        assert [(c["cpt"], c["amount"]) for c in charges] == [("99213", "125.00"), ("83036", "50.50")]
        assert claims[ana]["total_charge"] == "175.50" and claims[ana]["diagnosis_codes"] == ["E11.9", "I10"]
        assert [line["diagnosis_pointers"] for line in claims[ana]["lines"]] == [[1, 2], [1]]
        assert [h["to_status"] for h in claims[ana]["history"]] == ["draft", "ready"]
        # The unpriced visit waits for a person, and says why.
        attention = (await billing.get("/locations/loc-a/claims", params={"needs_attention": "true"})).json()
        assert attention == [
            {
                "claim_id": claims[dee]["id"],
                "status": "draft",
                "patient_id": dee,
                "total": "0.00",
                "reason": "charge_amount: lines[1].charge_amount",
            }
        ]
        refused = await billing.post(f"/claims/{claims[dee]['id']}/status", json={"status": "accepted"})
        assert refused.status_code == 409 and refused.json()["allowed"] == ["ready"]

        # 837P of the ready claims: valid against the guide, and it reads back as the claims.
        exported = await billing.post("/claim-batches", json={"location_id": "loc-a"})
        assert exported.status_code == 201, exported.text
        batch = exported.json()
        assert validate(batch["content"]) == []
        control, sent = edi837.parse(batch["content"])
        assert control == batch["interchange_control_number"] == 1
        ready = [claims[p] for p in (ana, ben, cal)]
        assert sorted(batch["claim_ids"]) == sorted(c["id"] for c in ready)
        # CLM01 is the claim's patient control number, REF*6R each line's: what the payer's 835 echoes.
        assert as_sent(sent) == as_recorded(ready)
        assert {c.claim_id: c.relationship for c in sent}[claims[cal]["control_number"]] == "child"
        again = await billing.post("/claim-batches", json={"location_id": "loc-a"})
        assert again.status_code == 409  # nothing is sent twice
        aging = (await billing.get("/reports/ar-aging", params={"location_id": "loc-a", "as_of": AS_OF})).json()
        assert D(aging["total"]["total"]) == D("500.50")

        # The payer answers: Ana's lab line denied, Ben paid, Cal's claim denied, and a claim that is not ours.
        remittance = acme_remittance(claims[ana], claims[ben], claims[cal])
        assert validate(remittance) == []
        posted = await billing.post("/remittances", json={"x12": remittance})
        assert posted.status_code == 200, posted.text
        result = posted.json()
        assert not result["already_imported"]
        assert [(p["claim_id"], p["status"]) for p in result["posted"]] == [
            (claims[ana]["id"], "partially_paid"),
            (claims[ben]["id"], "paid"),
            (claims[cal]["id"], "denied"),
        ]
        assert [u["patient_control_number"] for u in result["unmatched"]] == ["not-one-of-ours"]

        after = {p: (await billing.get(f"/claims/{claims[p]['id']}")).json() for p in (ana, ben, cal)}
        assert all(reconciles(c) for c in after.values())
        assert (
            after[ana]["paid_amount"],
            after[ana]["adjustment_amount"],
            after[ana]["patient_responsibility"],
            after[ana]["denial_carc"],
        ) == ("80.00", "75.50", "20.00", "50")
        assert [(ln["paid_amount"], ln["denial_carc"]) for ln in after[ana]["lines"]] == [
            ("80.00", None),
            ("0.00", "50"),
        ]
        assert (after[ben]["paid_amount"], after[ben]["patient_responsibility"]) == ("90.00", "10.00")
        assert (after[cal]["status"], after[cal]["denial_carc"]) == ("denied", "50")
        assert [h["to_status"] for h in after[ben]["history"]] == ["draft", "ready", "submitted", "accepted", "paid"]

        # The same file again posts nothing.
        repeat = (await billing.post("/remittances", json={"x12": remittance})).json()
        assert repeat["already_imported"] and repeat["remittance_id"] == result["remittance_id"]
        assert (await billing.get(f"/claims/{claims[ana]['id']}")).json()["paid_amount"] == "80.00"
        assert await suite.scalar("billing", "SELECT count(*) FROM remittance_claim_payment") == 4
        stored = (await billing.get(f"/remittances/{result['remittance_id']}")).json()
        assert stored["posted"] == result["posted"] and stored["unmatched"][0]["problem"]

        # Patient shares on the balances; nothing left owed by the payer.
        async def balance(patient_id):
            response = await billing.get(f"/patients/{patient_id}/balance", params={"location_id": "loc-a"})
            return D(response.json()["balance"])

        assert (await balance(ana), await balance(ben), await balance(cal)) == (D("20"), D("10"), D("0"))
        # Ana's share is asked of her secondary payer: a claim opened and scrubbed, owing what Acme left.
        secondary = next(
            c for c in (await billing.get(f"/appointments/{visits[ana]}/claims")).json() if c["priority"] == "secondary"
        )
        assert (
            secondary["status"],
            secondary["primary_claim_id"],
            secondary["total_charge"],
            secondary["prior_payer_amount"],
        ) == ("ready", claims[ana]["id"], "175.50", "155.50")
        assert [line["prior_payer_amount"] for line in secondary["lines"]] == ["105.00", "50.50"]
        # Ben's secondary coverage, recorded only now, gets his 10.00 asked of Beta too.
        await insure(billing, ben, beta_id, priority="secondary", member_id="B-992", group_number=None)
        bens = (await billing.get(f"/appointments/{visits[ben]}/claims")).json()
        assert [(c["priority"], c["status"], c["prior_payer_amount"]) for c in bens] == [
            ("primary", "paid", "0.00"),
            ("secondary", "ready", "115.00"),
        ]
        aging = (await billing.get("/reports/ar-aging", params={"location_id": "loc-a", "as_of": AS_OF})).json()
        assert {row["name"]: row["total"] for row in aging["by_payer"]} == {"Beta Mutual": "30.00"}

        # What is left for a person: the denial, and the unpriced draft until its code gets a price.
        attention = (await billing.get("/locations/loc-a/claims", params={"needs_attention": "true"})).json()
        assert sorted((a["patient_id"], a["status"], a["reason"]) for a in attention) == sorted(
            [(cal, "denied", "denied (CARC 50)"), (dee, "draft", "charge_amount: lines[1].charge_amount")]
        )
        assert (
            await billing.put("/locations/loc-a/fee-schedule", json=[*FEES, {"cpt": "99215", "amount": "150.00"}])
        ).status_code == 200
        rescrubbed = (await billing.post(f"/claims/{claims[dee]['id']}/scrub")).json()
        assert (rescrubbed["status"], rescrubbed["total_charge"], rescrubbed["scrub_failures"]) == (
            "ready",
            "150.00",
            [],
        )

        # A denial is appealed by hand; the history keeps it.
        appealed = await billing.post(
            f"/claims/{claims[cal]['id']}/status", json={"status": "appealed", "reason": "medical records attached"}
        )
        assert appealed.json()["history"][-1] | {"changed_at": None} == {
            "from_status": "denied",
            "to_status": "appealed",
            "reason": "medical records attached",
            "changed_by": "tester",
            "changed_at": None,
        }

        # The secondary claim goes out with Acme's decision (loops 2320 and 2430), valid against the guide.
        second = (await billing.post("/claim-batches", json={"location_id": "loc-a"})).json()
        assert validate(second["content"]) == []
        assert sorted(second["claim_ids"]) == sorted([secondary["id"], bens[1]["id"], claims[dee]["id"]])
        sent = next(c for c in edi837.parse(second["content"])[1] if c.claim_id == secondary["control_number"])
        assert (sent.priority, sent.payer_id, sent.member_id, sent.total) == (
            "secondary",
            "BETA02",
            "B-991",
            D("175.50"),
        )
        prior = sent.prior_payer
        assert (prior.payer_id, prior.member_id, prior.paid, prior.adjustments) == (
            "ACME01",
            "XJ123456789",
            D("80"),
            (),
        )
        assert [
            (line.paid, [(a.group_code, a.carc, a.amount) for a in line.adjustments], line.adjudicated_on)
            for line in prior.lines
        ] == [
            (D("80"), [("CO", "45", D("25")), ("PR", "1", D("20"))], PAID_ON),
            (D("0"), [("CO", "50", D("50.50"))], PAID_ON),
        ]
        # Beta pays 15.00 of the 20.00 (OA-23: what Acme settled); 5.00 is left to Ana, and her balance follows.
        beta_835 = beta_remittance(secondary)
        assert validate(beta_835) == []
        posted_beta = (await billing.post("/remittances", json={"x12": beta_835})).json()
        assert [(p["claim_id"], p["status"]) for p in posted_beta["posted"]] == [(secondary["id"], "paid")]
        settled = (await billing.get(f"/claims/{secondary['id']}")).json()
        assert reconciles(settled) and (
            settled["paid_amount"],
            settled["adjustment_amount"],
            settled["patient_responsibility"],
        ) == ("15.00", "0.00", "5.00")
        assert await balance(ana) == D("5")

        # Missed visits cost the location's fee, once per appointment, on the patient's balance.
        fees = await billing.put(
            "/locations/loc-a/missed-visit-fees", json={"no_show_fee": "40.00", "late_cancel_fee": "25.00"}
        )
        assert fees.status_code == 200, fees.text
        await miss_visits(suite, ben)
        await eventually(lambda: balance(ben), lambda b: b == D("75"), what="missed-visit fees on the balance")
        no_show = (await billing.get("/appointments/appt-noshow/charges")).json()
        # 18:00 in Los Angeles: the local day is the date of service.
        assert [(c["kind"], c["amount"], c["date_of_service"]) for c in no_show] == [
            ("no_show", "40.00", (MISSED_DAY - timedelta(days=1)).isoformat())
        ]
        assert (await billing.get("/appointments/appt-early/charges")).json() == []

    # A biller of another location reaches none of it by changing ids, and every refusal is audited.
    async with suite.client("billing", token(roles=["biller"], locations=["loc-b"], sub="biller-b")) as other:
        for path in (
            f"/claims/{claims[ana]['id']}",
            f"/patients/{ana}/coverages",
            f"/patients/{ana}/claims",
            f"/appointments/{visits[ana]}/charges",
            f"/appointments/{visits[ana]}/claims",
            f"/claim-batches/{batch['id']}",
            f"/remittances/{result['remittance_id']}",
            "/locations/loc-a/claims",
            "/locations/loc-a/fee-schedule",
        ):
            assert (await other.get(path)).status_code == 403, path
        assert (await other.post("/remittances", json={"x12": remittance})).status_code == 403
        assert (
            await other.post(f"/claims/{claims[cal]['id']}/status", json={"status": "resubmitted"})
        ).status_code == 403
        assert (await other.post("/claim-batches", json={"location_id": "loc-a"})).status_code == 403

    # Everything on the topic (a short wait past the last): the scrubber's announcements come besides the claims'.
    events = await read_all(suite.bootstrap, suite.topic("billing.claim"), expect=100, timeout=8)
    scrubbed = [(dict(r.headers)["ce_type"].decode(), json.loads(r.value)["claim_id"]) for r in events]
    scrubbed = [(t, claim_id) for t, claim_id in scrubbed if ".scrub_" in t]
    events = [r for r in events if b".scrub_" not in dict(r.headers)["ce_type"]]
    types = sorted(dict(r.headers)["ce_type"].decode() for r in events)
    assert types == sorted(
        ["billing.claim.submitted"] * 6
        + ["billing.claim.accepted"] * 4
        + ["billing.claim.paid"] * 3
        + ["billing.claim.denied"]
        + ["billing.claim.appealed"]
    )
    # A claim the scrubber held is announced (for the biller's inbox), and announced again only when it passes.
    assert any(t == "billing.claim.scrub_failed" for t, _ in scrubbed)
    for index, (kind, claim_id) in enumerate(scrubbed):
        if kind == "billing.claim.scrub_passed":
            assert ("billing.claim.scrub_failed", claim_id) in scrubbed[:index]
    denied = next(json.loads(r.value) for r in events if dict(r.headers)["ce_type"] == b"billing.claim.denied")
    assert denied["carcs"] == ["50"]
    audit = [
        json.loads(r.value)
        for r in await read_all(suite.bootstrap, suite.topic("billing.audit"), expect=10_000, timeout=5)
    ]
    exported_audit = [e for e in audit if e["action"] == "export" and e["outcome"] == "success"]
    assert sorted(e["resource_id"] for e in exported_audit) == sorted(batch["claim_ids"] + second["claim_ids"])
    denied = [e for e in audit if e["outcome"] == "denied"]
    assert {e["actor"] for e in denied} == {"biller-b"} and all(e["actor_locations"] == ["loc-b"] for e in denied)
    assert all(e["location_id"] == "loc-a" for e in denied)
    # The fee schedule is no PHI: its refusal is a plain 403; the eleven others are denied PHI accesses.
    # Ana's claim: read by id, among the visit's claims, and in the 835 summary (read and re-posted).
    anas_claim = [("read", "Claim", claims[ana]["id"], ana)] * 4
    assert Counter((e["action"], e["resource"], e["resource_id"], e["patient_id"]) for e in denied) == Counter(
        [
            *anas_claim,
            ("read", "Coverage", None, ana),
            ("read", "Claim", None, ana),
            ("read", "Charge", visits[ana], ana),
            ("read", "ClaimBatch", batch["id"], None),
            ("read", "Claim", None, None),
            ("update", "Claim", claims[cal]["id"], cal),
            ("export", "Claim", None, None),
        ]
    )
