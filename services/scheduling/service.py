"""Appointment reads: each use case is one transaction."""

from services.scheduling.models import Appointment
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def get_appointment(*, uow: UnitOfWork, appointment_id: str, actor: Principal) -> Appointment:
    """Read one appointment (audited: it names the patient)."""
    async with uow:
        appointment = await _appointment(uow, appointment_id, actor)
        await record_phi_access(uow, actor=actor, action="read", resource="Appointment",
                                resource_id=appointment.id, patient_id=appointment.patient_id,
                                location_id=appointment.location_id)
    return appointment


async def _appointment(uow: UnitOfWork, appointment_id: str, actor: Principal) -> Appointment:
    appointment = await uow.session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(f"appointment {appointment_id} not found", field="appointment_id")
    actor.ensure_location(appointment.location_id)
    return appointment
