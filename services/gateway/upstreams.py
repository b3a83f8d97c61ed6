"""The pooled HTTP client to the services: timeouts, one retry when it is safe, ids passed on."""

import uuid

import httpx

from services.gateway.errors import GatewayTimeout, ServiceUnavailable
from services.gateway.settings import Settings
from shared.errors import NotFound
from shared.logs import correlation_id

# Safe to send twice: the request either did nothing or does the same again.
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
                        "trailer", "trailers", "transfer-encoding", "upgrade", "host", "content-length"})


class Upstreams:
    """One connection pool for every service, created with the app and closed at shutdown."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None):
        self.urls = settings.service_urls()
        timeout = httpx.Timeout(settings.upstream_read_timeout_s, connect=settings.upstream_connect_timeout_s)
        self.client = httpx.AsyncClient(timeout=timeout, transport=transport, follow_redirects=False,
                                        limits=httpx.Limits(max_connections=200, max_keepalive_connections=40))

    def url(self, service: str, path: str) -> str:
        if service not in self.urls:
            raise NotFound(f"no service named {service}", field="service")
        return f"{self.urls[service].rstrip('/')}/{path.lstrip('/')}"

    async def send(self, service: str, method: str, path: str, *, headers: dict[str, str] | None = None,
                   params=None, content: bytes | None = None, stream: bool = False) -> httpx.Response:
        """Send one request; connection failures of idempotent methods are tried once more."""
        request = self.client.build_request(method, self.url(service, path), params=params, content=content,
                                            headers=upstream_headers(headers or {}))
        attempts = 2 if method.upper() in IDEMPOTENT else 1
        for attempt in range(attempts):
            try:
                return await self.client.send(request, stream=stream)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if attempt + 1 == attempts:
                    raise ServiceUnavailable(f"{service} is not answering", service=service) from exc
            except httpx.TimeoutException as exc:
                raise GatewayTimeout(f"{service} did not answer in time", service=service) from exc
            except httpx.TransportError as exc:  # e.g. the connection dropped mid-response
                raise ServiceUnavailable(f"{service} failed: {type(exc).__name__}", service=service) from exc
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self.client.aclose()


def upstream_headers(incoming: dict[str, str]) -> dict[str, str]:
    """The caller's headers minus hop-by-hop ones, plus request and correlation ids."""
    headers = {k: v for k, v in incoming.items() if k.lower() not in HOP_BY_HOP}
    lowered = {k.lower() for k in headers}
    if "x-request-id" not in lowered:
        headers["X-Request-ID"] = str(uuid.uuid4())
    if "x-correlation-id" not in lowered and (cid := correlation_id.get()):
        headers["X-Correlation-ID"] = cid
    return headers


def downstream_headers(response: httpx.Response) -> dict[str, str]:
    # The gateway's own middleware echoes the correlation id (the same one it passed on): once is enough.
    return {k: v for k, v in response.headers.items() if k.lower() not in HOP_BY_HOP | {"x-correlation-id"}}
