"""HTTP request and response models of policies and attestations."""

from pydantic import BaseModel, ConfigDict, Field

from shared.fields import Day, Timestamp


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PolicyIn(BaseModel):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$", examples=["hipaa_privacy"])
    title: str = Field(min_length=1, max_length=200)


class PolicyVersionIn(BaseModel):
    summary: str = Field(min_length=1, max_length=2000)
    document_url: str | None = Field(None, max_length=500)
    effective_on: Day
    scope_roles: list[str] = Field(default_factory=list)  # empty: every role
    scope_location_ids: list[str] = Field(default_factory=list)  # empty: every location


class PolicyVersionOut(Out):
    id: str
    version: int
    summary: str
    document_url: str | None
    effective_on: Day
    scope_roles: list[str]
    scope_location_ids: list[str]
    published_by: str
    published_at: Timestamp


class PolicyOut(Out):
    id: str
    code: str
    title: str
    versions: list[PolicyVersionOut] = Field(default_factory=list)


class AttestationIn(BaseModel):
    staff_id: str = Field(min_length=1, max_length=64)
    attested_on: Day | None = None


class AttestationOut(Out):
    id: str
    policy_version_id: str
    staff_id: str
    attested_on: Day
    recorded_by: str
