"""HTTP request and response models of the access trail."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.fields import Timestamp


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
    occurred_at: Timestamp
    source_ip: str | None
    break_glass: bool
    reason: str | None
    recorded_at: Timestamp
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
    anchored_at: Timestamp


Action = Literal["read", "create", "update", "delete", "export"]
Outcome = Literal["success", "denied", "error"]
