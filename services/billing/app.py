from fastapi import FastAPI

from services.billing import api, claims_api, consumers, models
from services.billing import ledger_routes
from services.billing.settings import Settings
from shared.contracts.audit import audit_event_type
from shared.contracts.billing import ChargeCreated, ClaimSubmitted
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [ChargeCreated.topic(), ClaimSubmitted.topic(), audit_event_type("billing").rsplit(".", 1)[0]]
PRODUCES += ledger_routes.PRODUCES


def create_app(settings: Settings | None = None) -> FastAPI:
    """The billing service: HTTP API, outbox relay, event consumers."""
    runtime = ServiceRuntime(settings or Settings(), models.metadata, produces=PRODUCES)
    consumers.register(runtime)
    return create_service_app(runtime, title="clinicops billing",
                              routers=[api.router, claims_api.router, *ledger_routes.ROUTERS])
