"""HTTP routes of a location's expenses and monthly budgets."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Response

from services.billing.access import Biller
from services.billing.expenses import service as expenses
from services.billing.expenses.domain import ExpenseCategory
from services.billing.expenses.schemas import BudgetIn, BudgetOut, BudgetReportOut, ExpenseIn, ExpenseOut
from shared.fields import Day
from shared.web import UowDep

router = APIRouter(tags=["expenses"])
MONTH = r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$"  # 1900-01 to 2199-12, as every date (shared.fields)


def _month(value: str) -> Day:
    return date.fromisoformat(f"{value}-01")


@router.post("/locations/{location_id}/expenses", response_model=ExpenseOut, status_code=201)
async def record_expense(
    location_id: str,
    cmd: ExpenseIn,
    uow: UowDep,
    actor: Biller,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=150)] = None,
):
    """Enter an expense of the location (supplies, equipment, rent, payroll, services); a replayed key: 200."""
    expense, created = await expenses.record_expense(
        uow=uow, location_id=location_id, cmd=cmd, actor=actor, idempotency_key=idempotency_key
    )
    if not created:
        response.status_code = 200
    return expense


@router.get("/locations/{location_id}/expenses", response_model=list[ExpenseOut])
async def expenses_of_location(
    location_id: str, start: Day, end: Day, uow: UowDep, actor: Biller, category: ExpenseCategory | None = None
):
    """The location's expenses incurred between two dates (inclusive), oldest first."""
    return await expenses.expenses_of_location(
        uow=uow, location_id=location_id, start=start, end=end, category=category, actor=actor
    )


@router.put("/locations/{location_id}/budgets/{month}/{category}", response_model=BudgetOut)
async def set_budget(
    location_id: str,
    month: Annotated[str, Path(pattern=MONTH)],
    category: ExpenseCategory,
    cmd: BudgetIn,
    uow: UowDep,
    actor: Biller,
):
    """Set the budget of one category for one month (YYYY-MM) at the location."""
    return await expenses.set_budget(
        uow=uow, location_id=location_id, category=category, month=_month(month), amount=cmd.amount, actor=actor
    )


@router.get("/locations/{location_id}/budget-vs-actual", response_model=BudgetReportOut)
async def budget_vs_actual(
    location_id: str,
    start: Annotated[str, Query(pattern=MONTH)],
    end: Annotated[str, Query(pattern=MONTH)],
    uow: UowDep,
    actor: Biller,
):
    """Budget, actual spending and variance per month and category, months start..end (YYYY-MM)."""
    return await expenses.budget_report(
        uow=uow, location_id=location_id, start=_month(start), end=_month(end), actor=actor
    )
