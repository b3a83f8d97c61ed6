"""Merging two records of one patient: the duplicate's appointments move to the survivor, in one transaction.

Above patients and appointments both, since it rewrites the tables of each.
"""

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from services.scheduling.appointments.models import Appointment
from services.scheduling.patients import service as patients
from services.scheduling.patients.models import Patient
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.scheduling import PatientMerged
from shared.errors import Conflict, Unprocessable
from shared.uow import UnitOfWork


async def merge_patients(
    *, uow: UnitOfWork, new_uow: UowFactory, survivor_id: str, duplicate_id: str, actor: Principal
) -> tuple[Patient, int]:
    """Fold a duplicate record into its survivor; returns (survivor, appointments moved)."""
    if survivor_id == duplicate_id:
        raise Unprocessable("a patient cannot be merged into itself", field="duplicate_id")
    async with audit_denials(new_uow), uow:
        # Both rows locked, in id order: merging A into B while B goes into A would make a cycle.
        for patient_id in sorted((survivor_id, duplicate_id)):
            await uow.session.get(Patient, patient_id, with_for_update=True)
        survivor = await patients.load_patient(uow, survivor_id, actor, "update")
        duplicate = await patients.load_patient(uow, duplicate_id, actor, "update", field="duplicate_id")
        moved = (
            await uow.session.execute(
                select(Appointment.id, Appointment.location_id).where(Appointment.patient_id == duplicate.id)
            )
        ).all()
        for appointment_id, location_id in moved:  # re-pointing writes each appointment: its location too
            ensure_phi_access(
                actor,
                action="update",
                resource="Appointment",
                resource_id=appointment_id,
                patient_id=duplicate.id,
                location_id=location_id,
            )
        try:
            await uow.session.execute(
                update(Appointment)
                .where(Appointment.patient_id == duplicate.id)
                .values(patient_id=survivor.id, updated_at=utcnow())
            )
        except IntegrityError as exc:
            if "no_patient_overlap" not in str(exc.orig):
                raise
            raise Conflict(
                "both patients hold appointments at the same time: cancel one first", field="duplicate_id"
            ) from exc
        duplicate.merged_into = survivor.id
        # Earlier merges into the duplicate now point at the survivor: one hop, never a chain.
        await uow.session.execute(
            update(Patient).where(Patient.merged_into == duplicate.id).values(merged_into=survivor.id)
        )
        await uow.emit(
            PatientMerged(survivor_id=survivor.id, duplicate_id=duplicate.id),
            subject=duplicate.id,
            location_id=duplicate.location_id,
        )
        for patient in (survivor, duplicate):
            await record_phi_access(
                uow,
                actor=actor,
                action="update",
                resource="Patient",
                resource_id=patient.id,
                patient_id=patient.id,
                location_id=patient.location_id,
            )
        for appointment_id, location_id in moved:
            await record_phi_access(
                uow,
                actor=actor,
                action="update",
                resource="Appointment",
                resource_id=appointment_id,
                patient_id=survivor.id,
                location_id=location_id,
            )
    return survivor, len(moved)
