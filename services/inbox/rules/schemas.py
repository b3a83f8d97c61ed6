"""Event rules' HTTP models."""

from pydantic import BaseModel, Field


class RuleOut(BaseModel):
    name: str
    event_type: str = Field(description="the event that raises the task")
    role: str = Field(description="the role pool the task goes to")
    category: str
    priority: str
    cause: str = Field(description="the cause key template: one open task per rendered key")
    resolved_by: list[str] = Field(description="events that complete the task when they name the same cause")
    due: str
    location: str
    description: str
