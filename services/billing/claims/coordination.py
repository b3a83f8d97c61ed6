"""Coordination of benefits: what the primary payer left to the patient is asked of the secondary payer.

After a primary claim's 835 posts with patient responsibility, and the patient has a secondary
coverage in effect on the date of service, a claim to the secondary payer opens (draft, then
scrubbed) with the same lines. Its 837P carries what the primary did (loops 2320 and 2430, see
batches/prior_payer.py); the secondary owes at most charge - prior_payer_amount, what the primary
neither paid nor wrote off.
"""

import uuid

from sqlalchemy import select

from services.billing.claims import control_numbers
from services.billing.claims.domain import ClaimStatus
from services.billing.claims.models import Claim, ClaimLine, Coverage
from services.billing.claims.opening import active_coverages
from services.billing.claims.scrubbing import scrub
from services.billing.claims.service import SYSTEM, lines_of, record_change
from services.billing.db import ZERO
from shared.clock import utcnow
from shared.uow import UnitOfWork

PRIMARY, SECONDARY = "primary", "secondary"


async def open_secondary_claim(uow: UnitOfWork, primary: Claim) -> Claim | None:
    """The secondary payer's claim for what the adjudicated primary left; None when there is no one to ask."""
    if primary.priority != PRIMARY or primary.patient_responsibility <= 0 or primary.status == ClaimStatus.DENIED:
        return None
    coverages = await active_coverages(uow, primary.patient_id, primary.date_of_service)
    secondary = next((c for c in coverages if c.priority == SECONDARY and c.payer_id != primary.payer_id), None)
    if secondary is None or await uow.session.scalar(
        select(Claim.id).where(Claim.appointment_id == primary.appointment_id, Claim.payer_id == secondary.payer_id)
    ):
        return None
    # Its own number: the secondary payer's 835 must find this claim, not the primary.
    now, number = utcnow(), await control_numbers.next_claim_number(uow, primary.location_id)
    claim = Claim(
        id=str(uuid.uuid4()),
        control_number=number,
        appointment_id=primary.appointment_id,
        patient_id=primary.patient_id,
        location_id=primary.location_id,
        provider_id=primary.provider_id,
        payer_id=secondary.payer_id,
        coverage_id=secondary.id,
        priority=SECONDARY,
        date_of_service=primary.date_of_service,
        diagnosis_codes=list(primary.diagnosis_codes),
        status=ClaimStatus.DRAFT,
        total_charge=primary.total_charge,
        paid_amount=ZERO,
        adjustment_amount=ZERO,
        patient_responsibility=ZERO,
        scrub_failures=[],
        primary_claim_id=primary.id,
        prior_payer_amount=primary.paid_amount + primary.adjustment_amount,
        created_at=now,
        updated_at=now,
    )
    uow.session.add(claim)
    await uow.session.flush()  # the claim row before its lines: they reference it
    uow.session.add_all(
        [
            ClaimLine(
                id=str(uuid.uuid4()),
                claim_id=claim.id,
                charge_id=line.charge_id,
                line_number=line.line_number,
                control_number=control_numbers.line_number(number, line.line_number),
                cpt=line.cpt,
                modifiers=list(line.modifiers),
                units=line.units,
                diagnosis_pointers=list(line.diagnosis_pointers),
                charge_amount=line.charge_amount,
                paid_amount=ZERO,
                adjustment_amount=ZERO,
                patient_responsibility=ZERO,
                prior_payer_amount=line.paid_amount + line.adjustment_amount,
            )
            for line in await lines_of(uow, primary.id)
        ]
    )
    await record_change(
        uow,
        claim,
        None,
        ClaimStatus.DRAFT,
        SYSTEM,
        f"the primary payer left {primary.patient_responsibility} to the patient",
    )
    await scrub(uow, claim)
    return claim


async def open_for_new_secondary(uow: UnitOfWork, coverage: Coverage) -> None:
    """A secondary coverage recorded late: primaries already decided in its days with a patient share go to it now."""
    if coverage.priority != SECONDARY:
        return
    decided = select(Claim).where(
        Claim.patient_id == coverage.patient_id,
        Claim.priority == PRIMARY,
        Claim.patient_responsibility > 0,
        Claim.date_of_service >= coverage.effective_from,
    )
    if coverage.effective_to is not None:
        decided = decided.where(Claim.date_of_service <= coverage.effective_to)
    for primary in (await uow.session.scalars(decided.order_by(Claim.date_of_service, Claim.id))).all():
        await open_secondary_claim(uow, primary)


async def follow_primary(uow: UnitOfWork, primary: Claim) -> None:
    """A re-adjudicated primary: an unsent secondary claim states the new prior-payer amounts, a sent one is flagged."""
    if primary.priority != PRIMARY:
        return
    secondary = await uow.session.scalar(select(Claim).where(Claim.primary_claim_id == primary.id).with_for_update())
    if secondary is None:
        return
    settled = {line.line_number: line.paid_amount + line.adjustment_amount for line in await lines_of(uow, primary.id)}
    prior, lines = primary.paid_amount + primary.adjustment_amount, await lines_of(uow, secondary.id)
    changed = prior != secondary.prior_payer_amount or any(
        line.prior_payer_amount != settled.get(line.line_number, ZERO) for line in lines
    )
    if secondary.status in (ClaimStatus.DRAFT, ClaimStatus.READY):
        if not changed:
            return
        secondary.prior_payer_amount = prior
        for line in lines:
            line.prior_payer_amount = settled.get(line.line_number, ZERO)
        await record_change(
            uow,
            secondary,
            secondary.status,
            secondary.status,
            SYSTEM,
            f"the primary payer was re-adjudicated: prior payer amount {prior}",
        )
        await scrub(uow, secondary)
        return
    # Already sent with the sent figures: a person settles it with the payer, nothing changes behind them.
    # A reversal and its correction in one file that restore the sent figures leave nothing to look at.
    secondary.attention_reason = (
        (f"primary re-adjudicated: prior payer amount now {prior}, sent {secondary.prior_payer_amount}")
        if changed
        else None
    )
    secondary.updated_at = utcnow()
