"""What can be booked: a provider's bookability now, open slots over a date range."""

from datetime import datetime

from services.scheduling.projection_service import bookability
from services.scheduling.schemas import BookabilityOut
from shared.auth import Principal
from shared.errors import DomainError
from shared.uow import UnitOfWork


async def provider_bookability(*, uow: UnitOfWork, staff_id: str, location_id: str, start: datetime,
                               end: datetime, actor: Principal) -> BookabilityOut:
    """Whether the provider can be booked at the location for [start, end), and if not, why."""
    actor.ensure_location(location_id)
    if end <= start:
        raise DomainError("end must be after start", field="end")
    async with uow:
        reasons = await bookability(session=uow.session, staff_id=staff_id, location_id=location_id,
                                    start=start, end=end)
    return BookabilityOut(bookable=not reasons, reasons=reasons)
