"""Location routes: thin, each calls one use case."""

from fastapi import APIRouter

from services.facilities.access import Admin, AnyStaff, Manager
from services.facilities.locations import service as locations
from services.facilities.locations.schemas import LocationIn, LocationOut, LocationPatch
from shared.web import UowDep

router = APIRouter(tags=["locations"])


@router.post("/locations", status_code=201, response_model=LocationOut)
async def open_location(body: LocationIn, uow: UowDep, actor: Admin):
    """Open a location (practice admins); its id is the one tokens name in `locations`."""
    return await locations.open_location(uow=uow, cmd=body, actor=actor)


@router.get("/locations", response_model=list[LocationOut])
async def list_locations(uow: UowDep, actor: AnyStaff):
    """The locations in the caller's scope (every role: the console's location switcher and timezones need them)."""
    return await locations.list_locations(uow=uow, actor=actor)


@router.get("/locations/{location_id}", response_model=LocationOut)
async def get_location(location_id: str, uow: UowDep, actor: AnyStaff):
    """One location."""
    return await locations.get_location(uow=uow, location_id=location_id, actor=actor)


@router.patch("/locations/{location_id}", response_model=LocationOut)
async def update_location(location_id: str, body: LocationPatch, uow: UowDep, actor: Manager):
    """Change hours, closure days, address or notice window; scheduling gets the whole location again."""
    return await locations.update_location(uow=uow, location_id=location_id, cmd=body, actor=actor)
