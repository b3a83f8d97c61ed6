"""HTTP request and response models of the trail, alerts and policies."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AuditRecordOut(Out):
    sequence: int
    event_id: str
    service: str
    actor: str
    actor_roles: list[str]
    actor_locations: list[str]
    action: str
    resource: str
    resource_id: str | None
    patient_id: str | None
    location_id: str | None
    outcome: str
    occurred_at: datetime
    source_ip: str | None
    break_glass: bool
    reason: str | None
    recorded_at: datetime
    hash: str


class BrokenLink(BaseModel):
    sequence: int
    reason: str


class VerificationOut(BaseModel):
    ok: bool
    checked: int
    first_broken: BrokenLink | None


class AnchorOut(Out):
    id: str
    sequence: int
    head_hash: str
    anchored_at: datetime


class AlertSummaryOut(Out):
    """The dashboard's shape: exactly what the gateway aggregates."""

    alert_id: str = Field(validation_alias="id")
    kind: str
    severity: str
    location_id: str | None
    subject: str
    raised_at: datetime
    status: str


class AlertOut(AlertSummaryOut):
    details: dict
    acknowledged_by: str | None
    resolved_at: datetime | None
    resolution: str | None


class ResolveIn(BaseModel):
    resolution: str = Field(min_length=1, max_length=400)


class PolicyIn(BaseModel):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,63}$", examples=["hipaa_privacy"])
    title: str = Field(min_length=1, max_length=200)


class PolicyVersionIn(BaseModel):
    summary: str = Field(min_length=1, max_length=2000)
    document_url: str | None = Field(None, max_length=500)
    effective_on: date
    scope_roles: list[str] = Field(default_factory=list)  # empty: every role
    scope_location_ids: list[str] = Field(default_factory=list)  # empty: every location


class PolicyVersionOut(Out):
    id: str
    version: int
    summary: str
    document_url: str | None
    effective_on: date
    scope_roles: list[str]
    scope_location_ids: list[str]
    published_by: str
    published_at: datetime


class PolicyOut(Out):
    id: str
    code: str
    title: str
    versions: list[PolicyVersionOut] = Field(default_factory=list)


class AttestationIn(BaseModel):
    staff_id: str = Field(min_length=1, max_length=64)
    attested_on: date | None = None


class AttestationOut(Out):
    id: str
    policy_version_id: str
    staff_id: str
    attested_on: date
    recorded_by: str


Action = Literal["read", "create", "update", "delete", "export"]
Outcome = Literal["success", "denied", "error"]
