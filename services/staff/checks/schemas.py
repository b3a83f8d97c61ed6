"""The daily check's HTTP model."""

from datetime import date

from pydantic import BaseModel


class CheckOut(BaseModel):
    as_of: date
    expiring: int
    expired: int
    training_overdue: int
