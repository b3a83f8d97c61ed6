"""Rescheduling: a booked appointment moves by the rules of any booking, and its old time goes to the waitlist."""

import uuid

from services.scheduling.appointments import booking, held_time
from services.scheduling.appointments.domain import AppointmentStatus
from services.scheduling.appointments.models import Appointment, AppointmentChange
from services.scheduling.appointments.schemas import AppointmentIn, RescheduleIn
from services.scheduling.appointments.service import load_appointment
from shared.audit import UowFactory, audit_denials, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.scheduling import AppointmentRescheduled
from shared.errors import Conflict
from shared.uow import UnitOfWork


async def reschedule(
    *, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, cmd: RescheduleIn, actor: Principal
) -> Appointment:
    """Move a booked appointment (time, provider, room); the old place stays in its history."""
    async with audit_denials(new_uow), uow:
        appointment = await load_appointment(uow, appointment_id, actor, action="update", lock=True)
        if appointment.status != AppointmentStatus.BOOKED:
            raise Conflict(
                f"only a booked appointment can be rescheduled, this one is {appointment.status}", field="status"
            )
        provider_id, room_id = cmd.provider_id or appointment.provider_id, cmd.room_id or appointment.room_id
        # Checked before the row changes: a query would otherwise autoflush the move first.
        await booking.ensure_bookable(
            uow,
            AppointmentIn.model_construct(
                patient_id=appointment.patient_id,
                provider_id=provider_id,
                location_id=appointment.location_id,
                room_id=room_id,
                start=cmd.start,
                end=cmd.end,
                appointment_type_id=appointment.appointment_type_id,
            ),
        )
        now = utcnow()
        uow.session.add(
            AppointmentChange(
                id=str(uuid.uuid4()),
                appointment_id=appointment.id,
                changed_at=now,
                changed_by=actor.sub,
                previous_start=appointment.start,
                previous_end=appointment.end,
                previous_provider_id=appointment.provider_id,
                previous_room_id=appointment.room_id,
            )
        )
        previous_provider, previous_room = appointment.provider_id, appointment.room_id  # for the waitlist
        previous_start, previous_end = appointment.start, appointment.end
        appointment.start, appointment.end, appointment.provider_id, appointment.room_id = (
            cmd.start,
            cmd.end,
            provider_id,
            room_id,
        )
        appointment.needs_reschedule, appointment.reschedule_reasons, appointment.updated_at = False, None, now
        await booking.flush_or_conflict(uow)
        await uow.emit(
            AppointmentRescheduled(
                appointment_id=appointment.id,
                patient_id=appointment.patient_id,
                provider_id=appointment.provider_id,
                location_id=appointment.location_id,
                room_id=appointment.room_id,
                previous_start=previous_start,
                previous_end=previous_end,
                start=appointment.start,
                end=appointment.end,
            ),
            subject=appointment.id,
            location_id=appointment.location_id,
        )
        await held_time.offer_freed_slot(
            uow=uow,
            location_id=appointment.location_id,
            provider_id=previous_provider,
            room_id=previous_room,
            start=previous_start,
            end=previous_end,
        )
        await record_phi_access(
            uow,
            actor=actor,
            action="update",
            resource="Appointment",
            resource_id=appointment.id,
            patient_id=appointment.patient_id,
            location_id=appointment.location_id,
        )
    return appointment
