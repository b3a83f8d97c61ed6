"""Reads of the front desk: an appointment's history, a patient's appointments."""

from sqlalchemy import select

from services.scheduling.appointments.models import Appointment, AppointmentChange
from services.scheduling.appointments.service import load_appointment
from services.scheduling.patients import service as patients
from shared.audit import UowFactory, audit_denials, record_phi_access
from shared.auth import ALL_LOCATIONS, Principal
from shared.uow import UnitOfWork


async def history(
    *, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal
) -> list[AppointmentChange]:
    """Every earlier time and place of an appointment, oldest first (audited read)."""
    async with audit_denials(new_uow), uow:
        appointment = await load_appointment(uow, appointment_id, actor, action="read", resource="AppointmentHistory")
        query = select(AppointmentChange).where(AppointmentChange.appointment_id == appointment_id)
        changes = list((await uow.session.scalars(query.order_by(AppointmentChange.changed_at))).all())
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="AppointmentHistory",
            resource_id=appointment.id,
            patient_id=appointment.patient_id,
            location_id=appointment.location_id,
        )
    return changes


async def patient_appointments(
    *, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, actor: Principal, break_glass: str | None = None
) -> list[Appointment]:
    """A patient's appointments, latest first: at the actor's locations, or everywhere once the glass is broken."""
    async with audit_denials(new_uow), uow:
        patient = await patients.load_patient(uow, patient_id, actor, "read", break_glass=break_glass)
        broke_glass = not actor.may_access(patient.location_id)
        query = select(Appointment).where(Appointment.patient_id == patient.id)
        if not broke_glass and ALL_LOCATIONS not in actor.locations:
            query = query.where(Appointment.location_id.in_(actor.locations))
        appointments = list((await uow.session.scalars(query.order_by(Appointment.start.desc()))).all())
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="PatientAppointments",
            resource_id=patient.id,
            patient_id=patient.id,
            location_id=patient.location_id,
            break_glass=broke_glass,
            reason=break_glass if broke_glass else None,
        )
    return appointments
