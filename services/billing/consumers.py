"""Billing's event handlers: thin, each calls one use case inside the consumer's transaction."""

from services.billing import service
from shared.consumer import Handler
from shared.contracts.scheduling import AppointmentCompleted
from shared.envelope import Envelope
from shared.runtime import ServiceRuntime
from shared.uow import UnitOfWork


async def on_appointment_completed(*, uow: UnitOfWork, event: AppointmentCompleted, envelope: Envelope) -> None:
    await service.charge_completed_visit(uow=uow, visit=event)


def register(runtime: ServiceRuntime) -> None:
    runtime.consume({AppointmentCompleted.event_type: Handler(AppointmentCompleted, on_appointment_completed)})
