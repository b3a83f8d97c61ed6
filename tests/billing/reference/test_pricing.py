"""Pure pricing rules: a line's charge from the fee schedule, its allowed amount under a payer's contract."""

from decimal import Decimal

from services.billing.reference.domain import allowed, line_amount

D = Decimal


def test_line_amount_is_fee_times_units_and_zero_when_unpriced():
    assert line_amount(Decimal("12.35"), 3) == Decimal("37.05")
    assert line_amount(None, 2) == Decimal("0.00")


def test_contracted_rate_by_modifier_then_bare_code_times_units():
    rates = {("83036", "QW"): D("40.00"), ("99213", ""): D("100.00")}
    assert allowed(rates, "83036", ["QW"], 2) == ("QW", D("80.00"))
    assert allowed(rates, "99213", ["25"], 1) == ("", D("100.00"))
    assert allowed(rates, "83036", [], 1) is None
