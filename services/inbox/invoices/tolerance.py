"""The practice's price tolerance: how far a billed unit price may stray from the order's and still match."""

from decimal import Decimal

from services.inbox.invoices.models import InvoiceSettings
from services.inbox.invoices.schemas import ToleranceOut
from shared.clock import utcnow
from shared.db import insert_on_conflict
from shared.uow import UnitOfWork

PRACTICE = "practice"
DEFAULT_BP = 200  # 2%: until the office manager sets one


async def current_percent(uow: UnitOfWork) -> Decimal:
    """The tolerance in percent, inside the caller's transaction."""
    row = await uow.session.get(InvoiceSettings, PRACTICE)
    return _percent(row.price_tolerance_bp if row else DEFAULT_BP)


async def get_tolerance(*, uow: UnitOfWork) -> ToleranceOut:
    """The tolerance and who set it last."""
    async with uow:
        row = await uow.session.get(InvoiceSettings, PRACTICE)
    if row is None:
        return ToleranceOut(price_tolerance_percent=_percent(DEFAULT_BP), updated_by=None, updated_at=None)
    return ToleranceOut(
        price_tolerance_percent=_percent(row.price_tolerance_bp), updated_by=row.updated_by, updated_at=row.updated_at
    )


async def set_tolerance(*, uow: UnitOfWork, percent: Decimal, actor: str) -> ToleranceOut:
    """Set the practice's tolerance; invoices matched from now on use it."""
    now, basis_points = utcnow(), int(percent * 100)
    async with uow:
        statement = insert_on_conflict(uow.session, InvoiceSettings).values(
            id=PRACTICE, price_tolerance_bp=basis_points, updated_by=actor, updated_at=now
        )
        await uow.session.execute(
            statement.on_conflict_do_update(
                index_elements=["id"], set_={"price_tolerance_bp": basis_points, "updated_by": actor, "updated_at": now}
            )
        )
    return ToleranceOut(price_tolerance_percent=_percent(basis_points), updated_by=actor, updated_at=now)


def _percent(basis_points: int) -> Decimal:
    return (Decimal(basis_points) / 100).quantize(Decimal("0.01"))
