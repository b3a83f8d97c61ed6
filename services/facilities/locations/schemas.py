"""Locations' HTTP models."""

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from services.facilities.db import Identifier, Text200
from shared.contracts.facilities import IanaTimezone, OpeningHours
from shared.fields import Day


def _opening_hours(hours: list[OpeningHours] | None) -> list[OpeningHours] | None:
    for day in hours or []:
        if day.closes <= day.opens:
            raise ValueError(f"weekday {day.weekday} closes before it opens")
    return hours


class Address(BaseModel):
    line1: str = Field(min_length=1, max_length=200)
    line2: str | None = Field(None, max_length=200)
    city: str = Field(min_length=1, max_length=100)
    state: str = Field(pattern=r"^[A-Z]{2}$")
    postal_code: str = Field(pattern=r"^[0-9]{5}(-[0-9]{4})?$")


class LocationFields(BaseModel):
    name: str = Text200
    address: Address
    state: str = Field(pattern=r"^[A-Z]{2}$")
    timezone: IanaTimezone = Field(min_length=1, max_length=64)
    opening_hours: list[OpeningHours] = Field(default_factory=list, max_length=21)
    closed_on: list[Day] = Field(default_factory=list, max_length=366)
    cancellation_notice_hours: StrictInt = Field(24, ge=0, le=720)

    _opens_before_closing = field_validator("opening_hours")(lambda hours: _opening_hours(hours))


class LocationIn(LocationFields):
    location_id: str | None = Identifier  # the id tokens will name; generated when omitted


class LocationPatch(BaseModel):
    """Only the fields sent change; the event carries the whole location."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, min_length=1, max_length=200)
    address: Address | None = None
    opening_hours: list[OpeningHours] | None = Field(None, max_length=21)
    closed_on: list[Day] | None = Field(None, max_length=366)
    cancellation_notice_hours: StrictInt | None = Field(None, ge=0, le=720)

    _opens_before_closing = field_validator("opening_hours")(lambda hours: _opening_hours(hours))

    @field_validator("name", "opening_hours", "closed_on", "cancellation_notice_hours")
    @classmethod
    def _not_cleared(cls, value):
        # Omitted means "unchanged"; null would clear what every location must have.
        if value is None:
            raise ValueError("cannot be null: omit it to keep the current value")
        return value


class LocationOut(LocationFields):
    model_config = ConfigDict(from_attributes=True)
    location_id: str
    address: Address | None = None
