"""Tasks' HTTP models: FHIR Task's fields under plain names (status, priority, performer role, owner, focus...)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from services.inbox.db import Id, OptionalId
from services.inbox.tasks.domain import Priority, Status
from shared.auth import Role
from shared.fields import Instant

Category = Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_-]{0,39}$")
Name = Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9_-]{0,31}$")


class FocusIO(BaseModel):
    """What the task is about: a record of some service (`billing`, `claim`, its id)."""

    service: str = Name
    kind: str = Name
    id: str = Id


class TaskIn(BaseModel):
    """A task a person opens by hand; `cause` defaults to one of its own (never merged with another)."""

    category: str = Category
    priority: Priority = Priority.ROUTINE
    location_id: str = Id
    role: Role
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=4000)
    focus: FocusIO | None = None
    patient_id: str | None = OptionalId
    due_at: Instant | None = None


class NoteOut(BaseModel):
    author: str
    text: str
    created_at: datetime


class HistoryOut(BaseModel):
    at: datetime
    actor: str
    action: str
    details: dict


class TaskOut(BaseModel):
    id: str
    cause: str
    status: Status
    business_status: str | None
    category: str
    priority: Priority
    location_id: str
    role: str = Field(description="the role pool the task is for (FHIR performerType)")
    owner: str | None
    title: str
    description: str
    focus: FocusIO | None
    patient_id: str | None = Field(description="who the task is for (FHIR `for`)")
    due_at: datetime | None = Field(description="when it is due (FHIR restriction.period.end)")
    overdue: bool
    escalated: bool
    created_by: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    version: int


class TaskDetailOut(TaskOut):
    notes: list[NoteOut]
    history: list[HistoryOut]


class TaskPage(BaseModel):
    items: list[TaskOut]
    total: int


class StatusIn(BaseModel):
    status: Status
    reason: str = Field("", max_length=500)


class AssignIn(BaseModel):
    """Give the task to a user (`owner`), or move it to another role's pool; at least one of the two."""

    owner: str | None = OptionalId
    role: Role | None = None


class BusinessStatusIn(BaseModel):
    business_status: str | None = Field(None, min_length=1, max_length=100)


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=4000)


class BulkAssignIn(BaseModel):
    task_ids: list[str] = Field(min_length=1, max_length=200)
    owner: str = Id


class BulkCompleteIn(BaseModel):
    task_ids: list[str] = Field(min_length=1, max_length=200)


class BulkOut(BaseModel):
    done: list[str]
    refused: dict[str, str] = Field(description="task id -> why it was not changed")


class CountOut(BaseModel):
    location_id: str
    role: str
    open: int
    overdue: int
    escalated: int


Scope = Literal["mine", "queue", "all"]
