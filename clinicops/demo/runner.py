"""One demo run, in the order the events allow: places and people, then patients, then their visits and money."""

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path

from clinicops.demo import billing_steps, inbox, patient_steps, practice_steps, schedule_steps, upkeep_steps
from clinicops.demo.agenda import build_agenda
from clinicops.demo.client import Account, Gateway
from clinicops.demo.context import Demo
from clinicops.demo.plan import ADMIN_EMAIL, Practice
from shared.clock import utcnow


@dataclass(frozen=True)
class Options:
    gateway_url: str
    service_urls: dict[str, str] | None = None  # the services' own ports, when the demo runs beside them
    seed: int = 16
    patients: int = 800
    visits_per_day: int = 3  # per location and day, past and future
    parallel: int = 8
    per_second: float = 19.0  # under the gateway's default 1200 a minute per address
    inbox_smtp: str | None = None


async def build(practice: Practice, admin: Account, options: Options, *, log=print) -> Demo:
    """Everything the demo makes, through the gateway's /api/v1 routes; the run's counts and notes."""
    gateway = Gateway(
        options.gateway_url, services=options.service_urls, parallel=options.parallel, per_second=options.per_second
    )
    demo = Demo(practice=practice, gateway=gateway, now=utcnow())
    started = time.monotonic()

    def step(name: str) -> None:
        log(f"demo  {time.monotonic() - started:6.1f} s  {name}")

    try:
        demo.admin = await gateway.sign_in(admin)
        demo.accounts[admin.email] = admin
        step("locations and rooms")
        await practice_steps.open_locations(demo)
        step("staff and credentials")
        await practice_steps.hire_staff(demo)
        step("users")
        await practice_steps.create_users(demo)
        await practice_steps.sign_in_workers(demo)
        step("rosters, billing set-up and budgets, appointment types, patients, equipment, supplies, policies")
        await asyncio.gather(
            practice_steps.roster(demo),
            patient_steps.set_up_billing(demo),
            billing_steps.budgets_and_spending(demo),
            patient_steps.appointment_types(demo),
            patient_steps.register_patients(demo),
            upkeep_steps.equipment_and_work_orders(demo),
            upkeep_steps.supplies(demo),
            upkeep_steps.policies(demo),
        )
        await practice_steps.daily_check(demo)
        agenda = build_agenda(
            practice,
            visits_per_day=options.visits_per_day,
            today_weekdays={loc.location_id: demo.today(loc.location_id).weekday() for loc in practice.locations},
        )
        fitting = [v for v in agenda if schedule_steps.todays_fit(demo, v)]
        if len(fitting) < len(agenda):
            demo.notes.append(
                f"{len(agenda) - len(fitting)} of today's no-shows left out: the local day has just begun"
            )
        step(f"waiting for scheduling to know the providers; then booking {len(fitting)} appointments")
        await practice_steps.providers_bookable(demo)
        booked = await schedule_steps.book_all(demo, fitting)
        await schedule_steps.fill_waitlist(demo, fitting)
        past = [v for v in fitting if v.day_offset < 0]
        step(f"playing out {len(past)} past visits")
        await schedule_steps.play_out(demo, past, booked)
        completed: dict[str, int] = {}
        for visit in past:
            if visit.outcome == "fulfilled":
                completed[visit.location_id] = completed.get(visit.location_id, 0) + 1
        step("claims: scrubbed, sent as 837P, answered by 835")
        await billing_steps.claims_ready(demo, completed)
        await billing_steps.bill_and_remit(demo)
        step("today's flow board")
        await schedule_steps.play_out(demo, [v for v in fitting if v.day_offset == 0], booked)
        await inbox.morning_inbox(demo, options.inbox_smtp)
        demo.counts["requests"] = gateway.requests
        step("done")
        return demo
    finally:
        await gateway.close()


def report(demo: Demo, *, seconds: float, var_dir: Path | None) -> str:
    """What was made, the console's URL, and a user of each role with its password (and TOTP secret)."""
    lines = [f"\nThe demo practice is ready ({seconds:.0f} s, {demo.counts.get('requests', 0)} requests):"]
    lines += [f"  {name:<38} {count}" for name, count in sorted(demo.counts.items()) if name != "requests"]
    lines += [f"  note: {note}" for note in demo.notes]
    lines.append(f"\nConsole: {demo.gateway.url}/")
    lines.append("Sign in as (TOTP secrets go into an authenticator app; pyotp.TOTP(secret).now() makes a code):")
    for role, account in sign_ins(demo).items():
        factor = f"  totp secret {account.totp_secret}" if account.totp_secret else ""
        lines.append(f"  {role:<24} {account.email:<42} {account.password}{factor}")
    if var_dir is not None:
        path = var_dir / "demo-users.json"
        path.write_text(json.dumps([a.__dict__ for a in demo.accounts.values()], indent=2))
        path.chmod(0o600)
        lines.append(f"Every demo user (one per staff member) is in {path}.")
    return "\n".join(lines)


def sign_ins(demo: Demo) -> dict[str, Account]:
    """One account per role: the admin, then the first member of each gateway role."""
    chosen = {"practice_admin": demo.accounts[ADMIN_EMAIL]}
    for member in demo.practice.staff:
        label = member.user_role if member.user_role != "front_desk" else f"front_desk ({member.home_location_id})"
        if member.user_role == "clinician" and not member.provider:
            continue
        chosen.setdefault(label, demo.accounts[member.email])
    return chosen
