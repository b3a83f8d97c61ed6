from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.gateway import api, consumers, docs_api, models, proxy, sessions
from services.gateway.access import Authenticator, user_buckets
from services.gateway.errors import TooManyRequests, too_many_requests_response
from services.gateway.openapi_merge import CombinedOpenApi
from services.gateway.ratelimit import IpRateLimitMiddleware, TokenBuckets
from services.gateway.settings import Settings
from services.gateway.upstreams import Upstreams
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES: list[str] = []


def create_app(settings: Settings | None = None) -> FastAPI:
    """The gateway: identity, the proxy to every service, the dashboard and the integrators' documents."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, models.metadata, produces=PRODUCES)
    runtime.every(300, lambda: sessions.purge_expired(uow=runtime.uow()), name="gateway.purge_expired")
    consumers.register(runtime)
    # The proxy's catch-all route goes last, after every route of the gateway's own.
    app = create_service_app(runtime, title="clinicops gateway", routers=[api.router, docs_api.router, proxy.router])
    upstreams = Upstreams(settings)
    app.state.upstreams = upstreams
    app.state.authenticator = Authenticator(settings)
    app.state.user_limits = user_buckets(settings)
    app.state.combined_openapi = CombinedOpenApi(upstreams, ttl_s=settings.openapi_cache_s)
    app.add_exception_handler(TooManyRequests, _too_many_requests)
    app.add_middleware(IpRateLimitMiddleware, buckets=TokenBuckets(
        per_minute=settings.rate_limit_ip_per_minute, burst=settings.rate_limit_ip_burst))
    app.router.lifespan_context = _closing_upstreams(app.router.lifespan_context, upstreams)
    return app


def _closing_upstreams(lifespan, upstreams: Upstreams):
    @asynccontextmanager
    async def with_upstreams(app: FastAPI):
        async with lifespan(app) as state:
            try:
                yield state
            finally:
                await upstreams.aclose()

    return with_upstreams


async def _too_many_requests(_request, exc: TooManyRequests):
    return too_many_requests_response(exc)
