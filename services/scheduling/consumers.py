"""Scheduling's event handlers: staff and facilities events kept as local projections.

The projection use cases already take `(uow, event, envelope)`, so they are the handlers.
"""

from services.scheduling import projection_service as projections
from shared.consumer import Handler
from shared.contracts import facilities, staff
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


def register(runtime: ServiceRuntime) -> None:
    # One consumer group for all of them: a member's events and their credentials' events
    # are on different topics anyway, so the projections tolerate any arrival order.
    runtime.consume(PROJECTION_HANDLERS)
