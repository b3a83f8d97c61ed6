"""Every way a token is revoked reaches a service's own port within a second, not only the gateway.

Scheduling is called straight on its port with the very access tokens the gateway issued: what it
refuses, it refuses from the gateway's revocation events alone (it has no session table).
"""

import asyncio
import time

import httpx
import pytest

from shared.clock import utcnow
from shared.contracts.compliance import AccessRevoked
from shared.contracts.staff import StaffMemberTerminated
from tests.gateway.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, create_user_with_cli
from tests.support.dates import today_utc
from tests.support.suite import Suite
from tests.support.upstream import publish

pytestmark = pytest.mark.integration
PASSWORD = "a-long-password-1"
SEARCH = "/patients?name=Lee"  # any front-desk read; the gateway path adds /api/v1/scheduling


async def _sign_in(gw: httpx.AsyncClient, email: str) -> dict:
    answer = await gw.post("/api/v1/auth/sign-in", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _bearer(tokens: dict) -> dict:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def _refused_within_a_second(service: httpx.AsyncClient, tokens: dict, *, since: float) -> float:
    """Seconds from `since` until the service answers 401 to the token; fails past one second."""
    while (await service.get(SEARCH, headers=_bearer(tokens))).status_code != 401:
        assert time.monotonic() - since < 1.0, "the service still honoured a revoked token after one second"
        await asyncio.sleep(0.02)
    return time.monotonic() - since


async def _refused_eventually(service: httpx.AsyncClient, tokens: dict, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while (await service.get(SEARCH, headers=_bearer(tokens))).status_code != 401:
        assert time.monotonic() < deadline, "the service never refused the revoked token"
        await asyncio.sleep(0.05)


@pytest.fixture(scope="module")
async def practice(var_dir, kafka_bootstrap, pg_base_url, tmp_path_factory):
    suite = Suite(
        backend="postgresql",
        var_dir=var_dir,
        kafka_bootstrap=kafka_bootstrap,
        pg_base_url=pg_base_url,
        tmp_path=tmp_path_factory.mktemp("revocations"),
    )
    try:
        await suite.start("scheduling")
        await suite.start("gateway", env={"GATEWAY_SCHEDULING_URL": suite.procs["scheduling"].url})
        database = await suite.database_url("gateway")
        create_user_with_cli(database, email=ADMIN_EMAIL, password=ADMIN_PASSWORD, role="practice_admin", locations="*")
        for n in range(1, 5):
            create_user_with_cli(
                database,
                email=f"desk{n}@example.com",
                password=PASSWORD,
                role="front_desk",
                locations="loc-a",
                staff_id=f"stf-{n}",
            )
        async with httpx.AsyncClient(base_url=suite.procs["gateway"].url, timeout=20) as gw:
            yield suite, gw
    finally:
        await suite.close()


def _service(suite: Suite) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=suite.procs["scheduling"].url, timeout=20)


async def test_sign_out_is_refused_at_the_service_within_a_second(practice):
    suite, gw = practice
    service = _service(suite)
    tokens, other = await _sign_in(gw, "desk1@example.com"), await _sign_in(gw, "desk1@example.com")
    assert (await service.get(SEARCH, headers=_bearer(tokens))).status_code == 200
    out = await gw.post("/api/v1/auth/sign-out", headers=_bearer(tokens))
    assert out.status_code == 204
    await _refused_within_a_second(service, tokens, since=time.monotonic())
    assert (await gw.get(f"/api/v1/scheduling{SEARCH}", headers=_bearer(tokens))).status_code == 401
    # The same user's other session stands: sign-out ends one sign-in, not the user.
    assert (await service.get(SEARCH, headers=_bearer(other))).status_code == 200


async def test_a_reused_refresh_token_ends_its_whole_session_at_the_service(practice):
    suite, gw = practice
    service = _service(suite)
    first = await _sign_in(gw, "desk2@example.com")
    rotated = await gw.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert rotated.status_code == 200
    second = rotated.json()
    assert (await service.get(SEARCH, headers=_bearer(second))).status_code == 200
    reused = await gw.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})  # a copy
    assert reused.status_code == 401
    since = time.monotonic()
    for tokens in (first, second):  # every access token of that sign-in, the newest too
        await _refused_within_a_second(service, tokens, since=since)
        assert (await gw.get(f"/api/v1/scheduling{SEARCH}", headers=_bearer(tokens))).status_code == 401


async def test_an_access_review_revocation_and_a_termination_reach_the_service(practice):
    suite, gw = practice
    service = _service(suite)
    reviewed, terminated = await _sign_in(gw, "desk3@example.com"), await _sign_in(gw, "desk4@example.com")
    bystander = await _sign_in(gw, "desk1@example.com")
    for tokens in (reviewed, terminated, bystander):
        assert (await service.get(SEARCH, headers=_bearer(tokens))).status_code == 200
    await publish(
        suite,
        AccessRevoked(
            campaign_id="c1",
            item_id="i3",
            staff_id="stf-3",
            reason="left the desk",
            decided_at=utcnow(),
            revoked_roles=["front_desk"],
        ),
        "stf-3",
    )
    await publish(suite, StaffMemberTerminated(staff_id="stf-4", terminated_on=today_utc()), "stf-4")
    for tokens in (reviewed, terminated):
        await _refused_eventually(service, tokens)
        assert (await gw.get(f"/api/v1/scheduling{SEARCH}", headers=_bearer(tokens))).status_code == 401
    assert (await service.get(SEARCH, headers=_bearer(bystander))).status_code == 200


async def test_a_service_restarted_after_a_revocation_still_refuses_the_token(practice):
    suite, gw = practice
    tokens = await _sign_in(gw, "desk1@example.com")
    suite.kill("scheduling")  # down while the revocation is published: it learns it from the topic's history
    assert (await gw.post("/api/v1/auth/sign-out", headers=_bearer(tokens))).status_code == 204
    await suite.start("scheduling")
    async with _service(suite) as fresh:
        assert (await fresh.get(SEARCH, headers=_bearer(tokens))).status_code == 401
        assert (await fresh.get(SEARCH, headers=_bearer(await _sign_in(gw, "desk1@example.com")))).status_code == 200
