"""Helpers of compliance's integration tests: tokens, waiting on eventually consistent reads."""

import asyncio
import time
from collections.abc import Awaitable, Callable

from tests.support.suite import token

OFFICER = token(roles=["compliance_officer"], locations=["*"], sub="officer-olga")
OFFICER_A = token(roles=["compliance_officer"], locations=["loc-a"], sub="officer-ann")


async def eventually(probe: Callable[[], Awaitable], accept: Callable[[object], bool], *, timeout: float = 30.0):
    """Call `probe` until `accept` takes its result (events arrive asynchronously)."""
    deadline, result = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        result = await probe()
        if accept(result):
            return result
        await asyncio.sleep(0.25)
    raise TimeoutError(f"never accepted: {result}")


async def json_of(client, path: str, **params):
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()
