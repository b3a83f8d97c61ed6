"""Monthly budgets per location and category, and how spending compares with them."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from services.billing.ledger_domain import ExpenseCategory, budget_vs_actual, month_start, next_month
from services.billing.ledger_models import Budget, Expense
from services.billing.ledger_schemas import BudgetReportOut
from shared.auth import Principal
from shared.db import insert_on_conflict
from shared.clock import utcnow
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


async def set_budget(*, uow: UnitOfWork, location_id: str, category: ExpenseCategory, month: date,
                     amount: Decimal, actor: Principal) -> Budget:
    """Set (or replace) the budget of one category at one location for one month."""
    actor.ensure_location(location_id)
    month, now = month_start(month), utcnow()
    async with uow:
        statement = insert_on_conflict(uow.session, Budget).values(
            id=str(uuid.uuid4()), location_id=location_id, category=category.value, month=month,
            amount=amount, updated_at=now)
        await uow.session.execute(statement.on_conflict_do_update(
            index_elements=["location_id", "category", "month"],
            set_={"amount": statement.excluded.amount, "updated_at": now}))
        return await uow.session.scalar(select(Budget).where(
            Budget.location_id == location_id, Budget.category == category.value, Budget.month == month)
            .execution_options(populate_existing=True))


async def budget_report(*, uow: UnitOfWork, location_id: str, start: date, end: date,
                        actor: Principal) -> BudgetReportOut:
    """Budget against actual spending per month and category, months start..end inclusive."""
    actor.ensure_location(location_id)
    first, last = month_start(start), month_start(end)
    if last < first:
        raise Unprocessable("end is before start", field="end")
    async with uow:
        budgets = {(b.month, b.category): b.amount for b in (await uow.session.scalars(select(Budget).where(
            Budget.location_id == location_id, Budget.month >= first, Budget.month <= last))).all()}
        spent = (await uow.session.execute(
            select(Expense.incurred_on, Expense.category, Expense.amount)
            .where(Expense.location_id == location_id, Expense.incurred_on >= first,
                   Expense.incurred_on < next_month(last))
        )).all()
    actuals: dict[tuple[date, str], Decimal] = {}
    for incurred_on, category, amount in spent:
        key = (month_start(incurred_on), category)
        actuals[key] = actuals.get(key, Decimal("0.00")) + amount
    lines = budget_vs_actual(budgets, actuals)
    total_budget = sum((line.budget for line in lines), Decimal("0.00"))
    total_actual = sum((line.actual for line in lines), Decimal("0.00"))
    return BudgetReportOut(
        location_id=location_id, start=f"{first:%Y-%m}", end=f"{last:%Y-%m}",
        lines=[dict(month=f"{line.month:%Y-%m}", category=line.category, budget=line.budget,
                    actual=line.actual, variance=line.variance) for line in lines],
        total_budget=total_budget, total_actual=total_actual, total_variance=total_budget - total_actual,
    )
