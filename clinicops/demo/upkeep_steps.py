"""Equipment with maintenance due and an open work order, supplies near their reorder points (facilities);
policies with attestations pending (compliance)."""

import random
from datetime import timedelta

from clinicops.demo.client import gather_bounded
from clinicops.demo.context import Demo

EQUIPMENT = (  # (tag, kind, room, criticality, (plan title, every, unit, days since the plan started))
    ("ecg", "ECG machine", "exam-1", "high", ("Calibration and lead check", 1, "month", 41)),
    ("autoclave", "Autoclave", "procedure", "critical", ("Spore test and door seal", 30, "day", 33)),
    ("centrifuge", "Centrifuge", "lab", "medium", ("Annual service", 12, "month", 350)),
    ("vitals", "Vital signs monitor", "exam-2", "medium", ("Cuff and sensor check", 6, "month", 120)),
)
SUPPLIES = (  # (sku, name, unit, reorder point, reorder quantity, unit cost, vendor)
    ("GLV-NIT-M", "Nitrile gloves, medium", "box", 20, 60, "8.40", "MedLine Supply"),
    ("SYR-3ML", "Syringe 3 ml", "box", 10, 30, "14.20", "MedLine Supply"),
    ("PAPER-TBL", "Exam table paper", "roll", 12, 36, "6.10", "Henry Schein"),
    ("A1C-KIT", "HbA1c test cartridges", "kit", 8, 20, "96.00", "Henry Schein"),
    ("ALC-PREP", "Alcohol prep pads", "box", 15, 40, "3.75", "MedLine Supply"),
    ("TONGUE-DEP", "Tongue depressors", "box", 6, 20, "4.50", "Henry Schein"),
    ("BANDAGE", "Adhesive bandages", "box", 10, 30, "5.20", "MedLine Supply"),
    ("SHARPS-1Q", "Sharps container 1 qt", "each", 5, 12, "7.90", "Stericycle"),
)


async def equipment_and_work_orders(demo: Demo) -> None:
    """Four devices per location, each with a plan; the run makes the tasks due; one work order open per location."""
    coordinator = demo.session("facilities")
    manager = demo.session("manager")
    for loc in demo.practice.locations:
        today = demo.today(loc.location_id)
        devices = {}
        for tag, kind, room, criticality, (title, every, unit, started) in EQUIPMENT:
            device = await coordinator.post(
                f"/facilities/locations/{loc.location_id}/equipment",
                {
                    "asset_tag": f"{loc.location_id}-{tag}".upper(),
                    "kind": kind,
                    "room_id": f"{loc.location_id}-{room}",
                    "manufacturer": "Acme Medical",
                    "install_date": str(today - timedelta(days=900)),
                    "criticality": criticality,
                },
            )
            devices[tag] = device["equipment_id"]
            await manager.post(
                f"/facilities/equipment/{device['equipment_id']}/maintenance-plans",
                {"title": title, "every": every, "unit": unit, "starts_on": str(today - timedelta(days=started))},
            )
            demo.count("equipment")
        run = await manager.post(f"/facilities/locations/{loc.location_id}/maintenance/run", {})
        demo.count("maintenance tasks due", len(run["created"]))
        order = await coordinator.post(
            f"/facilities/locations/{loc.location_id}/work-orders",
            {
                "title": "Autoclave door seal leaking",
                "description": "Steam escapes at the door during the drying phase; cycles still pass the spore test.",
                "equipment_id": devices["autoclave"],
                "priority": "high",
            },
        )
        await coordinator.post(
            f"/facilities/work-orders/{order['work_order_id']}/assign",
            {"assignee_kind": "vendor", "assignee": "Tristate Sterilizer Service"},
        )
        demo.count("open work orders")


async def supplies(demo: Demo) -> None:
    """Each location's stock, some items at or just under their reorder point (facilities drafts their orders)."""
    coordinator = demo.session("facilities")
    rng = random.Random(f"{demo.practice.seed}:supplies")

    async def stock(loc, item) -> None:
        sku, name, unit, point, quantity, cost, vendor = item
        on_hand = max(0, point + rng.choice((-3, -1, 0, 2, 4, 9, 25)))
        await coordinator.post(
            f"/facilities/locations/{loc.location_id}/supplies",
            {
                "sku": sku,
                "name": name,
                "unit": unit,
                "on_hand": on_hand,
                "reorder_point": point,
                "reorder_quantity": quantity,
                "preferred_vendor": vendor,
                "unit_cost": cost,
            },
        )
        demo.count("supplies")
        if on_hand <= point:
            demo.count("supplies at or below reorder point")

    items = [(loc, item) for loc in demo.practice.locations for item in SUPPLIES]
    await gather_bounded((stock(loc, item) for loc, item in items), limit=6)


async def policies(demo: Demo) -> None:
    """Two policies to attest to: about half the staff has, the rest is pending."""
    officer = demo.session("compliance")
    today = demo.today("loc-sj")
    rng = random.Random(f"{demo.practice.seed}:attestations")
    for code, title, summary, days, roles in (
        ("hipaa_privacy", "HIPAA privacy and security", "Annual review of PHI handling and minimum necessary.", 30, []),
        ("osha_bloodborne", "OSHA bloodborne pathogens exposure control plan", "Sharps, PPE and exposure steps.",
         7, ["physician", "nurse_practitioner", "medical_assistant"]),
    ):  # fmt: skip
        policy = await officer.post("/compliance/policies", {"code": code, "title": title})
        version = await officer.post(
            f"/compliance/policies/{policy['id']}/versions",
            {"summary": summary, "effective_on": str(today - timedelta(days=days)), "scope_roles": roles},
        )
        demo.count("policies")
        scoped = [m for m in demo.practice.staff if not roles or m.role in roles]
        for member in rng.sample(scoped, len(scoped) // 2):
            await officer.until_known(
                f"/compliance/policy-versions/{version['id']}/attestations",
                {"staff_id": demo.staff_ids[member.key], "attested_on": str(today - timedelta(days=rng.randrange(3)))},
            )
            demo.count("attestations")
        demo.count("attestations pending", len(scoped) - len(scoped) // 2)
