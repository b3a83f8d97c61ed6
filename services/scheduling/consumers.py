"""Scheduling's event handlers: staff and facilities events kept as local projections, and their reactions.

The projection use cases already take `(uow, event, envelope)`, so they are the handlers; the
reactions re-check booked appointments after them, in the same transaction.
"""

from services.scheduling.appointment_requests import service as appointment_requests
from services.scheduling.appointments import reactions
from services.scheduling.projections import service as projections
from shared.consumer import Handler
from shared.contracts import facilities, inbox, staff
from shared.runtime import ServiceRuntime

PROJECTION_HANDLERS: dict[str, Handler] = {
    payload.event_type: Handler(payload, func)
    for payload, func in [
        (staff.StaffMemberHired, projections.on_member_hired),
        (staff.StaffMemberUpdated, projections.on_member_updated),
        (staff.StaffMemberTerminated, projections.on_member_terminated),
        (staff.CredentialAdded, projections.on_credential_added),
        (staff.CredentialExpired, projections.on_credential_expired),
        (staff.CredentialSuspended, projections.on_credential_suspended),
        (staff.ShiftScheduled, projections.on_shift_scheduled),
        (staff.ShiftCancelled, projections.on_shift_cancelled),
        (staff.TimeOffApproved, projections.on_time_off_approved),
        (facilities.LocationOpened, projections.on_location_opened),
        (facilities.LocationUpdated, projections.on_location_updated),
        (facilities.RoomCreated, projections.on_room_created),
        (facilities.RoomOutOfService, projections.on_room_out_of_service),
        (facilities.RoomBackInService, projections.on_room_back_in_service),
    ]
}


def _then_recheck_provider(project):
    async def handle(*, uow, event, envelope) -> None:
        await project(uow=uow, event=event, envelope=envelope)
        await reactions.recheck_provider(uow=uow, staff_id=event.staff_id)

    return handle


async def _room_out_then_flag(*, uow, event: facilities.RoomOutOfService, envelope) -> None:
    await projections.on_room_out_of_service(uow=uow, event=event, envelope=envelope)
    await reactions.recheck_room(
        uow=uow, room_id=event.room_id, reason=event.reason, since=event.since, until=event.expected_return
    )


# What can make booked appointments impossible: re-check them in the same transaction.
REACTIONS = {
    payload.event_type: Handler(payload, _then_recheck_provider(PROJECTION_HANDLERS[payload.event_type].func))
    for payload in (
        staff.StaffMemberTerminated,
        staff.CredentialExpired,
        staff.CredentialSuspended,
        staff.ShiftCancelled,
        staff.TimeOffApproved,
    )
} | {facilities.RoomOutOfService.event_type: Handler(facilities.RoomOutOfService, _room_out_then_flag)}

# Requests from other services' intake: kept as proposed appointments for the desk to book.
REQUESTS = {
    inbox.AppointmentRequested.event_type: Handler(
        inbox.AppointmentRequested, appointment_requests.on_appointment_requested
    )
}


def register(runtime: ServiceRuntime) -> None:
    # One consumer group for all of them: a member's events and their credentials' events
    # are on different topics anyway, so the projections tolerate any arrival order.
    runtime.consume(PROJECTION_HANDLERS | REACTIONS | REQUESTS)
