"""Patient balances: every movement is a ledger entry, the balance row moves with it."""

import uuid
from decimal import Decimal

from sqlalchemy import select, update

from services.billing.db import CENT
from services.billing.ledger.models import PatientBalance, PatientLedgerEntry
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.billing import BalanceChanged
from shared.db import insert_on_conflict
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


async def change_patient_balance(
    *, uow: UnitOfWork, patient_id: str, location_id: str, amount: Decimal, reason: str, source_id: str
) -> None:
    """Book `amount` on the patient's balance once per `source_id` (inside the caller's transaction)."""
    amount = Decimal(amount)
    if amount != amount.quantize(CENT):
        raise Unprocessable(f"amount {amount} has fractions of a cent", field="amount")
    now = utcnow()
    await uow.session.execute(
        insert_on_conflict(uow.session, PatientBalance)
        .values(patient_id=patient_id, location_id=location_id, balance=Decimal("0.00"), entries=0, updated_at=now)
        .on_conflict_do_nothing()
    )
    # The UPDATE takes the balance row's lock first, so concurrent postings of one account
    # queue here and each entry's balance_after is the true running total.
    balance, seq = (
        await uow.session.execute(
            update(PatientBalance)
            .where(PatientBalance.patient_id == patient_id, PatientBalance.location_id == location_id)
            .values(balance=PatientBalance.balance + amount, entries=PatientBalance.entries + 1, updated_at=now)
            .returning(PatientBalance.balance, PatientBalance.entries)
        )
    ).one()
    booked = await uow.session.execute(
        insert_on_conflict(uow.session, PatientLedgerEntry)
        .values(
            id=str(uuid.uuid4()),
            source_id=source_id,
            patient_id=patient_id,
            location_id=location_id,
            seq=seq,
            amount=amount,
            balance_after=balance,
            reason=reason,
            posted_at=utcnow(),  # read under the account's lock: posting times follow seq
        )
        .on_conflict_do_nothing(index_elements=["source_id"])
    )
    if booked.rowcount != 1:
        # Already booked: undo the move (same transaction, row still locked by us).
        await uow.session.execute(
            update(PatientBalance)
            .where(PatientBalance.patient_id == patient_id, PatientBalance.location_id == location_id)
            .values(balance=PatientBalance.balance - amount, entries=PatientBalance.entries - 1)
        )
        return
    await uow.emit(
        BalanceChanged(
            patient_id=patient_id,
            location_id=location_id,
            amount=amount,
            balance=balance,
            reason=reason,
            source_id=source_id,
        ),
        subject=patient_id,
        location_id=location_id,
    )


async def balance_of(*, uow: UnitOfWork, patient_id: str, location_id: str) -> Decimal:
    """The patient's current balance at a location (zero when nothing was ever booked)."""
    balance = await uow.session.scalar(
        select(PatientBalance.balance).where(
            PatientBalance.patient_id == patient_id, PatientBalance.location_id == location_id
        )
    )
    return balance if balance is not None else Decimal("0.00")


async def current_balance(*, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, location_id: str, actor: Principal):
    """The patient's balance at a location now (audited, a refusal too)."""
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="read", resource="Balance", resource_id=None, patient_id=patient_id, location_id=location_id
        )
        balance = await balance_of(uow=uow, patient_id=patient_id, location_id=location_id)
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Balance",
            resource_id=None,
            patient_id=patient_id,
            location_id=location_id,
        )
    return {"patient_id": patient_id, "location_id": location_id, "balance": balance}
