"""Payer reversals (CLP02 22): the posting a payer takes back is undone to the cent, so its correction posts anew.

What is undone is what we posted (the stored lines and adjustments of that claim payment, and the
ledger entry it booked), not the reversal's own figures: those only have to agree with it.
"""

from sqlalchemy import delete, select

from services.billing.claims import coordination
from services.billing.claims.domain import REVERSIBLE, ClaimStatus
from services.billing.claims.models import Claim, Underpayment
from services.billing.claims.service import SYSTEM, lines_of, record_change
from services.billing.ledger import service as ledger
from services.billing.ledger.models import PatientLedgerEntry
from services.billing.remittances.domain import split_adjustments
from services.billing.remittances.models import (
    Remittance,
    RemittanceClaimPayment,
    RemittanceLineAdjustment,
    RemittanceLinePayment,
    live_postings,
)
from services.billing.x12 import edi835
from shared.clock import utcnow
from shared.uow import UnitOfWork


async def posting_to_reverse(
    uow: UnitOfWork, claim: Claim, payment: edi835.ClaimPayment
) -> RemittanceClaimPayment | None:
    """The latest live posting to the claim, of the payer claim number the reversal names (when it names one)."""
    statement = (
        select(RemittanceClaimPayment)
        .join(Remittance)
        .where(RemittanceClaimPayment.claim_id == claim.id, live_postings())
    )
    if payment.payer_claim_number:
        statement = statement.where(RemittanceClaimPayment.payer_claim_number == payment.payer_claim_number)
    return await uow.session.scalar(
        statement.order_by(Remittance.imported_at.desc(), RemittanceClaimPayment.sequence.desc()).limit(1)
    )


def reversal_problem(claim: Claim, payment: edi835.ClaimPayment, original: RemittanceClaimPayment | None) -> str | None:
    """Why a reversal cannot be posted automatically; None when it undoes exactly one posting of ours."""
    if original is None:
        return "a payer reversal of nothing posted to this claim"
    if claim.status not in REVERSIBLE:
        return f"a payer reversal, but the claim is {claim.status}"
    if payment.paid != -original.paid_amount:
        return f"a payer reversal of {-payment.paid:.2f}, but {original.paid_amount} was posted"
    return None


async def undo(uow: UnitOfWork, claim: Claim, original: RemittanceClaimPayment, reversal_id: str) -> None:
    """Take back the lines', the claim's and the patient's amounts `original` posted; the claim awaits a decision."""
    session = uow.session
    lines = {line.id: line for line in await lines_of(uow, claim.id)}
    adjustments = list(
        (
            await session.scalars(
                select(RemittanceLineAdjustment).where(RemittanceLineAdjustment.claim_payment_id == original.id)
            )
        ).all()
    )
    for paid in (
        await session.scalars(
            select(RemittanceLinePayment).where(
                RemittanceLinePayment.claim_payment_id == original.id, RemittanceLinePayment.claim_line_id.is_not(None)
            )
        )
    ).all():
        line = lines[paid.claim_line_id]
        written_off, patient = split_adjustments([a for a in adjustments if a.line_payment_id == paid.id])
        line.paid_amount -= paid.paid_amount
        line.adjustment_amount -= written_off
        line.patient_responsibility -= patient
        line.denial_carc = None
    written_off, patient = split_adjustments(adjustments)
    claim.paid_amount -= original.paid_amount
    claim.adjustment_amount -= written_off
    claim.patient_responsibility -= patient
    claim.denial_carc = None
    await session.execute(delete(Underpayment).where(Underpayment.claim_payment_id == original.id))
    await session.flush()
    if not await session.scalar(
        select(RemittanceClaimPayment.id).where(RemittanceClaimPayment.claim_id == claim.id, live_postings()).limit(1)
    ):
        claim.adjudicated_at = None  # a secondary claim's next decision takes over the primary's share again
    previous, claim.status, claim.updated_at = claim.status, ClaimStatus.ACCEPTED, utcnow()
    await record_change(
        uow, claim, previous, claim.status, SYSTEM, f"835 reversal {reversal_id} of payment {original.id}"
    )
    booked = await session.scalar(
        select(PatientLedgerEntry.amount).where(
            PatientLedgerEntry.source_id == f"remittance_claim_payment:{original.id}"
        )
    )
    if booked:
        await ledger.change_patient_balance(
            uow=uow,
            patient_id=claim.patient_id,
            location_id=claim.location_id,
            amount=-booked,
            reason="claim_payment_reversed",
            source_id=f"remittance_reversal:{reversal_id}",
        )
    await coordination.follow_primary(uow, claim)
