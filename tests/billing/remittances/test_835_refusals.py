"""Over HTTP: an 835 that is not a valid, balanced 835 is a 422 naming the segment, and posts nothing at all."""

import uuid
from decimal import Decimal

import pytest

from shared.contracts.scheduling import AppointmentCompleted, PatientRegistered, ServiceLine
from tests.support.claim_flow import ADDRESS, FEES, PROFILE, claim_of, insure, set_up_billing
from tests.support.dates import at_local, days_ago
from tests.support.suite import ADMIN_A, token
from tests.support.upstream import publish, seed_practice
from tests.support.x12_835 import Clp, Svc, build_835
from tests.support.x12_mutations import cut_after, cut_before, with_element, without

pytestmark = pytest.mark.integration
D = Decimal
# What the file writes: the remittance, its claim payments, lines and adjustments, and patient balances.
WRITTEN = (
    "remittance",
    "remittance_claim_payment",
    "remittance_line_payment",
    "remittance_line_adjustment",
    "patient_ledger_entry",
)


async def submitted_claim(suite, billing, location_id: str = "loc-a", payer_id: str | None = None) -> dict:
    """A two-line visit ten days ago (99213 125.00, 83036-QW 50.50), its claim scrubbed and sent in an 837P."""
    await seed_practice(suite, location_id=location_id)
    if payer_id is None:
        payer_id = await set_up_billing(billing)
    else:  # a second location: its own billing profile and fees, the same payer
        for path, body in (("billing-profile", PROFILE), ("fee-schedule", FEES)):
            assert (await billing.put(f"/locations/{location_id}/{path}", json=body)).status_code == 200
    patient_id, appointment_id, day = str(uuid.uuid4()), str(uuid.uuid4()), days_ago(10)
    await publish(
        suite,
        PatientRegistered(
            patient_id=patient_id,
            family_name="Rivera",
            given_name="Ana",
            birth_date=days_ago(365 * 40),
            sex="female",
            location_id=location_id,
            address=ADDRESS,
        ),
        patient_id,
    )
    await insure(billing, patient_id, payer_id, effective_from=days_ago(60).isoformat())
    await publish(
        suite,
        AppointmentCompleted(
            appointment_id=appointment_id,
            patient_id=patient_id,
            provider_id="prov-7",
            location_id=location_id,
            date_of_service=day,
            completed_at=at_local(day, 10, tz="America/Los_Angeles"),
            diagnosis_codes=["I10"],
            service_lines=[ServiceLine(cpt="99213"), ServiceLine(cpt="83036", modifiers=["QW"])],
        ),
        appointment_id,
    )
    await claim_of(billing, appointment_id, "ready")
    exported = await billing.post("/claim-batches", json={"location_id": location_id})
    assert exported.status_code == 201, exported.text
    return await claim_of(billing, appointment_id, "submitted")


def bad_files(good: str, clp01: str) -> dict[str, tuple[str, str]]:
    """Each defect a new user hit, made from the good file: the file, and the segment its refusal names."""
    no_cas = (
        build_835([Clp(clp01, "1", [])], trace="EFT-NOCAS")
        .replace(f"CLP*{clp01}*1*0*0", f"CLP*{clp01}*1*125*100")
        .replace("BPR*I*0*", "BPR*I*100*")
    )
    return {
        "no SE, GE or IEA": (cut_before(good, "SE*"), "ST"),
        "cut after NM1*QC": (cut_after(good, "NM1*QC"), "ST"),
        "SE02 is not ST02": (with_element(good, "SE", 2, "0002"), "SE"),
        "GE02 is not GS06": (with_element(good, "GE", 2, "901"), "GE"),
        "IEA02 is not ISA13": (with_element(good, "IEA", 2, "000000901"), "IEA"),
        "BPR02 1000, claims paid 150.50": (with_element(good, "BPR", 2, "1000"), "BPR"),
        "CLP03 125 - CLP04 100, no CAS": (no_cas, "CLP"),
        "CLP without TRN": (without(good, "TRN"), "CLP"),
        "a non-numeric amount": (with_element(good, "CLP", 4, "150.5O"), "CLP"),
    }


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_a_bad_835_is_refused_whole_and_a_good_one_posts(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("billing")
    async with suite.client("billing", ADMIN_A) as billing:
        claim = await submitted_claim(suite, billing)
        lines = [line["control_number"] for line in claim["lines"]]
        good = build_835(
            [
                Clp(
                    claim["control_number"],
                    "1",
                    [
                        Svc("99213", D("125"), D("100"), [("CO", "45", D("20")), ("PR", "1", D("5"))], lines[0]),
                        Svc("83036", D("50.50"), D("50.50"), [], lines[1], ("QW",)),
                    ],
                )
            ],
            trace=f"EFT-{uuid.uuid4().hex[:8]}",
        )

        for case, (bad, segment) in bad_files(good, claim["control_number"]).items():
            refused = await billing.post("/remittances", json={"x12": bad})
            assert refused.status_code == 422, (case, refused.status_code, refused.text)
            body = refused.json()
            assert body["field"] == "body" and body["message"].startswith(
                f"the 835 is refused whole, nothing was posted: {segment} at segment "
            ), (case, body["message"])
            first = body["errors"][0]
            assert first["segment"] == segment and first["position"] >= 1 and first["rule"], (case, first)
            for python_error in ("index out of range", "ConversionSyntax", "NoneType", "Traceback"):
                assert python_error not in refused.text, (case, refused.text)
            for table in WRITTEN:
                assert await suite.scalar("billing", f"SELECT count(*) FROM {table}") == 0, (case, table)
            unchanged = (await billing.get(f"/claims/{claim['id']}")).json()
            assert (unchanged["status"], unchanged["paid_amount"]) == ("submitted", "0.00"), case

        # The good file still posts, all of it: payment, write-off and the patient's share.
        posted = await billing.post("/remittances", json={"x12": good})
        assert posted.status_code == 200, posted.text
        assert [(p["claim_id"], p["status"]) for p in posted.json()["posted"]] == [(claim["id"], "paid")]
        after = (await billing.get(f"/claims/{claim['id']}")).json()
        assert (after["paid_amount"], after["adjustment_amount"], after["patient_responsibility"]) == (
            "150.50",
            "20.00",
            "5.00",
        )
        assert [line["paid_amount"] for line in after["lines"]] == ["100.00", "50.50"]
        assert await suite.scalar("billing", "SELECT count(*) FROM remittance_line_adjustment") == 2
        assert await suite.scalar("billing", "SELECT count(*) FROM patient_ledger_entry") == 1


def paid_in_full(claim: dict) -> Clp:
    lines = [line["control_number"] for line in claim["lines"]]
    return Clp(
        claim["control_number"],
        "1",
        [
            Svc("99213", D("125"), D("100"), [("CO", "45", D("25"))], lines[0]),
            Svc("83036", D("50.50"), D("50.50"), [], lines[1], ("QW",)),
        ],
    )


async def test_a_valid_file_posts_all_of_its_claims_or_none(make_suite):
    # A biller of loc-a imports a valid file that also pays a loc-b claim: the loc-b claim is refused (403)
    # after the loc-a claim's payment was written in the same transaction, which must not survive.
    suite = make_suite("postgresql")
    await suite.start("billing")
    async with suite.client("billing", token(roles=["practice_admin"], locations=["loc-a", "loc-b"])) as admin:
        ours = await submitted_claim(suite, admin)
        payer_id = (await admin.get(f"/claims/{ours['id']}")).json()["payer_id"]
        theirs = await submitted_claim(suite, admin, location_id="loc-b", payer_id=payer_id)
    both = build_835([paid_in_full(ours), paid_in_full(theirs)], trace=f"EFT-{uuid.uuid4().hex[:8]}")
    async with suite.client("billing", token(roles=["biller"], locations=["loc-a"], sub="biller-a")) as biller:
        refused = await biller.post("/remittances", json={"x12": both})
        assert refused.status_code == 403, refused.text
        for table in WRITTEN:
            assert await suite.scalar("billing", f"SELECT count(*) FROM {table}") == 0, table
        unchanged = (await biller.get(f"/claims/{ours['id']}")).json()
        assert (unchanged["status"], unchanged["paid_amount"]) == ("submitted", "0.00")
