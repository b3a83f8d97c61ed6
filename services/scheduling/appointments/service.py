"""Appointment reads: each use case is one transaction."""

from services.scheduling.models import Appointment
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def get_appointment(*, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str,
                          actor: Principal) -> Appointment:
    """Read one appointment (audited: it names the patient)."""
    async with audit_denials(new_uow), uow:
        appointment = await _appointment(uow, appointment_id, actor)
        await record_phi_access(uow, actor=actor, action="read", resource="Appointment",
                                resource_id=appointment.id, patient_id=appointment.patient_id,
                                location_id=appointment.location_id)
    return appointment


async def _appointment(uow: UnitOfWork, appointment_id: str, actor: Principal) -> Appointment:
    appointment = await uow.session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(f"appointment {appointment_id} not found", field="appointment_id")
    ensure_phi_access(actor, action="read", resource="Appointment", resource_id=appointment.id,
                      patient_id=appointment.patient_id, location_id=appointment.location_id)
    return appointment
