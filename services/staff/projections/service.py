"""What staff learns from facilities: each location's name, state and timezone."""

from services.staff.models import Location
from shared.contracts import facilities as fac
from shared.envelope import Envelope
from shared.projection import newer_snapshot
from shared.uow import UnitOfWork


async def on_location_opened(*, uow: UnitOfWork, event: fac.LocationOpened, envelope: Envelope) -> None:
    """Record a location, or replace it with this snapshot (also handles `.updated`)."""
    location = await newer_snapshot(uow, Location, event.location_id, envelope)
    if location is not None:
        location.name, location.state, location.timezone = event.name, event.state, event.timezone


on_location_updated = on_location_opened
