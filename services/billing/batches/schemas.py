"""HTTP models of 837P exports."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.fields import Timestamp


class ExportIn(BaseModel):
    location_id: str
    receiver_id: str = Field("CLEARINGHOUSE", pattern=r"^[A-Za-z0-9]{2,15}$")
    receiver_name: str = Field("CLEARINGHOUSE", min_length=1, max_length=60)
    usage: Literal["T", "P"] = "T"


class BatchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    location_id: str
    interchange_control_number: int
    claim_count: int
    claim_ids: list[str] = []
    created_at: Timestamp
    content: str
