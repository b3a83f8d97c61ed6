"""Scheduling's projections of staff and facilities events: the handlers that keep the local copies.

Each `on_*` use case runs inside the consumer's transaction, beside the processed-event row,
and is an upsert: a redelivered, early or late event leaves the same rows behind.
"""

from services.scheduling.projections.models import (
    Credential,
    CredentialStatus,
    Location,
    Provider,
    Room,
    Shift,
    TimeOff,
)
from shared.contracts import facilities as fac
from shared.contracts import staff
from shared.envelope import Envelope
from shared.projection import get_or_add, newer_snapshot
from shared.uow import UnitOfWork


async def on_member_hired(*, uow: UnitOfWork, event: staff.StaffMemberHired, envelope: Envelope) -> None:
    """Record a member, or replace them with this snapshot (also handles `.updated`)."""
    provider = await newer_snapshot(uow, Provider, event.staff_id, envelope)
    if provider is None:
        return
    provider.name = f"{event.given_name} {event.family_name}"
    provider.role, provider.npi = event.role, event.npi
    provider.home_location_id, provider.location_ids = event.home_location_id, list(event.location_ids)
    provider.active = provider.terminated_on is None  # a termination seen first still stands


on_member_updated = on_member_hired


async def on_member_terminated(*, uow: UnitOfWork, event: staff.StaffMemberTerminated, envelope: Envelope) -> None:
    """Mark the member terminated; they cannot be booked from that day on."""
    provider = await get_or_add(uow.session, Provider, event.staff_id, location_ids=[])
    provider.terminated_on, provider.active = event.terminated_on, False


async def on_credential_added(*, uow: UnitOfWork, event: staff.CredentialAdded, envelope: Envelope) -> None:
    """Record a credential; an expiry or suspension that arrived before it still stands."""
    credential = await get_or_add(uow.session, Credential, event.credential_id, status=CredentialStatus.ACTIVE)
    credential.staff_id, credential.kind, credential.state = event.staff_id, event.kind, event.state
    credential.expires_on = event.expires_on


async def _set_status(uow: UnitOfWork, event, status: CredentialStatus) -> Credential:
    credential = await get_or_add(uow.session, Credential, event.credential_id)
    credential.staff_id, credential.kind, credential.state = event.staff_id, event.kind, event.state
    credential.status = status
    return credential


async def on_credential_expired(*, uow: UnitOfWork, event: staff.CredentialExpired, envelope: Envelope) -> None:
    """Mark the credential expired."""
    credential = await _set_status(uow, event, CredentialStatus.EXPIRED)
    credential.expires_on = credential.expires_on or event.expired_on


async def on_credential_suspended(*, uow: UnitOfWork, event: staff.CredentialSuspended, envelope: Envelope) -> None:
    """Mark the credential suspended."""
    await _set_status(uow, event, CredentialStatus.SUSPENDED)


async def on_shift_scheduled(*, uow: UnitOfWork, event: staff.ShiftScheduled, envelope: Envelope) -> None:
    """Record a shift; a cancellation that arrived before it still stands."""
    shift = await get_or_add(uow.session, Shift, event.shift_id, cancelled=False)
    shift.staff_id, shift.location_id = event.staff_id, event.location_id
    shift.start, shift.end = event.start, event.end


async def on_shift_cancelled(*, uow: UnitOfWork, event: staff.ShiftCancelled, envelope: Envelope) -> None:
    """Mark the shift cancelled."""
    shift = await get_or_add(uow.session, Shift, event.shift_id)
    shift.staff_id, shift.location_id, shift.cancelled = event.staff_id, event.location_id, True


async def on_time_off_approved(*, uow: UnitOfWork, event: staff.TimeOffApproved, envelope: Envelope) -> None:
    """Record approved time off."""
    time_off = await get_or_add(uow.session, TimeOff, event.time_off_id)
    time_off.staff_id, time_off.start, time_off.end = event.staff_id, event.start, event.end


async def on_location_opened(*, uow: UnitOfWork, event: fac.LocationOpened, envelope: Envelope) -> None:
    """Record a location, or replace it with this snapshot (also handles `.updated`)."""
    location = await newer_snapshot(uow, Location, event.location_id, envelope)
    if location is None:
        return
    location.name, location.state, location.timezone = event.name, event.state, event.timezone
    location.opening_hours = [hours.model_dump(mode="json") for hours in event.opening_hours]
    location.closed_on = [day.isoformat() for day in event.closed_on]
    location.cancellation_notice_hours = event.cancellation_notice_hours


on_location_updated = on_location_opened


async def on_room_created(*, uow: UnitOfWork, event: fac.RoomCreated, envelope: Envelope) -> None:
    """Record a room; an out-of-service notice that arrived before it still stands."""
    room = await get_or_add(uow.session, Room, event.room_id, in_service=True)
    room.location_id, room.name, room.kind = event.location_id, event.name, event.kind


async def _room_in_service(uow: UnitOfWork, event, *, in_service: bool, reason=None, expected_return=None) -> None:
    room = await get_or_add(uow.session, Room, event.room_id, location_id=event.location_id)
    if room.service_since and event.since < room.service_since:
        return  # a stale change delivered after a newer one
    room.in_service, room.out_of_service_reason, room.expected_return = in_service, reason, expected_return
    room.service_since = event.since


async def on_room_out_of_service(*, uow: UnitOfWork, event: fac.RoomOutOfService, envelope: Envelope) -> None:
    """Take the room out of service."""
    await _room_in_service(uow, event, in_service=False, reason=event.reason, expected_return=event.expected_return)


async def on_room_back_in_service(*, uow: UnitOfWork, event: fac.RoomBackInService, envelope: Envelope) -> None:
    """Put the room back in service."""
    await _room_in_service(uow, event, in_service=True)
