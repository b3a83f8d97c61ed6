"""The combined OpenAPI as served: the services' specs fetched in parallel, kept a while when complete."""

import asyncio
import time

from services.gateway.documents.domain import combine
from services.gateway.upstreams.client import Upstreams
from shared.errors import DomainError


class CombinedOpenApi:
    """Fetches the services' specs in parallel and keeps the result for `ttl_s` seconds."""

    def __init__(self, upstreams: Upstreams, *, ttl_s: float):
        self.upstreams = upstreams
        self.ttl_s = ttl_s
        self._cached: tuple[float, dict] | None = None

    async def document(self, gateway_spec: dict) -> dict:
        if self._cached and time.monotonic() - self._cached[0] < self.ttl_s:
            return self._cached[1]
        names = list(self.upstreams.urls)
        specs = await asyncio.gather(*(self._fetch(n) for n in names))
        document = combine(gateway_spec, dict(zip(names, specs, strict=True)))
        if not document["x-unavailable-services"]:  # an incomplete document is not worth keeping
            self._cached = (time.monotonic(), document)
        return document

    async def _fetch(self, service: str) -> dict | None:
        try:
            response = await asyncio.wait_for(self.upstreams.send(service, "GET", "/openapi.json"), timeout=5)
        except (DomainError, TimeoutError):
            return None
        return response.json() if response.status_code == 200 else None
