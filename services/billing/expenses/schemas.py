"""HTTP models of expenses and budgets."""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.billing.expenses.domain import ExpenseCategory
from shared.fields import Day

# An expense's own bound (today the same as a payment's, in ledger/schemas.py).
Amount = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]


class ExpenseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: ExpenseCategory
    amount: Amount
    incurred_on: Day
    description: str = Field(min_length=1, max_length=200)
    vendor: str | None = Field(None, max_length=200)


class ExpenseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    location_id: str
    category: str
    amount: Decimal
    incurred_on: Day
    description: str
    vendor: str | None
    source_ref: str | None
    recorded_by: str


class BudgetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class BudgetOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    location_id: str
    category: str
    month: Day
    amount: Decimal


class BudgetLineOut(BaseModel):
    month: str
    category: str
    budget: Decimal
    actual: Decimal
    variance: Decimal


class BudgetReportOut(BaseModel):
    location_id: str
    start: str
    end: str
    lines: list[BudgetLineOut]
    total_budget: Decimal
    total_actual: Decimal
    total_variance: Decimal
