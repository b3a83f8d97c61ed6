"""The per-IP limit as pure ASGI middleware, and the 429 answer with its Retry-After header."""

import math

from fastapi.responses import JSONResponse

from services.gateway.rate_limits.domain import TokenBuckets, TooManyRequests


def too_many_requests_response(exc: TooManyRequests) -> JSONResponse:
    return JSONResponse(
        exc.to_dict(), status_code=exc.status, headers={"Retry-After": str(exc.details["retry_after_s"])}
    )


class IpRateLimitMiddleware:
    """Pure ASGI: every /api/ request counts against its client IP's bucket."""

    def __init__(self, app, *, buckets: TokenBuckets):
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        client = scope.get("client")
        wait = self.buckets.wait_time(client[0] if client else "unknown")
        if wait <= 0:
            return await self.app(scope, receive, send)
        await too_many_requests_response(
            TooManyRequests("rate limit of this address exceeded", retry_after_s=max(1, math.ceil(wait)))
        )(scope, receive, send)
