"""Equipment's HTTP models."""

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.facilities.equipment.domain import Criticality
from shared.clock import latest_today
from shared.fields import Day


class EquipmentIn(BaseModel):
    asset_tag: str = Field(min_length=1, max_length=64)
    kind: str = Field(min_length=1, max_length=100)
    room_id: str | None = Field(None, min_length=1, max_length=64)
    manufacturer: str | None = Field(None, max_length=100)
    model: str | None = Field(None, max_length=100)
    serial: str | None = Field(None, max_length=100)
    install_date: Day
    criticality: Criticality

    @field_validator("install_date")
    @classmethod
    def _not_in_the_future(cls, value: Day) -> Day:
        if value > latest_today():
            raise ValueError("is in the future")
        return value


class EquipmentOut(EquipmentIn):
    model_config = ConfigDict(from_attributes=True)
    equipment_id: str = Field(validation_alias="id")
    location_id: str
    status: str
    usage: int
