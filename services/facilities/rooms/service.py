"""Rooms and their service status, derived from the active outages (manual or critical equipment down).

A room is out of service while any outage is active and back only when none remains, so a
coordinator putting a room back does not override a critical device still down. Only the
transitions are announced: in -> out (`.out_of_service`) and out -> in (`.back_in_service`).
"""

import uuid
from datetime import datetime

from sqlalchemy import select

from services.facilities.locations import service as locations
from services.facilities.rooms.domain import OutageCause
from services.facilities.rooms.models import Room, RoomOutage
from services.facilities.rooms.schemas import OutOfServiceIn, RoomIn, RoomOut
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.facilities import RoomBackInService, RoomCreated, RoomOutOfService
from shared.errors import Conflict, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def create_room(*, uow: UnitOfWork, location_id: str, cmd: RoomIn, actor: Principal) -> RoomOut:
    """Add a room to a location; it starts in service."""
    actor.ensure_location(location_id)
    async with uow:
        await locations.load(uow, location_id)
        room = Room(
            room_id=cmd.room_id or f"room-{uuid.uuid4().hex[:12]}",
            location_id=location_id,
            name=cmd.name,
            kind=cmd.kind,
            created_at=utcnow(),
        )
        await uow.add_unique(
            room, conflict=f"room id {room.room_id} or name {cmd.name!r} already taken", field="room_id"
        )
        await uow.emit(
            RoomCreated(room_id=room.room_id, location_id=location_id, name=room.name, kind=room.kind),
            subject=room.room_id,
            location_id=location_id,
        )
    return view(room, [])


async def list_rooms(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[RoomOut]:
    """The location's rooms with their current status."""
    actor.ensure_location(location_id)
    async with uow:
        rooms = (
            await uow.session.scalars(select(Room).where(Room.location_id == location_id).order_by(Room.name))
        ).all()
        outages = (
            await uow.session.scalars(
                select(RoomOutage)
                .join(Room)
                .where(Room.location_id == location_id, RoomOutage.ended_at.is_(None))
                .order_by(RoomOutage.started_at)
            )
        ).all()
    return [view(room, [o for o in outages if o.room_id == room.room_id]) for room in rooms]


async def get_room(*, uow: UnitOfWork, room_id: str, actor: Principal) -> RoomOut:
    """One room with its current status."""
    async with uow:
        room = await load(uow, room_id, actor)
        return view(room, await active_outages(uow, room_id))


async def take_out_of_service(*, uow: UnitOfWork, room_id: str, cmd: OutOfServiceIn, actor: Principal) -> RoomOut:
    """A coordinator takes the room out of service, with a reason and maybe an expected return."""
    async with uow:
        room = await load(uow, room_id, actor, lock=True)
        if any(o.cause == OutageCause.MANUAL for o in await active_outages(uow, room_id)):
            raise Conflict(f"room {room_id} is already out of service", field="status")
        await add_outage(uow, room, cause=OutageCause.MANUAL, reason=cmd.reason, expected_return=cmd.expected_return)
        return view(room, await active_outages(uow, room_id))


async def put_back_in_service(*, uow: UnitOfWork, room_id: str, actor: Principal) -> RoomOut:
    """End the manual outage; the room is back only if no critical device keeps it out."""
    async with uow:
        room = await load(uow, room_id, actor, lock=True)
        manual = [o for o in await active_outages(uow, room_id) if o.cause == OutageCause.MANUAL]
        if not manual:
            remaining = await active_outages(uow, room_id)
            if remaining:
                raise Conflict(
                    f"room {room_id} stays out of service until its work order closes: {remaining[0].reason}",
                    field="status",
                    work_order_id=remaining[0].work_order_id,
                )
            raise Conflict(f"room {room_id} is in service", field="status")
        await end_outages(uow, room, manual)
        return view(room, await active_outages(uow, room_id))


async def add_outage(
    uow: UnitOfWork,
    room: Room,
    *,
    cause: OutageCause,
    reason: str,
    expected_return: datetime | None = None,
    work_order_id: str | None = None,
) -> None:
    """Record one more reason the room is out (the caller holds the room's row lock)."""
    was_in_service = not await active_outages(uow, room.room_id)
    now = utcnow()
    uow.session.add(
        RoomOutage(
            id=str(uuid.uuid4()),
            room_id=room.room_id,
            cause=cause,
            reason=reason,
            expected_return=expected_return,
            work_order_id=work_order_id,
            started_at=now,
        )
    )
    await uow.session.flush()
    if was_in_service:
        await uow.emit(
            RoomOutOfService(
                room_id=room.room_id,
                location_id=room.location_id,
                reason=reason,
                since=now,
                expected_return=expected_return,
            ),
            subject=room.room_id,
            location_id=room.location_id,
        )


async def end_outages(uow: UnitOfWork, room: Room, ended: list[RoomOutage]) -> None:
    """End these outages; announce the room back when none remains (the caller holds the row lock)."""
    now = utcnow()
    for outage in ended:
        outage.ended_at = now
    await uow.session.flush()
    if not await active_outages(uow, room.room_id):
        await uow.emit(
            RoomBackInService(room_id=room.room_id, location_id=room.location_id, since=now),
            subject=room.room_id,
            location_id=room.location_id,
        )


async def active_outages(uow: UnitOfWork, room_id: str) -> list[RoomOutage]:
    """The reasons keeping the room out of service now, oldest first (none: it is in service)."""
    query = select(RoomOutage).where(RoomOutage.room_id == room_id, RoomOutage.ended_at.is_(None))
    return list((await uow.session.scalars(query.order_by(RoomOutage.started_at))).all())


async def load(uow: UnitOfWork, room_id: str, actor: Principal, *, lock: bool = False) -> Room:
    """The room, after checking the caller may act at its location (no BOLA by room id)."""
    return await load_in_scope(uow, Room, room_id, actor, field="room_id", lock=lock)


async def room_of(uow: UnitOfWork, room_id: str, location_id: str) -> Room:
    """The room, which must belong to `location_id`: nothing is placed in another location's room."""
    room = await uow.session.get(Room, room_id)
    if room is None or room.location_id != location_id:
        raise Unprocessable(f"room {room_id} is not a room of {location_id}", field="room_id")
    return room


def view(room: Room, outages: list[RoomOutage]) -> RoomOut:
    """The room as the dashboard shows it: out of service while any outage is active."""
    returns = [o.expected_return for o in outages]
    return RoomOut(
        room_id=room.room_id,
        name=room.name,
        kind=room.kind,
        status="out_of_service" if outages else "in_service",
        out_of_service_reason="; ".join(o.reason for o in outages) or None,
        expected_return=max(returns) if returns and None not in returns else None,
    )
