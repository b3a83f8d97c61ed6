"""Rooms' HTTP models."""

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from services.facilities.db import Identifier, Text200
from shared.clock import utcnow
from shared.contracts.facilities import RoomKind
from shared.fields import Instant, Timestamp


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
    expected_return: Timestamp | None


class OutOfServiceIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)
    expected_return: Instant | None = None

    @field_validator("expected_return")
    @classmethod
    def _in_the_future(cls, value: Timestamp | None) -> Timestamp | None:
        if value is not None and value <= utcnow():
            raise ValueError("must be in the future")
        return value
