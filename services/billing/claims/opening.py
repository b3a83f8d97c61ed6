"""Claims opened per encounter from its charges and the coverage active on its date of service."""

import uuid
from datetime import date

from sqlalchemy import bindparam, or_, select
from sqlalchemy.exc import IntegrityError

from services.billing.charges.models import Charge
from services.billing.claims import control_numbers
from services.billing.claims.domain import ClaimStatus, claim_diagnoses
from services.billing.claims.models import Claim, ClaimLine, Coverage
from services.billing.claims.scrubbing import scrub
from services.billing.claims.service import SYSTEM, audit, record_change
from shared.audit import UowFactory, audit_denials, ensure_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import Conflict, NotFound
from shared.uow import UnitOfWork


async def open_claims_for_encounter(*, uow: UnitOfWork, appointment_id: str) -> list[Claim]:
    """A draft claim to the primary payer active on the date of service, scrubbed; none without coverage."""
    charges = list(
        (
            await uow.session.scalars(
                select(Charge)
                .where(Charge.appointment_id == appointment_id, Charge.kind == "visit")
                .order_by(Charge.line_number)
            )
        ).all()
    )
    return await open_claims_for_charges(uow=uow, charges=charges)


async def open_claims_for_charges(*, uow: UnitOfWork, charges: list[Charge]) -> list[Claim]:
    """As open_claims_for_encounter, from the encounter's visit charges in hand (in line order)."""
    if not charges:
        return []
    appointment_id, first = charges[0].appointment_id, charges[0]
    coverages = await active_coverages(uow, first.patient_id, first.date_of_service)
    if not coverages or await uow.session.scalar(
        select(Claim.id).where(Claim.appointment_id == appointment_id, Claim.payer_id == coverages[0].payer_id)
    ):
        return []
    number = await control_numbers.next_claim_number(uow, first.location_id)
    claim, lines = _new_claim(charges, coverages[0], number)
    uow.session.add(claim)
    await uow.session.flush()  # the claim row before its lines: they reference it
    uow.session.add_all(lines)
    await record_change(uow, claim, None, ClaimStatus.DRAFT, SYSTEM, "opened from the visit's charges")
    await scrub(uow, claim)
    return [claim]


# Built once with parameters: every completed visit asks it.
_ACTIVE_COVERAGES = (
    select(Coverage)
    .where(
        Coverage.patient_id == bindparam("patient_id"),
        Coverage.effective_from <= bindparam("on"),
        or_(Coverage.effective_to.is_(None), Coverage.effective_to >= bindparam("on")),
    )
    .order_by(Coverage.priority, Coverage.effective_from.desc())
)


async def active_coverages(uow: UnitOfWork, patient_id: str, on: date) -> list[Coverage]:
    """The coverages in effect on a date of service, primary first."""
    return list((await uow.session.scalars(_ACTIVE_COVERAGES, {"patient_id": patient_id, "on": on})).all())


def _new_claim(charges: list[Charge], coverage: Coverage, number: str) -> tuple[Claim, list[ClaimLine]]:
    first, now = charges[0], utcnow()
    codes, pointers = claim_diagnoses([c.diagnosis_codes for c in charges])
    claim = Claim(
        id=str(uuid.uuid4()),
        control_number=number,
        appointment_id=first.appointment_id,
        patient_id=first.patient_id,
        location_id=first.location_id,
        provider_id=first.provider_id,
        payer_id=coverage.payer_id,
        coverage_id=coverage.id,
        priority=coverage.priority,
        date_of_service=first.date_of_service,
        diagnosis_codes=codes,
        status=ClaimStatus.DRAFT,
        total_charge=sum(c.amount for c in charges),
        scrub_failures=[],
        created_at=now,
        updated_at=now,
    )
    lines = [
        ClaimLine(
            id=str(uuid.uuid4()),
            claim_id=claim.id,
            charge_id=c.id,
            line_number=line_number,
            control_number=control_numbers.line_number(number, line_number),
            cpt=c.cpt,
            modifiers=c.modifiers,
            units=c.units,
            diagnosis_pointers=line_pointers,
            charge_amount=c.amount,
        )
        for line_number, (c, line_pointers) in enumerate(zip(charges, pointers, strict=True), start=1)
    ]
    return claim, lines


async def create_claims(*, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal) -> list[Claim]:
    """Open the encounter's claim now (e.g. after coverage was added late); 409 when it exists."""
    try:
        async with audit_denials(new_uow), uow:
            charged = (
                await uow.session.execute(
                    select(Charge.location_id, Charge.patient_id)
                    .where(Charge.appointment_id == appointment_id)
                    .limit(1)
                )
            ).first()
            if charged is None:
                raise NotFound(f"appointment {appointment_id} has no charges", field="appointment_id")
            ensure_phi_access(
                actor,
                action="create",
                resource="Claim",
                resource_id=None,
                patient_id=charged.patient_id,
                location_id=charged.location_id,
            )
            opened = await open_claims_for_encounter(uow=uow, appointment_id=appointment_id)
            if not opened:
                raise Conflict(
                    "the encounter already has its claim, or no coverage is active on its date", field="appointment_id"
                )
            for claim in opened:
                await audit(uow, actor, "create", claim)
    except IntegrityError as exc:  # a concurrent request opened it first
        raise Conflict("the encounter already has its claim", field="appointment_id") from exc
    return opened


async def open_claims_for_patient(uow: UnitOfWork, coverage: Coverage) -> None:
    """Encounters of a newly covered patient that have no claim to this payer yet get one now."""
    unbilled = select(Charge.appointment_id).where(
        Charge.patient_id == coverage.patient_id,
        Charge.kind == "visit",
        Charge.date_of_service >= coverage.effective_from,
        ~select(Claim.id).where(Claim.appointment_id == Charge.appointment_id).exists(),
    )
    if coverage.effective_to is not None:
        unbilled = unbilled.where(Charge.date_of_service <= coverage.effective_to)
    for appointment_id in sorted(set((await uow.session.scalars(unbilled)).all())):
        await open_claims_for_encounter(uow=uow, appointment_id=appointment_id)
