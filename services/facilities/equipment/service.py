"""The equipment registry: devices, where they stand, how critical they are, how reliable."""

import uuid
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from services.facilities import locations, maintenance
from services.facilities.domain import Failure, reliability
from services.facilities.models import Equipment, MaintenancePlan, Room, UsageReading, WorkOrder
from services.facilities.schemas import EquipmentIn, PlanIn, ReliabilityOut, UsageIn
from shared.auth import Principal
from shared.clock import local_today, utcnow
from shared.errors import NotFound, Unprocessable
from shared.uow import UnitOfWork


async def register(*, uow: UnitOfWork, location_id: str, cmd: EquipmentIn, actor: Principal) -> Equipment:
    """Add a device to the registry of a location (and maybe one of its rooms)."""
    actor.ensure_location(location_id)
    async with uow:
        await locations.load(uow, location_id)
        if cmd.room_id:
            await room_of(uow, cmd.room_id, location_id)
        equipment = Equipment(id=str(uuid.uuid4()), location_id=location_id, status="in_service", usage=0,
                              created_at=utcnow(), **cmd.model_dump())
        await uow.add_unique(equipment, conflict=f"asset tag {cmd.asset_tag} is already registered", field="asset_tag")
    return equipment


async def list_equipment(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[Equipment]:
    """The location's devices by asset tag."""
    actor.ensure_location(location_id)
    async with uow:
        query = select(Equipment).where(Equipment.location_id == location_id).order_by(Equipment.asset_tag)
        return list((await uow.session.scalars(query)).all())


async def get_equipment(*, uow: UnitOfWork, equipment_id: str, actor: Principal) -> Equipment:
    """One device."""
    async with uow:
        return await load(uow, equipment_id, actor)


async def record_usage(*, uow: UnitOfWork, equipment_id: str, cmd: UsageIn, actor: Principal) -> Equipment:
    """Record a meter reading (never going back); usage plans whose interval it reached get their tasks."""
    async with uow:
        equipment = await load(uow, equipment_id, actor, lock=True)
        if cmd.reading < equipment.usage:
            raise Unprocessable(f"reading {cmd.reading} is below the last one ({equipment.usage})", field="reading")
        location = await locations.load(uow, equipment.location_id)
        read_on = cmd.read_on or local_today(location.timezone)
        equipment.usage = cmd.reading
        uow.session.add(UsageReading(id=str(uuid.uuid4()), equipment_id=equipment.id, reading=cmd.reading,
                                     read_on=read_on, recorded_by=actor.sub, recorded_at=utcnow()))
        await maintenance.generate_usage_tasks(uow, equipment, read_on=read_on)
    return equipment


async def add_maintenance_plan(*, uow: UnitOfWork, equipment_id: str, cmd: PlanIn, actor: Principal
                               ) -> MaintenancePlan:
    """Plan preventive maintenance for a device; calendar plans count from `starts_on`, usage ones from a reading."""
    async with uow:
        equipment = await load(uow, equipment_id, actor, lock=True)
        location = await locations.load(uow, equipment.location_id)
        return await maintenance.add_plan(uow=uow, equipment=equipment, cmd=cmd,
                                          today=local_today(location.timezone))


async def reliability_of(*, uow: UnitOfWork, equipment_id: str, actor: Principal) -> ReliabilityOut:
    """MTBF and MTTR from the device's work-order history."""
    async with uow:
        equipment = await load(uow, equipment_id, actor)
        location = await locations.load(uow, equipment.location_id)
        orders = (await uow.session.scalars(select(WorkOrder).where(WorkOrder.equipment_id == equipment_id))).all()
    # The install date is a day at the location: in service from its local midnight, not UTC's.
    since = datetime.combine(equipment.install_date, time(), tzinfo=ZoneInfo(location.timezone))
    result = reliability([Failure(o.reported_at, o.resolved_at) for o in orders], in_service_since=since, now=utcnow())
    return ReliabilityOut(equipment_id=equipment_id, failures=result.failures, mtbf_hours=result.mtbf_hours,
                          mttr_hours=result.mttr_hours)


async def load(uow: UnitOfWork, equipment_id: str, actor: Principal, *, lock: bool = False) -> Equipment:
    """The device, after checking the caller may act at its location."""
    equipment = await uow.session.get(Equipment, equipment_id, with_for_update=lock)
    if equipment is None:
        raise NotFound(f"equipment {equipment_id} not found", field="equipment_id")
    actor.ensure_location(equipment.location_id)
    return equipment


async def room_of(uow: UnitOfWork, room_id: str, location_id: str) -> Room:
    """The room, which must belong to `location_id`: a device is never placed in another location's room."""
    room = await uow.session.get(Room, room_id)
    if room is None or room.location_id != location_id:
        raise Unprocessable(f"room {room_id} is not a room of {location_id}", field="room_id")
    return room
