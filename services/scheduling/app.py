from fastapi import FastAPI

from services.scheduling import api, consumers, models, patients_api, waitlist, waitlist_api
from shared.contracts.audit import audit_event_type
from shared.contracts.scheduling import AppointmentBooked, PatientRegistered, WaitlistOfferMade
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

from services.scheduling.settings import Settings

PRODUCES = [PatientRegistered.topic(), AppointmentBooked.topic(), audit_event_type("scheduling").rsplit(".", 1)[0],
            WaitlistOfferMade.topic()]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The scheduling service: HTTP API, outbox relay, projections of staff and facilities events."""
    runtime = ServiceRuntime(settings or Settings(), models.metadata, produces=PRODUCES)
    consumers.register(runtime)
    runtime.every(30, lambda: waitlist.expire_holds(uow=runtime.uow()), name="waitlist.expire_holds")
    return create_service_app(runtime, title="clinicops scheduling",
                              routers=[patients_api.router, api.router, waitlist_api.router])
