"""When the world changes under booked appointments: flag the ones that can no longer happen.

Runs in the same transaction as the projection update that caused it (consumers.py chains them), so
a redelivered event neither flags twice nor misses an appointment.
"""

from datetime import datetime

from sqlalchemy import select

from services.scheduling.appointments.domain import AppointmentStatus
from services.scheduling.appointments.models import Appointment
from services.scheduling.projections.bookability import bookability
from shared.clock import utcnow
from shared.contracts.scheduling import AppointmentNeedsReschedule, AppointmentsDisplacedFromRoom
from shared.uow import UnitOfWork


async def recheck_provider(*, uow: UnitOfWork, staff_id: str) -> list[Appointment]:
    """Re-apply the bookability rule to the provider's future booked appointments."""
    flagged = []
    for appointment in await _future_booked(uow, Appointment.provider_id == staff_id):
        reasons = await bookability(
            session=uow.session,
            staff_id=staff_id,
            location_id=appointment.location_id,
            start=appointment.start,
            end=appointment.end,
        )
        if reasons:
            flagged.append(await _flag(uow, appointment, reasons))
    return flagged


async def recheck_room(
    *, uow: UnitOfWork, room_id: str, reason: str, since: datetime, until: datetime | None
) -> list[Appointment]:
    """Flag the room's future booked appointments inside its out-of-service period, and say how many there were."""
    overlapping = [Appointment.room_id == room_id, Appointment.end > since]
    if until is not None:
        overlapping.append(Appointment.start < until)
    flagged = [
        await _flag(uow, appointment, [f"room {room_id} out of service: {reason}"])
        for appointment in await _future_booked(uow, *overlapping)
    ]
    if flagged:  # a room out of service with nobody booked in it is facilities' business, not the office's
        location_id = flagged[0].location_id
        await uow.emit(
            AppointmentsDisplacedFromRoom(
                room_id=room_id,
                location_id=location_id,
                reason=reason,
                since=since,
                until=until,
                appointment_ids=[a.id for a in flagged],
                count=len(flagged),
            ),
            subject=room_id,
            location_id=location_id,
        )
    return flagged


async def _future_booked(uow: UnitOfWork, *criteria) -> list[Appointment]:
    query = (
        select(Appointment)
        .where(
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.start > utcnow(),
            Appointment.needs_reschedule.is_(False),
            *criteria,
        )
        .order_by(Appointment.start)
    )
    return list((await uow.session.scalars(query)).all())


async def _flag(uow: UnitOfWork, appointment: Appointment, reasons: list[str]) -> Appointment:
    appointment.needs_reschedule, appointment.reschedule_reasons = True, reasons
    appointment.updated_at = utcnow()
    await uow.emit(
        AppointmentNeedsReschedule(
            appointment_id=appointment.id,
            patient_id=appointment.patient_id,
            provider_id=appointment.provider_id,
            location_id=appointment.location_id,
            start=appointment.start,
            reasons=reasons,
        ),
        subject=appointment.id,
        location_id=appointment.location_id,
    )
    return appointment
