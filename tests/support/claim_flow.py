"""Steps of the claim path driven over HTTP and the broker, shared by the integration tests."""

from decimal import Decimal

import httpx

from tests.support.dates import days_ago
from tests.support.flow import practice
from tests.support.polling import eventually

PAYER = {
    "name": "Acme Health",
    "x12_payer_id": "ACME01",
    "timely_filing_days": 365,
    "address": {"line1": "1 Payer Way", "city": "Hartford", "state": "CT", "postal_code": "06101"},
}
PROFILE = {
    "organization_name": "Main Street Family Practice",
    "npi": "1234567893",
    "tax_id": "123456789",
    "address": {"line1": "100 Main St", "city": "Springfield", "state": "CA", "postal_code": "90210-1234"},
    "contact_name": "Billing Office",
    "contact_phone": "5555550100",
}
FEES = [
    {"cpt": "99213", "amount": "125.00"},
    {"cpt": "83036", "modifier": "QW", "amount": "50.50"},
    {"cpt": "83036", "amount": "40.00"},
    {"cpt": "99214", "amount": "200.00"},
]
ADDRESS = {"line1": "12 Oak Ave", "city": "Springfield", "state": "CA", "postal_code": "90211"}


async def set_up_billing(billing: httpx.AsyncClient) -> str:
    """A payer, the location's billing profile and fee schedule; returns the payer id."""
    payer = await billing.post("/payers", json=PAYER)
    assert payer.status_code == 201, payer.text
    assert (await billing.put("/locations/loc-a/billing-profile", json=PROFILE)).status_code == 200
    assert (await billing.put("/locations/loc-a/fee-schedule", json=FEES)).status_code == 200
    return payer.json()["id"]


async def register(scheduling, family_name: str) -> str:
    """A patient registered in scheduling with the address claims need."""
    registered = await scheduling.post(
        "/patients",
        json={
            "family_name": family_name,
            "given_name": "Ana",
            "birth_date": "1975-04-12",
            "sex": "female",
            "location_id": "loc-a",
            "address": ADDRESS,
        },
    )
    assert registered.status_code == 201, registered.text
    return registered.json()["id"]


async def insure(billing, patient_id: str, payer_id: str, **coverage) -> dict:
    """Coverage for the patient, once billing has learnt of them from scheduling's event."""
    body = {
        "payer_id": payer_id,
        "member_id": "XJ123456789",
        "group_number": "GRP-77",
        "effective_from": days_ago(365).isoformat(),
    } | coverage

    async def add():
        return await billing.post(f"/patients/{patient_id}/coverages", json=body)

    added = await eventually(add, lambda r: r.status_code != 404, what="coverage of a projected patient")
    assert added.status_code == 201, added.text
    return added.json()


async def insured_patient(scheduling, billing, payer_id: str, family_name: str = "Rivera", **coverage) -> str:
    patient_id = await register(scheduling, family_name)
    await insure(billing, patient_id, payer_id, **coverage)
    return patient_id


async def completed_visit(suite, scheduling, patient_id: str, start: str, end: str, visit: dict) -> str:
    """Book, check in and complete a visit with these CPT lines; returns the appointment id."""
    await practice(suite, scheduling)
    booked = await scheduling.post(
        "/appointments",
        json={"patient_id": patient_id, "provider_id": "prov-7", "location_id": "loc-a", "start": start, "end": end},
    )
    assert booked.status_code == 201, booked.text
    appointment_id = booked.json()["id"]
    assert (await scheduling.post(f"/appointments/{appointment_id}/check-in")).status_code == 200
    done = await scheduling.post(f"/appointments/{appointment_id}/complete", json=visit)
    assert done.status_code == 200, done.text
    return appointment_id


async def claim_of(billing, appointment_id: str, status: str | None = None) -> dict:
    """The encounter's claim once billing opened it (and, if given, once it has this status)."""

    async def claims():
        return (await billing.get(f"/appointments/{appointment_id}/claims")).json()

    found = await eventually(
        claims,
        lambda c: c and (status is None or c[0]["status"] == status),
        what=f"claim of {appointment_id} {status or ''}",
    )
    return found[0]


def reconciles(claim: dict) -> bool:
    """Charge = (a prior payer's share +) paid + written off + patient responsibility, for the claim and each line."""
    rows = [claim, *({**line, "total_charge": line["charge_amount"]} for line in claim["lines"])]
    return all(
        Decimal(r["total_charge"])
        == Decimal(r["prior_payer_amount"])
        + Decimal(r["paid_amount"])
        + Decimal(r["adjustment_amount"])
        + Decimal(r["patient_responsibility"])
        for r in rows
    )
