"""The pooled HTTP client to the services: timeouts, one retry when it is safe, ids passed on."""

import importlib.util
import sys
import uuid

import httpx

from services.gateway.settings import Settings
from services.gateway.upstreams.domain import GatewayTimeout, ServiceUnavailable
from services.gateway.upstreams.transport import LeanTransport
from shared.errors import NotFound
from shared.logs import correlation_id

# httpcore (the gateway's other httpx clients: JWKS, OIDC) runs `import sniffio` several times per request; with
# sniffio not installed each of those is a fresh search of sys.path (a tenth of the gateway's CPU per request
# while the proxy still went through httpcore). Marked absent once, the import fails at once, as it would anyway.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)

# Safe to send twice: the request either did nothing or does the same again.
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Raised by `send` before any byte of the answer's head arrived: a refused connection, or a pooled
# keep-alive connection the service had already closed (it read nothing, or dropped it unanswered).
BROKEN_CONNECTION = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)


class Upstreams:
    """One connection pool for every service, created with the app and closed at shutdown."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None):
        self.urls = settings.service_urls()
        # Transports, not httpx clients: a client's per-request work (auth flow, redirects, its cookie jar, which
        # would have kept a service's cookies and sent them on for every caller) was a sixth of the proxy's CPU.
        # Timeouts are the lean transport's own (connect, then each read).
        self.pooled = transport or _lean(settings, max_connections=200, keep_alive=True)
        # Retries go here: no connection is kept, so a retry never lands on another stale pooled one.
        self.fresh = transport or _lean(settings, max_connections=50, keep_alive=False)

    def url(self, service: str, path: str) -> str:
        if service not in self.urls:
            raise NotFound(f"no service named {service}", field="service")
        return f"{self.urls[service].rstrip('/')}/{path.lstrip('/')}"

    async def send(
        self,
        service: str,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        params=None,
        content: bytes | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        """Send one request; an idempotent one that meets a broken connection is sent once more, on a new one."""
        request = httpx.Request(
            method, self.url(service, path), params=params, content=content, headers=upstream_headers(headers or {})
        )
        retry = method.upper() in IDEMPOTENT
        try:
            response = await self._head(service, self.pooled, request, last_try=not retry)
        except BROKEN_CONNECTION:
            response = await self._head(service, self.fresh, request, last_try=True)
        if not stream:
            try:
                await response.aread()
            except httpx.TransportError as exc:  # the answer had begun: sending again is not this layer's call
                await response.aclose()
                raise _refusal(service, exc) from exc
        return response

    @staticmethod
    async def _head(
        service: str, transport: httpx.AsyncBaseTransport, request: httpx.Request, *, last_try: bool
    ) -> httpx.Response:
        """The answer's status and headers; its body is left to stream."""
        try:
            response = await transport.handle_async_request(request)
            response.request = request
            return response
        except BROKEN_CONNECTION as exc:
            if not last_try:
                raise
            raise _refusal(service, exc) from exc
        except httpx.TransportError as exc:
            raise _refusal(service, exc) from exc

    async def aclose(self) -> None:
        await self.pooled.aclose()
        if self.fresh is not self.pooled:
            await self.fresh.aclose()


def _lean(settings: Settings, *, max_connections: int, keep_alive: bool) -> LeanTransport:
    return LeanTransport(
        connect_timeout=settings.upstream_connect_timeout_s,
        read_timeout=settings.upstream_read_timeout_s,
        max_connections=max_connections,
        keep_alive=keep_alive,
    )


def _refusal(service: str, exc: httpx.TransportError) -> ServiceUnavailable | GatewayTimeout:
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return ServiceUnavailable(f"{service} is not answering", service=service)
    if isinstance(exc, httpx.TimeoutException):
        return GatewayTimeout(f"{service} did not answer in time", service=service)
    return ServiceUnavailable(f"{service} failed: {type(exc).__name__}", service=service)  # e.g. dropped mid-answer


def upstream_headers(incoming: dict[str, str]) -> dict[str, str]:
    """The caller's headers minus hop-by-hop ones, plus request and correlation ids."""
    headers = {k: v for k, v in incoming.items() if k.lower() not in HOP_BY_HOP}
    lowered = {k.lower() for k in headers}
    if "x-request-id" not in lowered:
        headers["X-Request-ID"] = str(uuid.uuid4())
    if "x-correlation-id" not in lowered and (cid := correlation_id.get()):
        headers["X-Correlation-ID"] = cid
    return headers


# Passed on as the service sent it: the body is relayed byte for byte, so its length still holds.
RELAYED_HOP_BY_HOP = frozenset(h.encode() for h in HOP_BY_HOP - {"content-length"}) | {b"x-correlation-id"}


def relayed_headers(response: httpx.Response) -> list[tuple[bytes, bytes]]:
    """The answer's raw headers for the caller: hop-by-hop ones and the correlation id (ours echoes it) left out."""
    return [(k.lower(), v) for k, v in response.headers.raw if k.lower() not in RELAYED_HOP_BY_HOP]
