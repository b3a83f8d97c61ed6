"""What the primary payer decided, as a secondary claim's 837P states it (loops 2320 and 2430).

Read from the primary's live 835 postings: its CAS adjustments, per line when it adjudicated lines.
"""

from sqlalchemy import select

from services.billing.claims.models import Claim, Coverage
from services.billing.claims.service import lines_of
from services.billing.projections import service as projections
from services.billing.projections.models import BillingPatient
from services.billing.reference.models import Payer
from services.billing.remittances.models import (
    Remittance,
    RemittanceClaimPayment,
    RemittanceLineAdjustment,
    RemittanceLinePayment,
    live_postings,
)
from services.billing.x12 import edi837_cob as cob
from shared.clock import local_date
from shared.uow import UnitOfWork


async def prior_payer_of(uow: UnitOfWork, claim: Claim) -> cob.PriorPayer | None:
    """What the primary payer decided, as a secondary claim's 837P states it (None for a primary claim)."""
    if claim.primary_claim_id is None:
        return None
    session = uow.session
    primary = await session.get(Claim, claim.primary_claim_id)
    payer, coverage = await session.get(Payer, primary.payer_id), await session.get(Coverage, primary.coverage_id)
    patient = await session.get(BillingPatient, primary.patient_id)
    held = (
        {"family_name": patient.family_name, "given_name": patient.given_name}
        if coverage.relationship == "self"
        else coverage.subscriber or {}
    )
    posted = (
        await session.execute(
            select(
                RemittanceLineAdjustment.line_payment_id,
                RemittanceLineAdjustment.claim_line_id,
                RemittanceLineAdjustment.group_code,
                RemittanceLineAdjustment.carc,
                RemittanceLineAdjustment.amount,
            )
            .join(RemittanceClaimPayment, RemittanceClaimPayment.id == RemittanceLineAdjustment.claim_payment_id)
            .where(RemittanceClaimPayment.claim_id == primary.id, live_postings())
            .order_by(RemittanceLineAdjustment.group_code, RemittanceLineAdjustment.carc)
        )
    ).all()
    line_level = await session.scalar(
        select(RemittanceLinePayment.id)
        .join(RemittanceClaimPayment)
        .where(
            RemittanceClaimPayment.claim_id == primary.id,
            live_postings(),
            RemittanceLinePayment.claim_line_id.is_not(None),
        )
        .limit(1)
    )
    decided_on = await session.scalar(
        select(Remittance.payment_date)
        .join(RemittanceClaimPayment)
        .where(RemittanceClaimPayment.claim_id == primary.id, live_postings())
        .order_by(Remittance.imported_at.desc())
        .limit(1)
    )
    decided_on = decided_on or local_date(primary.adjudicated_at, await projections.zone_of(uow, primary.location_id))

    def adjustments(where) -> tuple[cob.Adjustment, ...]:
        return tuple(
            cob.Adjustment(group, carc, amount)
            for payment_line, line_id, group, carc, amount in posted
            if where(payment_line, line_id)
        )

    # Adjudicated at claim level only, the primary said nothing per line: no 2430 loops then.
    lines = (
        tuple(
            cob.PriorLine(
                line.paid_amount,
                line.cpt,
                tuple(line.modifiers),
                line.units,
                adjustments(lambda _, line_id, line=line: line_id == line.id),
                decided_on,
            )
            for line in await lines_of(uow, primary.id)
        )
        if line_level
        else ()
    )
    return cob.PriorPayer(
        payer_name=payer.name,
        payer_id=payer.x12_payer_id,
        filing_indicator=payer.claim_filing_indicator,
        member_id=coverage.member_id,
        group_number=coverage.group_number,
        relationship=coverage.relationship,
        subscriber_family_name=held.get("family_name", ""),
        subscriber_given_name=held.get("given_name", ""),
        paid=primary.paid_amount,
        adjustments=adjustments(lambda payment_line, _: payment_line is None),
        lines=lines,
    )
