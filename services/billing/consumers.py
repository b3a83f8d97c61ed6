"""Billing's event handlers: thin, each calls one use case inside the consumer's transaction."""

from services.billing import expenses, missed_visits, projections, service
from shared.consumer import Handler
from shared.contracts import facilities, scheduling, staff
from shared.envelope import Envelope
from shared.runtime import ServiceRuntime
from shared.uow import UnitOfWork


async def on_appointment_completed(*, uow: UnitOfWork, event: scheduling.AppointmentCompleted,
                                   envelope: Envelope) -> None:
    await service.charge_completed_visit(uow=uow, visit=event)


async def on_no_show(*, uow: UnitOfWork, event: scheduling.AppointmentNoShow, envelope: Envelope) -> None:
    await service.charge_no_show(uow=uow, event=event)
    await missed_visits.record_missed_visit(uow=uow, event=event)


async def on_cancelled(*, uow: UnitOfWork, event: scheduling.AppointmentCancelled, envelope: Envelope) -> None:
    await service.charge_late_cancellation(uow=uow, event=event)
    await missed_visits.record_missed_visit(uow=uow, event=event)


async def on_purchase_order_received(*, uow: UnitOfWork, event: facilities.PurchaseOrderReceived,
                                     envelope: Envelope) -> None:
    await expenses.book_purchase_order(uow=uow, event=event)


HANDLERS: dict[str, Handler] = {
    payload.event_type: Handler(payload, func)
    for payload, func in [
        (scheduling.AppointmentCompleted, on_appointment_completed),
        (scheduling.AppointmentNoShow, on_no_show),
        (scheduling.AppointmentCancelled, on_cancelled),
        (scheduling.PatientRegistered, projections.on_patient_registered),
        (scheduling.PatientUpdated, projections.on_patient_updated),
        (scheduling.PatientMerged, projections.on_patient_merged),
        (staff.StaffMemberHired, projections.on_member_hired),
        (staff.StaffMemberUpdated, projections.on_member_updated),
        (facilities.LocationOpened, projections.on_location_opened),
        (facilities.LocationUpdated, projections.on_location_updated),
        (facilities.PurchaseOrderReceived, on_purchase_order_received),
    ]
}


def register(runtime: ServiceRuntime) -> None:
    # One consumer group for the service: a missed visit's fee and its cost record commit together.
    runtime.consume(HANDLERS)
