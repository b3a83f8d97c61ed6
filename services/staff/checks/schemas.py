"""The daily check's HTTP model."""

from pydantic import BaseModel

from shared.fields import Day


class CheckOut(BaseModel):
    as_of: Day
    expiring: int
    expired: int
    training_overdue: int
