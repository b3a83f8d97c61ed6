"""/health/ready answers within the probes' timeouts even when the database accepts connections and says nothing."""

import asyncio
import time

import httpx

from services.gateway.app import create_app
from services.gateway.settings import Settings
from shared.web import READY_CHECK_TIMEOUT_S


async def test_a_silent_database_and_a_missing_broker_are_reported_down_within_the_bound():
    held: list[asyncio.StreamWriter] = []

    async def accept_and_say_nothing(_reader, writer):
        held.append(writer)

    silent = await asyncio.start_server(accept_and_say_nothing, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    app = create_app(
        Settings(
            database_url=f"postgresql+asyncpg://nobody@127.0.0.1:{port}/gateway", kafka_bootstrap_servers="127.0.0.1:1"
        )
    )  # no lifespan: the broker never started
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            started = time.monotonic()
            response = await asyncio.wait_for(client.get("/health/ready"), timeout=20)
            elapsed = time.monotonic() - started
    finally:
        for writer in held:
            writer.close()
        silent.close()
        await app.state.runtime.engine.dispose()
    assert response.status_code == 503
    assert response.json() == {
        "status": "unready",
        "checks": {"database": False, "broker": False},
        "down": ["database", "broker"],
    }
    assert elapsed < READY_CHECK_TIMEOUT_S + 1.0, f"the probe waited {elapsed:.1f} s"
    assert held, "the database was never even tried"
