"""The billing and patients screens in Chromium against the real stack: a biller sees a completed visit's claim in
the worklist, downloads the 837P batch, posts the payer's 835 and sees the payment posted; a front desk finds the
patient and opens her page (her visit and what she owes after the 835). axe-core on both screens; screenshots in
var/artifacts/console/ (billing.png, patients.png)."""

import shutil
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from services.billing.x12.check835 import problems
from tests.gateway.console.console_stack import (
    ARTIFACTS,
    api,
    bearers_of,
    local_zone,
    npi,
    run_browser_script,
    start_console,
)
from tests.support import practice_api as practice
from tests.support.claim_flow import ADDRESS, claim_of, insure, set_up_billing
from tests.support.flow import VISIT
from tests.support.x12_835 import Clp, Svc, build_835

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium: scripts/install-system-deps.sh"),
]
SERVICES = ("scheduling", "staff", "facilities", "billing")
ADMIN = ("admin-billing-e2e@example.com", "admin-e2e-password")
BILLER = ("biller-e2e@example.com", "biller-password")
DESK = ("desk-e2e@example.com", "desk-password")
COINSURANCE = Decimal("20.00")  # what the 835 leaves the patient to pay


async def seed_practice(url: str, bearer: str, zone: str, local_today) -> str:
    """A location, a room and a licensed physician on shift today, through the gateway: the physician's id."""
    async with api(url, "facilities", bearer) as facilities, api(url, "staff", bearer) as staff:
        await practice.open_location(facilities, "loc-a", timezone=zone)
        await practice.add_room(facilities, "loc-a", "exam-1")
        await practice.staff_knows_location(staff, "loc-a", local_today)
        hired = await staff.post(
            "/members",
            json={
                "given_name": "Dana",
                "family_name": "Lee",
                "role": "physician",
                "npi": npi("123456780"),
                "home_location_id": "loc-a",
                "hired_on": str(local_today - timedelta(days=2000)),
            },
        )
        assert hired.status_code == 201, hired.text
        physician = hired.json()["id"]
        for kind, state in (("state_license", "CA"), ("bls", None)):
            await practice.add_credential(
                staff,
                physician,
                kind=kind,
                number="A12345",
                issuer="Medical Board",
                state=state,
                issued_on=str(local_today - timedelta(days=900)),
                expires_on=str(local_today + timedelta(days=700)),
            )
        await practice.schedule_shift(staff, physician, "loc-a", local_today, "08:00", "18:00")
        return physician


async def seed_claim(url: str, bearer: str, physician: str, start: datetime) -> dict:
    """A payer, an insured patient, her visit booked, checked in and completed: billing opens a ready claim."""
    async with api(url, "scheduling", bearer) as scheduling, api(url, "billing", bearer) as billing:
        payer_id = await set_up_billing(billing)
        registered = await scheduling.post(
            "/patients",
            json={
                "family_name": "Rivera",
                "given_name": "Ana",
                "birth_date": "1975-04-12",
                "sex": "female",
                "location_id": "loc-a",
                "address": ADDRESS,
            },
        )
        assert registered.status_code == 201, registered.text
        patient_id = registered.json()["id"]
        await insure(billing, patient_id, payer_id)
        end = start + timedelta(minutes=30)

        async def bookable():
            return (await practice.bookability(scheduling, physician, "loc-a", start, end)).get("bookable")

        await practice.eventually(bookable, timeout=60)
        booked = await scheduling.post(
            "/appointments",
            json={
                "patient_id": patient_id,
                "provider_id": physician,
                "location_id": "loc-a",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "room_id": "exam-1",
            },
        )
        assert booked.status_code == 201, booked.text
        visit = booked.json()["id"]
        assert (await scheduling.post(f"/appointments/{visit}/check-in")).status_code == 200
        done = await scheduling.post(f"/appointments/{visit}/complete", json=VISIT)
        assert done.status_code == 200, done.text
        claim = await claim_of(billing, visit, "ready")
        # The budget table has a line to show: this month's supplies budget and one expense.
        month = start.date().isoformat()[:7]
        assert (await billing.put(f"/locations/loc-a/budgets/{month}/supplies", json={"amount": "500.00"})).is_success
        expense = await billing.post(
            "/locations/loc-a/expenses",
            json={
                "category": "supplies",
                "amount": "120.50",
                "incurred_on": str(start.date()),
                "description": "Gloves",
            },
        )
        assert expense.status_code == 201, expense.text
        return claim


def remittance_for(claim: dict) -> str:
    """The payer's balanced 835 for the claim: each line paid less a write-off, coinsurance on the first."""
    lines = []
    for n, line in enumerate(claim["lines"]):
        charge = Decimal(line["charge_amount"])
        patient = COINSURANCE if n == 0 else Decimal("0")
        written_off = Decimal("25.00") if n == 0 else Decimal("0")
        adjustments = [("CO", "45", written_off)] if written_off else []
        adjustments += [("PR", "2", patient)] if patient else []
        paid = charge - written_off - patient
        lines.append(Svc(line["cpt"], charge, paid, adjustments, line["control_number"], tuple(line["modifiers"])))
    x12 = build_835([Clp(claim["control_number"], "1", lines)], trace="EFT-CONSOLE-1", control_number=920)
    assert problems(x12) == [], problems(x12)
    return x12


async def test_biller_sends_and_posts_and_the_desk_opens_the_patient(make_suite, tmp_path):
    suite = make_suite()
    try:
        users = [(ADMIN, "practice_admin", "*"), (BILLER, "biller", "loc-a"), (DESK, "front_desk", "loc-a")]
        url = await start_console(suite, services=SERVICES, users=users)
        bearer = (await bearers_of(url, ADMIN))[ADMIN]

        now = datetime.now(UTC)
        zone = local_zone(now)
        local_now = now.astimezone(ZoneInfo(zone))
        physician = await seed_practice(url, bearer, zone, local_now.date())
        hour = local_now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        claim = await seed_claim(url, bearer, physician, hour.astimezone(UTC))
        remittance = tmp_path / "remittance.835"
        remittance.write_text(remittance_for(claim))

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        config = {
            "url": url,
            "biller": list(BILLER),
            "desk": list(DESK),
            "artifacts": str(ARTIFACTS),
            "claim_id": claim["id"],
            "control_number": claim["control_number"],
            "patient_id": claim["patient_id"],
            "remittance": str(remittance),
            "owes": f"${COINSURANCE}",
        }
        stdout = run_browser_script("billing.mjs", "CONSOLE_E2E", config)
        assert "payment posted" in stdout and "patient page" in stdout
        assert (ARTIFACTS / "billing.png").exists() and (ARTIFACTS / "patients.png").exists()

        # What the browser did holds in billing: the claim was sent and paid, her share is on her balance.
        async with api(url, "billing", bearer) as billing:
            after = (await billing.get(f"/claims/{claim['id']}")).json()
            assert after["status"] == "paid" and after["batch_id"], after
            assert Decimal(after["patient_responsibility"]) == COINSURANCE
            balance = await billing.get(f"/patients/{claim['patient_id']}/balance", params={"location_id": "loc-a"})
            assert Decimal(balance.json()["balance"]) == COINSURANCE, balance.text
    finally:
        await suite.close()
