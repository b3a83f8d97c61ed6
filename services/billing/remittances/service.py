"""835 import: payments and adjustments posted to claims and lines, patient responsibility to balances.

A file is imported once: the same bytes, or the same payer trace number, find the first
import (the database's unique constraints decide a race) and post nothing again. A payer
reversal (CLP02 22) undoes the one live posting it names; the corrected CLP after it posts anew.
"""

import asyncio
import hashlib
import uuid

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from services.billing.claims.domain import REMITTABLE
from services.billing.claims.models import Claim
from services.billing.reference.models import Payer
from services.billing.remittances.models import REVERSAL, Remittance, RemittanceClaimPayment, RemittanceLineAdjustment
from services.billing.remittances.posting import claim_named_by, post_claim_payment
from services.billing.remittances.reversal import posting_to_reverse, reversal_problem
from services.billing.remittances.schemas import AdjustmentOut, PostedClaimOut, RemittanceOut
from services.billing.x12 import check835, edi835
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork


async def import_835(*, uow: UnitOfWork, new_uow: UowFactory, text: str, actor: Principal) -> RemittanceOut:
    """Post an 835 to our claims; a repeat of an imported file reports that import and posts nothing."""
    # The whole interchange is checked first: a file that is not a valid, balanced 835 posts nothing.
    if found := await asyncio.to_thread(check835.problems, text):
        more = f" (and {len(found) - 1} more problems)" if len(found) > 1 else ""
        raise Unprocessable(
            f"the 835 is refused whole, nothing was posted: {found[0].describe()}{more}",
            field="body",
            errors=check835.as_errors(found),
        )
    remittance = edi835.parse(text)
    file_hash = hashlib.sha256(text.strip().encode()).hexdigest()
    try:
        async with audit_denials(new_uow), uow:
            if previous := await _previous(uow, file_hash, remittance):
                return await _summary(uow, previous, already_imported=True, reader=actor)
            return await _post(uow, remittance, text, file_hash, actor)
    except IntegrityError:  # a concurrent import of the same file committed first
        async with audit_denials(new_uow), new_uow() as again:
            if (previous := await _previous(again, file_hash, remittance)) is None:
                # Another file reversed the same payment at the same moment (a reversal undoes once).
                raise Conflict(
                    "a concurrent import posted to the same claims; import this file again", field="body"
                ) from None
            return await _summary(again, previous, already_imported=True, reader=actor)


async def get_remittance(
    *, uow: UnitOfWork, new_uow: UowFactory, remittance_id: str, actor: Principal
) -> RemittanceOut:
    """An imported 835 with what was posted from it (audited per claim, a refusal too)."""
    async with audit_denials(new_uow), uow:
        remittance = await uow.session.get(Remittance, remittance_id)
        if remittance is None:
            raise NotFound(f"remittance {remittance_id} not found", field="remittance_id")
        return await _summary(uow, remittance, already_imported=True, reader=actor)


async def _previous(uow: UnitOfWork, file_hash: str, remittance: edi835.Remittance835) -> Remittance | None:
    return await uow.session.scalar(
        select(Remittance).where(
            or_(
                Remittance.file_hash == file_hash,
                (Remittance.payer_identifier == remittance.payer_identifier)
                & (Remittance.trace_number == remittance.trace_number),
            )
        )
    )


async def _post(
    uow: UnitOfWork, remittance: edi835.Remittance835, text: str, file_hash: str, actor: Principal
) -> RemittanceOut:
    payer_id = await uow.session.scalar(select(Payer.id).where(Payer.x12_payer_id == remittance.payer_id))
    row = Remittance(
        id=str(uuid.uuid4()),
        file_hash=file_hash,
        payer_identifier=remittance.payer_identifier,
        payer_id=payer_id,
        payer_name=remittance.payer_name,
        trace_number=remittance.trace_number,
        payment_amount=remittance.payment_amount,
        payment_date=remittance.payment_date,
        claim_count=len(remittance.claims),
        unmatched_count=0,
        content=text,
        imported_by=actor.sub,
        imported_at=utcnow(),
    )
    uow.session.add(row)
    await uow.session.flush()  # the unique constraints speak now, before anything is posted
    for sequence, payment in enumerate(remittance.claims, start=1):
        # CLP01 echoes CLM01 (the control number, or an older claim's id), in capitals or cut to 20 by some payers.
        claim = await claim_named_by(uow, payment.patient_control_number)
        if claim is not None:
            # A biller scoped to some locations posts nothing to another location's claims.
            ensure_phi_access(
                actor,
                action="update",
                resource="Claim",
                resource_id=claim.id,
                patient_id=claim.patient_id,
                location_id=claim.location_id,
            )
        original = None
        if claim is not None and payment.status_code == REVERSAL:
            original = await posting_to_reverse(uow, claim, payment)
            problem = reversal_problem(claim, payment, original)
        else:
            problem = _problem(claim, payment)
        await post_claim_payment(
            uow=uow,
            remittance_id=row.id,
            sequence=sequence,
            payment=payment,
            claim=None if problem else claim,
            problem=problem,
            actor=actor,
            undoes=None if problem else original,
        )
        if problem:
            row.unmatched_count += 1
        else:
            await record_phi_access(
                uow,
                actor=actor,
                action="update",
                resource="Claim",
                resource_id=claim.id,
                patient_id=claim.patient_id,
                location_id=claim.location_id,
            )
    return await _summary(uow, row, already_imported=False)


def _problem(claim: Claim | None, payment: edi835.ClaimPayment) -> str | None:
    if claim is None:
        return "no claim has this patient control number"
    if claim.status not in REMITTABLE:
        return f"the claim is {claim.status}, not awaiting adjudication"
    return None


async def _summary(
    uow: UnitOfWork, remittance: Remittance, *, already_imported: bool, reader: Principal | None = None
) -> RemittanceOut:
    """What the file posted; a `reader` must hold every claim's location (403 otherwise) and is audited."""
    payments = list(
        (
            await uow.session.scalars(
                select(RemittanceClaimPayment)
                .where(RemittanceClaimPayment.remittance_id == remittance.id)
                .order_by(RemittanceClaimPayment.sequence)
            )
        ).all()
    )
    posted, unmatched = [], []
    for payment in payments:
        adjustments = (
            await uow.session.scalars(
                select(RemittanceLineAdjustment).where(RemittanceLineAdjustment.claim_payment_id == payment.id)
            )
        ).all()
        claim = await uow.session.get(Claim, payment.claim_id) if payment.problem is None else None
        if claim and reader:
            ensure_phi_access(
                reader,
                action="read",
                resource="Claim",
                resource_id=claim.id,
                patient_id=claim.patient_id,
                location_id=claim.location_id,
            )
            await record_phi_access(
                uow,
                actor=reader,
                action="read",
                resource="Claim",
                resource_id=claim.id,
                patient_id=claim.patient_id,
                location_id=claim.location_id,
            )
        out = PostedClaimOut(
            patient_control_number=payment.patient_control_number,
            claim_id=payment.claim_id,
            status=claim.status if claim else None,
            paid_amount=payment.paid_amount,
            patient_responsibility=payment.patient_responsibility,
            adjustments=[AdjustmentOut(group_code=a.group_code, carc=a.carc, amount=a.amount) for a in adjustments],
            problem=payment.problem,
        )
        (posted if claim else unmatched).append(out)
    return RemittanceOut(
        remittance_id=remittance.id,
        already_imported=already_imported,
        trace_number=remittance.trace_number,
        payer_identifier=remittance.payer_identifier,
        payment_amount=remittance.payment_amount,
        posted=posted,
        unmatched=unmatched,
    )
