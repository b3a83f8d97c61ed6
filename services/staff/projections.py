"""What staff learns from facilities: each location's name, state and timezone."""

from services.staff.models import Location
from shared.contracts import facilities as fac
from shared.envelope import Envelope
from shared.uow import UnitOfWork


async def on_location_opened(*, uow: UnitOfWork, event: fac.LocationOpened, envelope: Envelope) -> None:
    """Record a location, or replace it with this snapshot (also handles `.updated`)."""
    location = await uow.session.get(Location, event.location_id)
    if location is None:
        location = Location(location_id=event.location_id)
        uow.session.add(location)
    elif location.snapshot_time and envelope.time < location.snapshot_time:
        return  # an older snapshot delivered after a newer one
    location.name, location.state, location.timezone = event.name, event.state, event.timezone
    location.snapshot_time = envelope.time


on_location_updated = on_location_opened
