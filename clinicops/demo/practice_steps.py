"""Locations and rooms (facilities), staff with credentials and six weeks of rosters (staff), and their users."""

import asyncio
from datetime import timedelta

from clinicops.demo.agenda import FUTURE_DAYS, PAST_DAYS
from clinicops.demo.client import Account, eventually, gather_bounded
from clinicops.demo.context import Demo
from clinicops.demo.plan import ROOMS, SHIFT_END, SHIFT_START, Member

TOTP_ROLES = {"practice_admin", "compliance_officer"}


async def open_locations(demo: Demo) -> None:
    """Three locations in two timezones, each with exam rooms, a lab and a procedure room."""
    admin = demo.admin
    for loc in demo.practice.locations:
        await admin.post(
            "/facilities/locations",
            {
                "location_id": loc.location_id,
                "name": loc.name,
                "address": {"line1": loc.street, "city": loc.city, "state": loc.state, "postal_code": loc.postal_code},
                "state": loc.state,
                "timezone": loc.timezone,
                "cancellation_notice_hours": 24,
                "opening_hours": [{"weekday": d, "opens": "07:00", "closes": "19:00"} for d in range(7)],
            },
        )
    await gather_bounded(
        admin.post(
            f"/facilities/locations/{loc.location_id}/rooms",
            {"room_id": f"{loc.location_id}-{room}", "name": room.replace("-", " ").title(), "kind": kind},
        )
        for loc in demo.practice.locations
        for room, kind in ROOMS
    )
    demo.count("locations", len(demo.practice.locations))
    demo.count("rooms", len(demo.practice.locations) * len(ROOMS))


async def hire_staff(demo: Demo) -> None:
    """Every member hired once staff knows the locations (from facilities' events), then their credentials."""
    admin = demo.admin
    today = demo.today("loc-sj")

    async def hire(member: Member) -> None:
        body = {
            "given_name": member.given_name,
            "family_name": member.family_name,
            "role": member.role,
            "npi": member.npi,
            "email": member.email,
            "home_location_id": member.home_location_id,
            "location_ids": list(member.location_ids),
            "hired_on": str(today - timedelta(days=1500)),
        }
        hired = await admin.until_known("/staff/members", body)
        demo.staff_ids[member.key] = hired["id"]
        for credential in member.credentials:
            await admin.post(
                f"/staff/members/{hired['id']}/credentials",
                {
                    "kind": credential.kind,
                    "number": credential.number,
                    "issuer": credential.issuer,
                    "state": credential.state,
                    "issued_on": str(today - timedelta(days=credential.issued_days_ago)),
                    "expires_on": str(today + timedelta(days=credential.expires_in_days)),
                },
            )
            demo.count("credentials")

    await gather_bounded((hire(m) for m in demo.practice.staff), limit=6)
    demo.count("staff", len(demo.practice.staff))


async def roster(demo: Demo) -> None:
    """A weekly roster per location, generated over the past four weeks and the next two; today's shifts by hand."""
    manager = demo.session("manager")
    for loc in demo.practice.locations:
        members = [m for m in demo.practice.staff if m.home_location_id == loc.location_id]
        entries = [
            {"staff_id": demo.staff_ids[m.key], "weekday": weekday, "start": str(SHIFT_START), "end": str(SHIFT_END)}
            for m in members
            for weekday in range(7)
            if (weekday < 5 if m.day_off is None else weekday != m.day_off)
        ]
        template = await manager.post(
            f"/staff/locations/{loc.location_id}/roster-templates", {"name": "Standard week", "entries": entries}
        )
        today = demo.today(loc.location_id)
        for first, last in ((-PAST_DAYS, -1), (1, FUTURE_DAYS)):
            shifts = await manager.post(
                f"/staff/roster-templates/{template['id']}/generate",
                {"first_day": str(today + timedelta(days=first)), "last_day": str(today + timedelta(days=last))},
            )
            demo.count("shifts", len(shifts))
        # Today is the demo's day in progress: every provider works around the hour it runs.
        start, end = demo.today_window(loc.location_id)
        for member in members:
            if member.provider or member.role in ("medical_assistant", "receptionist"):
                await manager.post(
                    "/staff/shifts",
                    {
                        "staff_id": demo.staff_ids[member.key],
                        "location_id": loc.location_id,
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                    },
                )
                demo.count("shifts")


async def daily_check(demo: Demo) -> None:
    """Staff's daily check, now: the expiring and expired credentials become events compliance alerts on."""
    found = await demo.session("manager").post("/staff/checks/daily")
    demo.count("credentials expiring", found["expiring"])
    demo.count("credentials expired", found["expired"])


async def create_users(demo: Demo) -> None:
    """A gateway user for every member, with the role of their job; officers and admins get TOTP."""

    async def create(member: Member) -> None:
        group_wide = member.user_role in ("office_manager", "biller", "compliance_officer", "facilities_coordinator")
        account = Account(
            member.email,
            demo.practice.passwords[member.email],
            [member.user_role],
            ["*"] if group_wide else list(member.location_ids),
        )
        made = await demo.admin.post(
            "/users",
            {
                "email": account.email,
                "password": account.password,
                "roles": account.roles,
                "locations": account.locations,
                "staff_id": demo.staff_ids[member.key],
            },
        )
        if made.get("second_factor"):
            account.totp_secret = made["second_factor"]["secret"]
        demo.accounts[account.email] = account

    await gather_bounded((create(m) for m in demo.practice.staff), limit=4)
    demo.count("users", len(demo.practice.staff) + 1)


async def sign_in_workers(demo: Demo) -> None:
    """The users the demo works as: the manager, the biller, the officer, a desk per location, each clinician."""
    by_role: dict[str, Member] = {}
    for member in demo.practice.staff:
        by_role.setdefault(member.role, member)
        if member.role == "receptionist":
            by_role.setdefault(f"desk:{member.home_location_id}", member)
        if member.provider:
            by_role[f"clinician:{member.key}"] = member
    wanted = {
        "manager": by_role["office_manager"],
        "biller": by_role["biller"],
        "compliance": by_role["compliance_officer"],
        "facilities": by_role["facilities_coordinator"],
    } | {key: m for key, m in by_role.items() if key.startswith(("desk:", "clinician:"))}
    sessions = await asyncio.gather(*(demo.gateway.sign_in(demo.accounts[m.email]) for m in wanted.values()))
    demo.sessions.update(zip(wanted, sessions, strict=True))


async def providers_bookable(demo: Demo) -> None:
    """Wait until scheduling has projected every provider's shift of today and credentials (staff's events)."""
    for loc in demo.practice.locations:
        desk = demo.session(f"desk:{loc.location_id}")
        start = demo.today_window(loc.location_id)[0]
        for member in demo.practice.providers_at(loc.location_id):

            async def bookable(member=member, loc=loc, desk=desk, start=start):
                answer = await desk.get(
                    f"/scheduling/providers/{demo.staff_ids[member.key]}/bookability",
                    params={
                        "location_id": loc.location_id,
                        "start": start.isoformat(),
                        "end": (start + timedelta(minutes=20)).isoformat(),
                    },
                )
                return answer["bookable"]

            await eventually(bookable, what=f"{member.given_name} {member.family_name} bookable at {loc.location_id}")
