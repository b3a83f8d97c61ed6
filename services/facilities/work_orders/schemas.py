"""Work orders' HTTP models, and a device's reliability drawn from them."""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.facilities.db import Text200
from shared.fields import Timestamp


class ReliabilityOut(BaseModel):
    equipment_id: str
    failures: int
    mtbf_hours: float | None
    mttr_hours: float | None


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
    reported_at: Timestamp


class WorkOrderOut(WorkOrderSummary):
    location_id: str
    description: str | None
    reported_by: str
    assignee_kind: str | None
    assignee: str | None
    started_at: Timestamp | None
    resolved_at: Timestamp | None
    closed_at: Timestamp | None
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
