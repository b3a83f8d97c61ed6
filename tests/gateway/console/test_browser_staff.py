"""The dashboard and the staff screen in Chromium against the real stack: an office manager signs in, lands on the
dashboard and sees the location's day (an appointment booked today counted, an open task counted, billing's parts
marked unavailable while billing is stopped); opens Staff, sees the physician's shift in the week's grid and a licence
expiring within 30 days, and approves a pending time-off request, which staff's coverage then counts. axe-core on both
screens; screenshots in var/artifacts/console/ (dashboard.png, staff.png)."""

import shutil
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.gateway.console.console_stack import (
    ARTIFACTS,
    api,
    bearers_of,
    browsed,
    local_zone,
    npi,
    start_console,
)
from tests.support import practice_api as practice

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium: scripts/install-system-deps.sh"),
]
# Billing is left stopped on purpose: the dashboard must mark its parts unavailable, not show zeros.
SERVICES = ("scheduling", "staff", "facilities", "inbox")
STOPPED = "http://127.0.0.1:9"  # nothing listens there: the gateway answers 503 naming billing
ADMIN = ("admin-staff-e2e@example.com", "admin-staff-password")
MANAGER = ("manager-staff-e2e@example.com", "manager-staff-password")
LICENCE_DAYS = 20  # left on the physician's licence: inside the 30-day window


async def seed_staff(url: str, bearer: str, zone: str, today) -> dict:
    """A location and room; a physician with a licence expiring soon, on shift today and tomorrow."""
    async with api(url, "facilities", bearer) as facilities, api(url, "staff", bearer) as staff:
        await practice.open_location(facilities, "loc-a", timezone=zone)
        await practice.add_room(facilities, "loc-a", "exam-1")
        await practice.staff_knows_location(staff, "loc-a", today)
        hired = await staff.post(
            "/members",
            json={
                "given_name": "Dana",
                "family_name": "Lee",
                "role": "physician",
                "npi": npi("123456780"),
                "home_location_id": "loc-a",
                "hired_on": str(today - timedelta(days=2000)),
            },
        )
        assert hired.status_code == 201, hired.text
        physician = hired.json()["id"]
        licence = await practice.add_credential(
            staff,
            physician,
            kind="state_license",
            number="A12345",
            issuer="Medical Board of California",
            state="CA",
            issued_on=str(today - timedelta(days=700)),
            expires_on=str(today + timedelta(days=LICENCE_DAYS)),
        )
        # Scheduling books a provider only with a BLS certification too: this one is far from expiring.
        await practice.add_credential(
            staff,
            physician,
            kind="bls",
            number="BLS-77",
            issuer="American Heart Association",
            issued_on=str(today - timedelta(days=300)),
            expires_on=str(today + timedelta(days=430)),
        )
        tomorrow = today + timedelta(days=1)
        for day in (today, tomorrow):
            await practice.schedule_shift(staff, physician, "loc-a", day, "08:00", "18:00")
        requested = await staff.post(
            "/time-off",
            json={
                "staff_id": physician,
                "start": f"{tomorrow}T09:00:00",
                "end": f"{tomorrow}T12:00:00",
                "reason": "CME",
            },
        )
        assert requested.status_code == 201 and requested.json()["status"] == "requested", requested.text
        return {"physician": physician, "licence": licence["id"], "time_off": requested.json()["id"]}


async def seed_day(url: str, bearer: str, manager_bearer: str, physician: str, start: datetime) -> None:
    """A patient booked with the physician today, and one open front-desk task the manager filed."""
    async with api(url, "scheduling", bearer) as scheduling, api(url, "inbox", manager_bearer) as inbox:
        registered = await scheduling.post(
            "/patients",
            json={
                "family_name": "Rivera",
                "given_name": "Ana",
                "birth_date": "1975-04-12",
                "sex": "female",
                "location_id": "loc-a",
                "address": practice.ADDRESS,
            },
        )
        assert registered.status_code == 201, registered.text
        end = start + timedelta(minutes=30)

        async def bookable():
            return (await practice.bookability(scheduling, physician, "loc-a", start, end)).get("bookable")

        await practice.eventually(bookable, timeout=60)
        booked = await scheduling.post(
            "/appointments",
            json={
                "patient_id": registered.json()["id"],
                "provider_id": physician,
                "location_id": "loc-a",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "room_id": "exam-1",
            },
        )
        assert booked.status_code == 201, booked.text
        task = {"category": "other", "priority": "routine", "location_id": "loc-a", "role": "front_desk"}
        due = (datetime.now(UTC) + timedelta(hours=4)).isoformat()
        opened = await inbox.post("/tasks", json=task | {"title": "Call the lab about results", "due_at": due})
        assert opened.status_code == 201, opened.text


async def test_a_manager_lands_on_the_dashboard_and_approves_time_off(make_suite):
    suite = make_suite()
    try:
        users = [(ADMIN, "practice_admin", "*"), (MANAGER, "office_manager", "loc-a")]
        billing_away = {"GATEWAY_BILLING_URL": STOPPED}  # billing not answering
        url = await start_console(suite, services=SERVICES, users=users, gateway_env=billing_away)
        bearers = await bearers_of(url, ADMIN, MANAGER)

        now = datetime.now(UTC)
        zone = local_zone(now)
        local_now = now.astimezone(ZoneInfo(zone))
        today = local_now.date()
        seeded = await seed_staff(url, bearers[ADMIN], zone, today)
        hour = local_now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        await seed_day(url, bearers[ADMIN], bearers[MANAGER], seeded["physician"], hour.astimezone(UTC))

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        config = {
            "url": url,
            "manager": MANAGER,
            "artifacts": str(ARTIFACTS),
            "today": str(today),
            "member": "Lee, Dana",
            "licence": seeded["licence"],
            "licence_days": LICENCE_DAYS,
            "time_off": seeded["time_off"],
        }
        shots = ("dashboard.png", "staff.png")
        await browsed("staff.mjs", "STAFF_E2E", config, says=("time off approved",), shows=shots)

        # What the browser did holds in staff: the request is decided, and tomorrow's coverage counts her away.
        async with api(url, "staff", bearers[MANAGER]) as staff:
            again = await staff.post(f"/time-off/{seeded['time_off']}/approve", json={})
            assert again.status_code == 409 and "approved" in again.json()["message"], again.text
            coverage = await staff.get("/locations/loc-a/coverage", params={"day": str(today + timedelta(days=1))})
            (on_shift,) = coverage.json()["on_shift"]
            assert on_shift["staff_id"] == seeded["physician"] and on_shift["on_time_off"] is True, coverage.text
    finally:
        await suite.close()
