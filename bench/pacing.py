"""Open-loop load: each operation starts at its slot time, whatever earlier ones are doing."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pacing:
    """How well the load generator kept its schedule."""

    sent: int
    rate: float  # achieved starts per second
    max_late_ms: float  # worst delay of a start behind its slot: the load generator's own lag


async def open_loop(rate: float, count: int, fire: Callable[[int], Awaitable[None]]) -> Pacing:
    """Start fire(0..count-1) at `rate` per second; wait for all of them."""
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    tasks, late, first = [], 0.0, None
    for i in range(count):
        slot = start + i / rate
        if (delay := slot - loop.time()) > 0:
            await asyncio.sleep(delay)
        now = loop.time()
        first = first if first is not None else now
        late = max(late, now - slot)
        # A task per operation: a slow response must not delay the next start (closed loop would).
        tasks.append(asyncio.create_task(fire(i)))
    span = loop.time() - first
    await asyncio.gather(*tasks)
    return Pacing(count, (count - 1) / span if span > 0 else 0.0, late * 1000)
