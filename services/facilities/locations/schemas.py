"""HTTP request and response models of locations, rooms, equipment, maintenance and work orders."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from services.facilities.domain import Criticality, PlanUnit
from shared.clock import latest_today, utcnow
from shared.contracts.facilities import IanaTimezone, OpeningHours, RoomKind

Identifier = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
Text200 = Field(min_length=1, max_length=200)


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
    closed_on: list[date] = Field(default_factory=list, max_length=366)
    cancellation_notice_hours: int = Field(24, ge=0, le=720)

    _opens_before_closing = field_validator("opening_hours")(lambda hours: _opening_hours(hours))


class LocationIn(LocationFields):
    location_id: str | None = Identifier  # the id tokens will name; generated when omitted


class LocationPatch(BaseModel):
    """Only the fields sent change; the event carries the whole location."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, min_length=1, max_length=200)
    address: Address | None = None
    opening_hours: list[OpeningHours] | None = Field(None, max_length=21)
    closed_on: list[date] | None = Field(None, max_length=366)
    cancellation_notice_hours: int | None = Field(None, ge=0, le=720)

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


class RoomIn(BaseModel):
    room_id: str | None = Identifier
    name: str = Text200
    kind: RoomKind


class RoomOut(BaseModel):
    room_id: str
    name: str
    kind: RoomKind
    status: Literal["in_service", "out_of_service"]
    out_of_service_reason: str | None
    expected_return: datetime | None


class OutOfServiceIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)
    expected_return: AwareDatetime | None = None

    @field_validator("expected_return")
    @classmethod
    def _in_the_future(cls, value: datetime | None) -> datetime | None:
        if value is not None and value <= utcnow():
            raise ValueError("must be in the future")
        return value


class EquipmentIn(BaseModel):
    asset_tag: str = Field(min_length=1, max_length=64)
    kind: str = Field(min_length=1, max_length=100)
    room_id: str | None = Field(None, min_length=1, max_length=64)
    manufacturer: str | None = Field(None, max_length=100)
    model: str | None = Field(None, max_length=100)
    serial: str | None = Field(None, max_length=100)
    install_date: date
    criticality: Criticality

    @field_validator("install_date")
    @classmethod
    def _not_in_the_future(cls, value: date) -> date:
        if value > latest_today():
            raise ValueError("is in the future")
        return value


class EquipmentOut(EquipmentIn):
    model_config = ConfigDict(from_attributes=True)
    equipment_id: str = Field(validation_alias="id")
    location_id: str
    status: str
    usage: int


class UsageIn(BaseModel):
    reading: int = Field(ge=0, le=2_000_000_000)
    read_on: date | None = None  # today at the location when omitted


class ReliabilityOut(BaseModel):
    equipment_id: str
    failures: int
    mtbf_hours: float | None
    mttr_hours: float | None


class PlanIn(BaseModel):
    title: str = Text200
    every: int = Field(ge=1, le=10_000)
    unit: PlanUnit
    starts_on: date | None = None  # calendar plans count from here (default: today)
    starts_at_usage: int | None = Field(None, ge=0, le=2_000_000_000)  # usage plans count from here (default: current reading)


class PlanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    plan_id: str = Field(validation_alias="id")
    equipment_id: str
    title: str
    every: int
    unit: PlanUnit
    starts_on: date
    starts_at_usage: int


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    task_id: str = Field(validation_alias="id")
    plan_id: str
    equipment_id: str
    title: str
    due_on: date
    due_at_usage: int | None
    status: str
    overdue: bool = False


class MaintenanceRunIn(BaseModel):
    as_of: date | None = None  # today at the location when omitted


class MaintenanceRunOut(BaseModel):
    created: list[TaskOut]
    announced_overdue: list[TaskOut]


Priority = Literal["low", "medium", "high", "urgent"]


class WorkOrderIn(BaseModel):
    title: str = Text200
    description: str | None = Field(None, max_length=5000)
    equipment_id: str | None = Field(None, min_length=1, max_length=36)
    room_id: str | None = Field(None, min_length=1, max_length=64)
    priority: Priority = "medium"


class WorkOrderSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    work_order_id: str = Field(validation_alias="id")
    title: str
    priority: Priority
    status: str
    equipment_id: str | None
    room_id: str | None
    reported_at: datetime


class WorkOrderOut(WorkOrderSummary):
    location_id: str
    description: str | None
    reported_by: str
    assignee_kind: str | None
    assignee: str | None
    started_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution: str | None
    cost: Decimal | None


class AssignIn(BaseModel):
    assignee_kind: Literal["coordinator", "vendor"]
    assignee: str = Text200


class ResolveIn(BaseModel):
    resolution: str = Field(min_length=1, max_length=5000)
    cost: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)


class CloseIn(BaseModel):
    cost: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
