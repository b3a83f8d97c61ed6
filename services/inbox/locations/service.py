"""What the inbox learns from facilities: each location's timezone, opening hours and closed days."""

from services.inbox.locations.models import Location
from shared.contracts import facilities as fac
from shared.envelope import Envelope
from shared.projection import newer_snapshot
from shared.uow import UnitOfWork


async def on_location_opened(*, uow: UnitOfWork, event: fac.LocationOpened, envelope: Envelope) -> None:
    """Record a location, or replace it with this snapshot (also handles `.updated`)."""
    location = await newer_snapshot(uow, Location, event.location_id, envelope)
    if location is not None:
        location.name, location.timezone = event.name, event.timezone
        location.opening_hours = [hours.model_dump(mode="json") for hours in event.opening_hours]
        location.closed_on = [day.isoformat() for day in event.closed_on]


on_location_updated = on_location_opened


async def location(uow: UnitOfWork, location_id: str) -> Location | None:
    """The location as facilities announced it; None until the inbox has heard of it."""
    return await uow.session.get(Location, location_id)
