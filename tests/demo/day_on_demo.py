"""What the console's browser tests take from a built demo practice: its users by role and staff id, the free time
and the booked visits of a location's day, read through the gateway as its admin; and a payer's 835 for a claim."""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import jwt

from services.billing.x12.check835 import problems
from tests.support.x12_835 import Clp, Svc, build_835

SLOT = 15  # minutes: the schedule grid's rows (web/src/schedule/layout.ts SLOT_MINUTES)


def every_user(var_dir: Path) -> list[dict]:
    """Every demo user as `clinicops demo` saved them (email, password, roles, locations, totp_secret)."""
    return json.loads((var_dir / "demo-users.json").read_text())


def subject_of(bearer: str) -> str:
    """A token's subject: for a staff member's user, their staff id."""
    return jwt.decode(bearer, options={"verify_signature": False})["sub"]  # the gateway verified it


class Practice:
    """The demo practice as its admin reads it through the gateway."""

    def __init__(self, gw: httpx.AsyncClient):
        self.gw = gw

    async def get(self, path: str, **params) -> dict | list:
        answer = await self.gw.get(f"/api/v1{path}", params=params)
        assert answer.status_code == 200, (path, answer.text)
        return answer.json()

    async def post(self, path: str, body: dict | None = None) -> dict:
        answer = await self.gw.post(f"/api/v1{path}", json=body)
        assert answer.status_code in (200, 201), (path, answer.text)
        return answer.json()

    async def location(self, location_id: str) -> dict:
        (location,) = [x for x in await self.get("/facilities/locations") if x["location_id"] == location_id]
        return location

    async def zone(self, location_id: str) -> ZoneInfo:
        return ZoneInfo((await self.location(location_id))["timezone"])

    async def location_name(self, location_id: str) -> str:
        return (await self.location(location_id))["name"]

    async def day(self, location_id: str, offset: int = 0) -> tuple[date, dict[str, list[dict]]]:
        """The location's day `offset` days from its today: the date and its appointments by provider."""
        day = datetime.now(await self.zone(location_id)).date() + timedelta(days=offset)
        sheet = await self.get(f"/scheduling/locations/{location_id}/day-sheet", day=str(day))
        return day, sheet["by_provider"]

    async def patient_name(self, patient_id: str) -> str:
        patient = await self.get(f"/scheduling/patients/{patient_id}")
        return f"{patient['family_name']}, {patient['given_name']}"

    async def type_id(self, location_id: str, name: str) -> str:
        types = await self.get(f"/scheduling/locations/{location_id}/appointment-types")
        return next(t["id"] for t in types if t["name"] == name)

    async def booked_today(self, location_id: str, providers) -> dict | None:
        """A booked visit of today with one of `providers` whose patient has no other visit today (a card of
        their own on the board)."""
        _, by_provider = await self.day(location_id)
        patients = [a["patient_id"] for day in by_provider.values() for a in day]
        visits = [a for provider, day in by_provider.items() if provider in providers for a in day]
        return next((a for a in visits if a["status"] == "booked" and patients.count(a["patient_id"]) == 1), None)


async def free_and_busy(practice: Practice, location_id: str, type_name: str, *, offset: int = 1) -> dict:
    """Tomorrow at the location: one provider's first open slot, and another provider's booked visit then-ish.

    Tomorrow, not today: the demo books today around the hour it ran, and a late run leaves no free time today.
    The data-slot keys are the grid's (`provider day HH:MM` on its 15-minute rows).
    """
    zone = await practice.zone(location_id)
    day, by_provider = await practice.day(location_id, offset)
    kind = await practice.type_id(location_id, type_name)
    providers = [p["staff_id"] for p in await practice.get(f"/scheduling/locations/{location_id}/providers")]
    for free in providers:
        slots = await practice.get(
            "/scheduling/slots",
            location_id=location_id,
            appointment_type_id=kind,
            first_day=str(day),
            last_day=str(day),
            provider_id=free,
        )
        busy = [(p, a) for p in providers if p != free for a in by_provider.get(p, []) if a["status"] == "booked"]
        if slots and busy:
            other, visit = busy[0]
            return {
                "free_slot": f"{free} {day} {grid_clock(slots[0]['start'], zone)}",
                "busy_slot": f"{other} {day} {grid_clock(visit['start'], zone)}",
                "busy_provider": other,
            }
    raise AssertionError(f"no open slot beside a booked visit at {location_id} on {day}")


def grid_clock(instant: str, zone: ZoneInfo) -> str:
    """The grid row holding an instant: its wall clock at the location, down to the row."""
    local = datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(zone)
    minutes = local.hour * 60 + local.minute
    minutes -= minutes % SLOT
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def remittance_for(claim: dict, coinsurance: Decimal) -> str:
    """The payer's balanced 835 for the claim: each line paid less a write-off, `coinsurance` on the first."""
    lines = []
    for n, line in enumerate(claim["lines"]):
        charge = Decimal(line["charge_amount"])
        patient = coinsurance if n == 0 else Decimal("0")
        written_off = Decimal("25.00") if n == 0 else Decimal("0")
        adjustments = [("CO", "45", written_off)] if written_off else []
        adjustments += [("PR", "2", patient)] if patient else []
        paid = charge - written_off - patient
        lines.append(Svc(line["cpt"], charge, paid, adjustments, line["control_number"], tuple(line["modifiers"])))
    x12 = build_835([Clp(claim["control_number"], "1", lines)], trace="EFT-CONSOLE-1", control_number=920)
    assert problems(x12) == [], problems(x12)
    return x12
