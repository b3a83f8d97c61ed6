"""Pure rules of expenses and budgets: categories, months, budget against actual. No I/O."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.billing.db import ZERO


class ExpenseCategory(StrEnum):
    SUPPLIES = "supplies"
    EQUIPMENT = "equipment"
    RENT = "rent"
    PAYROLL = "payroll"
    SERVICES = "services"


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


@dataclass(frozen=True)
class BudgetLine:
    month: date
    category: str
    budget: Decimal
    actual: Decimal

    @property
    def variance(self) -> Decimal:
        """Positive: under budget; negative: overspent."""
        return self.budget - self.actual


def budget_vs_actual(
    budgets: dict[tuple[date, str], Decimal], actuals: dict[tuple[date, str], Decimal]
) -> list[BudgetLine]:
    """One line per (month, category) that has a budget or spending, in order."""
    keys = sorted(set(budgets) | set(actuals))
    return [
        BudgetLine(month, category, budgets.get((month, category), ZERO), actuals.get((month, category), ZERO))
        for month, category in keys
    ]
