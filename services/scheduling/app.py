from fastapi import FastAPI

from services.scheduling import consumers, tables
from services.scheduling.appointment_requests import api as appointment_requests_api
from services.scheduling.appointments import api as appointments_api
from services.scheduling.appointments import held_time
from services.scheduling.availability import api as availability_api
from services.scheduling.day_sheets import api as day_sheets_api
from services.scheduling.merges import api as merges_api
from services.scheduling.patients import api as patients_api
from services.scheduling.series import api as series_api
from services.scheduling.settings import Settings
from services.scheduling.waitlist import api as waitlist_api
from services.scheduling.waitlist import models as waitlist_models
from services.scheduling.waitlist import offering
from services.scheduling.waitlist import service as waitlist
from shared.contracts.audit import audit_event_type
from shared.contracts.scheduling import (
    AppointmentBooked,
    AppointmentRequestProposed,
    PatientRegistered,
    WaitlistOfferMade,
)
from shared.runtime import ServiceRuntime
from shared.web import create_service_app

PRODUCES = [
    PatientRegistered.topic(),
    AppointmentBooked.topic(),
    audit_event_type("scheduling").rsplit(".", 1)[0],
    WaitlistOfferMade.topic(),
    AppointmentRequestProposed.topic(),
]
ROUTERS = [
    patients_api.router,
    merges_api.router,
    appointments_api.router,
    series_api.router,
    availability_api.router,
    day_sheets_api.router,
    waitlist_api.router,
    appointment_requests_api.router,
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The scheduling service: HTTP API, outbox relay, projections of staff and facilities events."""
    runtime = ServiceRuntime(settings or Settings(), tables.metadata, produces=PRODUCES)
    consumers.register(runtime)
    # The waitlist holds time and takes what appointments free; it books through them, so it is plugged in here.
    held_time.plug_in(
        held_time.Holder(live_holds=waitlist_models.live_holds, offer_freed_slot=offering.offer_freed_slot)
    )
    runtime.every(30, lambda: waitlist.expire_holds(uow=runtime.uow()), name="waitlist.expire_holds")
    return create_service_app(runtime, title="clinicops scheduling", routers=ROUTERS)
