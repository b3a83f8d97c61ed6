"""The live stream on the real broker: a front desk of location A sees A's check-ins and never B's,
without a patient id, and a reconnect with Last-Event-ID gets what it missed, once."""

import asyncio
import json
import time
from datetime import UTC, datetime

import httpx
import pytest

from shared.contracts.scheduling import AppointmentCheckedIn
from tests.gateway.conftest import create_user_with_cli
from tests.support.suite import Suite
from tests.support.upstream import publish

pytestmark = pytest.mark.integration
EMAIL, PASSWORD = "desk@example.com", "front-desk-password"


@pytest.fixture(scope="module")
async def gateway(var_dir, kafka_bootstrap, pg_base_url, tmp_path_factory):
    suite = Suite(
        backend="postgresql",
        var_dir=var_dir,
        kafka_bootstrap=kafka_bootstrap,
        pg_base_url=pg_base_url,
        tmp_path=tmp_path_factory.mktemp("live"),
    )
    try:
        await suite.start("gateway")
        create_user_with_cli(
            await suite.database_url("gateway"), email=EMAIL, password=PASSWORD, role="front_desk", locations="loc-a"
        )
        yield suite
    finally:
        await suite.close()


async def check_in(suite: Suite, appointment_id: str, location_id: str) -> None:
    event = AppointmentCheckedIn(
        appointment_id=appointment_id, patient_id="pat-secret-9", location_id=location_id, arrived_at=datetime.now(UTC)
    )
    await publish(suite, event, "appt-key")  # one key: one partition, so B's event comes before A's


async def frames(response: httpx.Response, into: list[dict]) -> None:
    """Collect the stream's frames as {id, event, data} until the response closes."""
    frame: dict = {}
    async for line in response.aiter_lines():
        if not line:
            if "data" in frame:
                into.append(frame)
            frame = {}
        elif not line.startswith(":"):
            field, _, value = line.partition(": ")
            frame[field] = value


async def wait_for(received: list[dict], count: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while len([f for f in received if f.get("event") == "scheduling.appointment"]) < count:
        assert time.monotonic() < deadline, f"only {received}"
        await asyncio.sleep(0.1)


async def test_a_user_sees_their_locations_events_and_resumes_after_a_drop(gateway):
    url = gateway.procs["gateway"].url
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        signed_in = await client.post("/api/v1/auth/sign-in", json={"email": EMAIL, "password": PASSWORD})
        bearer = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
        assert (await client.get("/api/v1/live/events")).status_code == 401

        received: list[dict] = []
        async with client.stream("GET", "/api/v1/live/events", headers=bearer) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            reader = asyncio.create_task(frames(response, received))
            # The gateway's consumer joins its group at the log's end: publish until it is reading.
            deadline = time.monotonic() + 60
            while not received:
                assert time.monotonic() < deadline, "the stream never carried an event"
                await check_in(gateway, "appt-b", "loc-b")
                await check_in(gateway, "appt-a0", "loc-a")
                await asyncio.sleep(1)
            reader.cancel()
        seen = [json.loads(f["data"]) for f in received]
        assert {s["location_id"] for s in seen} == {"loc-a"}  # B's events, published first, never came
        assert all(
            "patient_id" not in s and "pat-secret-9" not in f["data"] for s, f in zip(seen, received, strict=True)
        )
        assert seen[0]["type"] == "scheduling.appointment.checked_in"
        last_id = received[-1]["id"]

        # Dropped: two check-ins happen meanwhile; the reconnect names the last event it had.
        await check_in(gateway, "appt-a1", "loc-a")
        await check_in(gateway, "appt-a2", "loc-a")
        await asyncio.sleep(1.5)
        resumed: list[dict] = []
        headers = bearer | {"Last-Event-ID": last_id}
        async with client.stream("GET", "/api/v1/live/events", headers=headers) as response:
            reader = asyncio.create_task(frames(response, resumed))
            await wait_for(resumed, 2)
            await asyncio.sleep(0.5)
            reader.cancel()
        ids = [json.loads(f["data"])["appointment_id"] for f in resumed if f.get("event") == "scheduling.appointment"]
        # (a late copy of the first loop's appt-a0 may come too: it was published after the last one read)
        assert [i for i in ids if i != "appt-a0"] == ["appt-a1", "appt-a2"]
        assert all(f["id"] != last_id for f in resumed)

        # An id this gateway never gave (another process's, or fallen off the ring): the client is told to refetch.
        stale: list[dict] = []
        async with client.stream("GET", "/api/v1/live/events", headers=bearer | {"Last-Event-ID": "gone.1"}) as r:
            reader = asyncio.create_task(frames(r, stale))
            deadline = time.monotonic() + 10
            while not stale:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.1)
            reader.cancel()
        assert stale[0]["event"] == "reset"
