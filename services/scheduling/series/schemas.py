"""HTTP models of a recurring series."""

from typing import Literal

from pydantic import Field, StrictInt, ValidationInfo, field_validator

from services.scheduling.appointments.schemas import AppointmentIn
from shared.fields import Day


class SeriesIn(AppointmentIn):
    """The first occurrence, then every N days or weeks at the same local time, until a date or for a count."""

    every: StrictInt = Field(ge=1, le=52)
    unit: Literal["day", "week"]
    until: Day | None = None
    count: StrictInt | None = Field(None, ge=2, le=52)

    @field_validator("count")
    @classmethod
    def _until_or_count(cls, count: int | None, info: ValidationInfo) -> int | None:
        if (count is None) == (info.data.get("until") is None):
            raise ValueError("give exactly one of until and count")
        return count
