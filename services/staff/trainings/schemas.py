"""Training's HTTP models."""

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from shared.contracts.staff import StaffRole
from shared.fields import Day


class CourseIn(BaseModel):
    code: str = Field(pattern=r"^[A-Z0-9_]{2,40}$")
    name: str = Field(min_length=1, max_length=200)
    roles: list[StaffRole] = Field(default_factory=list)  # empty: every role
    initial_due_days: StrictInt = Field(30, ge=0, le=365)
    interval_months: StrictInt | None = Field(12, ge=1, le=120)  # None: once


class CourseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    roles: list[str]
    initial_due_days: int
    interval_months: int | None
    active: bool


class CompletionIn(BaseModel):
    course_code: str = Field(min_length=1, max_length=40)
    completed_on: Day
    evidence: str = Field(min_length=1, max_length=2000)  # certificate id, document link, trainer's note


class CompletionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    staff_id: str
    course_code: str
    completed_on: Day
    valid_until: Day | None
    evidence: str


class TrainingStatusOut(BaseModel):
    course_code: str
    name: str
    last_completed_on: Day | None
    due_on: Day | None
    overdue: bool
