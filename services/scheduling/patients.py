"""Patients: registration and reads, every one audited as PHI access."""

import uuid

from services.scheduling.models import Patient
from services.scheduling.schemas import PatientIn
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.contracts.scheduling import PatientRegistered
from shared.db import utcnow
from shared.errors import NotFound
from shared.uow import UnitOfWork


async def register_patient(*, uow: UnitOfWork, cmd: PatientIn, actor: Principal) -> Patient:
    """Register a patient at their preferred location."""
    actor.ensure_location(cmd.location_id)
    async with uow:
        patient = Patient(id=str(uuid.uuid4()), created_at=utcnow(), **cmd.model_dump())
        uow.session.add(patient)
        await uow.emit(PatientRegistered(patient_id=patient.id, **cmd.model_dump()),
                       subject=patient.id, location_id=patient.location_id)
        await _audit(uow, actor, "create", "Patient", patient.id, patient.id, patient.location_id)
    return patient


async def get_patient(*, uow: UnitOfWork, patient_id: str, actor: Principal) -> Patient:
    """Read one patient's demographics (audited)."""
    async with uow:
        patient = await _patient(uow, patient_id, actor)
        await _audit(uow, actor, "read", "Patient", patient.id, patient.id, patient.location_id)
    return patient


async def _patient(uow: UnitOfWork, patient_id: str, actor: Principal | None) -> Patient:
    patient = await uow.session.get(Patient, patient_id)
    if patient is None:
        raise NotFound(f"patient {patient_id} not found", field="patient_id")
    if actor is not None:
        actor.ensure_location(patient.location_id)
    return patient


async def _audit(uow, actor, action, resource, resource_id, patient_id, location_id) -> None:
    await record_phi_access(uow, actor=actor, action=action, resource=resource, resource_id=resource_id,
                            patient_id=patient_id, location_id=location_id)
