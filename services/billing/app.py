from fastapi import FastAPI

from services.billing import consumers, tables
from services.billing.batches import api as batches_api
from services.billing.charges import api as charges_api
from services.billing.claims import api as claims_api
from services.billing.coverage import api as coverage_api
from services.billing.expenses import api as expenses_api
from services.billing.ledger import api as ledger_api
from services.billing.reference import api as reference_api
from services.billing.remittances import api as remittances_api
from services.billing.reports import api as reports_api
from services.billing.settings import Settings
from shared.contracts.audit import audit_event_type
from shared.contracts.billing import BalanceChanged, ChargeCreated, ClaimSubmitted, PaymentPosted
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [
    ChargeCreated.topic(),
    ClaimSubmitted.topic(),
    audit_event_type("billing").rsplit(".", 1)[0],
    PaymentPosted.topic(),
    BalanceChanged.topic(),
]
ROUTERS = [
    charges_api.router,
    reference_api.router,
    coverage_api.router,
    claims_api.router,
    remittances_api.router,
    batches_api.router,
    ledger_api.router,
    expenses_api.router,
    reports_api.router,
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The billing service: HTTP API, outbox relay, event consumers."""
    runtime = ServiceRuntime(settings or Settings(), tables.metadata, produces=PRODUCES)
    consumers.register(runtime)
    # An 835 file of a large payer runs to megabytes: the import takes the upload limit.
    return create_service_app(runtime, title="clinicops billing", routers=ROUTERS, upload_paths=("/remittances",))
