"""Staff HTTP models: members, credentials, training."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.staff.domain import PROVIDER_ROLES, npi_is_valid
from shared.contracts.staff import CredentialKind, StaffRole

Id = Field(min_length=1, max_length=64)


def _valid_npi(npi: str | None) -> str | None:
    if npi is not None and not npi_is_valid(npi):
        raise ValueError("not a valid NPI (10 digits, Luhn check digit with prefix 80840)")
    return npi


# Cross-field rules sit on the later field (validate_default), so a 422 names that field.


class MemberFields(BaseModel):
    # A field this model does not take (a location in a PUT) is refused, not silently dropped: see transfer.
    model_config = ConfigDict(extra="forbid")

    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    role: StaffRole
    npi: str | None = Field(None, validate_default=True)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=32)
    manager_id: str | None = Field(None, min_length=1, max_length=36)

    @field_validator("npi")
    @classmethod
    def _npi(cls, npi: str | None, info: ValidationInfo) -> str | None:
        if npi is None and info.data.get("role") in PROVIDER_ROLES:
            raise ValueError(f"a {info.data['role']} needs an NPI")
        return _valid_npi(npi)


class HireIn(MemberFields):
    home_location_id: str = Id
    location_ids: list[str] = Field(default_factory=list, max_length=50)  # the home location is added
    hired_on: date


class TransferIn(BaseModel):
    home_location_id: str = Id
    location_ids: list[str] = Field(default_factory=list, max_length=50)


class TerminationIn(BaseModel):
    terminated_on: date


class MemberOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    given_name: str
    family_name: str
    role: str
    npi: str | None
    email: str | None
    phone: str | None
    home_location_id: str
    location_ids: list[str]
    manager_id: str | None
    hired_on: date
    terminated_on: date | None


class CredentialIn(BaseModel):
    kind: CredentialKind
    number: str = Field(min_length=1, max_length=64)
    issuer: str = Field(min_length=1, max_length=200)
    state: str | None = Field(None, pattern=r"^[A-Z]{2}$", validate_default=True)
    issued_on: date
    expires_on: date | None = None

    @field_validator("number")
    @classmethod
    def _npi_number(cls, number: str, info: ValidationInfo) -> str:
        return _valid_npi(number) if info.data.get("kind") == CredentialKind.NPI else number

    @field_validator("state")
    @classmethod
    def _licence_state(cls, state: str | None, info: ValidationInfo) -> str | None:
        if state is None and info.data.get("kind") == CredentialKind.STATE_LICENSE:
            raise ValueError("a state licence names its state")
        return state

    @field_validator("expires_on")
    @classmethod
    def _after_issue(cls, expires_on: date | None, info: ValidationInfo) -> date | None:
        issued_on = info.data.get("issued_on")
        if expires_on is not None and issued_on is not None and expires_on < issued_on:
            raise ValueError("expires before it was issued")
        return expires_on


class RenewalIn(BaseModel):
    expires_on: date


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
    issued_on: date
    expires_on: date | None
    status: str
    suspension_reason: str | None
    verification_status: str
    verified_by: str | None
    verified_at: datetime | None
    superseded_by: str | None


class CheckOut(BaseModel):
    as_of: date
    expiring: int
    expired: int
    training_overdue: int


class CourseIn(BaseModel):
    code: str = Field(pattern=r"^[A-Z0-9_]{2,40}$")
    name: str = Field(min_length=1, max_length=200)
    roles: list[StaffRole] = Field(default_factory=list)  # empty: every role
    initial_due_days: int = Field(30, ge=0, le=365)
    interval_months: int | None = Field(12, ge=1, le=120)  # None: once


class CourseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    roles: list[str]
    initial_due_days: int
    interval_months: int | None
    active: bool


class CompletionIn(BaseModel):
    course_code: str = Field(min_length=1, max_length=40)
    completed_on: date
    evidence: str = Field(min_length=1, max_length=2000)  # certificate id, document link, trainer's note


class CompletionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    staff_id: str
    course_code: str
    completed_on: date
    valid_until: date | None
    evidence: str


class TrainingStatusOut(BaseModel):
    course_code: str
    name: str
    last_completed_on: date | None
    due_on: date | None
    overdue: bool
