"""The appointment's FHIR life cycle: each transition is one transaction with its event."""

from datetime import date, timedelta

from services.scheduling.appointments import held_time  # freed time goes to the next waiting patient
from services.scheduling.appointments.domain import AppointmentStatus, transition
from services.scheduling.appointments.models import Appointment
from services.scheduling.appointments.schemas import CancellationIn, CompletionIn
from services.scheduling.appointments.service import load_appointment
from services.scheduling.projections.models import Location
from shared.audit import UowFactory, audit_denials, record_phi_access
from shared.auth import Principal
from shared.clock import local_date, utcnow
from shared.contracts.scheduling import (
    AppointmentCancelled,
    AppointmentCheckedIn,
    AppointmentCompleted,
    AppointmentNoShow,
)
from shared.errors import Conflict
from shared.uow import UnitOfWork

DEFAULT_NOTICE = timedelta(hours=24)  # until facilities has told us the location's own window


async def check_in(*, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal) -> Appointment:
    """The patient has arrived: booked -> arrived."""
    async with audit_denials(new_uow), uow:
        appointment = await _move(uow, appointment_id, actor, AppointmentStatus.ARRIVED)
        await uow.emit(
            AppointmentCheckedIn(
                appointment_id=appointment.id,
                patient_id=appointment.patient_id,
                location_id=appointment.location_id,
                arrived_at=appointment.updated_at,
            ),
            subject=appointment.id,
            location_id=appointment.location_id,
        )
    return appointment


async def complete(
    *, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, cmd: CompletionIn, actor: Principal
) -> Appointment:
    """Close the visit with its CPT lines and ICD-10 codes: arrived -> fulfilled; billing charges it."""
    async with audit_denials(new_uow), uow:
        appointment = await _move(uow, appointment_id, actor, AppointmentStatus.FULFILLED)
        appointment.completed_at = appointment.updated_at
        appointment.diagnosis_codes = list(cmd.diagnosis_codes)
        appointment.service_lines = [line.model_dump(mode="json") for line in cmd.service_lines]
        await uow.emit(
            AppointmentCompleted(
                appointment_id=appointment.id,
                patient_id=appointment.patient_id,
                provider_id=appointment.provider_id,
                location_id=appointment.location_id,
                date_of_service=await _local_date(uow, appointment),
                completed_at=appointment.completed_at,
                diagnosis_codes=cmd.diagnosis_codes,
                service_lines=cmd.service_lines,
            ),
            subject=appointment.id,
            location_id=appointment.location_id,
        )
    return appointment


async def cancel(
    *, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, cmd: CancellationIn, actor: Principal
) -> Appointment:
    """booked -> cancelled; late when inside the location's notice window."""
    async with audit_denials(new_uow), uow:
        appointment = await _move(uow, appointment_id, actor, AppointmentStatus.CANCELLED)
        late = appointment.start - appointment.updated_at < await _notice(uow, appointment.location_id)
        appointment.cancelled_by, appointment.cancel_reason, appointment.late_cancel = cmd.by, cmd.reason, late
        await uow.emit(
            AppointmentCancelled(
                appointment_id=appointment.id,
                patient_id=appointment.patient_id,
                provider_id=appointment.provider_id,
                location_id=appointment.location_id,
                start=appointment.start,
                cancelled_by=cmd.by,
                reason=cmd.reason,
                late=late,
            ),
            subject=appointment.id,
            location_id=appointment.location_id,
        )
        await _offer_its_time(uow, appointment)
    return appointment


async def no_show(*, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal) -> Appointment:
    """booked -> noshow, once the appointment has started without the patient."""
    async with audit_denials(new_uow), uow:
        appointment = await _move(uow, appointment_id, actor, AppointmentStatus.NOSHOW)
        if appointment.start > appointment.updated_at:
            raise Conflict("an appointment that has not started yet cannot be a no-show", field="start")
        await uow.emit(
            AppointmentNoShow(
                appointment_id=appointment.id,
                patient_id=appointment.patient_id,
                provider_id=appointment.provider_id,
                location_id=appointment.location_id,
                start=appointment.start,
            ),
            subject=appointment.id,
            location_id=appointment.location_id,
        )
        await _offer_its_time(uow, appointment)
    return appointment


async def _move(uow: UnitOfWork, appointment_id: str, actor: Principal, target: AppointmentStatus) -> Appointment:
    # Locked so that two concurrent transitions cannot both pass the check.
    appointment = await load_appointment(uow, appointment_id, actor, action="update", lock=True)
    appointment.status = transition(AppointmentStatus(appointment.status), target)
    appointment.updated_at = utcnow()
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


async def _notice(uow: UnitOfWork, location_id: str) -> timedelta:
    location = await uow.session.get(Location, location_id)
    return timedelta(hours=location.cancellation_notice_hours) if location else DEFAULT_NOTICE


async def _local_date(uow: UnitOfWork, appointment: Appointment) -> date:
    """The date of service is the calendar date where the visit happened, not in UTC."""
    location = await uow.session.get(Location, appointment.location_id)
    return local_date(appointment.start, location.timezone if location else "UTC")


async def enter_in_error(*, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal) -> Appointment:
    """The appointment should never have existed (booked or arrived -> entered-in-error); it frees its time."""
    async with audit_denials(new_uow), uow:
        appointment = await _move(uow, appointment_id, actor, AppointmentStatus.ENTERED_IN_ERROR)
        await _offer_its_time(uow, appointment)
    return appointment


async def _offer_its_time(uow: UnitOfWork, appointment: Appointment) -> None:
    """Freed time goes to the best-ranked waiting patient, in the transaction that freed it."""
    await held_time.offer_freed_slot(
        uow=uow,
        location_id=appointment.location_id,
        provider_id=appointment.provider_id,
        room_id=appointment.room_id,
        start=appointment.start,
        end=appointment.end,
    )
