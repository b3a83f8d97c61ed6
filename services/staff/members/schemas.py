"""Members' HTTP models."""

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.staff.db import Id
from services.staff.members.domain import PROVIDER_ROLES, valid_npi
from shared.contracts.staff import StaffRole
from shared.fields import Day

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
        return valid_npi(npi)


class HireIn(MemberFields):
    home_location_id: str = Id
    location_ids: list[str] = Field(default_factory=list, max_length=50)  # the home location is added
    hired_on: Day


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
    hired_on: Day
    terminated_on: Day | None
