"""What staff learns from facilities: each location's name, state and timezone; and reading it back."""

from services.staff.projections.models import Location
from shared.contracts import facilities as fac
from shared.envelope import Envelope
from shared.errors import Unprocessable
from shared.projection import newer_snapshot
from shared.uow import UnitOfWork


async def on_location_opened(*, uow: UnitOfWork, event: fac.LocationOpened, envelope: Envelope) -> None:
    """Record a location, or replace it with this snapshot (also handles `.updated`)."""
    location = await newer_snapshot(uow, Location, event.location_id, envelope)
    if location is not None:
        location.name, location.state, location.timezone = event.name, event.state, event.timezone


on_location_updated = on_location_opened


async def known_location(uow: UnitOfWork, location_id: str) -> Location:
    """The location as facilities announced it; 422 until staff has heard of it."""
    location = await uow.session.get(Location, location_id)
    if location is None:
        raise Unprocessable(f"location {location_id} is not known to staff yet", field="location_id")
    return location


async def timezone_of(uow: UnitOfWork, location_id: str) -> str:
    """The location's timezone; UTC while facilities' announcement of it is still on its way."""
    location = await uow.session.get(Location, location_id)
    return location.timezone if location else "UTC"
