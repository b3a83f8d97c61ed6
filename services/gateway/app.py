from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI

from services.gateway import consumers
from services.gateway.console import api as console_api
from services.gateway.dashboards import api as dashboards_api
from services.gateway.documents import api as documents_api
from services.gateway.documents.service import CombinedOpenApi
from services.gateway.live import api as live_api
from services.gateway.live.service import LiveHub
from services.gateway.rate_limits.domain import TokenBuckets, TooManyRequests
from services.gateway.rate_limits.middleware import IpRateLimitMiddleware, too_many_requests_response
from services.gateway.sessions import api as sessions_api
from services.gateway.sessions import service as sessions
from services.gateway.sessions.authenticator import Authenticator
from services.gateway.settings import Settings
from services.gateway.tables import metadata
from services.gateway.upstreams import api as upstreams_api
from services.gateway.upstreams.client import Upstreams
from services.gateway.users import api as users_api
from shared.contracts.gateway import TokensRevoked
from shared.keys import KeyRing
from shared.public_keys import PublicKeys
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [TokensRevoked.topic()]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The gateway: identity, the proxy to every service, the dashboard and the integrators' documents."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, metadata, produces=PRODUCES)
    keys = KeyRing.open(settings.signing_key_dir, token_lifetime=timedelta(seconds=settings.access_token_ttl_s))

    async def own_keys() -> dict:
        return keys.jwks()

    runtime.public_keys = PublicKeys(own_keys)  # the gateway verifies with its own ring, not over HTTP
    runtime.every(300, lambda: sessions.purge_expired(uow=runtime.uow()), name="gateway.purge_expired")
    consumers.register(runtime)
    # The proxy's catch-all route goes after every route of the gateway's own, the console's last of all.
    routers = [
        sessions_api.router,
        users_api.router,
        dashboards_api.router,
        documents_api.router,
        documents_api.well_known,
        live_api.router,
        upstreams_api.router,
        console_api.router,  # the console's catch-all GET after every API route
    ]
    app = create_service_app(
        runtime,
        title="clinicops gateway",
        routers=routers,
        upload_paths=("/api/v1/billing/remittances",),
        more_errors={429: "Too many requests from this user or address; Retry-After says when to try again."},
    )
    upstreams = Upstreams(settings)
    app.state.upstreams = upstreams
    app.state.keys = keys
    app.state.console_dir = settings.console_dir
    app.state.authenticator = Authenticator(settings, keys=keys, public_keys=runtime.public_keys)
    app.state.user_limits = TokenBuckets(
        per_minute=settings.rate_limit_user_per_minute, burst=settings.rate_limit_user_burst
    )
    app.state.combined_openapi = CombinedOpenApi(upstreams, ttl_s=settings.openapi_cache_s)
    app.add_exception_handler(TooManyRequests, _too_many_requests)
    app.add_middleware(
        IpRateLimitMiddleware,
        buckets=TokenBuckets(per_minute=settings.rate_limit_ip_per_minute, burst=settings.rate_limit_ip_burst),
    )
    app.state.live = LiveHub(
        bootstrap=settings.kafka_bootstrap_servers,
        topic_of=settings.topic,
        group_prefix=settings.topic("gateway.live"),
        ring_size=settings.live_ring_size,
    )
    app.router.lifespan_context = _closing_upstreams(app.router.lifespan_context, upstreams, app.state.live)
    return app


def _closing_upstreams(lifespan, upstreams: Upstreams, live: LiveHub):
    @asynccontextmanager
    async def with_upstreams(app: FastAPI):
        async with lifespan(app) as state:
            await live.start()
            try:
                yield state
            finally:
                await live.stop()
                await upstreams.aclose()

    return with_upstreams


async def _too_many_requests(_request, exc: TooManyRequests):
    return too_many_requests_response(exc)
