"""Patients: registration, reads, search and updates, every one audited as PHI access.

A patient's appointments and the merge of two records move appointments: they live in
appointments/views.py and merges/, above both features.
"""

import uuid

from sqlalchemy import and_, func, or_, select

from services.scheduling.patients.models import Patient
from services.scheduling.patients.schemas import PatientIn, PatientPatch, PatientQuery
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import ALL_LOCATIONS, Principal
from shared.clock import utcnow
from shared.contracts.scheduling import PatientRegistered, PatientUpdated
from shared.errors import NotFound, Unprocessable
from shared.uow import UnitOfWork

DEMOGRAPHICS = ("family_name", "given_name", "birth_date", "sex", "location_id", "address", "phone", "email")


async def register_patient(*, uow: UnitOfWork, new_uow: UowFactory, cmd: PatientIn, actor: Principal) -> Patient:
    """Register a patient at their preferred location."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="create", resource="Patient", resource_id=None, patient_id=None, location_id=cmd.location_id
        )
        patient = Patient(id=str(uuid.uuid4()), created_at=utcnow(), **cmd.model_dump())
        uow.session.add(patient)
        await uow.emit(
            PatientRegistered(patient_id=patient.id, **cmd.model_dump()),
            subject=patient.id,
            location_id=patient.location_id,
        )
        await _audit(uow, actor, "create", "Patient", patient.id, patient.id, patient.location_id)
    return patient


async def get_patient(
    *, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, actor: Principal, break_glass: str | None = None
) -> Patient:
    """Read one patient's demographics (audited); a break-glass reason opens one outside the actor's locations."""
    async with audit_denials(new_uow), uow:
        patient = await load_patient(uow, patient_id, actor, "read", break_glass=break_glass)
        broke_glass = not actor.may_access(patient.location_id)
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Patient",
            resource_id=patient.id,
            patient_id=patient.id,
            location_id=patient.location_id,
            break_glass=broke_glass,
            reason=break_glass if broke_glass else None,
        )
    return patient


async def update_patient(
    *, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, cmd: PatientPatch, actor: Principal
) -> Patient:
    """Change some demographics; publishes the whole new state when anything changed."""
    async with audit_denials(new_uow), uow:
        patient = await load_patient(uow, patient_id, actor, "update")
        changes = {k: v for k, v in cmd.changes().items() if getattr(patient, k) != v}
        for field, value in changes.items():
            setattr(patient, field, value)
        if changes:
            await uow.emit(
                PatientUpdated(patient_id=patient.id, **{k: getattr(patient, k) for k in DEMOGRAPHICS}),
                subject=patient.id,
                location_id=patient.location_id,
            )
        await _audit(uow, actor, "update", "Patient", patient.id, patient.id, patient.location_id)
    return patient


async def search_patients(*, uow: UnitOfWork, query: PatientQuery, actor: Principal) -> tuple[list[Patient], bool]:
    """Patients of the actor's locations matching every criterion given; returns (page, more)."""
    words = (query.name or "").split()
    if not words and query.birth_date is None and query.phone is None:
        raise Unprocessable("give name, birth_date or phone", field="name")
    criteria = [Patient.merged_into.is_(None)]
    if ALL_LOCATIONS not in actor.locations:
        criteria.append(Patient.location_id.in_(actor.locations))
    for word in words:
        # Every word is a prefix of the family or the given name: "ana riv" finds Ana Rivera.
        prefix = word.lower().replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
        criteria.append(
            or_(
                func.lower(Patient.family_name).like(prefix, escape="/"),
                func.lower(Patient.given_name).like(prefix, escape="/"),
            )
        )
    if query.birth_date is not None:
        criteria.append(Patient.birth_date == query.birth_date)
    if query.phone is not None:
        # Ends with the digits asked for, so "555 010 2000" finds "+1 (555) 010-2000".
        criteria.append(_digits(Patient.phone).like("%" + "".join(filter(str.isdigit, query.phone))))
    statement = (
        select(Patient)
        .where(and_(*criteria))
        .order_by(Patient.family_name, Patient.given_name, Patient.birth_date, Patient.id)
        .offset(query.offset)
        .limit(query.limit + 1)
    )
    async with uow:
        found = list((await uow.session.scalars(statement)).all())
        page = found[: query.limit]
        for patient in page:  # one PHI-access event per patient shown, none for those not shown
            await _audit(uow, actor, "read", "Patient", patient.id, patient.id, patient.location_id)
    return page, len(found) > query.limit


def _digits(column):
    # The registration pattern allows only these separators besides digits.
    for separator in ("+", " ", "(", ")", "-"):
        column = func.replace(column, separator, "")
    return column


async def load_patient(
    uow: UnitOfWork,
    patient_id: str,
    actor: Principal,
    action: str,
    *,
    field: str = "patient_id",
    break_glass: str | None = None,
) -> Patient:
    """The patient if `actor` may `action` them (a PHI access check): 404 when unknown or merged away."""
    patient = await uow.session.get(Patient, patient_id)
    if patient is None:
        raise NotFound(f"patient {patient_id} not found", field=field)
    ensure_phi_access(
        actor,
        action=action,
        resource="Patient",
        resource_id=patient.id,
        patient_id=patient.id,
        location_id=patient.location_id,
        break_glass=break_glass,
    )
    if patient.merged_into is not None:
        # 404, yet the body names the survivor so a client can follow it (after the scope check).
        raise NotFound(
            f"patient {patient_id} was merged into {patient.merged_into}", field=field, merged_into=patient.merged_into
        )
    return patient


async def _audit(uow, actor, action, resource, resource_id, patient_id, location_id) -> None:
    await record_phi_access(
        uow,
        actor=actor,
        action=action,
        resource=resource,
        resource_id=resource_id,
        patient_id=patient_id,
        location_id=location_id,
    )
