"""Token buckets per client IP and per user, kept in this process's memory.

Each gateway instance counts on its own: behind N instances a client gets up to N times the
configured rate. That is the accepted trade for needing no shared store on this path.
"""

import math
import time
from collections.abc import Callable

from shared.errors import DomainError


class TooManyRequests(DomainError):
    """Answered with a Retry-After header (see app.py)."""

    status = 429


class TokenBuckets:
    """`per_minute` requests a minute per key, in bursts of up to `burst`."""

    def __init__(
        self, *, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000
    ):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill)

    def wait_time(self, key: str) -> float:
        """Take one token for `key`: 0 when allowed, else the seconds until one is available."""
        now = self.clock()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > self.max_keys:
                self._forget_idle(now)
            return 0.0
        self._buckets[key] = (tokens, now)
        return (1 - tokens) / self.rate if self.rate > 0 else math.inf

    def check(self, key: str, *, who: str) -> None:
        """Raise TooManyRequests (429 with Retry-After) when `key` is over its rate."""
        wait = self.wait_time(key)
        if wait > 0:
            raise TooManyRequests(f"rate limit of {who} exceeded", retry_after_s=max(1, math.ceil(wait)))

    def _forget_idle(self, now: float) -> None:
        # A bucket that has refilled to full holds no information: forgetting it changes nothing.
        full = [k for k, (tokens, last) in self._buckets.items() if tokens + (now - last) * self.rate >= self.burst]
        for key in full:
            del self._buckets[key]
