"""The equipment registry: devices, where they stand, how critical they are."""

import uuid

from sqlalchemy import select

from services.facilities.equipment.models import Equipment
from services.facilities.equipment.schemas import EquipmentIn
from services.facilities.locations import service as locations
from services.facilities.rooms import service as rooms
from shared.auth import Principal
from shared.clock import utcnow
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def register(*, uow: UnitOfWork, location_id: str, cmd: EquipmentIn, actor: Principal) -> Equipment:
    """Add a device to the registry of a location (and maybe one of its rooms)."""
    actor.ensure_location(location_id)
    async with uow:
        await locations.load(uow, location_id)
        if cmd.room_id:
            await rooms.room_of(uow, cmd.room_id, location_id)
        equipment = Equipment(
            id=str(uuid.uuid4()),
            location_id=location_id,
            status="in_service",
            usage=0,
            created_at=utcnow(),
            **cmd.model_dump(),
        )
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


async def load(uow: UnitOfWork, equipment_id: str, actor: Principal, *, lock: bool = False) -> Equipment:
    """The device, after checking the caller may act at its location."""
    return await load_in_scope(uow, Equipment, equipment_id, actor, field="equipment_id", lock=lock)
