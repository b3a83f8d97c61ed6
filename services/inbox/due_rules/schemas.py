"""Due rules' HTTP models."""

from datetime import datetime

from pydantic import BaseModel, Field, StrictBool, StrictInt

from shared.contracts.inbox import TaskPriority as Priority


class DueRuleIn(BaseModel):
    minutes: StrictInt = Field(
        gt=0, le=525600, description="working minutes (or wall-clock minutes) until due; ≤ a year"
    )
    business_hours: StrictBool = True


class DueRuleOut(BaseModel):
    category: str = Field(description='the task category, or "*" for any category without a rule of its own')
    priority: Priority
    minutes: int
    business_hours: bool
    updated_by: str
    updated_at: datetime
