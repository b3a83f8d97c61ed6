"""The demo's gateway client without a gateway: pacing, Retry-After, and one refresh for many callers."""

import asyncio
import time

import httpx

from clinicops.demo.client import Account, Gateway, Pace

TOKENS = {"access_token": "a1", "refresh_token": "r1", "expires_in": 900}


def gateway(handler) -> Gateway:
    gw = Gateway("http://gw", per_second=1000, burst=1000)
    gw.http = httpx.AsyncClient(base_url="http://gw", transport=httpx.MockTransport(handler))
    return gw


async def test_an_expiring_token_is_refreshed_once_however_many_calls_wait_for_it():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/auth/sign-in":
            return httpx.Response(200, json=TOKENS)
        if request.url.path == "/api/v1/auth/refresh":
            seen.append(request.content)
            return httpx.Response(200, json={"access_token": "a2", "refresh_token": "r2", "expires_in": 900})
        return httpx.Response(200, json={"bearer": request.headers["Authorization"]})

    gw = gateway(handler)
    session = await gw.sign_in(Account("desk@example.com", "pw", ["front_desk"], ["loc-a"]))
    session.renew_at = time.monotonic() - 1  # as if 12 minutes had passed
    answers = await asyncio.gather(*(session.get("/scheduling/x") for _ in range(5)))
    assert seen == [b'{"refresh_token":"r1"}']  # a second use of r1 would have revoked the session
    assert {a["bearer"] for a in answers} == {"Bearer a2"}


async def test_a_429_is_retried_after_its_retry_after():
    answers = iter([httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200, json={"ok": True})])
    gw = gateway(lambda request: next(answers))
    response = await gw.send("GET", "/api/v1/x", bearer=None, user_pace=None)
    assert response.status_code == 200 and gw.requests == 2


async def test_the_pace_holds_requests_to_its_rate_after_the_burst():
    pace, started = Pace(per_second=50, burst=5), time.monotonic()
    for _ in range(15):
        await pace.take()
    assert time.monotonic() - started >= 10 / 50 * 0.9  # the burst of 5 is free, the next 10 wait 20 ms each


async def test_known_services_are_called_at_their_own_port_with_the_gateways_token_and_unpaced():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers.get("Authorization")))
        return httpx.Response(200, json=TOKENS if request.url.path == "/api/v1/auth/sign-in" else {})

    gw = Gateway("http://gw", services={"scheduling": "http://sched:8001/"}, per_second=1, burst=1)
    gw.http = httpx.AsyncClient(base_url="http://gw", transport=httpx.MockTransport(handler))
    session = await gw.sign_in(Account("desk@example.com", "pw", ["front_desk"], ["loc-a"]))  # the one paced call
    started = time.monotonic()
    for _ in range(5):
        await session.get("/scheduling/locations/loc-a/day-sheet")
    assert time.monotonic() - started < 1  # at one a second through the gateway, five would take four seconds
    assert seen[0] == ("http://gw/api/v1/auth/sign-in", None)
    assert set(seen[1:]) == {("http://sched:8001/locations/loc-a/day-sheet", "Bearer a1")}
    assert gw.address("/api/v1/billing/claims") == ("/api/v1/billing/claims", True)  # not given: the gateway
