"""HTTP models of patients' coverage."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.contracts.scheduling import PostalAddress
from shared.fields import Day


class SubscriberIn(BaseModel):
    """The policy holder when that is not the patient."""

    family_name: str = Field(min_length=1, max_length=60)
    given_name: str = Field(min_length=1, max_length=35)
    birth_date: Day | None = None
    sex: Literal["female", "male", "unknown"] | None = None
    address: PostalAddress | None = None


class CoverageIn(BaseModel):
    payer_id: str
    priority: Literal["primary", "secondary"] = "primary"
    member_id: str = Field(min_length=1, max_length=80)
    group_number: str | None = Field(None, max_length=50)
    relationship: Literal["self", "spouse", "child", "other"] = "self"
    subscriber: SubscriberIn | None = None
    effective_from: Day
    effective_to: Day | None = None

    @model_validator(mode="after")
    def _consistent(self):
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        if self.relationship != "self" and self.subscriber is None:
            raise ValueError("a subscriber other than the patient needs subscriber details")
        return self


class CoverageEndIn(BaseModel):
    effective_to: Day


class CoverageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    patient_id: str
    location_id: str
    payer_id: str
    priority: str
    member_id: str
    group_number: str | None
    relationship: str
    subscriber: dict | None
    effective_from: Day
    effective_to: Day | None
