"""Prices from a location's fee schedule."""

from decimal import Decimal

from sqlalchemy import select

from services.billing.domain import line_amount
from services.billing.models import ContractedRate, FeeScheduleEntry
from shared.uow import UnitOfWork


async def fees(uow: UnitOfWork, location_id: str, cpts: set[str]) -> dict[tuple[str, str], Decimal]:
    """The location's prices of these codes, by (code, modifier)."""
    rows = await uow.session.scalars(select(FeeScheduleEntry).where(FeeScheduleEntry.location_id == location_id,
                                                                     FeeScheduleEntry.cpt.in_(cpts)))
    return {(row.cpt, row.modifier): row.amount for row in rows}


def price(schedule: dict[tuple[str, str], Decimal], cpt: str, modifiers: list[str], units: int) -> Decimal:
    """The code with its first priced modifier, else the bare code, times units; 0 when unpriced."""
    for modifier in [*modifiers, ""]:
        if (cpt, modifier) in schedule:
            return line_amount(schedule[(cpt, modifier)], units)
    return line_amount(None, units)


async def contracted(uow: UnitOfWork, payer_id: str, cpts: set[str]) -> dict[tuple[str, str], Decimal]:
    """The payer's contracted allowed amounts of these codes, by (code, modifier)."""
    rows = await uow.session.scalars(select(ContractedRate).where(ContractedRate.payer_id == payer_id,
                                                                   ContractedRate.cpt.in_(cpts)))
    return {(row.cpt, row.modifier): row.allowed_amount for row in rows}


def allowed(rates: dict[tuple[str, str], Decimal], cpt: str, modifiers: list[str],
            units: int) -> tuple[str, Decimal] | None:
    """(modifier, allowed x units) of the code with its first contracted modifier, else the bare code; None unknown."""
    for modifier in [*modifiers, ""]:
        if (cpt, modifier) in rates:
            return modifier, line_amount(rates[(cpt, modifier)], units)
    return None
