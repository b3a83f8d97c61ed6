"""Equipment routes: thin, each calls one use case."""

from fastapi import APIRouter

from services.facilities.access import Manager
from services.facilities.equipment import service as equipment
from services.facilities.equipment.schemas import EquipmentIn, EquipmentOut
from shared.web import UowDep

router = APIRouter()


@router.post("/locations/{location_id}/equipment", status_code=201, response_model=EquipmentOut, tags=["equipment"])
async def register_equipment(location_id: str, body: EquipmentIn, uow: UowDep, actor: Manager):
    """Add a device to the location's registry."""
    return await equipment.register(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/equipment", response_model=list[EquipmentOut], tags=["equipment"])
async def list_equipment(location_id: str, uow: UowDep, actor: Manager):
    """The location's devices."""
    return await equipment.list_equipment(uow=uow, location_id=location_id, actor=actor)


@router.get("/equipment/{equipment_id}", response_model=EquipmentOut, tags=["equipment"])
async def get_equipment(equipment_id: str, uow: UowDep, actor: Manager):
    """One device."""
    return await equipment.get_equipment(uow=uow, equipment_id=equipment_id, actor=actor)
