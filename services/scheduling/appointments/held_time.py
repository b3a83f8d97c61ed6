"""Time held outside appointments: the waitlist holds freed time for a waiting patient until they answer.

Booking and slot search respect those holds, and time an appointment frees goes to the waitlist in the
transaction that freed it. The waitlist books through appointments, so appointments cannot import it:
the service root plugs it in here (app.py), as it plugs event handlers into the consumer.
"""

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select

from shared.uow import UnitOfWork


@dataclass(frozen=True)
class Holder:
    """Who holds time: a query of their live holds, and what they do with freed time."""

    live_holds: Callable[[Collection[str], datetime, datetime], Select]  # rows: provider_id, start, end, expires_at
    offer_freed_slot: Callable[..., Awaitable[object]]


_holder: Holder | None = None


def plug_in(holder: Holder) -> None:
    """Make `holder` the one whose holds count; the service root does this before serving."""
    global _holder
    _holder = holder


def live_holds(provider_ids: Collection[str], start: datetime, end: datetime) -> Select:
    """Holds still keeping some of the providers' time in [start, end): nobody else books it."""
    return _plugged().live_holds(provider_ids, start, end)


async def offer_freed_slot(
    *, uow: UnitOfWork, location_id: str, provider_id: str, room_id: str | None, start: datetime, end: datetime
) -> None:
    """Offer [start, end), freed in the caller's transaction, to whoever holds time."""
    await _plugged().offer_freed_slot(
        uow=uow, location_id=location_id, provider_id=provider_id, room_id=room_id, start=start, end=end
    )


def _plugged() -> Holder:
    if _holder is None:  # loud: a booking that ignored the waitlist's holds would double-book held time
        raise RuntimeError("nothing holds time yet: services.scheduling.app.create_app plugs in the waitlist")
    return _holder
