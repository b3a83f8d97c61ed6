"""Room routes: thin, each calls one use case."""

from fastapi import APIRouter

from services.facilities.access import Manager
from services.facilities.rooms import service as rooms
from services.facilities.rooms.schemas import OutOfServiceIn, RoomIn, RoomOut
from shared.web import UowDep

# Rooms are listed under their location in the API documents, as they were when locations served them.
router = APIRouter(tags=["locations"])


@router.post("/locations/{location_id}/rooms", status_code=201, response_model=RoomOut, tags=["rooms"])
async def create_room(location_id: str, body: RoomIn, uow: UowDep, actor: Manager):
    """Add a room to the location."""
    return await rooms.create_room(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/rooms", response_model=list[RoomOut], tags=["rooms"])
async def list_rooms(location_id: str, uow: UowDep, actor: Manager):
    """The location's rooms and whether each is in service."""
    return await rooms.list_rooms(uow=uow, location_id=location_id, actor=actor)


@router.get("/rooms/{room_id}", response_model=RoomOut, tags=["rooms"])
async def get_room(room_id: str, uow: UowDep, actor: Manager):
    """One room and its status."""
    return await rooms.get_room(uow=uow, room_id=room_id, actor=actor)


@router.post("/rooms/{room_id}/out-of-service", response_model=RoomOut, tags=["rooms"])
async def take_out_of_service(room_id: str, body: OutOfServiceIn, uow: UowDep, actor: Manager):
    """Take the room out of service; scheduling stops booking it and flags its appointments."""
    return await rooms.take_out_of_service(uow=uow, room_id=room_id, cmd=body, actor=actor)


@router.post("/rooms/{room_id}/back-in-service", response_model=RoomOut, tags=["rooms"])
async def put_back_in_service(room_id: str, uow: UowDep, actor: Manager):
    """End the manual outage; a critical device still down keeps the room out (409 when that is all)."""
    return await rooms.put_back_in_service(uow=uow, room_id=room_id, actor=actor)
