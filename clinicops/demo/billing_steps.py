"""The past visits' claims: sent as one 837P per location, answered by each payer's 835 through billing's import;
and the quarter's budgets with what was spent against them."""

import random
from collections import defaultdict
from datetime import timedelta

from clinicops.demo.client import DemoError, eventually
from clinicops.demo.context import Demo
from clinicops.demo.plan import PAYERS
from clinicops.demo.remittance import Payer, build_835, decide
from services.billing.x12 import edi837


async def claims_ready(demo: Demo, expected: dict[str, int]) -> None:
    """Wait until billing has opened and scrubbed a claim for each completed visit (from scheduling's events)."""
    biller = demo.session("biller")
    for location_id, count in expected.items():

        async def ready(location_id=location_id, count=count):
            claims = await biller.get(f"/billing/locations/{location_id}/claims", params={"needs_attention": "false"})
            drafts = [c for c in claims if c["status"] == "draft"]
            if drafts and len(claims) >= count:
                raise DemoError(f"claims at {location_id} failed the scrubber: {drafts[:3]}")
            return sum(c["status"] == "ready" for c in claims) >= count

        await eventually(ready, timeout=120, what=f"{count} ready claims at {location_id}")


async def bill_and_remit(demo: Demo) -> None:
    """Each location's ready claims go out as an 837P; every payer answers its claims in one 835."""
    biller = demo.session("biller")
    payers = [Payer(name, x12, f"1{index + 51:02d}2345678") for index, (name, x12) in enumerate(PAYERS)]
    by_x12 = {p.x12_id: p for p in payers}
    control = 700
    for loc_index, loc in enumerate(demo.practice.locations):
        batch = await biller.post("/billing/claim-batches", {"location_id": loc.location_id}, expect=(201, 409))
        if batch is None or "content" not in batch:
            continue  # 409: nothing ready at this location
        demo.count("837P batches")
        demo.count("claims sent", batch["claim_count"])
        _, claims = edi837.parse(batch["content"])
        today = demo.today(loc.location_id)
        answers = defaultdict(list)
        for claim in claims:
            decision = decide(demo.practice.seed, claim, today)
            if decision.status != "pending":
                answers[claim.payer_id].append((claim, decision))
            demo.count(f"claims {decision.status}")
        profile = await biller.get(f"/billing/locations/{loc.location_id}/billing-profile")
        for x12_id, answered in sorted(answers.items()):
            control += 1
            text = build_835(
                answered,
                payer=by_x12[x12_id],
                payee=(profile["organization_name"], profile["npi"]),
                trace=f"EFT{demo.practice.seed}{loc_index}{control}",
                paid_on=today - timedelta(days=2),
                control_number=control,
                created_at=demo.now,
            )
            posted = await biller.post("/billing/remittances", {"x12": text})
            demo.count("835 files posted")
            if posted.get("unmatched"):
                demo.notes.append(f"835 {control}: {len(posted['unmatched'])} claims unmatched")


BUDGETS = {"rent": "6500.00", "supplies": "1800.00", "services": "900.00"}  # a month's, per location
SPENDING = (  # (category, vendor, what, low, high): a month's bills, their amounts drawn between low and high
    ("supplies", "Medline", "Nitrile gloves and syringes", 420, 980),
    ("supplies", "Henry Schein", "Exam table paper and HbA1c cartridges", 300, 760),
    ("supplies", "McKesson", "Vaccines restock", 350, 900),
    ("services", "BrightClean", "Cleaning service", 640, 640),
    ("services", "Stericycle", "Sharps and medical waste pickup", 180, 260),
)


async def budgets_and_spending(demo: Demo) -> None:
    """This quarter's monthly budgets at each location, and what was spent against them up to today."""
    biller = demo.session("biller")
    rng = random.Random(f"{demo.practice.seed}:spending")
    for loc in demo.practice.locations:
        today = demo.today(loc.location_id)
        month = today.replace(day=1)
        for _ in range(3):
            for category, amount in BUDGETS.items():
                await biller.put(
                    f"/billing/locations/{loc.location_id}/budgets/{month:%Y-%m}/{category}", {"amount": amount}
                )
                demo.count("monthly budgets")
            bills = [("rent", "Landlord", "Rent", 6500, 6500, 1), *((*bill, rng.randint(2, 27)) for bill in SPENDING)]
            for category, vendor, what, low, high, day in bills:
                incurred = month.replace(day=day)
                if incurred > today:
                    continue  # not spent yet
                cents = rng.randint(low * 100, high * 100)
                expense = {"category": category, "amount": f"{cents / 100:.2f}", "incurred_on": str(incurred),
                           "description": what, "vendor": vendor}  # fmt: skip
                await biller.post(f"/billing/locations/{loc.location_id}/expenses", expense)
                demo.count("expenses")
            month = (month - timedelta(days=1)).replace(day=1)
