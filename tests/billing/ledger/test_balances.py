"""change_patient_balance: the interface billing-core posts patient responsibility through."""

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from services.billing.ledger.models import PatientLedgerEntry
from services.billing.ledger.service import balance_of, change_patient_balance
from shared.errors import Unprocessable


async def test_entries_add_up_and_a_source_is_booked_once(new_uow):
    moves = [("10.10", "835:a"), ("-3.05", "payment:b"), ("10.10", "835:a"), ("0.01", "835:c")]
    for amount, source in moves:
        async with new_uow() as uow:
            await change_patient_balance(
                uow=uow, patient_id="p1", location_id="loc-a", amount=Decimal(amount), reason="test", source_id=source
            )
    async with new_uow() as uow:
        assert await balance_of(uow=uow, patient_id="p1", location_id="loc-a") == Decimal("7.06")
        assert await balance_of(uow=uow, patient_id="p1", location_id="loc-b") == Decimal("0.00")
        entries = (await uow.session.scalars(select(PatientLedgerEntry).order_by(PatientLedgerEntry.seq))).all()
        assert [(e.seq, e.amount, e.balance_after) for e in entries] == [
            (1, Decimal("10.10"), Decimal("10.10")),
            (2, Decimal("-3.05"), Decimal("7.05")),
            (3, Decimal("0.01"), Decimal("7.06")),
        ]
        events = (await uow.session.execute(text("SELECT payload FROM outbox ORDER BY id"))).scalars().all()
    assert [json.loads(p)["balance"] for p in events] == ["10.10", "7.05", "7.06"]


async def test_fractions_of_a_cent_are_refused(new_uow):
    with pytest.raises(Unprocessable):
        async with new_uow() as uow:
            await change_patient_balance(
                uow=uow, patient_id="p1", location_id="loc-a", amount=Decimal("0.005"), reason="test", source_id="x"
            )
    async with new_uow() as uow:
        assert await uow.session.scalar(select(func.count()).select_from(PatientLedgerEntry)) == 0
