"""/api/v1/<service>/...: every service behind one authenticated entry point."""

from urllib.parse import quote

import httpx
from fastapi import APIRouter, Request, Response
from starlette.convertors import StringConvertor, register_url_convertor

from services.gateway.access import any_user
from services.gateway.settings import PROXIED_SERVICES
from services.gateway.upstreams.client import relayed_headers
from shared.errors import DomainError

router = APIRouter()
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def _refuse_control_characters(request: Request) -> None:
    # A NUL or other control character is never part of an id, and httpx refuses such a URL; checked before
    # the caller's token, which costs a database read. scope["path"], not request.url.path: parsing a URL
    # drops tabs and newlines (WHATWG), which httpx then refuses (found by `make fuzz`: a tab was a 500).
    # Query values are the text guard's (422 naming them): httpx encodes a newline there.
    if any(ord(char) < 32 or ord(char) == 127 for char in request.scope["path"]):
        raise DomainError("the request path holds a control character", field="path")


class _ProxiedService(StringConvertor):
    # Only a service's name is proxied: `PUT /api/v1/auth/refresh` then meets the gateway's own route and
    # its 405 (with Allow), not a 404 from a search for a service named "auth".
    regex = "|".join(PROXIED_SERVICES)


register_url_convertor("proxied_service", _ProxiedService())


async def forward(request: Request) -> Response:
    """Pass the request on with the caller's (or the minted) token; relay the answer back.

    A plain Starlette route, not a FastAPI one: the proxy takes no parameters to validate, and FastAPI's
    dependency solving was a tenth of the gateway's CPU per proxied request (bench.gateway_overhead).
    Refusals raised here meet the app's exception handlers as any route's do.
    """
    _refuse_control_characters(request)  # before the caller's token, which costs a database read
    caller = await any_user(request)
    service, path = request.path_params["service"], request.path_params["path"]
    headers = dict(request.headers) | {"authorization": f"Bearer {caller.bearer}"}
    earlier_hops = f"{headers['x-forwarded-for']}, " if "x-forwarded-for" in headers else ""
    headers["x-forwarded-for"] = earlier_hops + (caller.principal.source_ip or "unknown")
    # Request bodies here are small JSON documents; reading them whole lets a retry resend them.
    body = await request.body()
    response = await request.app.state.upstreams.send(
        service,
        request.method,
        # The route hands over the path decoded: a `?` or `#` inside an id, sent on as it is, would end the
        # path there and reach another route (found by `make fuzz`: an id holding `?` answered 405).
        quote(path, safe="/!$&'()*+,;=:@"),
        headers=headers,
        params=list(request.query_params.multi_items()),
        content=body or None,
        stream=True,
    )
    return RelayedAnswer(response)


# Hidden from the gateway's own schema: the combined OpenAPI lists each service's routes instead.
router.add_route("/api/v1/{service:proxied_service}/{path:path}", forward, methods=METHODS, include_in_schema=False)


class RelayedAnswer(Response):
    """The service's answer passed on as it arrives, then its connection released.

    Not a StreamingResponse: that one runs a task group per answer to watch for the caller leaving, which
    cost the proxy more than relaying the (small, JSON) answers themselves (bench.gateway_overhead).
    """

    def __init__(self, upstream: httpx.Response):
        self.upstream = upstream
        self.status_code = upstream.status_code
        self.background = None
        self.raw_headers = relayed_headers(upstream)

    async def __call__(self, scope, receive, send) -> None:
        try:
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
            held = b""  # one chunk behind: the last one goes with more_body False, no empty message after it
            async for chunk in self.upstream.aiter_raw():
                if held:
                    await send({"type": "http.response.body", "body": held, "more_body": True})
                held = chunk
            await send({"type": "http.response.body", "body": held, "more_body": False})
        finally:
            await self.upstream.aclose()
