"""Payers, fees and appointment types; then the patients (scheduling) with their coverage (billing)."""

import random
from datetime import timedelta

from clinicops.demo.agenda import FEES, KINDS
from clinicops.demo.client import gather_bounded
from clinicops.demo.context import Demo
from clinicops.demo.plan import PAYERS, Patient, npi


async def set_up_billing(demo: Demo) -> None:
    """Three payers; each location's billing profile (its own NPI and ZIP+4) and fee schedule."""
    biller = demo.session("biller")
    for name, x12_id in PAYERS:
        payer = await biller.post(
            "/billing/payers",
            {
                "name": name,
                "x12_payer_id": x12_id,
                "timely_filing_days": 365,
                "address": {"line1": "1 Payer Way", "city": "Hartford", "state": "CT", "postal_code": "06101"},
            },
        )
        demo.payer_ids.append(payer["id"])
    rng = random.Random(f"{demo.practice.seed}:billing")
    for loc in demo.practice.locations:
        await biller.put(
            f"/billing/locations/{loc.location_id}/billing-profile",
            {
                "organization_name": loc.name[:60],
                "npi": npi(rng),
                "tax_id": f"{rng.randrange(10**8, 10**9)}",
                "address": {
                    "line1": loc.street,
                    "city": loc.city,
                    "state": loc.state,
                    "postal_code": f"{loc.postal_code}-{rng.randrange(1000, 9999)}",
                },
                "contact_name": "Billing Office",
                "contact_phone": f"555{rng.randrange(10**6, 10**7)}",
            },
        )
        await biller.put(f"/billing/locations/{loc.location_id}/fee-schedule", FEES)


async def appointment_types(demo: Demo) -> None:
    """The kinds of visit each location offers: 20 minutes in an exam room with a physician or an NP."""
    manager = demo.session("manager")
    for loc in demo.practice.locations:
        for kind, variants in KINDS.items():
            made = await manager.post(
                f"/scheduling/locations/{loc.location_id}/appointment-types",
                {
                    "name": kind,
                    "duration_minutes": 20,
                    "room_kind": "exam",
                    "default_cpt_codes": sorted({line["cpt"] for _, lines in variants for line in lines}),
                    "provider_roles": ["physician", "nurse_practitioner"],
                },
            )
            demo.type_ids[(loc.location_id, kind)] = made["id"]


async def register_patients(demo: Demo) -> None:
    """Each patient registered by their location's desk, then insured by the biller once billing knows them."""
    today = demo.today("loc-sj")

    async def register(patient: Patient) -> None:
        desk = demo.session(f"desk:{patient.location_id}")
        made = await desk.post(
            "/scheduling/patients",
            {
                "family_name": patient.family_name,
                "given_name": patient.given_name,
                "birth_date": str(patient.birth_date),
                "sex": patient.sex,
                "phone": patient.phone,
                "location_id": patient.location_id,
                "address": patient.address,
            },
        )
        demo.patient_ids[patient.key] = made["id"]
        demo.count("patients")

    async def insure(patient: Patient) -> None:
        coverage = {
            "payer_id": demo.payer_ids[patient.payer_index],
            "member_id": patient.member_id,
            "group_number": patient.group_number,
            "effective_from": str(today - timedelta(days=400)),
        }
        if patient.subscriber:
            coverage |= {
                "relationship": "child",
                "subscriber": patient.subscriber
                | {"birth_date": str(patient.birth_date - timedelta(days=365 * 28)), "address": patient.address},
            }
        # 404 until billing has projected scheduling's patient event.
        await demo.session("biller").until_known(
            f"/billing/patients/{demo.patient_ids[patient.key]}/coverages", coverage, waiting=(404,)
        )
        demo.count("coverages")

    await gather_bounded((register(p) for p in demo.practice.patients), limit=12)
    await gather_bounded((insure(p) for p in demo.practice.patients), limit=12)
