"""HTTP models of the day sheet."""

from datetime import date

from pydantic import BaseModel

from services.scheduling.appointments.schemas import AppointmentOut
from services.scheduling.waitlist.schemas import WaitlistOfferOut


class DaySheetOut(BaseModel):
    location_id: str
    date: date
    timezone: str
    by_provider: dict[str, list[AppointmentOut]]
    worklist: list[AppointmentOut]
    waitlist_offers: list[WaitlistOfferOut]
