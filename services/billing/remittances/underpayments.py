"""Underpayments: a primary payer settling a line below its contracted allowed amount is recorded for a person."""

import uuid

from sqlalchemy import select

from services.billing.claims.coordination import PRIMARY
from services.billing.claims.models import Claim, ClaimLine, Underpayment
from services.billing.reference import domain as pricing
from services.billing.reference import service as reference
from services.billing.remittances.domain import underpaid_by
from services.billing.remittances.schemas import UnderpaymentOut
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.contracts.billing import ClaimLineUnderpaid
from shared.uow import UnitOfWork


async def check(uow: UnitOfWork, claim: Claim, posted: list[ClaimLine], claim_payment_id: str) -> None:
    """Compare each line this payment posted (paid + patient responsibility) with the contract (x units)."""
    # A secondary payer settles only what the primary left: the contract says nothing about its share.
    if claim.priority != PRIMARY or not posted:
        return
    rates = await reference.contracted(uow, claim.payer_id, {line.cpt for line in posted})
    for line in posted:
        contracted = pricing.allowed(rates, line.cpt, list(line.modifiers), line.units)
        if contracted is None or line.denial_carc:  # no contract for the code, or a denial (its own follow-up)
            continue
        modifier, allowed = contracted
        settled = line.paid_amount + line.patient_responsibility
        if short := underpaid_by(allowed, settled):
            underpayment_id = str(uuid.uuid4())
            uow.session.add(
                Underpayment(
                    id=underpayment_id,
                    claim_payment_id=claim_payment_id,
                    claim_id=claim.id,
                    claim_line_id=line.id,
                    payer_id=claim.payer_id,
                    cpt=line.cpt,
                    modifier=modifier,
                    units=line.units,
                    allowed_amount=allowed,
                    settled_amount=settled,
                    amount=short,
                )
            )
            underpaid = ClaimLineUnderpaid(
                underpayment_id=underpayment_id,
                claim_id=claim.id,
                claim_line_id=line.id,
                patient_id=claim.patient_id,
                location_id=claim.location_id,
                payer_id=claim.payer_id,
                cpt=line.cpt,
                allowed_amount=allowed,
                settled_amount=settled,
                amount=short,
            )
            await uow.emit(underpaid, subject=claim.id, location_id=claim.location_id)


async def of_location(
    *, uow: UnitOfWork, new_uow: UowFactory, location_id: str, actor: Principal
) -> list[UnderpaymentOut]:
    """The location's underpaid lines still standing, oldest service first (audited per patient, a refusal too)."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="read", resource="Claim", resource_id=None, patient_id=None, location_id=location_id
        )
        rows = (
            await uow.session.execute(
                select(Underpayment, Claim.patient_id)
                .join(Claim, Claim.id == Underpayment.claim_id)
                .where(Claim.location_id == location_id)
                .order_by(Claim.date_of_service, Claim.id, Underpayment.cpt)
            )
        ).all()
        for patient_id in sorted({patient_id for _, patient_id in rows}):
            await record_phi_access(
                uow,
                actor=actor,
                action="read",
                resource="Claim",
                resource_id=None,
                patient_id=patient_id,
                location_id=location_id,
            )
        return [UnderpaymentOut(**_fields(row), patient_id=patient_id) for row, patient_id in rows]


def _fields(row: Underpayment) -> dict:
    return {name: getattr(row, name) for name in UnderpaymentOut.model_fields if name != "patient_id"}
