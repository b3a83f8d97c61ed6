"""The whole practice as processes: six services on the real broker and PostgreSQL, the gateway in front."""

from clinicops import supervisor
from tests.support.suite import Suite

SERVICES = ("scheduling", "staff", "billing", "compliance", "facilities", "inbox")


def unthrottled(*scopes: str, limit: int = 1_000_000) -> dict[str, str]:
    """Gateway settings lifting its rate limits of `scopes` ("IP", "USER"): for one caller sending thousands."""
    return {f"GATEWAY_RATE_LIMIT_{scope}_{kind}": str(limit) for scope in scopes for kind in ("PER_MINUTE", "BURST")}


async def start_practice(
    suite: Suite,
    *,
    services: tuple[str, ...] = SERVICES,
    service_env: dict[str, dict[str, str]] | None = None,
    gateway_env: dict[str, str] | None = None,
) -> str:
    """Start the services, then the gateway routed to them; returns the gateway's URL.

    `gateway_env` is applied last: it may point an upstream elsewhere (a service that is not answering).
    """
    for name in services:  # started together, awaited together: start-up dominates
        await suite.start(name, wait=False, env=(service_env or {}).get(name))
    for name in services:
        supervisor.wait_ready(suite.procs[name])
    upstreams = {f"GATEWAY_{name.upper()}_URL": suite.procs[name].url for name in services}
    await suite.start("gateway", env=upstreams | (gateway_env or {}))
    return suite.procs["gateway"].url
