"""HTTP models of patient maintenance: partial update, search and merge."""

from datetime import date

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from services.scheduling.schemas import EmergencyContact, PatientIn, PatientOut, Sex
from shared.contracts.scheduling import PostalAddress
from shared.web import MAX_OFFSET

PHONE = r"^\+?[0-9 ()\-]{7,20}$"  # the same rule as registration


class PatientPatch(BaseModel):
    """Only the fields sent change; phone and email may be cleared with null.

    The location is not patchable: moving a patient between locations is its own decision.
    """

    model_config = ConfigDict(extra="forbid")

    family_name: str | None = Field(None, min_length=1, max_length=100)
    given_name: str | None = Field(None, min_length=1, max_length=100)
    birth_date: date | None = None
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
    birth_date: date | None = None
    phone: str | None = Field(None, pattern=PHONE)
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PatientPage(BaseModel):
    items: list[PatientOut]
    limit: int
    offset: int
    next_offset: int | None  # None on the last page


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    duplicate_id: str = Field(min_length=1, max_length=36)


class MergeOut(BaseModel):
    survivor: PatientOut
    duplicate_id: str
    appointments_moved: int
