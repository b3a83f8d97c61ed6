"""HTTP request and response models of the waitlist."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationInfo, field_validator

from shared.fields import Day, Timestamp


class WaitlistEntryIn(BaseModel):
    patient_id: str = Field(min_length=1, max_length=36)
    location_id: str = Field(min_length=1, max_length=64)
    appointment_type_id: str = Field(min_length=1, max_length=36)
    provider_id: str | None = Field(None, min_length=1, max_length=64)
    earliest: date  # the location's local dates, inclusive
    latest: Day
    priority: StrictInt = Field(0, ge=0, le=100)

    @field_validator("latest")
    @classmethod
    def _window_not_empty(cls, latest: Day, info: ValidationInfo) -> Day:
        earliest = info.data.get("earliest")
        if earliest is not None and latest < earliest:
            raise ValueError("must not be before earliest")
        return latest


class WaitlistOfferOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    entry_id: str
    provider_id: str
    room_id: str | None = None
    start: Timestamp
    end: Timestamp
    expires_at: Timestamp
    status: str
    appointment_id: str | None = None


class WaitlistEntryOut(WaitlistEntryIn):
    model_config = ConfigDict(from_attributes=True)

    id: str
    status: str
    created_at: Timestamp
    offer: WaitlistOfferOut | None = None  # the live hold, while the entry is `offered`
