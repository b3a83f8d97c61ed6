"""Day sheet route: thin, calls the day sheet use case."""

from fastapi import APIRouter

from services.scheduling.access import front_desk
from services.scheduling.day_sheets import service as day_sheets
from services.scheduling.day_sheets.schemas import DaySheetOut
from shared.fields import Day
from shared.web import NewUowDep, UowDep

# Every route here touches a patient's data: a refused role is audited too.
FrontDesk = front_desk("DaySheet")
router = APIRouter()


@router.get("/locations/{location_id}/day-sheet", response_model=DaySheetOut, tags=["availability"])
async def day_sheet(location_id: str, day: Day, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """The location's appointments of one local day by provider, with its worklist."""
    return await day_sheets.day_sheet(uow=uow, new_uow=new_uow, location_id=location_id, day=day, actor=actor)
