"""Waiting for what arrives asynchronously: events, projections, log lines."""

import asyncio
import time
from collections.abc import Awaitable, Callable


async def eventually(
    probe: Callable[[], Awaitable],
    accept: Callable[[object], bool] = bool,
    *,
    timeout: float = 45.0,
    interval: float = 0.2,
    what: str = "",
):
    """Call `probe` until `accept` takes its result, and return it.

    An AssertionError from `probe` means "not yet"; the last result or assertion is in the timeout's message.
    """
    deadline, last = time.monotonic() + timeout, None
    while True:
        try:
            result = await probe()
            if accept(result):
                return result
            last = result
        except AssertionError as error:
            last = error
        if time.monotonic() >= deadline:
            name = what or getattr(probe, "__name__", "the condition")
            raise TimeoutError(f"{name} not reached after {timeout} s; last: {last!r}"[:2000])
        await asyncio.sleep(interval)
