"""Pure pricing rules: a line's charge from a fee schedule, its allowed amount under a payer's contract. No I/O."""

from decimal import Decimal

from services.billing.db import CENT, ZERO


def line_amount(unit_fee: Decimal | None, units: int) -> Decimal:
    """What a line costs under the fee schedule; nothing when the code is not priced (the scrubber says so)."""
    return ZERO if unit_fee is None else (unit_fee * units).quantize(CENT)


def price(schedule: dict[tuple[str, str], Decimal], cpt: str, modifiers: list[str], units: int) -> Decimal:
    """The code with its first priced modifier, else the bare code, times units; 0 when unpriced."""
    for modifier in [*modifiers, ""]:
        if (cpt, modifier) in schedule:
            return line_amount(schedule[(cpt, modifier)], units)
    return line_amount(None, units)


def allowed(
    rates: dict[tuple[str, str], Decimal], cpt: str, modifiers: list[str], units: int
) -> tuple[str, Decimal] | None:
    """(modifier, allowed x units) of the code with its first contracted modifier, else the bare code; None unknown."""
    for modifier in [*modifiers, ""]:
        if (cpt, modifier) in rates:
            return modifier, line_amount(rates[(cpt, modifier)], units)
    return None
