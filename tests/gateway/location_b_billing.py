"""Location B's billing records through the gateway: the visit's claim, submitted, paid by an 835, and a payment.

Also the walk's own 835, which takes that payment back and pays anew: a file that would change B's claim if a
location-A token could post it.
"""

from decimal import Decimal

import httpx

from services.billing.x12.check835 import problems
from tests.gateway.location_b_practice import made
from tests.support.claim_flow import FEES, PROFILE
from tests.support.dates import days_ago
from tests.support.flow import VISIT
from tests.support.polling import eventually
from tests.support.x12_835 import Clp, Svc, build_835

PAYER_X12 = "BSCA1"


async def build_billing(
    gw: httpx.AsyncClient, location_b: str, visited: str, tag: str, of_b: dict[str, str]
) -> tuple[str, str]:
    """B's billing setup, the completed visit's claim and its remittance, a payment: (payer, the walk's 835)."""
    # B bills as a practice the scrubber accepts: its profile, and a fee schedule pricing the visit's lines.
    await made(gw, f"/billing/locations/{location_b}/billing-profile", PROFILE, key=None, method="PUT", ok=(200,))
    await made(gw, f"/billing/locations/{location_b}/fee-schedule", FEES, key=None, method="PUT", ok=(200,))
    await made(gw, f"/scheduling/appointments/{visited}/check-in", key=None, ok=(200,))
    await made(gw, f"/scheduling/appointments/{visited}/complete", VISIT, key=None, ok=(200,))

    # Billing: a payer, coverage that opens the visit's claim, a payment, an expense.
    payer = await made(
        gw, "/billing/payers", {"name": f"Payer {tag}", "x12_payer_id": PAYER_X12, "timely_filing_days": 365}
    )

    async def charged():  # coverage added once the visit is charged opens its claim at once
        response = await gw.get(f"/api/v1/billing/appointments/{visited}/charges")
        return response.status_code == 200 and len(response.json()) == 2

    await eventually(charged, timeout=40)

    async def covered():
        response = await gw.post(
            f"/api/v1/billing/patients/{of_b['patient_id']}/coverages",
            json={
                "payer_id": payer,
                "member_id": "XZ123456789",
                "group_number": "GRP-B",
                "effective_from": str(days_ago(400)),
            },
        )
        assert response.status_code in (201, 404), response.text  # 404 until billing has heard of the patient
        return response.status_code == 201 and response.json()["id"]

    of_b["coverage_id"] = await eventually(covered, timeout=40)

    async def claimed():
        response = await gw.get(f"/api/v1/billing/appointments/{visited}/claims")
        return response.status_code == 200 and response.json() and response.json()[0]

    claim = await eventually(claimed, timeout=40)
    # The scrubber's verdict is read back, not assumed: a claim it holds names each failing rule and field.
    assert claim["status"] == "ready", f"B's claim held by the scrubber: {claim['scrub_failures']}"
    assert [(line["cpt"], line["charge_amount"]) for line in claim["lines"]] == [
        ("99213", "125.00"),
        ("83036", "50.50"),
    ], claim["lines"]  # priced from B's fee schedule
    of_b["claim_id"] = claim["id"]
    of_b["batch_id"] = await made(gw, "/billing/claim-batches", {"location_id": location_b})
    submitted = (await gw.get(f"/api/v1/billing/claims/{claim['id']}")).json()
    assert (submitted["status"], submitted["batch_id"]) == ("submitted", of_b["batch_id"]), submitted
    # The payer pays it: B's remittance. The walk's own 835 then takes that decision back and pays anew,
    # a file that would change B's claim if a location-A token could post it.
    first, correction = remittances_for(submitted, payer=f"Payer {tag}", trace=f"EFT-{tag}")
    response = await gw.post("/api/v1/billing/remittances", json={"x12": first})
    assert response.status_code == 200, response.text
    imported = response.json()
    assert not imported["already_imported"] and imported["unmatched"] == [], imported
    assert [(p["claim_id"], p["status"]) for p in imported["posted"]] == [(claim["id"], "paid")], imported
    of_b["remittance_id"] = imported["remittance_id"]
    of_b["payment_id"] = await made(
        gw,
        "/billing/payments",
        {"patient_id": of_b["patient_id"], "location_id": location_b, "method": "cash", "amount": "20.00"},
        headers={"Idempotency-Key": f"pay-{tag}"},
    )

    return payer, correction


def remittances_for(claim: dict, *, payer: str, trace: str) -> tuple[str, str]:
    """Two valid, balanced 835s for B's submitted claim: a payment, and (another trace) its reversal and correction.

    CLP01 and REF*6R echo the claim's and lines' control numbers, as the 837P sent them; the payer is B's
    (REF*2U its X12 id), so nothing but the location scope stands between either file and B's claim.
    """

    def paying(status: str, sign: Decimal, paid: tuple[str, str]) -> Clp:
        lines = []
        for line, settled in zip(claim["lines"], paid, strict=True):
            charge, settled = Decimal(line["charge_amount"]), Decimal(settled)
            written_off = [("CO", "45", sign * (charge - settled))] if charge != settled else []
            lines.append(
                Svc(
                    line["cpt"],
                    sign * charge,
                    sign * settled,
                    written_off,
                    line["control_number"],
                    tuple(line["modifiers"]),
                )
            )
        return Clp(claim["control_number"], status, lines, payer_claim_number="PCNB0001")

    first = build_835(
        [paying("1", Decimal(1), ("100.00", "50.50"))],
        trace=trace,
        payer_id=PAYER_X12,
        payer_name=payer,
        control_number=910,
    )
    correction = build_835(
        [paying("22", Decimal(-1), ("100.00", "50.50")), paying("1", Decimal(1), ("110.00", "50.50"))],
        trace=f"{trace}-2",
        payer_id=PAYER_X12,
        payer_name=payer,
        control_number=911,
    )
    for x12 in (first, correction):  # the file billing's strict checks accept: envelope, balancing, pyx12
        assert problems(x12) == [], problems(x12)
    return first, correction
