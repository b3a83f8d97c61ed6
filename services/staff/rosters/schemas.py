"""Rosters' HTTP models: shifts, roster templates, time off, coverage."""

from datetime import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationInfo, field_validator

from services.staff.db import Id
from services.staff.rosters.domain import MAX_RANGE_DAYS
from shared.contracts.staff import StaffRole
from shared.fields import Day, Timestamp, WallClock


class ShiftIn(BaseModel):
    """Local wall-clock times at the location (no offset), or aware instants."""

    staff_id: str = Id
    location_id: str = Id
    start: Timestamp
    end: Timestamp


class ShiftOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    staff_id: str
    location_id: str
    start: Timestamp
    end: Timestamp
    status: str
    template_id: str | None


class RosterEntry(BaseModel):
    staff_id: str = Id
    weekday: StrictInt = Field(ge=0, le=6)  # 0 = Monday
    start: WallClock
    end: WallClock  # at or before start: the shift ends the next day


class RosterTemplateIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    entries: list[RosterEntry] = Field(min_length=1, max_length=500)


class RosterTemplateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    location_id: str
    name: str
    entries: list[RosterEntry]


class GenerateIn(BaseModel):
    """Local days, inclusive; every shift is created or none is."""

    first_day: Day
    last_day: Day

    @field_validator("last_day")
    @classmethod
    def _ordered(cls, last_day: Day, info: ValidationInfo) -> Day:
        first_day = info.data.get("first_day")
        if first_day and not 0 <= (last_day - first_day).days <= MAX_RANGE_DAYS:
            raise ValueError(f"must be on or after first_day, at most {MAX_RANGE_DAYS} days later")
        return last_day


class TimeOffIn(BaseModel):
    """Local times at the member's home location (no offset), or aware instants."""

    staff_id: str = Id
    start: Timestamp
    end: Timestamp
    reason: str | None = Field(None, max_length=500)


class DecisionIn(BaseModel):
    note: str | None = Field(None, max_length=500)


TimeOffStatus = Literal["requested", "approved", "denied", "withdrawn"]


class TimeOffOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    staff_id: str
    start: Timestamp
    end: Timestamp
    reason: str | None
    status: TimeOffStatus
    requested_by: str
    decided_by: str | None
    decision_note: str | None


class StaffingRuleIn(BaseModel):
    role: StaffRole
    minimum: StrictInt = Field(ge=1, le=100)
    start: WallClock
    end: WallClock

    @field_validator("end")
    @classmethod
    def _ordered(cls, end: time, info: ValidationInfo) -> time:
        if info.data.get("start") is not None and end <= info.data["start"]:
            raise ValueError("must be after start on the same local day")
        return end


class StaffingRuleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    location_id: str
    role: str
    minimum: int
    start: WallClock
    end: WallClock


class OnShift(BaseModel):
    staff_id: str
    name: str
    role: str
    start: Timestamp
    end: Timestamp
    on_time_off: bool = False  # approved time off overlaps the shift: away for that part (the gaps count it)


class CoverageGap(BaseModel):
    role: str
    required: int
    scheduled: int
    start: Timestamp
    end: Timestamp


class CoverageOut(BaseModel):
    location_id: str
    day: Day
    on_shift: list[OnShift]
    gaps: list[CoverageGap]
