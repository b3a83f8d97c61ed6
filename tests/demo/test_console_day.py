"""The console in Chromium on the demo practice, as its users work their day: every user tours their screens and
a desk of one location never sees another's; a front desk books free time, sees a drag onto a booked provider
refused in place and checks a patient in while a second window's flow board moves; a clinician completes a visit;
a biller sends the claims and posts the payer's 835; an office manager triages the inbox and assigns a task the
desk then works; a compliance officer exports a patient's accounting of access. One demo stack for the module:
building it per test would cost the suite its 20 minutes. Screenshots in var/artifacts/console/."""

import asyncio
import shutil
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from tests.demo.day_on_demo import Practice, every_user, free_and_busy, remittance_for, subject_of
from tests.demo.day_setups import (
    ASSIGNED,
    OVERDUE,
    a_patients_record_read,
    desk_tasks,
    invoice_billed_above_the_order,
    privacy_incidents,
    upkeep_due,
)
from tests.demo.stack import run_demo, service_args, start_stack
from tests.demo.test_demo import SMALL, printed_users, sign_in
from tests.gateway.console.console_stack import ARTIFACTS, browsed, run_browser_script
from tests.support.flow import VISIT
from tests.support.mail_servers import RecordingSmtp, free_port
from tests.support.polling import eventually
from tests.support.suite import Suite

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium: scripts/install-system-deps.sh"),
]
HERE, ELSEWHERE = "loc-oak", ("loc-sj", "loc-phx")  # the desk's location, and the two it must never see


@dataclass
class Demo:
    url: str
    suite: Suite
    printed: dict[str, tuple[str, str, str | None]]  # role -> (email, password, TOTP secret)
    users: list[dict]  # every demo user, as the demo saved them
    relay: RecordingSmtp  # where the inbox's replies go
    practice: Practice  # read and set up as the practice admin, one connection pool for the module

    async def staff_id(self, email: str, password: str) -> str:
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as gw:
            return subject_of(await sign_in(gw, email, password, None))

    @asynccontextmanager
    async def signed_in_as(self, role: str):
        """The practice as a printed user reads and changes it."""
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as gw:
            gw.headers["Authorization"] = f"Bearer {await sign_in(gw, *self.printed[role])}"
            yield Practice(gw)


def toured(url: str, users: dict[str, tuple[str, str, str | None]], never: dict[str, list[str]] | None = None) -> str:
    """web/e2e/tour.mjs: each printed user opens every screen of theirs in Chromium; its output.

    `never`: by user label, what that user's screens and answers must not hold (another location's id, name).
    """
    # One front desk: the other locations' desks see the same screens, and the suite's 20 minutes are shared.
    first_of_each_role: dict[str, tuple[str, tuple]] = {}
    for role, user in users.items():
        first_of_each_role.setdefault(role.split(" ")[0], (role, user))
    accounts = [
        {
            "label": role,
            "email": email,
            "password": password,
            "totp_secret": secret,
            "never": (never or {}).get(role, []),
        }
        for role, (email, password, secret) in first_of_each_role.values()
    ]
    config = {"url": url, "accounts": accounts, "artifacts": str(ARTIFACTS / "tour")}
    return run_browser_script("tour.mjs", "TOUR", config, timeout=420)


@pytest.fixture(scope="module")
async def demo(var_dir, kafka_bootstrap, pg_base_url, tmp_path_factory):
    relay = RecordingSmtp().start()
    suite = Suite(
        backend="postgresql",
        var_dir=var_dir,
        kafka_bootstrap=kafka_bootstrap,
        pg_base_url=pg_base_url,
        tmp_path=tmp_path_factory.mktemp("demo-day"),
    )
    try:
        smtp = free_port()
        inbox = {"INBOX_SMTP_PORT": str(smtp), "INBOX_RELAY_PORT": str(relay.port)}
        url = await start_stack(suite, console=True, service_env={"inbox": inbox})
        done = await run_demo(suite, *SMALL, *service_args(suite), "--inbox-smtp", f"127.0.0.1:{smtp}")
        assert done.returncode == 0, done.stderr + done.stdout[-3000:]
        assert "inbox emails" in done.stdout and "inbox: skipped" not in done.stdout, done.stdout[-2000:]
        printed = printed_users(done.stdout)
        async with httpx.AsyncClient(base_url=url, timeout=30) as gw:
            admin = await sign_in(gw, *printed["practice_admin"])
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        users = every_user(Path(suite.tmp_path / f"var-{suite.uid}"))
        headers = {"Authorization": f"Bearer {admin}"}
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as gw:
            yield Demo(url, suite, printed, users, relay, Practice(gw))
    finally:
        relay.stop()
        await suite.close()


async def test_every_user_tours_their_screens_and_a_desk_never_sees_another_location(demo):
    practice = demo.practice
    names = {x["location_id"]: x["name"] for x in await practice.get("/facilities/locations")}
    never = [*ELSEWHERE, *(names[loc] for loc in ELSEWHERE)]
    tour = await asyncio.to_thread(toured, demo.url, demo.printed, never={f"front_desk ({HERE})": never})
    assert "7 users toured, 0 problems" in tour  # one of each role


async def test_a_front_desk_books_is_refused_in_place_and_a_second_board_moves(demo):
    practice = demo.practice
    slots = await free_and_busy(practice, HERE, "Office visit")
    newcomer = await practice.post(
        "/scheduling/patients",
        {"family_name": "Marlowe", "given_name": "Juniper", "birth_date": "1979-03-02", "sex": "female",
         "location_id": HERE},
    )  # fmt: skip
    _, by_provider = await practice.day(HERE)
    arriving = await practice.booked_today(HERE, set(by_provider) - {slots["busy_provider"]})
    email, password, _ = demo.printed[f"front_desk ({HERE})"]
    config = {
        "url": demo.url,
        "desk": [email, password],
        "artifacts": str(ARTIFACTS),
        "later": 1,
        "free_slot": slots["free_slot"],
        "busy_slot": slots["busy_slot"],
        "patient": {"search": "Marlo", "name": "Marlowe, Juniper"},
        "arriving": await practice.patient_name(arriving["patient_id"]),
    }
    await browsed("console.mjs", "CONSOLE_E2E", config, says=("refused in place",), shows=("flow-board.png",))

    # What the browser did holds in scheduling: her visit booked where she was put, the other patient arrived.
    found = await practice.get("/scheduling/patients/" + newcomer["id"] + "/appointments")
    assert [a["status"] for a in found] == ["booked"], found
    assert (await practice.get(f"/scheduling/appointments/{arriving['id']}"))["status"] == "arrived"


async def test_a_clinician_completes_their_patients_visit(demo):
    practice = demo.practice
    clinicians = [u for u in demo.users if u["roles"] == ["clinician"] and u["locations"] == [HERE]]
    for user in clinicians:
        provider = await demo.staff_id(user["email"], user["password"])
        if visit := await practice.booked_today(HERE, {provider}):
            break
    else:
        raise AssertionError(f"no clinician at {HERE} has a booked visit today")
    await practice.post(f"/scheduling/appointments/{visit['id']}/check-in")
    config = {
        "url": demo.url,
        "clinician": [user["email"], user["password"]],
        "artifacts": str(ARTIFACTS),
        "patient": await practice.patient_name(visit["patient_id"]),
    }
    await browsed("visit.mjs", "VISIT_E2E", config, says=("completed the visit",))

    done = await practice.get(f"/scheduling/appointments/{visit['id']}")
    assert done["status"] == "fulfilled", done


async def test_a_biller_sends_the_claim_and_posts_the_payers_835_and_the_desk_sees_what_she_owes(demo, tmp_path):
    practice = demo.practice
    _, by_provider = await practice.day(HERE)
    visit = await practice.booked_today(HERE, set(by_provider))
    await practice.post(f"/scheduling/appointments/{visit['id']}/check-in")
    await practice.post(f"/scheduling/appointments/{visit['id']}/complete", VISIT)

    async def claims():
        return await practice.get(f"/billing/appointments/{visit['id']}/claims")

    (claim,) = await eventually(claims, lambda c: c and c[0]["status"] == "ready", what="the visit's ready claim")
    patient = claim["patient_id"]
    before = Decimal((await practice.get(f"/billing/patients/{patient}/balance", location_id=HERE))["balance"])
    coinsurance = Decimal("20.00")
    remittance = tmp_path / "remittance.835"
    remittance.write_text(remittance_for(claim, coinsurance))
    (payer,) = [p["name"] for p in await practice.get("/billing/payers") if p["id"] == claim["payer_id"]]
    name = await practice.patient_name(patient)
    biller, desk = demo.printed["biller"], demo.printed[f"front_desk ({HERE})"]
    config = {
        "url": demo.url,
        "biller": list(biller[:2]),
        "desk": list(desk[:2]),
        "location": await practice.location_name(HERE),
        "artifacts": str(ARTIFACTS),
        "claim_id": claim["id"],
        "control_number": claim["control_number"],
        "line": "99213-25",  # VISIT's first line
        "payer": payer,
        "patient": {"search": name.split(",")[0][:4], "name": name},
        "remittance": str(remittance),
        "owes": f"${before + coinsurance:,.2f}",
    }
    said, shots = ("payment posted", "patient page"), ("billing.png", "patients.png")
    await browsed("billing.mjs", "CONSOLE_E2E", config, says=said, shows=shots)

    # What the browser did holds in billing: the claim was sent and paid, her share is on her balance.
    after = await practice.get(f"/billing/claims/{claim['id']}")
    assert after["status"] == "paid" and after["batch_id"], after
    assert Decimal(after["patient_responsibility"]) == coinsurance
    balance = await practice.get(f"/billing/patients/{patient}/balance", location_id=HERE)
    assert Decimal(balance["balance"]) == before + coinsurance, balance


async def test_a_manager_triages_the_morning_inbox_and_assigns_a_task_the_desk_then_works(demo):
    practice = demo.practice
    async with demo.signed_in_as("office_manager") as manager:
        ids = await desk_tasks(manager, HERE)
        await invoice_billed_above_the_order(practice, manager, demo.suite, HERE)

        async def emailed_invoice():  # one of the demo's morning emails, in the manager's pool at Oakland
            found = await manager.get("/inbox/tasks", view="all", focus_kind="message", location_id=HERE)
            return [t for t in found["items"] if t["role"] == "office_manager" and "Invoice" in t["title"]]

        (mail, *_) = await eventually(emailed_invoice, what="the morning's emailed invoice at Oakland")
        # Its CSV was read into a supplier invoice of the vendor's; none of the morning's attachments was refused.
        recorded = await manager.get(f"/inbox/locations/{HERE}/supplier-invoices")
        assert {"MedLine Supply", "Henry Schein"} & {i["vendor"] for i in recorded}, recorded
        mails = await manager.get("/inbox/tasks", view="all", focus_kind="message", location_id=HERE, limit=200)
        assert not [t["title"] for t in mails["items"] if "could not be read" in t["title"]], mails
    message = await practice.get(f"/inbox/messages/{mail['focus']['id']}")
    desk_email, desk_password, _ = demo.printed[f"front_desk ({HERE})"]
    desk_id = await demo.staff_id(desk_email, desk_password)
    member = await practice.get(f"/staff/members/{desk_id}")
    config = {
        "url": demo.url,
        "manager": list(demo.printed["office_manager"][:2]),
        "desk": [desk_email, desk_password],
        "location": await practice.location_name(HERE),
        "artifacts": str(ARTIFACTS),
        "assigned": ASSIGNED,
        "overdue": OVERDUE,
        "mail_task": mail["title"],
        "sender": message["sender"],
        "attachment": message["attachments"][0]["filename"],
        "invoice_task": "Invoice INV-2001 from Medline",
        "desk_id": desk_id,
        "desk_name": f"{member['family_name']}, {member['given_name']} ({member['role'].replace('_', ' ')})",
    }
    await browsed("inbox.mjs", "INBOX_E2E", config, says=("appeared without reload",), shows=("inbox.png",))

    # What the browser did is what the inbox holds; the reply went to the supplier.
    for title in (ASSIGNED, OVERDUE):
        task = await practice.get(f"/inbox/tasks/{ids[title]}")
        assert (task["status"], task["owner"]) == ("completed", desk_id), task
    overdue = await practice.get(f"/inbox/tasks/{ids[OVERDUE]}")
    assert [n["text"] for n in overdue["notes"]] == ["Faxed from the front desk."]
    assert [h["action"] for h in overdue["history"]][-2:] == ["noted", "completed"]
    (sent,) = [m for m in demo.relay.received if m.rcpt_tos == [message["sender"]]]
    assert b"Received, thank you" in sent.data


async def test_an_officer_exports_a_patients_accounting_and_a_coordinator_works_the_board(demo):
    practice = demo.practice
    zone = await practice.zone(HERE)
    today = datetime.now(zone).date()
    incidents = await privacy_incidents(practice, HERE, today)
    upkeep = await upkeep_due(practice, HERE, today)
    patient = await a_patients_record_read(practice, HERE)
    config = {
        "url": demo.url,
        "timezone": zone.key,  # days left are counted in the location's date, as the officer there sees them
        "location": await practice.location_name(HERE),
        "officer": list(demo.printed["compliance_officer"]),
        "coordinator": list(demo.printed["facilities_coordinator"][:2]),
        "artifacts": str(ARTIFACTS),
        **incidents,
        "patient_id": patient,
        "csv_name": f"access-accounting-{patient}-{today}.csv",
        **upkeep,
    }
    said, shots = ("accounting CSV", "work order moved"), ("compliance.png", "facilities.png")
    await browsed("compliance.mjs", "CONSOLE_E2E", config, says=said, shows=shots)

    # What the browser did holds in the services: the order was started, the CSV export was itself audited.
    order = await practice.get(f"/facilities/work-orders/{upkeep['work_order_id']}")
    assert order["status"] == "in_progress" and order["started_at"], order

    async def export_audited():
        found = await practice.get("/compliance/audit/records", patient_id=patient, action="export")
        return any(r["service"] == "compliance" and r["resource"] == "AccessTrail" for r in found)

    await eventually(export_audited, timeout=30, what="the export in the audit trail")
