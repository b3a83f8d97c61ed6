"""Posting one claim payment (CLP) of an 835: lines, adjustments, the claim's new status and its events."""

import re
import uuid
from decimal import Decimal

from sqlalchemy import select

from services.billing.claims import control_numbers, coordination
from services.billing.claims.domain import ClaimStatus, LineOutcome, adjudicated_status
from services.billing.claims.models import Claim, ClaimLine
from services.billing.claims.service import lines_of, move
from services.billing.db import ZERO
from services.billing.ledger import service as ledger
from services.billing.remittances import reversal, underpayments
from services.billing.remittances.domain import PATIENT_GROUP, PRIOR_PAYER_IMPACT, split_adjustments
from services.billing.remittances.models import RemittanceClaimPayment, RemittanceLineAdjustment, RemittanceLinePayment
from services.billing.x12 import edi835
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.billing import ClaimAccepted, ClaimDenied, ClaimPaid
from shared.uow import UnitOfWork

PAYER_DENIED = "4"  # CLP02: denied
# The first 20 characters of a claim id, as a payer keeps them of a claim sent before control numbers.
_CUT_LEGACY_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]")


async def claim_named_by(uow: UnitOfWork, clp01: str) -> Claim | None:
    """The claim an 835's CLP01 names, row-locked: its control number in any case, else the id older claims sent."""
    session, value = uow.session, clp01.strip()
    claim = await session.scalar(
        select(Claim).where(Claim.control_number == control_numbers.normalized(value)).with_for_update()
    )
    if claim is None and value:
        claim = await session.get(Claim, value.lower(), with_for_update=True)
    if claim is None and _CUT_LEGACY_ID.fullmatch(value.lower()):
        cut = (
            await session.scalars(
                select(Claim).where(Claim.id.startswith(value.lower())).order_by(Claim.id).limit(2).with_for_update()
            )
        ).all()
        claim = cut[0] if len(cut) == 1 else None  # 68 bits of a random id: one claim, or none we can name
    return claim


async def post_claim_payment(
    *,
    uow: UnitOfWork,
    remittance_id: str,
    sequence: int,
    payment: edi835.ClaimPayment,
    claim: Claim | None,
    problem: str | None,
    actor: Principal,
    undoes: RemittanceClaimPayment | None = None,
) -> None:
    """Record the CLP; post it to its matched claim, or, for a payer reversal, undo the posting it `undoes`."""
    row = RemittanceClaimPayment(
        id=str(uuid.uuid4()),
        remittance_id=remittance_id,
        sequence=sequence,
        claim_id=claim.id if claim else None,
        patient_control_number=payment.patient_control_number[:38],
        status_code=payment.status_code[:2],
        charge_amount=payment.charge,
        paid_amount=payment.paid,
        patient_responsibility=payment.patient_responsibility,
        payer_claim_number=payment.payer_claim_number,
        problem=problem,
        undoes_id=undoes.id if undoes else None,
    )
    uow.session.add(row)
    await uow.session.flush()
    lines = await lines_of(uow, claim.id) if claim else []
    unmatched_lines, posted_lines = list(lines), []
    for adjustment in payment.adjustments:  # claim level
        uow.session.add(_adjustment(row.id, None, None, adjustment))
    for svc in payment.lines:
        line = _match(svc, unmatched_lines)
        line_row = RemittanceLinePayment(
            id=str(uuid.uuid4()),
            claim_payment_id=row.id,
            claim_line_id=line.id if line else None,
            cpt=svc.cpt[:5],
            charge_amount=svc.charge,
            paid_amount=svc.paid,
        )
        uow.session.add(line_row)
        await uow.session.flush()
        for adjustment in svc.adjustments:
            uow.session.add(_adjustment(row.id, line_row.id, line.id if line else None, adjustment))
        if line and not undoes:
            _post_line(line, svc)
            posted_lines.append(line)
    if claim and undoes:
        await reversal.undo(uow, claim, undoes, row.id)
    elif claim:
        await _adjudicate(uow, claim, lines, payment, remittance_id, row.id)
        await underpayments.check(uow, claim, posted_lines, row.id)


def _match(svc: edi835.LinePayment, candidates: list[ClaimLine]) -> ClaimLine | None:
    """Our line by the REF*6R the 837 sent (its control number, or the id older claims sent), else the first
    not yet matched line with the same code."""
    ref = (svc.line_id or "").strip()
    for line in candidates:
        named = ref and (control_numbers.normalized(ref) == line.control_number or ref.lower() == line.id)
        if named or (not ref and line.cpt == svc.cpt):
            candidates.remove(line)
            return line
    return None


def _adjustment(
    payment_id: str, line_payment_id: str | None, line_id: str | None, adjustment: edi835.Adjustment
) -> RemittanceLineAdjustment:
    return RemittanceLineAdjustment(
        id=str(uuid.uuid4()),
        claim_payment_id=payment_id,
        line_payment_id=line_payment_id,
        claim_line_id=line_id,
        group_code=adjustment.group_code[:2],
        carc=adjustment.carc[:5],
        amount=adjustment.amount,
    )


def _post_line(line: ClaimLine, svc: edi835.LinePayment) -> None:
    written_off, patient = split_adjustments(svc.adjustments)
    line.paid_amount += svc.paid
    line.adjustment_amount += written_off
    line.patient_responsibility += patient
    if svc.paid == 0 and patient == 0 and written_off > 0:
        line.denial_carc = next(
            (
                a.carc
                for a in svc.adjustments
                if a.group_code != PATIENT_GROUP and (a.group_code, a.carc) != PRIOR_PAYER_IMPACT
            ),
            None,
        )


async def _adjudicate(
    uow: UnitOfWork,
    claim: Claim,
    lines: list[ClaimLine],
    payment: edi835.ClaimPayment,
    remittance_id: str,
    payment_id: str,
) -> None:
    written_off, patient_share = split_adjustments(
        [*payment.adjustments, *(a for svc in payment.lines for a in svc.adjustments)]
    )
    # The first decision on a secondary claim takes over the patient's share the primary left.
    owed_before = await _owed_after_primary(uow, claim) if claim.adjudicated_at is None else ZERO
    claim.paid_amount += payment.paid
    claim.adjustment_amount += written_off
    claim.patient_responsibility += patient_share
    claim.payer_claim_number = payment.payer_claim_number
    claim.adjudicated_at = utcnow()
    facts = dict(claim_id=claim.id, patient_id=claim.patient_id, location_id=claim.location_id, payer_id=claim.payer_id)
    reason = f"835 payment {payment_id}"
    if claim.status == ClaimStatus.SUBMITTED:  # no 277CA came first: the remittance is the acceptance
        await move(uow, claim, ClaimStatus.ACCEPTED, "billing", reason)
        await uow.emit(ClaimAccepted(**facts), subject=claim.id, location_id=claim.location_id)
    outcomes = [
        LineOutcome(
            line.charge_amount,
            line.paid_amount,
            line.paid_amount == 0 and line.patient_responsibility == 0 and line.adjustment_amount > 0,
        )
        for line in lines
    ]
    if not payment.lines:  # adjudicated at claim level only: the claim is its one line
        outcomes = [LineOutcome(claim.total_charge, payment.paid, payment.paid == 0 and patient_share == 0)]
    status = adjudicated_status(
        outcomes, payer_denied=payment.status_code == PAYER_DENIED and payment.paid == 0 and patient_share == 0
    )
    await move(uow, claim, status, "billing", reason)
    carcs = [
        a.carc
        for a in payment.adjustments
        if a.group_code != PATIENT_GROUP and (a.group_code, a.carc) != PRIOR_PAYER_IMPACT
    ]
    carcs += [line.denial_carc for line in lines if line.denial_carc]
    claim.denial_carc = carcs[0] if carcs and status != ClaimStatus.PAID else None
    if status == ClaimStatus.DENIED:
        await uow.emit(
            ClaimDenied(**facts, carcs=sorted(set(carcs)), remittance_id=remittance_id),
            subject=claim.id,
            location_id=claim.location_id,
        )
    else:
        await uow.emit(
            ClaimPaid(
                **facts,
                status=status,
                total_charge=claim.total_charge,
                paid_amount=claim.paid_amount,
                adjustment_amount=claim.adjustment_amount,
                patient_responsibility=claim.patient_responsibility,
                remittance_id=remittance_id,
            ),
            subject=claim.id,
            location_id=claim.location_id,
        )
    # The patient owes what the last payer to decide left: a secondary's decision replaces the primary's.
    if patient_share - owed_before:
        await ledger.change_patient_balance(
            uow=uow,
            patient_id=claim.patient_id,
            location_id=claim.location_id,
            amount=patient_share - owed_before,
            reason="claim_patient_responsibility",
            source_id=f"remittance_claim_payment:{payment_id}",
        )
    await coordination.open_secondary_claim(uow, claim)
    await coordination.follow_primary(uow, claim)


async def _owed_after_primary(uow: UnitOfWork, claim: Claim) -> Decimal:
    """What the patient already owes for a secondary claim's visit: the primary's patient responsibility."""
    if claim.primary_claim_id is None:
        return ZERO
    return (await uow.session.get(Claim, claim.primary_claim_id)).patient_responsibility
