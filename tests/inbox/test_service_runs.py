"""The inbox runs like every service: migrates PostgreSQL at start, projects facilities' locations from the
real broker, and answers behind the gateway at /api/v1/inbox/."""

import asyncio

import httpx
import pytest

from shared.contracts.facilities import LocationOpened, OpeningHours
from tests.gateway.conftest import create_user_with_cli
from tests.support.suite import token
from tests.support.upstream import publish

pytestmark = pytest.mark.integration
MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="manager-a")


async def test_inbox_behind_the_gateway_and_its_location_projection(make_suite):
    suite = make_suite()
    inbox = await suite.start("inbox")
    await suite.start("gateway", env={"GATEWAY_INBOX_URL": inbox.url})
    await publish(
        suite,
        LocationOpened(
            location_id="loc-a",
            name="Main St",
            state="CA",
            timezone="America/Los_Angeles",
            opening_hours=[OpeningHours(weekday=d, opens="08:00", closes="17:00") for d in range(5)],
        ),
        "loc-a",
    )
    for _ in range(150):
        if await suite.scalar("inbox", "SELECT timezone FROM location WHERE location_id = 'loc-a'"):
            break
        await asyncio.sleep(0.2)
    assert await suite.scalar("inbox", "SELECT timezone FROM location WHERE location_id = 'loc-a'") == (
        "America/Los_Angeles"
    )
    async with suite.client("inbox", MANAGER) as direct:
        answer = await direct.get("/tasks")
        assert answer.status_code == 200 and answer.json() == {"items": [], "total": 0}, answer.text
        assert (await direct.get("/tasks", params={"limit": 0})).json()["errors"][0]["field"] == "query.limit"

    create_user_with_cli(
        await suite.database_url("gateway"),
        email="om@example.com",
        password="a-long-password-1",
        role="office_manager",
        locations="loc-a",
    )
    async with httpx.AsyncClient(base_url=suite.procs["gateway"].url, timeout=20) as gw:
        signed_in = await gw.post(
            "/api/v1/auth/sign-in", json={"email": "om@example.com", "password": "a-long-password-1"}
        )
        assert signed_in.status_code == 200, signed_in.text
        bearer = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
        through = await gw.get("/api/v1/inbox/tasks/counts", headers=bearer)
        assert through.status_code == 200 and through.json() == [], through.text
