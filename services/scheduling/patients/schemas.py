"""HTTP models of patients: registration and reads, partial update, search."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from shared.clock import latest_today
from shared.contracts.scheduling import PostalAddress
from shared.fields import Day
from shared.web import MAX_OFFSET

Sex = Literal["female", "male", "other", "unknown"]  # FHIR AdministrativeGender
PHONE = r"^\+?[0-9 ()\-]{7,20}$"


class EmergencyContact(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(pattern=PHONE)
    relationship: str = Field(min_length=1, max_length=50)


class PatientIn(BaseModel):
    family_name: str = Field(min_length=1, max_length=100)
    given_name: str = Field(min_length=1, max_length=100)
    birth_date: Day
    sex: Sex
    phone: str | None = Field(None, pattern=PHONE)
    email: EmailStr | None = None
    location_id: str = Field(min_length=1, max_length=64)
    address: PostalAddress | None = None
    emergency_contact: EmergencyContact | None = None

    @field_validator("birth_date")
    @classmethod
    def _born_in_the_past(cls, value: Day) -> Day:
        if value > latest_today():
            raise ValueError("is in the future")
        return value


class PatientOut(PatientIn):
    model_config = ConfigDict(from_attributes=True)
    id: str
    email: str | None = None


class PatientPatch(BaseModel):
    """Only the fields sent change; phone and email may be cleared with null.

    The location is not patchable: moving a patient between locations is its own decision.
    """

    model_config = ConfigDict(extra="forbid")

    family_name: str | None = Field(None, min_length=1, max_length=100)
    given_name: str | None = Field(None, min_length=1, max_length=100)
    birth_date: Day | None = None
    sex: Sex | None = None
    phone: str | None = Field(None, pattern=PHONE)
    email: EmailStr | None = None
    address: PostalAddress | None = None  # replaced whole; null clears it
    emergency_contact: EmergencyContact | None = None

    _born_in_the_past = field_validator("birth_date")(PatientIn._born_in_the_past.__func__)

    @field_validator("family_name", "given_name", "birth_date", "sex", mode="before")
    @classmethod
    def _required_stays_set(cls, value):
        if value is None:
            raise ValueError("cannot be cleared")
        return value

    def changes(self) -> dict:
        return self.model_dump(exclude_unset=True)  # nested models come out as plain dicts


class PatientQuery(BaseModel):
    """Criteria combine with AND; the use case insists on at least one (minimum necessary)."""

    name: str | None = Field(None, min_length=1, max_length=100)
    birth_date: Day | None = None
    phone: str | None = Field(None, pattern=PHONE)
    limit: int = Field(20, ge=1, le=100)  # query text: read as a number
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PatientPage(BaseModel):
    items: list[PatientOut]
    limit: int
    offset: int
    next_offset: int | None  # None on the last page
