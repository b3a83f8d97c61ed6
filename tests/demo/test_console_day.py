"""The console in Chromium on the demo practice, as its users work their day: every user tours their screens and
a desk of one location never sees another's; a front desk books free time, sees a drag onto a booked provider
refused in place and checks a patient in while a second window's flow board moves; a clinician completes a visit;
a biller sends the claims and posts the payer's 835; an office manager triages the inbox and assigns a task the
desk then works; a compliance officer exports a patient's accounting of access. One demo stack for the module:
building it per test would cost the suite its 20 minutes. Screenshots in var/artifacts/console/."""

import asyncio
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from tests.demo.day_on_demo import Practice, every_user, free_and_busy, remittance_for, subject_of
from tests.demo.stack import run_demo, service_args, start_stack
from tests.demo.test_demo import SMALL, printed_users, sign_in
from tests.gateway.console.console_stack import ARTIFACTS, run_browser_script
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
    stdout = await asyncio.to_thread(run_browser_script, "console.mjs", "CONSOLE_E2E", config)
    assert "refused in place" in stdout and (ARTIFACTS / "flow-board.png").exists()

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
    stdout = await asyncio.to_thread(run_browser_script, "visit.mjs", "VISIT_E2E", config)
    assert "completed the visit" in stdout

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
    stdout = await asyncio.to_thread(run_browser_script, "billing.mjs", "CONSOLE_E2E", config)
    assert "payment posted" in stdout and "patient page" in stdout
    assert (ARTIFACTS / "billing.png").exists() and (ARTIFACTS / "patients.png").exists()

    # What the browser did holds in billing: the claim was sent and paid, her share is on her balance.
    after = await practice.get(f"/billing/claims/{claim['id']}")
    assert after["status"] == "paid" and after["batch_id"], after
    assert Decimal(after["patient_responsibility"]) == coinsurance
    balance = await practice.get(f"/billing/patients/{patient}/balance", location_id=HERE)
    assert Decimal(balance["balance"]) == before + coinsurance, balance
