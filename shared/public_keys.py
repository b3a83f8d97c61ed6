"""The gateway's public keys as a service sees them: fetched from its JWKS and refreshed by kid."""

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import jwt

from shared.keys import ALGORITHM

Fetch = Callable[[], Awaitable[dict]]
# An unknown kid triggers at most one fetch per interval, so forged kids cannot make a
# service hammer the gateway; a rotated-in key is still learnt within this time.
REFRESH_INTERVAL_S = 2.0
# Known keys are re-read this often, so a key the gateway stopped publishing is dropped.
MAX_AGE_S = 300.0


class PublicKeys:
    """Ed25519 verification keys by kid; unknown kids refresh the set (rotation)."""

    def __init__(self, fetch: Fetch):
        self._fetch = fetch
        self._keys: dict[str, object] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    @classmethod
    def from_source(cls, source: str) -> "PublicKeys":
        """Keys from the gateway's JWKS URL (http/https) or from a JWKS file path."""
        if source.startswith(("http://", "https://")):

            async def fetch() -> dict:
                async with httpx.AsyncClient(timeout=3.0) as client:
                    answer = await client.get(source)
                    answer.raise_for_status()
                    return answer.json()
        else:

            async def fetch() -> dict:
                return json.loads(await asyncio.to_thread(Path(source).read_text))

        return cls(fetch)

    async def get(self, kid: str):
        """The public key named `kid`, or None when the gateway does not publish it."""
        age = time.monotonic() - self._fetched_at
        if kid not in self._keys and age >= REFRESH_INTERVAL_S or age >= MAX_AGE_S:
            await self._refresh()
        return self._keys.get(kid)

    async def _refresh(self) -> None:
        async with self._lock:
            if time.monotonic() - self._fetched_at < REFRESH_INTERVAL_S:
                return  # another request refreshed while this one waited
            try:
                document = await self._fetch()
            except (OSError, ValueError, httpx.HTTPError):
                # The gateway being down must not lock out tokens already verified; retry later.
                self._fetched_at = time.monotonic()
                return
            self._keys = {
                jwk["kid"]: jwt.PyJWK(jwk, algorithm=ALGORITHM).key
                for jwk in document.get("keys", [])
                if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519" and "kid" in jwk
            }
            self._fetched_at = time.monotonic()
