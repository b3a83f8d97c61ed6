"""Series route: thin, calls the series use case."""

from fastapi import APIRouter

from services.scheduling.access import front_desk
from services.scheduling.appointments.schemas import AppointmentOut
from services.scheduling.series import service as series
from services.scheduling.series.schemas import SeriesIn
from shared.web import NewUowDep, UowDep

# Every route here touches a patient's data: a refused role is audited too.
FrontDesk = front_desk("Appointment")
router = APIRouter()


@router.post("/appointment-series", status_code=201, response_model=list[AppointmentOut], tags=["appointments"])
async def book_series(body: SeriesIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Book a recurring series (every N days or weeks, until a date or for a count), all or none."""
    return await series.book_series(uow=uow, new_uow=new_uow, cmd=body, actor=actor)
