"""Transfers' HTTP model (the answer is the member, as members shows them)."""

from pydantic import BaseModel, Field

from services.staff.db import Id


class TransferIn(BaseModel):
    home_location_id: str = Id
    location_ids: list[str] = Field(default_factory=list, max_length=50)
