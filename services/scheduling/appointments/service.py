"""Appointment reads, and the loader every use case on one appointment starts with."""

from services.scheduling.appointments.models import Appointment
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def get_appointment(
    *, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal
) -> Appointment:
    """Read one appointment (audited: it names the patient)."""
    async with audit_denials(new_uow), uow:
        appointment = await load_appointment(uow, appointment_id, actor, action="read")
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Appointment",
            resource_id=appointment.id,
            patient_id=appointment.patient_id,
            location_id=appointment.location_id,
        )
    return appointment


async def load_appointment(
    uow: UnitOfWork,
    appointment_id: str,
    actor: Principal,
    *,
    action: str,
    resource: str = "Appointment",
    lock: bool = False,
) -> Appointment:
    """The appointment if `actor` may `action` it (a PHI access check on `resource`), 404 when unknown.

    `lock` takes the row FOR UPDATE (PostgreSQL): two concurrent changes cannot both pass their checks.
    """
    appointment = await uow.session.get(Appointment, appointment_id, with_for_update=lock)
    if appointment is None:
        raise NotFound(f"appointment {appointment_id} not found", field="appointment_id")
    ensure_phi_access(
        actor,
        action=action,
        resource=resource,
        resource_id=appointment.id,
        patient_id=appointment.patient_id,
        location_id=appointment.location_id,
    )
    return appointment
