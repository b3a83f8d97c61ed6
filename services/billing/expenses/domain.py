"""Pure rules of billing's money side: statements, budgets, aging and report roll-ups. No I/O."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal("0.00")


class PaymentMethod(StrEnum):
    CARD = "card"
    CASH = "cash"
    CHECK = "check"


class PaymentKind(StrEnum):
    COPAY = "copay"
    PAYMENT = "payment"


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


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def local_days(start: date, end: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The local days start..end as a UTC window [first midnight, the midnight after the last day)."""
    return (datetime.combine(start, time(0), tzinfo=zone).astimezone(UTC),
            datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC))


@dataclass(frozen=True)
class StatementLine:
    seq: int
    amount: Decimal
    balance_after: Decimal


def reconcile(opening: Decimal, lines: list[StatementLine]) -> Decimal:
    """The closing balance; raises if any running balance disagrees with the sum of the moves."""
    running = opening
    for line in lines:
        running += line.amount
        if running != line.balance_after:
            raise ValueError(f"ledger line {line.seq} does not reconcile: {running} != {line.balance_after}")
    return running


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


def budget_vs_actual(budgets: dict[tuple[date, str], Decimal],
                     actuals: dict[tuple[date, str], Decimal]) -> list[BudgetLine]:
    """One line per (month, category) that has a budget or spending, in order."""
    keys = sorted(set(budgets) | set(actuals))
    return [BudgetLine(month, category, budgets.get((month, category), ZERO), actuals.get((month, category), ZERO))
            for month, category in keys]
