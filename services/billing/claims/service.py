"""Claims: opened per encounter from its charges and active coverage, scrubbed, moved through their states."""

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from services.billing import control_numbers, pricing, scrubber
from services.billing.claim_models import Claim, ClaimLine, ClaimStatusChange
from services.billing.domain import MANUAL, ZERO, ClaimStatus, claim_diagnoses, transition
from services.billing.locations import today_at
from services.billing.models import BillingPatient, BillingProfile, BillingProvider, Charge, Coverage, Payer
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.contracts.billing import ClaimAccepted, ClaimRejected
from shared.clock import utcnow
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork

SYSTEM = "billing"  # who moved a claim when no person did (scrub after a visit, an 835)


async def open_claims_for_encounter(*, uow: UnitOfWork, appointment_id: str) -> list[Claim]:
    """A draft claim to the primary payer active on the date of service, scrubbed; none without coverage."""
    charges = list((await uow.session.scalars(
        select(Charge).where(Charge.appointment_id == appointment_id, Charge.kind == "visit")
        .order_by(Charge.line_number))).all())
    if not charges:
        return []
    first = charges[0]
    coverages = await active_coverages(uow, first.patient_id, first.date_of_service)
    if not coverages or await uow.session.scalar(select(Claim.id).where(Claim.appointment_id == appointment_id,
                                                                           Claim.payer_id == coverages[0].payer_id)):
        return []
    number = await control_numbers.next_claim_number(uow, first.location_id)
    claim, lines = _new_claim(charges, coverages[0], number)
    uow.session.add(claim)
    await uow.session.flush()  # the claim row before its lines: they reference it
    uow.session.add_all(lines)
    await record_change(uow, claim, None, ClaimStatus.DRAFT, SYSTEM, "opened from the visit's charges")
    await scrub(uow, claim)
    return [claim]


async def active_coverages(uow: UnitOfWork, patient_id: str, on: date) -> list[Coverage]:
    """The coverages in effect on a date of service, primary first."""
    return list((await uow.session.scalars(
        select(Coverage).where(Coverage.patient_id == patient_id, Coverage.effective_from <= on,
                               or_(Coverage.effective_to.is_(None), Coverage.effective_to >= on))
        .order_by(Coverage.priority, Coverage.effective_from.desc()))).all())


def _new_claim(charges: list[Charge], coverage: Coverage, number: str) -> tuple[Claim, list[ClaimLine]]:
    first, now = charges[0], utcnow()
    codes, pointers = claim_diagnoses([c.diagnosis_codes for c in charges])
    claim = Claim(id=str(uuid.uuid4()), control_number=number, appointment_id=first.appointment_id, patient_id=first.patient_id,
                  location_id=first.location_id, provider_id=first.provider_id, payer_id=coverage.payer_id,
                  coverage_id=coverage.id, priority=coverage.priority, date_of_service=first.date_of_service,
                  diagnosis_codes=codes, status=ClaimStatus.DRAFT, total_charge=sum(c.amount for c in charges),
                  scrub_failures=[], created_at=now, updated_at=now)
    lines = [ClaimLine(id=str(uuid.uuid4()), claim_id=claim.id, charge_id=c.id, line_number=line_number,
                       control_number=control_numbers.line_number(number, line_number),
                       cpt=c.cpt, modifiers=c.modifiers, units=c.units, diagnosis_pointers=line_pointers,
                       charge_amount=c.amount)
             for line_number, (c, line_pointers) in enumerate(zip(charges, pointers, strict=True), start=1)]
    return claim, lines


async def create_claims(*, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str,
                        actor: Principal) -> list[Claim]:
    """Open the encounter's claim now (e.g. after coverage was added late); 409 when it exists."""
    try:
        async with audit_denials(new_uow), uow:
            charged = (await uow.session.execute(select(Charge.location_id, Charge.patient_id)
                                                 .where(Charge.appointment_id == appointment_id).limit(1))).first()
            if charged is None:
                raise NotFound(f"appointment {appointment_id} has no charges", field="appointment_id")
            ensure_phi_access(actor, action="create", resource="Claim", resource_id=None,
                              patient_id=charged.patient_id, location_id=charged.location_id)
            opened = await open_claims_for_encounter(uow=uow, appointment_id=appointment_id)
            if not opened:
                raise Conflict("the encounter already has its claim, or no coverage is active on its date",
                               field="appointment_id")
            for claim in opened:
                await _audit(uow, actor, "create", claim)
    except IntegrityError as exc:  # a concurrent request opened it first
        raise Conflict("the encounter already has its claim", field="appointment_id") from exc
    return opened


async def rescrub_drafts(uow: UnitOfWork, *criteria) -> None:
    """Facts a draft was missing may have just arrived (a patient's address, a provider's NPI): try again."""
    drafts = await uow.session.scalars(select(Claim).where(Claim.status == ClaimStatus.DRAFT, *criteria)
                                       .with_for_update())
    for claim in drafts.all():
        await scrub(uow, claim)


async def open_claims_for_patient(uow: UnitOfWork, coverage: Coverage) -> None:
    """Encounters of a newly covered patient that have no claim to this payer yet get one now."""
    unbilled = select(Charge.appointment_id).where(
        Charge.patient_id == coverage.patient_id, Charge.kind == "visit",
        Charge.date_of_service >= coverage.effective_from,
        ~select(Claim.id).where(Claim.appointment_id == Charge.appointment_id).exists())
    if coverage.effective_to is not None:
        unbilled = unbilled.where(Charge.date_of_service <= coverage.effective_to)
    for appointment_id in sorted(set((await uow.session.scalars(unbilled)).all())):
        await open_claims_for_encounter(uow=uow, appointment_id=appointment_id)


async def scrub(uow: UnitOfWork, claim: Claim) -> list[scrubber.ScrubFailure]:
    """Run every rule; a clean draft (or corrected claim) becomes ready, a failing one stays for a person."""
    failures = scrubber.scrub(await _scrub_input(uow, claim))
    claim.scrub_failures = [vars(f) for f in failures]
    claim.updated_at = utcnow()
    if not failures and claim.status in (ClaimStatus.DRAFT, ClaimStatus.RESUBMITTED):
        await move(uow, claim, ClaimStatus.READY, SYSTEM, "passed the scrubber")
    return failures


async def scrub_claim(*, uow: UnitOfWork, new_uow: UowFactory, claim_id: str, actor: Principal) -> Claim:
    """Re-run the scrubber on a draft or corrected claim (after fixing coverage, fees, provider data...)."""
    async with audit_denials(new_uow), uow:
        claim = await claim_for_update(uow, claim_id, actor)
        if claim.status not in (ClaimStatus.DRAFT, ClaimStatus.RESUBMITTED):
            raise Conflict(f"a {claim.status} claim is not scrubbed again", field="status")
        await _refresh_lines(uow, claim)
        await scrub(uow, claim)
        await _audit(uow, actor, "update", claim)
    return claim


async def _refresh_lines(uow: UnitOfWork, claim: Claim) -> None:
    """Lines left unpriced are priced from the fee schedule as it is now (charge and line alike)."""
    lines = await lines_of(uow, claim.id)
    schedule = await pricing.fees(uow, claim.location_id, {line.cpt for line in lines})
    for line in lines:
        if line.charge_amount == 0:
            charge = await uow.session.get(Charge, line.charge_id)
            charge.amount = line.charge_amount = pricing.price(schedule, line.cpt, line.modifiers, line.units)
    claim.total_charge = sum((line.charge_amount for line in lines), ZERO)


async def _scrub_input(uow: UnitOfWork, claim: Claim) -> scrubber.ScrubClaim:
    session = uow.session
    profile = await session.get(BillingProfile, claim.location_id)
    provider = await session.get(BillingProvider, claim.provider_id)
    coverage = await session.get(Coverage, claim.coverage_id)
    payer = await session.get(Payer, claim.payer_id)
    patient = await session.get(BillingPatient, claim.patient_id)
    lines = await lines_of(uow, claim.id)
    others = (await session.execute(
        select(Claim.id, Claim.payer_id, Claim.date_of_service, ClaimLine.cpt).join(ClaimLine)
        .where(Claim.patient_id == claim.patient_id, Claim.id != claim.id))).all()
    grouped: dict[str, tuple[str, date, list[str]]] = {}
    for other_id, payer_id, dos, cpt in others:
        grouped.setdefault(other_id, (payer_id, dos, []))[2].append(cpt)
    covered = coverage if coverage and coverage.payer_id == claim.payer_id else None
    return scrubber.ScrubClaim(
        date_of_service=claim.date_of_service, today=await today_at(uow, claim.location_id, utcnow()),
        billing_npi=profile.npi if profile else None, rendering_npi=provider.npi if provider else None,
        diagnosis_codes=list(claim.diagnosis_codes),
        lines=[scrubber.ScrubLine(line.cpt, list(line.modifiers), line.units, list(line.diagnosis_pointers),
                                  line.charge_amount) for line in lines],
        coverage_from=covered.effective_from if covered else None, coverage_to=covered.effective_to if covered else None,
        payer_id=claim.payer_id, timely_filing_days=payer.timely_filing_days,
        subscriber=subscriber_of(coverage, patient),
        other_claims=[(p, d, tuple(sorted(c))) for p, d, c in grouped.values()],
    )


def subscriber_of(coverage: Coverage | None, patient: BillingPatient | None) -> scrubber.ScrubSubscriber:
    """Who holds the policy: the patient themself, or the subscriber recorded with the coverage."""
    if coverage is None:
        return scrubber.ScrubSubscriber(None, None, None, None, None, None)
    if coverage.relationship == "self":
        if patient is None:
            return scrubber.ScrubSubscriber(coverage.member_id, None, None, None, None, None)
        return scrubber.ScrubSubscriber(coverage.member_id, patient.family_name, patient.given_name,
                                        patient.birth_date, patient.sex, patient.address)
    held = coverage.subscriber or {}
    # When someone else holds the policy, the claim carries their name and the patient's own
    # birth date, sex and address (the patient loop): those are what must be there.
    return scrubber.ScrubSubscriber(coverage.member_id, held.get("family_name"), held.get("given_name"),
                                    patient.birth_date if patient else None, patient.sex if patient else None,
                                    patient.address if patient else None)


async def change_status(*, uow: UnitOfWork, new_uow: UowFactory, claim_id: str, target: str, reason: str | None,
                        actor: Principal) -> Claim:
    """A biller's move: accepted or rejected (payer acknowledgment), appealed, resubmitted, back to draft."""
    if target not in MANUAL:
        raise Unprocessable(f"{target} follows from the scrubber, an export or an 835, not by hand", field="status",
                            allowed=sorted(MANUAL))
    async with audit_denials(new_uow), uow:
        claim = await claim_for_update(uow, claim_id, actor)
        await move(uow, claim, target, actor.sub, reason)
        facts = dict(claim_id=claim.id, patient_id=claim.patient_id, location_id=claim.location_id,
                     payer_id=claim.payer_id)
        if target == ClaimStatus.ACCEPTED:
            await uow.emit(ClaimAccepted(**facts), subject=claim.id, location_id=claim.location_id)
        elif target == ClaimStatus.REJECTED:
            await uow.emit(ClaimRejected(**facts, reason=reason or "rejected by the payer"), subject=claim.id,
                           location_id=claim.location_id)
        await _audit(uow, actor, "update", claim)
    return claim


async def move(uow: UnitOfWork, claim: Claim, target: str, by: str, reason: str | None) -> None:
    """Change the claim's status if the state machine allows it (409 naming the allowed moves), with history."""
    previous = claim.status
    claim.status = transition(previous, target)
    claim.updated_at = utcnow()
    await record_change(uow, claim, previous, claim.status, by, reason)


async def record_change(uow: UnitOfWork, claim: Claim, previous: str | None, target: str, by: str,
                        reason: str | None) -> None:
    uow.session.add(ClaimStatusChange(claim_id=claim.id, from_status=previous, to_status=target, reason=reason,
                                      changed_by=by, changed_at=utcnow()))


async def claim_for_update(uow: UnitOfWork, claim_id: str, actor: Principal | None) -> Claim:
    """The claim, row-locked so two moves of one claim queue, after the location check (a PhiAccessDenied)."""
    claim = await uow.session.get(Claim, claim_id, with_for_update=True)
    if claim is None:
        raise NotFound(f"claim {claim_id} not found", field="claim_id")
    if actor is not None:
        ensure_phi_access(actor, action="update", resource="Claim", resource_id=claim.id,
                          patient_id=claim.patient_id, location_id=claim.location_id)
    return claim


async def lines_of(uow: UnitOfWork, claim_id: str) -> list[ClaimLine]:
    return list((await uow.session.scalars(select(ClaimLine).where(ClaimLine.claim_id == claim_id)
                                           .order_by(ClaimLine.line_number))).all())


async def _audit(uow: UnitOfWork, actor: Principal, action: str, claim: Claim) -> None:
    await record_phi_access(uow, actor=actor, action=action, resource="Claim", resource_id=claim.id,
                            patient_id=claim.patient_id, location_id=claim.location_id)
