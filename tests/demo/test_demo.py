"""`clinicops demo` on the real stack (broker, PostgreSQL, five services, the gateway): every part of the
practice is there through the APIs, the printed users sign in, and the same seed builds the same practice."""

import asyncio
import re
import time
from collections import Counter

import httpx
import pyotp
import pytest

from tests.demo.snapshot import LOCATIONS, read
from tests.demo.stack import run_demo, service_args, start_stack

pytestmark = pytest.mark.integration
SMALL = ("--seed", "7", "--patients", "40", "--visits-per-day", "2")
ROLES = ("practice_admin", "clinician", "front_desk", "office_manager", "biller", "compliance_officer")


def printed_users(stdout: str) -> dict[str, tuple[str, str, str | None]]:
    """role -> (email, password, TOTP secret) from the demo's closing lines."""
    users = {}
    for line in stdout.splitlines():
        if m := re.match(r"^  ([a-z_]+(?: \(loc-[a-z]+\))?)\s+(\S+@\S+)\s+(\S+)(?:\s+totp secret (\S+))?$", line):
            users[m[1]] = (m[2], m[3], m[4])
    return users


async def sign_in(gw: httpx.AsyncClient, email: str, password: str, secret: str | None) -> str:
    """A real sign-in; a TOTP code of a step the demo has not used yet (each step is accepted once)."""
    for attempt in range(12):
        body = {"email": email, "password": password}
        if secret:
            body["otp"] = pyotp.TOTP(secret).at(int(time.time()) + 30 * (attempt % 3 - 1))
        answer = await gw.post("/api/v1/auth/sign-in", json=body)
        if answer.status_code == 200:
            return answer.json()["access_token"]
        if attempt % 3 == 2:
            await asyncio.sleep(10)
    raise AssertionError(f"{email} could not sign in: {answer.text}")


async def built(make_suite, *, direct: bool) -> tuple[dict, str, dict]:
    """A fresh stack with the small demo on it: its snapshot, the demo's output, the printed users.

    `direct`: the demo sends the services' calls to their own ports (as `make up`'s does), else all through
    the gateway (as against a remote one). The console on a demo practice: tests/demo/test_console_day.py.
    """
    suite = make_suite()
    url = await start_stack(suite)
    done = await run_demo(suite, *SMALL, *(service_args(suite) if direct else ()))
    assert done.returncode == 0, done.stderr + done.stdout[-3000:]
    print(done.stdout)  # the demo's steps with their times, shown by pytest -s or on a failure
    users = printed_users(done.stdout)
    async with httpx.AsyncClient(base_url=url, timeout=30) as gw:
        for role, (email, password, secret) in users.items():
            assert await sign_in(gw, email, password, secret), role
        gw.headers["Authorization"] = f"Bearer {await sign_in(gw, *users['practice_admin'])}"
        snap = await read(gw)
    await suite.close()
    return snap, done.stdout, users


async def test_the_demo_builds_every_part_and_the_same_seed_builds_the_same_practice(make_suite):
    # two stacks at once: the demos mostly wait on their gateways, and the suite's time is what CI has.
    # One demo calls the services' ports, the other goes through the gateway: the same seed, the same practice.
    (snap, stdout, users), (again, _, _) = await asyncio.gather(
        built(make_suite, direct=True), built(make_suite, direct=False)
    )
    assert "Console: http://127.0.0.1:" in stdout
    assert {role.split(" ")[0] for role in users} >= set(ROLES) | {"facilities_coordinator"}
    assert users["practice_admin"][2] and users["compliance_officer"][2]  # the roles that sign in with TOTP

    assert snap["locations"] == [
        ("loc-oak", "America/Los_Angeles", "CA"),
        ("loc-phx", "America/Phoenix", "AZ"),
        ("loc-sj", "America/Los_Angeles", "CA"),
    ]
    roles = Counter(member[2] for member in snap["staff"])
    assert len(snap["staff"]) == 25 and roles["physician"] == 6 and roles["nurse_practitioner"] == 3
    assert {"medical_assistant", "receptionist", "biller", "compliance_officer"} <= set(roles)
    statuses = Counter(c[2] for c in snap["credentials"])
    assert statuses["expired"] == 1, snap["credentials"]
    assert sum(1 for c in snap["credentials"] if c[2] == "active" and 0 < c[3] <= 90) >= 3
    assert len(snap["patients"]) == 40

    past = Counter(r[3] for (loc, day), rows in snap["days"].items() if day < 0 for r in rows)
    future = Counter(r[3] for (loc, day), rows in snap["days"].items() if day > 0 for r in rows)
    assert past["fulfilled"] >= 40 and set(future) == {"booked"}
    for loc in LOCATIONS:
        today = {r[3] for r in snap["days"][(loc, 0)]}
        # In a local day's first hours no appointment has started yet to be missed: the demo says so.
        early = "no-shows left out: the local day has just begun" in stdout
        assert today >= {"booked", "arrived", "fulfilled", "cancelled"} | (set() if early else {"noshow"}), today
        claims = Counter(status for _, status, _ in snap["claims"][loc])
        assert claims["paid"] and claims["submitted"] and claims["ready"], (loc, claims)
        budget = {(month, category): actual for month, category, _, actual in snap["budget"][loc]}
        assert {category for _, category in budget} == {"rent", "supplies", "services"}, snap["budget"][loc]
        assert len({month for month, _ in budget}) == 3 and float(budget[(2, "rent")]) > 0, snap["budget"][loc]
        assert snap["stock"][loc], loc  # at or below the reorder point
        assert any(t[3] for t in snap["tasks"][loc]), snap["tasks"][loc]  # maintenance overdue
        assert [w for w in snap["work_orders"][loc] if w[1] not in ("resolved", "closed")], snap["work_orders"][loc]
    everywhere = Counter(s for loc in LOCATIONS for _, s, _ in snap["claims"][loc])
    assert everywhere["denied"] and everywhere["paid"] > everywhere["denied"], everywhere
    assert any(snap["waitlist"][loc] for loc in LOCATIONS)
    kinds = {kind for loc in LOCATIONS for kind, _ in snap["alerts"][loc]}
    assert kinds, snap["alerts"]
    assert all(counts["pending"] for counts in snap["attested"].values() if counts["attested"] + counts["pending"])

    assert again == snap
