"""Patient payments and refunds: each one a ledger entry, an event, and nothing twice."""

import uuid

from sqlalchemy import select, update

from services.billing.ledger.models import Payment, Refund
from services.billing.ledger.schemas import PaymentIn, RefundIn
from services.billing.ledger.service import change_patient_balance
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.billing import PaymentPosted
from shared.db import insert_on_conflict
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork


async def post_payment(
    *, uow: UnitOfWork, new_uow: UowFactory, cmd: PaymentIn, actor: Principal, idempotency_key: str | None
) -> tuple[Payment, bool]:
    """Record a payment once per idempotency key; (payment, True) when this call created it."""
    key = idempotency_key or cmd.client_reference
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor,
            action="create",
            resource="Payment",
            resource_id=None,
            patient_id=cmd.patient_id,
            location_id=cmd.location_id,
        )
        if not key:
            raise Unprocessable("send an Idempotency-Key header or a client_reference", field="Idempotency-Key")
        payment_id = str(uuid.uuid4())
        values = cmd.model_dump(exclude={"client_reference"}) | dict(
            id=payment_id, idempotency_key=key, refunded_amount=0, received_at=utcnow(), posted_by=actor.sub
        )
        inserted = await uow.session.execute(
            insert_on_conflict(uow.session, Payment)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
        )
        if inserted.rowcount != 1:
            return await _replayed(uow, key, cmd), False
        payment = await uow.session.get(Payment, payment_id)
        await change_patient_balance(
            uow=uow,
            patient_id=payment.patient_id,
            location_id=payment.location_id,
            amount=-payment.amount,
            reason=payment.kind,
            source_id=f"payment:{payment.id}",
        )
        await uow.emit(
            PaymentPosted(
                payment_id=payment.id,
                patient_id=payment.patient_id,
                location_id=payment.location_id,
                appointment_id=payment.appointment_id,
                kind=payment.kind,
                method=payment.method,
                amount=payment.amount,
                received_at=payment.received_at,
            ),
            subject=payment.id,
            location_id=payment.location_id,
        )
        await _audit(uow, actor, "create", "Payment", payment)
    return payment, True


async def _replayed(uow: UnitOfWork, key: str, cmd: PaymentIn) -> Payment:
    payment = await uow.session.scalar(select(Payment).where(Payment.idempotency_key == key))
    same = (payment.patient_id, payment.location_id, payment.amount, payment.method) == (
        cmd.patient_id,
        cmd.location_id,
        cmd.amount,
        cmd.method,
    )
    if not same:
        raise Conflict(f"idempotency key {key!r} was used for another payment", field="Idempotency-Key")
    return payment


async def refund_payment(
    *,
    uow: UnitOfWork,
    new_uow: UowFactory,
    payment_id: str,
    cmd: RefundIn,
    actor: Principal,
    idempotency_key: str | None = None,
) -> tuple[Refund, bool]:
    """Give back part or all of a payment, never more than is left of it; (refund, True) when this call did."""
    async with audit_denials(new_uow), uow:
        payment = await _load(uow, payment_id, actor, "create", "Refund")
        refund_id = str(uuid.uuid4())
        # The refund row first: a replayed key waits here for its twin and then finds it.
        inserted = await uow.session.execute(
            insert_on_conflict(uow.session, Refund)
            .values(
                id=refund_id,
                idempotency_key=idempotency_key,
                payment_id=payment_id,
                amount=cmd.amount,
                reason=cmd.reason,
                refunded_at=utcnow(),
                refunded_by=actor.sub,
            )
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
        )
        if inserted.rowcount != 1:
            return await _replayed_refund(uow, idempotency_key, payment_id, cmd), False
        # Conditional update: concurrent refunds queue on the payment row and re-check the limit.
        refunded = await uow.session.execute(
            update(Payment)
            .where(Payment.id == payment_id, Payment.refunded_amount + cmd.amount <= Payment.amount)
            .values(refunded_amount=Payment.refunded_amount + cmd.amount)
            .returning(Payment.refunded_amount)
        )
        if refunded.first() is None:
            await uow.session.refresh(payment)
            refundable = payment.amount - payment.refunded_amount
            raise Conflict(
                f"refund of {cmd.amount} exceeds the {refundable} left of payment {payment_id}",
                field="amount",
                refundable=str(refundable),
            )
        await change_patient_balance(
            uow=uow,
            patient_id=payment.patient_id,
            location_id=payment.location_id,
            amount=cmd.amount,
            reason="refund",
            source_id=f"refund:{refund_id}",
        )
        await _audit(uow, actor, "create", "Refund", payment)
        refund = await uow.session.get(Refund, refund_id)
    return refund, True


async def _replayed_refund(uow: UnitOfWork, key: str, payment_id: str, cmd: RefundIn) -> Refund:
    refund = await uow.session.scalar(select(Refund).where(Refund.idempotency_key == key))
    if (refund.payment_id, refund.amount) != (payment_id, cmd.amount):
        raise Conflict(f"idempotency key {key!r} was used for another refund", field="Idempotency-Key")
    return refund


async def get_payment(*, uow: UnitOfWork, new_uow: UowFactory, payment_id: str, actor: Principal) -> Payment:
    """One payment, with what was refunded of it (audited, a refusal too)."""
    async with audit_denials(new_uow), uow:
        payment = await _load(uow, payment_id, actor, "read", "Payment")
        await _audit(uow, actor, "read", "Payment", payment)
    return payment


async def payments_of_patient(
    *, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, location_id: str, actor: Principal
) -> list[Payment]:
    """A patient's payments at a location, newest first (audited, a refusal too)."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="read", resource="Payment", resource_id=None, patient_id=patient_id, location_id=location_id
        )
        payments = list(
            (
                await uow.session.scalars(
                    select(Payment)
                    .where(Payment.patient_id == patient_id, Payment.location_id == location_id)
                    .order_by(Payment.received_at.desc())
                )
            ).all()
        )
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Payment",
            resource_id=None,
            patient_id=patient_id,
            location_id=location_id,
        )
    return payments


async def _load(uow: UnitOfWork, payment_id: str, actor: Principal, action: str, resource: str) -> Payment:
    payment = await uow.session.get(Payment, payment_id)
    if payment is None:
        raise NotFound(f"no payment {payment_id}", field="payment_id")
    ensure_phi_access(
        actor,
        action=action,
        resource=resource,
        resource_id=payment.id,
        patient_id=payment.patient_id,
        location_id=payment.location_id,
    )
    return payment


async def _audit(uow: UnitOfWork, actor: Principal, action: str, resource: str, payment: Payment) -> None:
    await record_phi_access(
        uow,
        actor=actor,
        action=action,
        resource=resource,
        resource_id=payment.id,
        patient_id=payment.patient_id,
        location_id=payment.location_id,
    )
