"""The expense ledger of each location (entered by hand or booked from received purchase orders) and its budgets."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from services.billing.db import CENT
from services.billing.expenses.domain import ExpenseCategory, budget_vs_actual, month_start, next_month
from services.billing.expenses.models import Budget, Expense
from services.billing.expenses.schemas import BudgetReportOut, ExpenseIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.facilities import PurchaseOrderReceived
from shared.contracts.inbox import SupplierInvoiceApproved
from shared.db import insert_on_conflict
from shared.errors import Conflict, Unprocessable
from shared.uow import UnitOfWork


async def record_expense(
    *, uow: UnitOfWork, location_id: str, cmd: ExpenseIn, actor: Principal, idempotency_key: str | None = None
) -> tuple[Expense, bool]:
    """Enter one expense of a location by hand; a replayed key returns the first one, (expense, False)."""
    actor.ensure_location(location_id)
    source_ref = f"manual:{location_id}:{idempotency_key}" if idempotency_key else None
    expense_id = str(uuid.uuid4())
    async with uow:
        inserted = await uow.session.execute(
            insert_on_conflict(uow.session, Expense)
            .values(
                id=expense_id,
                location_id=location_id,
                source_ref=source_ref,
                recorded_by=actor.sub,
                recorded_at=utcnow(),
                **cmd.model_dump(mode="python"),
            )
            .on_conflict_do_nothing(index_elements=["source_ref"])
        )
        if inserted.rowcount == 1:
            return await uow.session.get(Expense, expense_id), True
        earlier = await uow.session.scalar(select(Expense).where(Expense.source_ref == source_ref))
        if {k: getattr(earlier, k) for k in cmd.model_fields} != cmd.model_dump(mode="python"):
            raise Conflict(f"idempotency key {idempotency_key!r} was used for another expense", field="Idempotency-Key")
        return earlier, False


async def book_purchase_order(*, uow: UnitOfWork, event: PurchaseOrderReceived) -> None:
    """A received purchase order is a supplies expense, booked once per receipt (inside the consumer's transaction)."""
    if event.total <= 0:
        return  # free goods: nothing was spent (the amount check would only dead-letter it)
    receipt = event.receipt_id or f"{event.purchase_order_id}:{event.received_on.isoformat()}"
    await uow.session.execute(
        insert_on_conflict(uow.session, Expense)
        .values(
            id=str(uuid.uuid4()),
            location_id=event.location_id,
            category=ExpenseCategory.SUPPLIES.value,
            amount=event.total.quantize(CENT),
            incurred_on=event.received_on,
            description=f"purchase order {event.purchase_order_id}",
            vendor=event.vendor[:200],
            source_ref=f"purchase_order_receipt:{receipt}",
            recorded_by="facilities",
            recorded_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["source_ref"])
    )


async def book_supplier_invoice(*, uow: UnitOfWork, event: SupplierInvoiceApproved) -> None:
    """An approved supplier invoice books what its receipts did not, once per invoice id (in the consumer).

    The receipts booked the goods at the order's price; the invoice adds its tax, charges and price difference
    (less, for a discount: a negative adjustment), so the location's spending is the invoice's total, once.
    """
    amount = (event.total - event.accrued).quantize(CENT)
    if amount == 0:
        return  # the receipts booked every cent already (the amount check would only dead-letter it)
    category = event.category if event.category in {c.value for c in ExpenseCategory} else ExpenseCategory.SUPPLIES
    remainder = " over its receipts" if event.accrued else ""
    await uow.session.execute(
        insert_on_conflict(uow.session, Expense)
        .values(
            id=str(uuid.uuid4()),
            location_id=event.location_id,
            category=str(category),
            amount=amount,
            incurred_on=event.issued_on,
            description=f"invoice {event.invoice_number}{remainder} (purchase order {event.purchase_order_id})"[:200],
            vendor=event.vendor[:200],
            # The unique source_ref is the database's guarantee: one expense per invoice, whatever replays it.
            source_ref=f"supplier_invoice:{event.invoice_id}",
            recorded_by="inbox",
            recorded_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["source_ref"])
    )


async def expenses_of_location(
    *, uow: UnitOfWork, location_id: str, start: date, end: date, category: ExpenseCategory | None, actor: Principal
) -> list[Expense]:
    """A location's expenses incurred in [start, end], oldest first."""
    actor.ensure_location(location_id)
    if end < start:
        raise Unprocessable("end is before start", field="end")
    query = select(Expense).where(
        Expense.location_id == location_id, Expense.incurred_on >= start, Expense.incurred_on <= end
    )
    if category:
        query = query.where(Expense.category == category.value)
    async with uow:
        return list((await uow.session.scalars(query.order_by(Expense.incurred_on, Expense.recorded_at))).all())


async def set_budget(
    *, uow: UnitOfWork, location_id: str, category: ExpenseCategory, month: date, amount: Decimal, actor: Principal
) -> Budget:
    """Set (or replace) the budget of one category at one location for one month."""
    actor.ensure_location(location_id)
    month, now = month_start(month), utcnow()
    async with uow:
        statement = insert_on_conflict(uow.session, Budget).values(
            id=str(uuid.uuid4()),
            location_id=location_id,
            category=category.value,
            month=month,
            amount=amount,
            updated_at=now,
        )
        await uow.session.execute(
            statement.on_conflict_do_update(
                index_elements=["location_id", "category", "month"],
                set_={"amount": statement.excluded.amount, "updated_at": now},
            )
        )
        return await uow.session.scalar(
            select(Budget)
            .where(Budget.location_id == location_id, Budget.category == category.value, Budget.month == month)
            .execution_options(populate_existing=True)
        )


async def budget_report(
    *, uow: UnitOfWork, location_id: str, start: date, end: date, actor: Principal
) -> BudgetReportOut:
    """Budget against actual spending per month and category, months start..end inclusive."""
    actor.ensure_location(location_id)
    first, last = month_start(start), month_start(end)
    if last < first:
        raise Unprocessable("end is before start", field="end")
    async with uow:
        budgets = {
            (b.month, b.category): b.amount
            for b in (
                await uow.session.scalars(
                    select(Budget).where(Budget.location_id == location_id, Budget.month >= first, Budget.month <= last)
                )
            ).all()
        }
        spent = (
            await uow.session.execute(
                select(Expense.incurred_on, Expense.category, Expense.amount).where(
                    Expense.location_id == location_id,
                    Expense.incurred_on >= first,
                    Expense.incurred_on < next_month(last),
                )
            )
        ).all()
    actuals: dict[tuple[date, str], Decimal] = {}
    for incurred_on, category, amount in spent:
        key = (month_start(incurred_on), category)
        actuals[key] = actuals.get(key, Decimal("0.00")) + amount
    lines = budget_vs_actual(budgets, actuals)
    total_budget = sum((line.budget for line in lines), Decimal("0.00"))
    total_actual = sum((line.actual for line in lines), Decimal("0.00"))
    return BudgetReportOut(
        location_id=location_id,
        start=f"{first:%Y-%m}",
        end=f"{last:%Y-%m}",
        lines=[
            dict(
                month=f"{line.month:%Y-%m}",
                category=line.category,
                budget=line.budget,
                actual=line.actual,
                variance=line.variance,
            )
            for line in lines
        ],
        total_budget=total_budget,
        total_actual=total_actual,
        total_variance=total_budget - total_actual,
    )
