"""HTTP models of the day sheet."""

from pydantic import BaseModel

from services.scheduling.appointments.schemas import AppointmentOut
from services.scheduling.waitlist.schemas import WaitlistOfferOut
from shared.fields import Day


class DaySheetOut(BaseModel):
    location_id: str
    date: Day
    timezone: str
    by_provider: dict[str, list[AppointmentOut]]
    worklist: list[AppointmentOut]
    waitlist_offers: list[WaitlistOfferOut]
