"""HTTP models of appointment requests: the pending list, and booking one."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.scheduling.appointments.schemas import TimeSpan


class AppointmentRequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    source_ref: str
    location_id: str
    patient_id: str | None
    provider_id: str | None
    appointment_type_id: str | None
    preferred_days: list[str]
    note: str
    status: Literal["proposed", "booked", "cancelled"]
    appointment_id: str | None
    created_at: datetime


class BookFromRequestIn(TimeSpan):
    """The slot chosen for the request; the patient when the request did not know them."""

    provider_id: str = Field(min_length=1, max_length=64)
    patient_id: str | None = Field(None, min_length=1, max_length=36)
    room_id: str | None = Field(None, min_length=1, max_length=64)
    appointment_type_id: str | None = Field(None, min_length=1, max_length=36)
