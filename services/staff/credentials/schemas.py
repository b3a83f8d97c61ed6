"""Credentials' HTTP models."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.staff.members.domain import valid_npi
from shared.contracts.staff import CredentialKind
from shared.fields import Day, Timestamp

# Cross-field rules sit on the later field (validate_default), so a 422 names that field.


class CredentialIn(BaseModel):
    kind: CredentialKind
    number: str = Field(min_length=1, max_length=64)
    issuer: str = Field(min_length=1, max_length=200)
    state: str | None = Field(None, pattern=r"^[A-Z]{2}$", validate_default=True)
    issued_on: Day
    expires_on: Day | None = None

    @field_validator("number")
    @classmethod
    def _npi_number(cls, number: str, info: ValidationInfo) -> str:
        return valid_npi(number) if info.data.get("kind") == CredentialKind.NPI else number

    @field_validator("state")
    @classmethod
    def _licence_state(cls, state: str | None, info: ValidationInfo) -> str | None:
        if state is None and info.data.get("kind") == CredentialKind.STATE_LICENSE:
            raise ValueError("a state licence names its state")
        return state

    @field_validator("expires_on")
    @classmethod
    def _after_issue(cls, expires_on: Day | None, info: ValidationInfo) -> Day | None:
        issued_on = info.data.get("issued_on")
        if expires_on is not None and issued_on is not None and expires_on < issued_on:
            raise ValueError("expires before it was issued")
        return expires_on


class RenewalIn(BaseModel):
    expires_on: Day


class SuspensionIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


class VerificationIn(BaseModel):
    outcome: Literal["verified", "rejected"] = "verified"


class CredentialOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    staff_id: str
    kind: str
    number: str
    issuer: str
    state: str | None
    issued_on: Day
    expires_on: Day | None
    status: str
    suspension_reason: str | None
    verification_status: str
    verified_by: str | None
    verified_at: Timestamp | None
    superseded_by: str | None
