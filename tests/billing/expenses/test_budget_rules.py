"""Pure rules of budgets: budget against actual per month and category, and months."""

from datetime import date
from decimal import Decimal as D

from services.billing.expenses.domain import budget_vs_actual, month_start, next_month


def test_budget_against_actual_has_every_month_and_category_with_variance():
    dec, jan = date(2031, 12, 1), date(2032, 1, 1)
    lines = budget_vs_actual(
        {(dec, "rent"): D("4500.00"), (jan, "supplies"): D("200.00")},
        {(dec, "rent"): D("4500.01"), (dec, "supplies"): D("12.34")},
    )
    assert [(ln.month, ln.category, ln.budget, ln.actual, ln.variance) for ln in lines] == [
        (dec, "rent", D("4500.00"), D("4500.01"), D("-0.01")),
        (dec, "supplies", D("0.00"), D("12.34"), D("-12.34")),
        (jan, "supplies", D("200.00"), D("0.00"), D("200.00")),
    ]


def test_months():
    assert month_start(date(2031, 12, 31)) == date(2031, 12, 1)
    assert next_month(date(2031, 12, 1)) == date(2032, 1, 1)
    assert next_month(date(2032, 1, 1)) == date(2032, 2, 1)
