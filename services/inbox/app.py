from fastapi import FastAPI

from services.inbox import consumers
from services.inbox.due_rules import api as due_rules_api
from services.inbox.escalation import service as escalation
from services.inbox.intake import wiring as intake
from services.inbox.invoices import api as invoices_api
from services.inbox.messages import api as messages_api
from services.inbox.replies import api as replies_api
from services.inbox.replies.service import Relay
from services.inbox.rules import api as rules_api
from services.inbox.settings import Settings
from services.inbox.tables import metadata
from services.inbox.tasks import api as tasks_api
from services.inbox.triage import api as triage_api
from shared.contracts.audit import audit_event_type
from shared.contracts.inbox import AppointmentRequested, SupplierInvoiceApproved, TaskCreated
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [
    TaskCreated.topic(),
    SupplierInvoiceApproved.topic(),
    AppointmentRequested.topic(),
    audit_event_type("inbox").rsplit(".", 1)[0],
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The inbox service: tasks for roles at locations, raised by people and by other services' events."""
    settings = settings or Settings()
    runtime = ServiceRuntime(settings, metadata, produces=PRODUCES)
    consumers.register(runtime)
    runtime.every(
        settings.escalation_check_interval_s,
        lambda: escalation.escalate_overdue(uow_factory=runtime.uow),
        name="inbox.escalate_overdue",
    )
    intake.plug_in(runtime)
    app = create_service_app(
        runtime,
        title="clinicops inbox",
        routers=[
            tasks_api.router,
            due_rules_api.router,
            rules_api.router,
            messages_api.router,
            replies_api.router,
            triage_api.router,
            invoices_api.router,
        ],
    )
    app.state.relay = Relay(
        host=settings.relay_host,
        port=settings.relay_port,
        username=settings.relay_username,
        password=settings.relay_password,
        starttls=settings.relay_starttls,
        timeout_s=settings.relay_timeout_s,
        from_address=settings.reply_from,
    )
    return app
