"""HTTP request and response models of access reviews."""

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from shared.fields import Day, Timestamp


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CampaignIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    location_id: str = Field(min_length=1, max_length=64)
    due_on: Day


class ReviewItemOut(Out):
    id: str
    manager_id: str | None
    staff_id: str
    role: str | None
    location_ids: list[str]
    decision: str
    revoked_roles: list[str]
    revoked_location_ids: list[str]
    reason: str | None
    decided_by: str | None
    decided_at: Timestamp | None


class CampaignOut(Out):
    id: str
    name: str
    location_id: str
    due_on: Day
    started_by: str
    started_at: Timestamp
    items: list[ReviewItemOut] = Field(default_factory=list)


class CampaignSummaryOut(Out):
    """A campaign without its items: how far its managers have got."""

    id: str
    name: str
    location_id: str
    due_on: Day
    started_by: str
    started_at: Timestamp
    items: int
    pending: int


class RevokeIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)
    revoke_role: StrictBool = False
    location_ids: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something_revoked(self):
        if not self.revoke_role and not self.location_ids:
            raise ValueError("revoke the role, some locations, or both")
        return self
