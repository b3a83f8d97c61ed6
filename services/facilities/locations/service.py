"""Locations of the group: opened by a practice admin, kept up to date by their managers."""

import uuid

from sqlalchemy import select

from services.facilities.locations.models import Location
from services.facilities.locations.schemas import LocationIn, LocationPatch
from shared.auth import ALL_LOCATIONS, Principal
from shared.clock import utcnow
from shared.contracts.facilities import LocationOpened, LocationUpdated
from shared.errors import Forbidden, NotFound
from shared.uow import UnitOfWork


async def open_location(*, uow: UnitOfWork, cmd: LocationIn, actor: Principal) -> Location:
    """Open a location under the caller's id (or a new one); scheduling learns it from the event."""
    # Checked before the uniqueness rule, so a 409 never tells an outsider that the id exists.
    if cmd.location_id:
        actor.ensure_location(cmd.location_id)
    elif ALL_LOCATIONS not in actor.locations:
        raise Forbidden("a location with a new id needs group-wide access", field="location_id")
    now = utcnow()
    async with uow:
        location_id = cmd.location_id or f"loc-{uuid.uuid4().hex[:12]}"
        location = Location(
            location_id=location_id,
            created_at=now,
            updated_at=now,
            **cmd.model_dump(mode="json", exclude={"location_id"}),
        )
        await uow.add_unique(location, conflict=f"location {location_id} already exists", field="location_id")
        await uow.emit(_snapshot(LocationOpened, location), subject=location_id, location_id=location_id)
    return location


async def update_location(*, uow: UnitOfWork, location_id: str, cmd: LocationPatch, actor: Principal) -> Location:
    """Change what was sent; `.updated` carries the whole location."""
    actor.ensure_location(location_id)
    async with uow:
        location = await load(uow, location_id, lock=True)
        for field, value in cmd.model_dump(mode="json", exclude_unset=True).items():
            setattr(location, field, value)
        location.updated_at = utcnow()
        await uow.emit(_snapshot(LocationUpdated, location), subject=location_id, location_id=location_id)
    return location


async def get_location(*, uow: UnitOfWork, location_id: str, actor: Principal) -> Location:
    """One location."""
    actor.ensure_location(location_id)
    async with uow:
        return await load(uow, location_id)


async def list_locations(*, uow: UnitOfWork, actor: Principal) -> list[Location]:
    """The locations the caller may see, by name."""
    async with uow:
        rows = (await uow.session.scalars(select(Location).order_by(Location.name))).all()
    return [row for row in rows if actor.may_access(row.location_id)]


async def load(uow: UnitOfWork, location_id: str, *, lock: bool = False) -> Location:
    """The location (row-locked with `lock`), or 404 naming `location_id`."""
    location = await uow.session.get(Location, location_id, with_for_update=lock)
    if location is None:
        raise NotFound(f"location {location_id} not found", field="location_id")
    return location


def _snapshot(payload: type[LocationOpened], location: Location) -> LocationOpened:
    return payload(
        location_id=location.location_id,
        name=location.name,
        state=location.state,
        timezone=location.timezone,
        opening_hours=location.opening_hours,
        closed_on=location.closed_on,
        cancellation_notice_hours=location.cancellation_notice_hours,
    )
