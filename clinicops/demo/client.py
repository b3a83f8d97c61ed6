"""The demo's way in: signed-in users calling the gateway's /api/v1 routes, paced under its rate limits.

The gateway allows 1200 requests a minute per address and 600 per user by default (bursts of 200 and 100):
the demo paces itself just below both instead of collecting 429s, and still honours a Retry-After.

On the machine that runs the stack (`make up`), the services' own ports are reachable too: given their
addresses, the demo signs in at the gateway as before and sends each service's calls to its port with the
same gateway-signed token — the services' public APIs, checked and audited as ever, without the gateway's
per-address limit that is there for the outside world. That is what builds the practice in minutes, not ten.
"""

import asyncio
import time
from dataclasses import dataclass

import httpx

from clinicops.one_time_codes import OneTimeCodes

RETRIED = {429, 502, 503, 504}


class DemoError(RuntimeError):
    """A step of the demo was refused: the message names the request and the answer."""


class Pace:
    """A token bucket on the client's side: `per_second` requests a second, in bursts of `burst`."""

    def __init__(self, per_second: float, burst: float):
        self.rate, self.burst = per_second, burst
        self.tokens, self.last = burst, time.monotonic()
        self.lock = asyncio.Lock()

    async def take(self) -> None:
        async with self.lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
                self.last = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / self.rate)


@dataclass
class Account:
    email: str
    password: str
    roles: list[str]
    locations: list[str]
    totp_secret: str | None = None


class Gateway:
    """One HTTP connection pool to the gateway (and the services' ports if given), `parallel` requests in flight."""

    def __init__(
        self,
        url: str,
        *,
        services: dict[str, str] | None = None,
        parallel: int = 8,
        per_second: float = 19.0,
        burst: float = 180.0,
    ):
        self.url = url.rstrip("/")
        self.services = {name: address.rstrip("/") for name, address in (services or {}).items()}
        # Idle connections are dropped after 1 s, well before uvicorn's 5 s keep-alive: at the same 5 s a request
        # could leave on a connection the server was closing, and come back as a ReadError.
        limits = httpx.Limits(max_connections=parallel, keepalive_expiry=1.0)
        self.http = httpx.AsyncClient(base_url=self.url, timeout=60, limits=limits)
        self.slots = asyncio.Semaphore(parallel)
        self.pace = Pace(per_second, burst)
        self.user_rate = per_second / 2  # the per-user limit is half the per-address one by default
        self.requests = 0
        self.codes = OneTimeCodes()

    async def close(self) -> None:
        await self.http.aclose()

    def address(self, path: str) -> tuple[str, bool]:
        """Where an /api/v1 path goes: a service's own port when it is known (unpaced), else the gateway (paced)."""
        service, _, rest = path.removeprefix("/api/v1/").partition("/")
        if path.startswith("/api/v1/") and service in self.services:
            return f"{self.services[service]}/{rest}", False
        return path, True

    async def send(self, method: str, path: str, *, bearer: str | None, user_pace: Pace | None, **kwargs):
        """One request, retried on 429 (after its Retry-After) and on an upstream that is briefly away."""
        headers = kwargs.pop("headers", {}) | ({"Authorization": f"Bearer {bearer}"} if bearer else {})
        url, paced = self.address(path)
        for attempt in range(8):
            if paced:
                await self.pace.take()
                if user_pace:
                    await user_pace.take()
            async with self.slots:
                self.requests += 1
                try:
                    response = await self.http.request(method, url, headers=headers, **kwargs)
                except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # nothing was sent: safe to send again
                    if attempt == 7:
                        raise DemoError(f"{method} {path}: {exc!r} eight times") from exc
                    await asyncio.sleep(0.5 * (attempt + 1))
                    continue
            if response.status_code not in RETRIED:
                return response
            await asyncio.sleep(float(response.headers.get("Retry-After", 0.5 * (attempt + 1))))
        return response

    async def sign_in(self, account: Account) -> "Session":
        body = {"email": account.email, "password": account.password}
        if account.totp_secret:
            body["otp"] = self.codes.fresh(account.totp_secret)
        response = await self.send("POST", "/api/v1/auth/sign-in", bearer=None, user_pace=None, json=body)
        if response.status_code != 200:
            raise DemoError(f"sign-in of {account.email}: {response.status_code} {response.text}")
        return Session(self, response.json(), account)


class Session:
    """A signed-in user: their calls are paced per user as well as per address."""

    def __init__(self, gateway: Gateway, tokens: dict, account: Account):
        self.gateway, self.account = gateway, account
        self.pace = Pace(gateway.user_rate, 90)
        self.refreshing = asyncio.Lock()
        self._keep(tokens)

    def _keep(self, tokens: dict) -> None:
        self.token, self.refresh_token = tokens["access_token"], tokens["refresh_token"]
        self.renew_at = time.monotonic() + tokens["expires_in"] * 0.8

    async def _fresh_token(self) -> str:
        """The access token, renewed before it expires (a slow machine's demo outlasts one token)."""
        async with self.refreshing:  # a refresh token works once: reusing it would end the session
            if time.monotonic() >= self.renew_at:
                response = await self.gateway.send(
                    "POST",
                    "/api/v1/auth/refresh",
                    bearer=None,
                    user_pace=None,
                    json={"refresh_token": self.refresh_token},
                )
                if response.status_code != 200:
                    raise DemoError(f"refresh of {self.account.email}: {response.status_code} {response.text}")
                self._keep(response.json())
        return self.token

    async def call(self, method: str, path: str, *, expect: tuple[int, ...] = (200, 201), **kwargs) -> httpx.Response:
        bearer = await self._fresh_token()
        response = await self.gateway.send(method, f"/api/v1{path}", bearer=bearer, user_pace=self.pace, **kwargs)
        if response.status_code not in expect:
            raise DemoError(f"{method} {path} as {self.account.email}: {response.status_code} {response.text[:500]}")
        return response

    async def get(self, path: str, **kwargs):
        return (await self.call("GET", path, **kwargs)).json()

    async def post(self, path: str, body: dict | list | None = None, **kwargs):
        response = await self.call("POST", path, json=body, **kwargs)
        return response.json() if response.content else None

    async def put(self, path: str, body: dict | list, **kwargs):
        return (await self.call("PUT", path, json=body, **kwargs)).json()

    async def until_known(self, path: str, body: dict, *, timeout: float = 90.0, waiting=(404, 422), **kwargs):
        """POST until the service has learnt what the body names from an event (`waiting` answers until then)."""
        deadline = time.monotonic() + timeout
        while True:
            response = await self.call("POST", path, json=body, expect=(200, 201, *waiting), **kwargs)
            if response.status_code in (200, 201):
                return response.json()
            if time.monotonic() > deadline:
                raise DemoError(f"POST {path}: still {response.status_code} after {timeout:.0f} s: {response.text}")
            await asyncio.sleep(0.5)


async def eventually(probe, *, timeout: float = 90.0, what: str = "", interval: float = 0.5):
    """Poll `probe` until it returns something truthy (events reach the other services a little later)."""
    deadline = time.monotonic() + timeout
    while True:
        if result := await probe():
            return result
        if time.monotonic() > deadline:
            raise DemoError(f"{what or 'a condition'} not reached after {timeout:.0f} s")
        await asyncio.sleep(interval)


async def gather_bounded(coroutines, limit: int = 16):
    """Run many steps at once, at most `limit` at a time (the gateway's pool bounds requests too)."""
    gate = asyncio.Semaphore(limit)

    async def one(coro):
        async with gate:
            return await coro

    return await asyncio.gather(*(one(c) for c in coroutines))
