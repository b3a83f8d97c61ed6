"""The expense ledger of each location: entered by hand or booked from received purchase orders."""

import uuid
from datetime import date

from sqlalchemy import select

from services.billing.balances import CENT
from services.billing.ledger_domain import ExpenseCategory
from services.billing.ledger_models import Expense
from services.billing.ledger_schemas import ExpenseIn
from shared.auth import Principal
from shared.contracts.facilities import PurchaseOrderReceived
from shared.db import insert_on_conflict
from shared.clock import utcnow
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


async def record_expense(*, uow: UnitOfWork, location_id: str, cmd: ExpenseIn, actor: Principal,
                         idempotency_key: str | None = None) -> tuple[Expense, bool]:
    """Enter one expense of a location by hand; a replayed key returns the first one, (expense, False)."""
    actor.ensure_location(location_id)
    source_ref = f"manual:{location_id}:{idempotency_key}" if idempotency_key else None
    expense_id = str(uuid.uuid4())
    async with uow:
        inserted = await uow.session.execute(insert_on_conflict(uow.session, Expense).values(
            id=expense_id, location_id=location_id, source_ref=source_ref, recorded_by=actor.sub,
            recorded_at=utcnow(), **cmd.model_dump(mode="python"),
        ).on_conflict_do_nothing(index_elements=["source_ref"]))
        if inserted.rowcount == 1:
            return await uow.session.get(Expense, expense_id), True
        return await uow.session.scalar(select(Expense).where(Expense.source_ref == source_ref)), False


async def book_purchase_order(*, uow: UnitOfWork, event: PurchaseOrderReceived) -> None:
    """A received purchase order is a supplies expense, booked once per receipt (inside the consumer's transaction)."""
    if event.total <= 0:
        return  # free goods: nothing was spent (the amount check would only dead-letter it)
    receipt = event.receipt_id or f"{event.purchase_order_id}:{event.received_on.isoformat()}"
    await uow.session.execute(
        insert_on_conflict(uow.session, Expense).values(
            id=str(uuid.uuid4()), location_id=event.location_id, category=ExpenseCategory.SUPPLIES.value,
            amount=event.total.quantize(CENT), incurred_on=event.received_on,
            description=f"purchase order {event.purchase_order_id}", vendor=event.vendor[:200],
            source_ref=f"purchase_order_receipt:{receipt}", recorded_by="facilities", recorded_at=utcnow(),
        ).on_conflict_do_nothing(index_elements=["source_ref"])
    )


async def expenses_of_location(*, uow: UnitOfWork, location_id: str, start: date, end: date,
                               category: ExpenseCategory | None, actor: Principal) -> list[Expense]:
    """A location's expenses incurred in [start, end], oldest first."""
    actor.ensure_location(location_id)
    if end < start:
        raise Unprocessable("end is before start", field="end")
    query = select(Expense).where(Expense.location_id == location_id, Expense.incurred_on >= start,
                                  Expense.incurred_on <= end)
    if category:
        query = query.where(Expense.category == category.value)
    async with uow:
        return list((await uow.session.scalars(query.order_by(Expense.incurred_on, Expense.recorded_at))).all())
