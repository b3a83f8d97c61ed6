"""Payer reversals and corrections, the secondary claims that follow a re-adjudicated primary, and underpayments."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from services.billing.x12 import edi837
from services.billing.x12.validation import validate
from tests.support.claim_flow import (
    PAYER,
    claim_of,
    completed_visit,
    insure,
    insured_patient,
    reconciles,
    set_up_billing,
)
from tests.support.flow import VISIT
from tests.support.suite import ADMIN_A, token
from tests.support.upstream import SHIFT_DAYS
from tests.support.x12_835 import Clp, Svc, build_835

pytestmark = pytest.mark.integration
D = Decimal
SINGLE = {"diagnosis_codes": ["I10"], "service_lines": [{"cpt": "99213"}]}
VISIT_DAY = SHIFT_DAYS[0]  # a day the seeded provider works, two weeks or more out
PAID_ON = date.fromisoformat(VISIT_DAY) + timedelta(days=7)  # the payer's payment date (BPR16)


def reversed_(clp: Clp) -> Clp:
    """The payer's CLP02 22 of an earlier CLP: every amount negated."""
    return Clp(
        clp.claim_id,
        "22",
        [
            Svc(s.cpt, -s.charge, -s.paid, [(g, c, -a) for g, c, a in s.adjustments], s.line_id, s.modifiers)
            for s in clp.lines
        ],
        clp.payer_claim_number,
    )


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_reversal_and_correction_post_once_and_secondaries_follow(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    await suite.start("billing")
    async with suite.client("scheduling", ADMIN_A) as scheduling, suite.client("billing", ADMIN_A) as billing:
        acme = await set_up_billing(billing)
        rates = [
            {"cpt": "99213", "allowed_amount": "100.00"},
            {"cpt": "83036", "modifier": "QW", "allowed_amount": "40.00"},
        ]
        assert (await billing.put(f"/payers/{acme}/contracted-rates", json=rates)).status_code == 200
        beta = (await billing.post("/payers", json=PAYER | {"name": "Beta Mutual", "x12_payer_id": "BETA02"})).json()
        ana = await insured_patient(scheduling, billing, acme)
        ben = await insured_patient(scheduling, billing, acme, family_name="Brown")
        await insure(billing, ben, beta["id"], priority="secondary", member_id="B-992", group_number=None)
        visits = {
            ana: await completed_visit(
                suite, scheduling, ana, f"{VISIT_DAY}T15:00:00Z", f"{VISIT_DAY}T15:20:00Z", VISIT
            ),
            ben: await completed_visit(
                suite, scheduling, ben, f"{VISIT_DAY}T15:20:00Z", f"{VISIT_DAY}T15:40:00Z", SINGLE
            ),
        }
        claims = {p: await claim_of(billing, visits[p], "ready") for p in visits}
        assert (await billing.post("/claim-batches", json={"location_id": "loc-a"})).status_code == 201
        # The payer echoes CLM01 (CLP01) and each line's REF*6R as the 837P sent them.
        number = {p: claims[p]["control_number"] for p in (ana, ben)}
        ana_lines = [line["control_number"] for line in claims[ana]["lines"]]

        async def claim(claim_id):
            return (await billing.get(f"/claims/{claim_id}")).json()

        async def balance(patient_id):
            response = await billing.get(f"/patients/{patient_id}/balance", params={"location_id": "loc-a"})
            return D(response.json()["balance"])

        async def attention():
            rows = (await billing.get("/locations/loc-a/claims", params={"needs_attention": "true"})).json()
            return {row["claim_id"]: (row["status"], row["patient_id"], row["reason"]) for row in rows}

        # First decision: Acme settles Ana's lab line at 30.00 of its 40.00 and Ben's visit at 80.00 of 100.00.
        ana_paid = Clp(
            number[ana],
            "1",
            [
                Svc("99213", D("125"), D("80"), [("CO", "45", D("25")), ("PR", "1", D("20"))], ana_lines[0], ("25",)),
                Svc("83036", D("50.50"), D("30"), [("CO", "45", D("20.50"))], ana_lines[1], ("QW",)),
            ],
        )
        ben_paid = Clp(
            number[ben], "1", [Svc("99213", D("125"), D("70"), [("CO", "45", D("45")), ("PR", "2", D("10"))])]
        )
        first = (
            await billing.post(
                "/remittances", json={"x12": build_835([ana_paid, ben_paid], trace="EFT-0001", paid_on=PAID_ON)}
            )
        ).json()
        assert [p["status"] for p in first["posted"]] == ["paid", "paid"]
        assert await attention() == {
            claims[ana]["id"]: ("paid", ana, "underpaid by 10.00"),
            claims[ben]["id"]: ("paid", ben, "underpaid by 20.00"),
        }
        underpaid = (await billing.get("/locations/loc-a/underpayments")).json()
        assert sorted(
            (
                u["claim_id"],
                u["patient_id"],
                u["payer_id"],
                u["cpt"],
                u["modifier"],
                u["allowed_amount"],
                u["settled_amount"],
                u["amount"],
            )
            for u in underpaid
        ) == sorted(
            [
                (claims[ana]["id"], ana, acme, "83036", "QW", "40.00", "30.00", "10.00"),
                (claims[ben]["id"], ben, acme, "99213", "", "100.00", "80.00", "20.00"),
            ]
        )
        # Each underpaid line is announced once, for the inbox to raise the biller's task.
        if backend == "postgresql":
            announced = await suite.scalar(
                "billing",
                "SELECT json_agg(convert_from(payload, 'UTF8')::json->>'amount') FROM outbox"
                " WHERE headers->>'ce_type' = 'billing.claim.line_underpaid'",
            )
            assert sorted(announced) == ["10.00", "20.00"]
        # Ben's secondary claim goes out with Acme's first decision; Ana's secondary coverage arrives only now.
        bens_secondary = next(
            c for c in (await billing.get(f"/appointments/{visits[ben]}/claims")).json() if c["priority"] == "secondary"
        )
        assert (await billing.post("/claim-batches", json={"location_id": "loc-a"})).json()["claim_ids"] == [
            bens_secondary["id"]
        ]
        await insure(billing, ana, beta["id"], priority="secondary", member_id="B-991", group_number=None)
        anas_secondary = next(
            c for c in (await billing.get(f"/appointments/{visits[ana]}/claims")).json() if c["priority"] == "secondary"
        )
        assert (anas_secondary["status"], anas_secondary["prior_payer_amount"]) == ("ready", "155.50")

        # Acme takes both decisions back and corrects them; a reversal of nothing posted stays for a person.
        ana_fixed = Clp(
            number[ana],
            "1",
            [
                Svc("99213", D("125"), D("85"), [("CO", "45", D("25")), ("PR", "1", D("15"))], ana_lines[0], ("25",)),
                Svc("83036", D("50.50"), D("40"), [("CO", "45", D("10.50"))], ana_lines[1], ("QW",)),
            ],
        )
        ben_fixed = Clp(
            number[ben], "2", [Svc("99213", D("125"), D("85"), [("CO", "45", D("25")), ("PR", "2", D("15"))])]
        )
        stray = Clp(
            bens_secondary["control_number"], "22", [Svc("99213", D("-125"), D("-5"), [("CO", "45", D("-120"))])]
        )
        correction = build_835(
            [reversed_(ana_paid), ana_fixed, reversed_(ben_paid), ben_fixed, stray],
            trace="EFT-0002",
            control_number=901,
            paid_on=PAID_ON + timedelta(days=7),
        )
        assert validate(correction) == []
        second = await billing.post("/remittances", json={"x12": correction})
        assert second.status_code == 200, second.text
        second = second.json()
        assert [p["claim_id"] for p in second["posted"]] == [claims[ana]["id"]] * 2 + [claims[ben]["id"]] * 2
        assert [(u["claim_id"], u["problem"]) for u in second["unmatched"]] == [
            (None, "a payer reversal of nothing posted to this claim")
        ]

        async def settled():
            now = {p: await claim(claims[p]["id"]) for p in (ana, ben)}
            assert all(reconciles(c) for c in now.values())
            assert (
                now[ana]["status"],
                now[ana]["paid_amount"],
                now[ana]["adjustment_amount"],
                now[ana]["patient_responsibility"],
            ) == ("paid", "125.00", "35.50", "15.00")
            assert [
                (line["paid_amount"], line["adjustment_amount"], line["patient_responsibility"])
                for line in now[ana]["lines"]
            ] == [("85.00", "25.00", "15.00"), ("40.00", "10.50", "0.00")]
            assert (now[ben]["status"], now[ben]["paid_amount"], now[ben]["patient_responsibility"]) == (
                "paid",
                "85.00",
                "15.00",
            )
            assert [h["to_status"] for h in now[ana]["history"]] == [
                "draft",
                "ready",
                "submitted",
                "accepted",
                "paid",
                "accepted",
                "paid",
            ]
            assert (await balance(ana), await balance(ben)) == (D("15"), D("15"))

        await settled()
        # Ana's unsent secondary now asks for what the corrected decision left; Ben's, already sent, is flagged.
        anas_secondary = await claim(anas_secondary["id"])
        assert (anas_secondary["status"], anas_secondary["prior_payer_amount"]) == ("ready", "160.50")
        assert [line["prior_payer_amount"] for line in anas_secondary["lines"]] == ["110.00", "50.50"]
        bens_secondary_now = await claim(bens_secondary["id"])
        assert (bens_secondary_now["status"], bens_secondary_now["prior_payer_amount"]) == ("submitted", "115.00")
        assert await attention() == {
            bens_secondary["id"]: (
                "submitted",
                ben,
                "primary re-adjudicated: prior payer amount now 110.00, sent 115.00",
            )
        }
        assert (await billing.get("/locations/loc-a/underpayments")).json() == []

        # Exactly once: the same file, or a later reversal of what is already reversed, changes nothing.
        again = (await billing.post("/remittances", json={"x12": correction})).json()
        assert again["already_imported"] and again["remittance_id"] == second["remittance_id"]
        # A reversal alone leaves nothing to pay: the payer forwards the 110.00 (PLB FB) to its next payment.
        late = build_835(
            [reversed_(ana_paid)], trace="EFT-0003", control_number=902, plb=[("FB", "EFT-0003", D("-110"))]
        )
        refused = (await billing.post("/remittances", json={"x12": late})).json()
        assert (
            refused["posted"] == []
            and refused["unmatched"][0]["problem"] == "a payer reversal of 110.00, but 125.00 was posted"
        )
        await settled()
        assert (
            await suite.scalar(
                "billing", "SELECT count(*) FROM patient_ledger_entry WHERE source_id LIKE 'remittance_reversal:%'"
            )
            == 2
        )

        # Ana's secondary claim states only the corrected decision of Acme (loops 2320/2430), valid against the guide.
        batch = (await billing.post("/claim-batches", json={"location_id": "loc-a"})).json()
        assert batch["claim_ids"] == [anas_secondary["id"]] and validate(batch["content"]) == []
        prior = edi837.parse(batch["content"])[1][0].prior_payer
        assert prior.paid == D("125") and [
            (line.paid, [(a.group_code, a.carc, a.amount) for a in line.adjustments]) for line in prior.lines
        ] == [(D("85"), [("CO", "45", D("25")), ("PR", "1", D("15"))]), (D("40"), [("CO", "45", D("10.50"))])]

    async with suite.client("billing", token(roles=["biller"], locations=["loc-b"], sub="biller-b")) as other:
        assert (await other.get("/locations/loc-a/underpayments")).status_code == 403
