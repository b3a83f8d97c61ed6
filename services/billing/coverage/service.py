"""Patients' insurance coverage: who pays first, with which member id, from when to when.

Coverage rows are declared with the claims (claims/models.py): claims read them, and adding one
opens the claims it makes billable.
"""

import uuid
from datetime import date

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import aliased

from services.billing.claims import coordination, opening
from services.billing.claims.models import Coverage
from services.billing.coverage.schemas import CoverageIn
from services.billing.projections import service as projections
from services.billing.reference import service as reference
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork

OVERLAP_RULE = "no_coverage_overlap"  # the exclusion constraint (PostgreSQL) and triggers (SQLite)


async def add_coverage(
    *, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, cmd: CoverageIn, actor: Principal
) -> Coverage:
    """Record a patient's coverage with a payer (audited: insurance data is PHI); one per priority at a time."""
    async with audit_denials(new_uow), uow:
        patient = await projections.patient_of(uow, patient_id, actor, lock=True, action="create")
        await reference.get_payer(uow, cmd.payer_id)
        coverage = Coverage(
            id=str(uuid.uuid4()),
            patient_id=patient.patient_id,
            location_id=patient.location_id,
            created_at=utcnow(),
            **cmd.model_dump(mode="python", exclude={"subscriber"}),
            subscriber=cmd.subscriber.model_dump(mode="json") if cmd.subscriber else None,
        )
        await _refuse_overlap(uow, coverage)
        await _write_refusing_overlap(uow, coverage)
        await record_phi_access(
            uow,
            actor=actor,
            action="create",
            resource="Coverage",
            resource_id=coverage.id,
            patient_id=patient.patient_id,
            location_id=patient.location_id,
        )
        await opening.open_claims_for_patient(uow, coverage)
        await coordination.open_for_new_secondary(uow, coverage)
    return coverage


async def end_coverage(
    *, uow: UnitOfWork, new_uow: UowFactory, coverage_id: str, effective_to: date, actor: Principal
) -> Coverage:
    """Set (or move) the last day a coverage is in effect, e.g. when the patient changes insurer."""
    async with audit_denials(new_uow), uow:
        coverage = await uow.session.get(Coverage, coverage_id)
        if coverage is None:
            raise NotFound(f"coverage {coverage_id} not found", field="coverage_id")
        ensure_phi_access(
            actor,
            action="update",
            resource="Coverage",
            resource_id=coverage.id,
            patient_id=coverage.patient_id,
            location_id=coverage.location_id,
        )
        await projections.patient_of(uow, coverage.patient_id, actor, lock=True, action="update")
        if effective_to < coverage.effective_from:
            raise Unprocessable("effective_to is before effective_from", field="effective_to")
        coverage.effective_to = effective_to
        await _refuse_overlap(uow, coverage)
        await _write_refusing_overlap(uow, coverage)
        await record_phi_access(
            uow,
            actor=actor,
            action="update",
            resource="Coverage",
            resource_id=coverage.id,
            patient_id=coverage.patient_id,
            location_id=coverage.location_id,
        )
    return coverage


async def _refuse_overlap(uow: UnitOfWork, coverage: Coverage) -> None:
    """The 409 naming the coverage in the way; the database rule stands behind it (see _write_refusing_overlap)."""
    ends = coverage.effective_to or date.max
    clash = await uow.session.scalar(
        select(Coverage.id)
        .where(
            Coverage.patient_id == coverage.patient_id,
            Coverage.priority == coverage.priority,
            Coverage.id != coverage.id,
            Coverage.effective_from <= ends,
            or_(Coverage.effective_to.is_(None), Coverage.effective_to >= coverage.effective_from),
        )
        .limit(1)
    )
    if clash:
        raise Conflict(
            f"the patient has another {coverage.priority} coverage in effect on some of these days",
            field="effective_from",
            coverage_id=clash,
        )


async def _write_refusing_overlap(uow: UnitOfWork, coverage: Coverage) -> None:
    """Write the coverage; a concurrent overlapping one that committed first makes the database refuse it: 409."""
    await uow.add_unique(
        coverage,
        constraint=OVERLAP_RULE,
        field="effective_from",
        conflict=f"the patient has another {coverage.priority} coverage in effect on some of these days",
    )


async def coverages_of(*, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, actor: Principal) -> list[Coverage]:
    """A patient's coverages, primary first (audited, a refusal too)."""
    async with audit_denials(new_uow), uow:
        patient = await projections.patient_of(uow, patient_id, actor)
        found = list(
            (
                await uow.session.scalars(
                    select(Coverage)
                    .where(Coverage.patient_id == patient_id)
                    .order_by(Coverage.priority, Coverage.effective_from.desc())
                )
            ).all()
        )
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Coverage",
            resource_id=None,
            patient_id=patient.patient_id,
            location_id=patient.location_id,
        )
    return found


async def merge_patients(*, uow: UnitOfWork, duplicate_id: str, survivor_id: str) -> None:
    """Coverage of a merged-away patient record now belongs to its survivor (inside the consumer's transaction).

    A coverage overlapping one of the survivor's of the same priority stays with the merged-away
    record (one primary per day is a database rule): a biller settles which one holds.
    """
    survivors = aliased(Coverage)
    clashes = select(survivors.id).where(
        survivors.patient_id == survivor_id,
        survivors.priority == Coverage.priority,
        survivors.effective_from <= func.coalesce(Coverage.effective_to, date.max),
        Coverage.effective_from <= func.coalesce(survivors.effective_to, date.max),
    )
    await uow.session.execute(
        update(Coverage).where(Coverage.patient_id == duplicate_id, ~clashes.exists()).values(patient_id=survivor_id)
    )
