"""Token buckets per IP and per user; over the rate the gateway answers 429 with Retry-After."""

import httpx

from services.gateway.app import create_app
from services.gateway.rate_limits.domain import TokenBuckets, TooManyRequests
from services.gateway.settings import Settings


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_its_burst_then_refills_at_its_rate():
    clock = Clock()
    buckets = TokenBuckets(per_minute=60, burst=3, clock=clock)
    assert [buckets.wait_time("u1") for _ in range(3)] == [0, 0, 0]
    assert buckets.wait_time("u1") == 1.0  # one token a second
    assert buckets.wait_time("u2") == 0  # keys do not share
    clock.now += 1.0
    assert buckets.wait_time("u1") == 0
    assert buckets.wait_time("u1") > 0


def test_over_the_rate_raises_too_many_requests_with_the_wait():
    buckets = TokenBuckets(per_minute=6, burst=1, clock=Clock())
    buckets.check("u1", who="this user")
    try:
        buckets.check("u1", who="this user")
    except TooManyRequests as exc:
        assert exc.details["retry_after_s"] == 10
    else:
        raise AssertionError("not limited")


def test_idle_keys_are_forgotten_when_the_table_grows():
    clock = Clock()
    buckets = TokenBuckets(per_minute=60, burst=2, clock=clock, max_keys=10)
    for i in range(10):
        buckets.wait_time(f"ip{i}")
    clock.now += 60
    buckets.wait_time("ip-new")
    assert len(buckets._buckets) == 1


async def test_an_address_over_its_rate_gets_429_with_retry_after():
    app = create_app(
        Settings(database_url="sqlite+aiosqlite:///:memory:", rate_limit_ip_per_minute=60, rate_limit_ip_burst=2)
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        assert [(await client.get("/api/v1/")).status_code for _ in range(2)] == [200, 200]
        refused = await client.get("/api/v1/")
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        assert refused.json()["error"] == "TooManyRequests"
        assert (await client.get("/health/live")).status_code == 200  # probes are not limited
