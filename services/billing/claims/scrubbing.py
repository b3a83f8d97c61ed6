"""Running the scrubber on a claim: the facts its rules look at gathered, a clean claim made ready.

The rules themselves are pure, in scrubber.py.
"""

from datetime import date

from sqlalchemy import select

from services.billing.charges.models import Charge
from services.billing.claims import scrubber
from services.billing.claims.domain import ClaimStatus
from services.billing.claims.models import Claim, ClaimLine, Coverage
from services.billing.claims.service import SYSTEM, audit, claim_for_update, lines_of, move
from services.billing.db import ZERO
from services.billing.projections import service as projections
from services.billing.projections.models import BillingPatient, BillingProvider
from services.billing.reference import domain as pricing
from services.billing.reference import service as reference
from services.billing.reference.models import BillingProfile, Payer
from shared.audit import UowFactory, audit_denials
from shared.auth import Principal
from shared.clock import local_today, utcnow
from shared.contracts.billing import ClaimScrubFailed, ClaimScrubPassed, ScrubIssue
from shared.errors import Conflict
from shared.uow import UnitOfWork


async def rescrub_drafts(*, uow: UnitOfWork, patient_id: str | None = None, provider_id: str | None = None) -> None:
    """A patient's or a provider's drafts scrubbed again: facts they were missing may have just arrived."""
    criteria = [Claim.status == ClaimStatus.DRAFT]
    if patient_id is not None:
        criteria.append(Claim.patient_id == patient_id)
    if provider_id is not None:
        criteria.append(Claim.provider_id == provider_id)
    drafts = await uow.session.scalars(select(Claim).where(*criteria).with_for_update())
    for claim in drafts.all():
        await scrub(uow, claim)


async def scrub(uow: UnitOfWork, claim: Claim) -> list[scrubber.ScrubFailure]:
    """Run every rule; a clean draft (or corrected claim) becomes ready, a failing one stays for a person."""
    failures = scrubber.scrub(await _scrub_input(uow, claim))
    previous, claim.scrub_failures = claim.scrub_failures or [], [vars(f) for f in failures]
    claim.updated_at = utcnow()
    await _announce(uow, claim, previous)
    if not failures and claim.status in (ClaimStatus.DRAFT, ClaimStatus.RESUBMITTED):
        await move(uow, claim, ClaimStatus.READY, SYSTEM, "passed the scrubber")
    return failures


async def _announce(uow: UnitOfWork, claim: Claim, previous: list[dict]) -> None:
    """A person is told when the failures change (the inbox raises a task), and when a held claim passes."""
    facts = dict(claim_id=claim.id, patient_id=claim.patient_id, location_id=claim.location_id, payer_id=claim.payer_id)
    if claim.scrub_failures and claim.scrub_failures != previous:
        failed = ClaimScrubFailed(**facts, failures=[ScrubIssue(**f) for f in claim.scrub_failures])
        await uow.emit(failed, subject=claim.id, location_id=claim.location_id)
    elif previous and not claim.scrub_failures:
        await uow.emit(ClaimScrubPassed(**facts), subject=claim.id, location_id=claim.location_id)


async def scrub_claim(*, uow: UnitOfWork, new_uow: UowFactory, claim_id: str, actor: Principal) -> Claim:
    """Re-run the scrubber on a draft or corrected claim (after fixing coverage, fees, provider data...)."""
    async with audit_denials(new_uow), uow:
        claim = await claim_for_update(uow, claim_id, actor)
        if claim.status not in (ClaimStatus.DRAFT, ClaimStatus.RESUBMITTED):
            raise Conflict(f"a {claim.status} claim is not scrubbed again", field="status")
        await _refresh_lines(uow, claim)
        await scrub(uow, claim)
        await audit(uow, actor, "update", claim)
    return claim


async def _refresh_lines(uow: UnitOfWork, claim: Claim) -> None:
    """Lines left unpriced are priced from the fee schedule as it is now (charge and line alike)."""
    lines = await lines_of(uow, claim.id)
    schedule = await reference.fees(uow, claim.location_id, {line.cpt for line in lines})
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
    others = (
        await session.execute(
            select(Claim.id, Claim.payer_id, Claim.date_of_service, ClaimLine.cpt)
            .join(ClaimLine)
            .where(Claim.patient_id == claim.patient_id, Claim.id != claim.id)
        )
    ).all()
    grouped: dict[str, tuple[str, date, list[str]]] = {}
    for other_id, payer_id, dos, cpt in others:
        grouped.setdefault(other_id, (payer_id, dos, []))[2].append(cpt)
    covered = coverage if coverage and coverage.payer_id == claim.payer_id else None
    return scrubber.ScrubClaim(
        date_of_service=claim.date_of_service,
        today=local_today(await projections.zone_of(uow, claim.location_id)),
        billing_npi=profile.npi if profile else None,
        rendering_npi=provider.npi if provider else None,
        diagnosis_codes=list(claim.diagnosis_codes),
        lines=[
            scrubber.ScrubLine(
                line.cpt, list(line.modifiers), line.units, list(line.diagnosis_pointers), line.charge_amount
            )
            for line in lines
        ],
        coverage_from=covered.effective_from if covered else None,
        coverage_to=covered.effective_to if covered else None,
        payer_id=claim.payer_id,
        timely_filing_days=payer.timely_filing_days,
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
        return scrubber.ScrubSubscriber(
            coverage.member_id,
            patient.family_name,
            patient.given_name,
            patient.birth_date,
            patient.sex,
            patient.address,
        )
    held = coverage.subscriber or {}
    # When someone else holds the policy, the claim carries their name and the patient's own
    # birth date, sex and address (the patient loop): those are what must be there.
    return scrubber.ScrubSubscriber(
        coverage.member_id,
        held.get("family_name"),
        held.get("given_name"),
        patient.birth_date if patient else None,
        patient.sex if patient else None,
        patient.address if patient else None,
    )
