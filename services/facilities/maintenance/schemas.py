"""Maintenance's HTTP models: readings, plans, tasks, runs."""

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from services.facilities.db import Text200
from services.facilities.maintenance.domain import PlanUnit
from shared.fields import Day


class UsageIn(BaseModel):
    reading: StrictInt = Field(ge=0, le=2_000_000_000)
    read_on: Day | None = None  # today at the location when omitted


class PlanIn(BaseModel):
    title: str = Text200
    every: StrictInt = Field(ge=1, le=10_000)
    unit: PlanUnit
    starts_on: Day | None = None  # calendar plans count from here (default: today)
    # usage plans count from here (default: the current reading)
    starts_at_usage: StrictInt | None = Field(None, ge=0, le=2_000_000_000)


class PlanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    plan_id: str = Field(validation_alias="id")
    equipment_id: str
    title: str
    every: int
    unit: PlanUnit
    starts_on: Day
    starts_at_usage: int


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    task_id: str = Field(validation_alias="id")
    plan_id: str
    equipment_id: str
    title: str
    due_on: Day
    due_at_usage: int | None
    status: str
    overdue: bool = False


class MaintenanceRunIn(BaseModel):
    as_of: Day | None = None  # today at the location when omitted


class MaintenanceRunOut(BaseModel):
    created: list[TaskOut]
    announced_overdue: list[TaskOut]
