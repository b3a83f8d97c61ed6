"""/health/ready tells the supervisor (and compose's healthchecks) the truth: 503 naming what is down, 200 when back.

The service runs as a real process against a Kafka broker of this test's own (the shared one must stay up
for everyone else) and its own PostgreSQL database, which the test takes away and gives back.
"""

import asyncio
import time

import asyncpg
import httpx
import pytest

from clinicops.infra import kafka, procs

pytestmark = pytest.mark.integration
SERVICE = "facilities"


@pytest.fixture
def private_broker(var_dir, tmp_path, monkeypatch):
    """A broker only this test uses, on a free port; stopped with the test. The shared broker's jars are reused."""
    monkeypatch.delenv("KAFKA_BOOTSTRAP_SERVERS", raising=False)  # kafka.start would otherwise reuse that one
    home = tmp_path / "kafka-var"
    (home / "kafka").mkdir(parents=True)
    if (shared_libs := var_dir.resolve() / "kafka" / "libs").is_dir():
        (home / "kafka" / "libs").symlink_to(shared_libs)
    port = procs.free_port()
    broker = {"home": home, "port": port, "bootstrap": kafka.start(home, port=port, log=lambda _: None)}
    yield broker
    kafka.stop(home)


async def readiness(client: httpx.AsyncClient, *, until: int, timeout: float = 60.0) -> dict:
    """Poll /health/ready until it answers `until`; the body of that answer."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        response = await client.get("/health/ready")
        last = (response.status_code, response.text)
        if response.status_code == until:
            return response.json()
        await asyncio.sleep(0.5)
    raise AssertionError(f"/health/ready never answered {until}; last {last}")


async def admin(pg_base_url: str, sql: str) -> None:
    conn = await asyncpg.connect(pg_base_url.replace("+asyncpg", "") + "/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def test_ready_is_503_naming_the_database_and_the_broker_while_they_are_gone_and_200_once_back(
    make_suite, private_broker, pg_base_url
):
    suite = make_suite()
    await suite.start(SERVICE, env={"KAFKA_BOOTSTRAP_SERVERS": private_broker["bootstrap"]})
    database = (await suite.database_url(SERVICE)).rsplit("/", 1)[1]
    async with httpx.AsyncClient(base_url=suite.procs[SERVICE].url, timeout=20) as service:
        assert await readiness(service, until=200) == {"status": "ready", "checks": {"database": True, "broker": True}}

        kafka.stop(private_broker["home"])
        body = await readiness(service, until=503)
        assert body == {"status": "unready", "checks": {"database": True, "broker": False}, "down": ["broker"]}

        await admin(pg_base_url, f'DROP DATABASE "{database}" WITH (FORCE)')  # its connections terminated too
        body = await readiness(service, until=503)
        assert body["checks"] == {"database": False, "broker": False} and body["down"] == ["database", "broker"]

        await admin(pg_base_url, f'CREATE DATABASE "{database}"')
        body = await readiness(service, until=503)
        assert body["down"] == ["broker"]
        kafka.start(private_broker["home"], port=private_broker["port"], log=lambda _: None)
        assert await readiness(service, until=200) == {"status": "ready", "checks": {"database": True, "broker": True}}
        assert (await service.get("/health/live")).status_code == 200
