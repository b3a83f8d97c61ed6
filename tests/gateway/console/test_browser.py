"""The console in Chromium against the real stack: a front desk books free time, sees a drag onto a booked
provider refused in place, and checks a patient in while a second window's flow board moves without reload.
Screenshots land in var/artifacts/console/."""

import shutil
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.gateway.console.console_stack import ARTIFACTS, bearers_of, run_browser_script, start_console
from tests.support import practice_api as practice

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium: scripts/install-system-deps.sh"),
]
SERVICES = ("scheduling", "staff", "facilities")
ADMIN, DESK = ("admin-e2e@example.com", "admin-e2e-password"), ("manager-e2e@example.com", "manager-password")


def local_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about noon now: the day's shifts never cross midnight."""
    offset = max(-12, min(14, 12 - now.hour))
    return "Etc/GMT" + (f"{-offset:+d}" if offset else "")


def npi(first_nine: str) -> str:
    """A valid NPI: the Luhn check digit over the 80840 prefix and the first nine digits."""
    digits = [int(d) for d in "80840" + first_nine]
    total = sum(sum(divmod(d * 2, 10)) if i % 2 == 0 else d for i, d in enumerate(reversed(digits)))
    return first_nine + str((10 - total % 10) % 10)


def api(url: str, service: str, bearer: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=f"{url}/api/v1/{service}", headers={"Authorization": f"Bearer {bearer}"}, timeout=20
    )


async def seed(url: str, bearer: str, zone: str, local_today) -> dict:
    """Through the gateway's API only: a location, a room, two physicians on shift, a type, two patients."""
    async with api(url, "facilities", bearer) as facilities, api(url, "staff", bearer) as staff:
        await practice.open_location(facilities, "loc-a", timezone=zone)
        await practice.add_room(facilities, "loc-a", "exam-1")
        await practice.add_room(facilities, "loc-a", "exam-2")
        await practice.staff_knows_location(staff, "loc-a", local_today)
        providers = []
        for n, (given, family) in enumerate((("Dana", "Lee"), ("Sam", "Ortiz"))):
            hired = await staff.post(
                "/members",
                json={
                    "given_name": given,
                    "family_name": family,
                    "role": "physician",
                    "npi": npi(f"12345678{n}"),
                    "home_location_id": "loc-a",
                    "hired_on": str(local_today - timedelta(days=2000)),
                },
            )
            assert hired.status_code == 201, hired.text
            staff_id = hired.json()["id"]
            for kind, state in (("state_license", "CA"), ("bls", None)):
                await practice.add_credential(
                    staff_id=staff_id,
                    staff=staff,
                    kind=kind,
                    number="A12345",
                    issuer="Medical Board",
                    state=state,
                    issued_on=str(local_today - timedelta(days=900)),
                    expires_on=str(local_today + timedelta(days=700)),
                )
            await practice.schedule_shift(staff, staff_id, "loc-a", local_today, "08:00", "18:00")
            providers.append(staff_id)
    async with api(url, "scheduling", bearer) as scheduling:
        kind = await scheduling.post(
            "/locations/loc-a/appointment-types",
            json={"name": "Office visit", "duration_minutes": 30, "provider_roles": ["physician"]},
        )
        assert kind.status_code == 201, kind.text
        patients = []
        for family, given in (("Rivera", "Ana"), ("Okafor", "Ben")):
            body = {"family_name": family, "given_name": given, "birth_date": "1975-04-12", "sex": "female"}
            registered = await scheduling.post("/patients", json=body | {"location_id": "loc-a"})
            assert registered.status_code == 201, registered.text
            patients.append(registered.json()["id"])
        return {"providers": providers, "type": kind.json()["id"], "patients": patients}


async def test_front_desk_books_is_refused_in_place_and_a_second_board_moves(make_suite):
    suite = make_suite()
    try:
        users = [(ADMIN, "practice_admin", "*"), (DESK, "office_manager", "loc-a")]
        url = await start_console(suite, services=SERVICES, users=users)
        bearer = (await bearers_of(url, ADMIN))[ADMIN]

        now = datetime.now(UTC)
        zone = local_zone(now)
        local_now = now.astimezone(ZoneInfo(zone))
        today = local_now.date()
        seeded = await seed(url, bearer, zone, today)
        first, second = seeded["providers"]
        # Free time an hour ahead for the first physician; the second booked at the same hour.
        hour = local_now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        start = hour.astimezone(UTC)
        async with api(url, "scheduling", bearer) as scheduling:
            for staff_id in (first, second):
                await practice.eventually(lambda s=staff_id: _bookable(scheduling, s, start), timeout=60)
            busy = await scheduling.post(
                "/appointments",
                json={
                    "patient_id": seeded["patients"][1],
                    "provider_id": second,
                    "location_id": "loc-a",
                    "appointment_type_id": seeded["type"],
                    "start": start.isoformat(),
                    "end": (start + timedelta(minutes=30)).isoformat(),
                    "room_id": "exam-2",
                },
            )
            assert busy.status_code == 201, busy.text

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        clock = hour.strftime("%H:%M")
        config = {
            "url": url,
            "email": DESK[0],
            "password": DESK[1],
            "artifacts": str(ARTIFACTS),
            "free_slot": f"{first} {today} {clock}",
            "busy_slot": f"{second} {today} {clock}",
        }
        stdout = run_browser_script("console.mjs", "CONSOLE_E2E", config)
        assert "refused in place" in stdout
        assert (ARTIFACTS / "flow-board.png").exists()
    finally:
        await suite.close()


async def _bookable(scheduling: httpx.AsyncClient, staff_id: str, start: datetime) -> bool:
    answer = await practice.bookability(scheduling, staff_id, "loc-a", start, start + timedelta(minutes=30))
    return bool(answer.get("bookable"))
