"""For integrators: the combined OpenAPI, the AsyncAPI of every topic, the token keys, and a page linking them."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from shared.asyncapi import build_asyncapi

router = APIRouter(prefix="/api/v1", include_in_schema=False)
well_known = APIRouter(prefix="/.well-known", tags=["auth"])

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clinicops API</title></head>
<body>
<h1>clinicops API</h1>
<p>Sign in at <code>POST /api/v1/auth/sign-in</code>, then send <code>Authorization: Bearer &lt;access token&gt;</code>.
Each service answers under <code>/api/v1/&lt;service&gt;/</code>.</p>
<ul>
<li><a href="/api/v1/openapi.json">OpenAPI of every service</a> (HTTP)</li>
<li><a href="/api/v1/asyncapi.json">AsyncAPI of every topic</a> (Kafka events, CloudEvents 1.0)</li>
<li><a href="/.well-known/jwks.json">The keys access tokens are signed with</a> (JWKS, EdDSA)</li>
<li><a href="/docs">The gateway's interactive docs</a></li>
</ul>
</body></html>
"""


@router.get("/", response_class=HTMLResponse)
async def index() -> str:
    """Where an integrator starts."""
    return PAGE


@router.get("/openapi.json")
async def combined_openapi(request: Request) -> dict:
    """Every service's routes under /api/v1/<service>, plus the gateway's own."""
    return await request.app.state.combined_openapi.document(request.app.openapi())


@router.get("/asyncapi.json")
async def asyncapi(request: Request) -> dict:
    """Every topic and event type, generated from the contracts."""
    settings = request.app.state.runtime.settings
    return build_asyncapi(bootstrap_servers=settings.kafka_bootstrap_servers, topic=settings.topic)


@well_known.get("/jwks.json")
async def jwks(request: Request) -> dict:
    """The public keys of the gateway's access tokens (RFC 7517): services and integrators verify with them."""
    return request.app.state.keys.jwks()
