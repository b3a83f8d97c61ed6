"""HTTP request and response models of scheduling."""

from datetime import UTC, date, datetime
from typing import Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    ValidationInfo,
    field_validator,
)

from services.scheduling.waitlist_schemas import WaitlistOfferOut
from shared.clock import latest_today
from shared.codes import DiagnosisCode, ProcedureCode
from shared.contracts.facilities import RoomKind
from shared.contracts.scheduling import (
    PostalAddress,
    ServiceLine,
    check_diagnosis_pointers,
)
from shared.contracts.staff import StaffRole

Sex = Literal["female", "male", "other", "unknown"]  # FHIR AdministrativeGender


class EmergencyContact(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(pattern=r"^\+?[0-9 ()\-]{7,20}$")
    relationship: str = Field(min_length=1, max_length=50)


class PatientIn(BaseModel):
    family_name: str = Field(min_length=1, max_length=100)
    given_name: str = Field(min_length=1, max_length=100)
    birth_date: date
    sex: Sex
    phone: str | None = Field(None, pattern=r"^\+?[0-9 ()\-]{7,20}$")
    email: EmailStr | None = None
    location_id: str = Field(min_length=1, max_length=64)
    address: PostalAddress | None = None
    emergency_contact: EmergencyContact | None = None

    @field_validator("birth_date")
    @classmethod
    def _born_in_the_past(cls, value: date) -> date:
        if value > latest_today():
            raise ValueError("is in the future")
        return value


class PatientOut(PatientIn):
    model_config = ConfigDict(from_attributes=True)
    id: str
    email: str | None = None


class TimeSpan(BaseModel):
    """A half-open [start, end) in aware datetimes."""

    start: AwareDatetime
    end: AwareDatetime

    @field_validator("start", "end")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)  # stored and answered in UTC, whatever offset came in

    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, end: datetime, info: ValidationInfo) -> datetime:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise ValueError("must be after start")
        return end


class AppointmentIn(TimeSpan):
    patient_id: str = Field(min_length=1, max_length=36)
    provider_id: str = Field(min_length=1, max_length=64)
    location_id: str = Field(min_length=1, max_length=64)
    room_id: str | None = Field(None, min_length=1, max_length=64)
    appointment_type_id: str | None = Field(None, min_length=1, max_length=36)  # its roles, DEA, room kind apply


class SeriesIn(AppointmentIn):
    """The first occurrence, then every N days or weeks at the same local time, until a date or for a count."""

    every: int = Field(ge=1, le=52)
    unit: Literal["day", "week"]
    until: date | None = None
    count: int | None = Field(None, ge=2, le=52)

    @field_validator("count")
    @classmethod
    def _until_or_count(cls, count: int | None, info: ValidationInfo) -> int | None:
        if (count is None) == (info.data.get("until") is None):
            raise ValueError("give exactly one of until and count")
        return count


class CompletionIn(BaseModel):
    """What was done (CPT/HCPCS lines) and why (ICD-10-CM codes) at a visit."""

    diagnosis_codes: list[DiagnosisCode] = Field(min_length=1, max_length=12)
    service_lines: list[ServiceLine] = Field(min_length=1, max_length=50)

    @field_validator("service_lines")
    @classmethod
    def _pointers_point_at_diagnoses(cls, lines: list[ServiceLine], info: ValidationInfo) -> list[ServiceLine]:
        check_diagnosis_pointers(info.data.get("diagnosis_codes") or [], lines)
        return lines


class CancellationIn(BaseModel):
    by: Literal["patient", "practice"]
    reason: str = Field(min_length=1, max_length=500)


class AppointmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    patient_id: str
    provider_id: str
    location_id: str
    room_id: str | None = None
    series_id: str | None = None
    appointment_type_id: str | None = None
    start: datetime
    end: datetime
    status: str
    diagnosis_codes: list[str] | None = None
    service_lines: list[ServiceLine] | None = None
    completed_at: datetime | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    late_cancel: bool | None = None
    needs_reschedule: bool = False
    reschedule_reasons: list[str] | None = None


class BookabilityOut(BaseModel):
    bookable: bool
    reasons: list[str]


class AppointmentTypeIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    duration_minutes: int = Field(gt=0, le=480)
    buffer_minutes: int = Field(0, ge=0, le=120)
    room_kind: RoomKind | None = None
    default_cpt_codes: list[ProcedureCode] = Field(default_factory=list, max_length=20)
    provider_roles: list[StaffRole] = Field(min_length=1)
    requires_dea: bool = False


class AppointmentTypeOut(AppointmentTypeIn):
    model_config = ConfigDict(from_attributes=True)
    id: str
    location_id: str


class SlotOut(BaseModel):
    start: datetime
    end: datetime
    provider_id: str
    room_ids: list[str]


class RescheduleIn(TimeSpan):
    provider_id: str | None = Field(None, min_length=1, max_length=64)
    room_id: str | None = Field(None, min_length=1, max_length=64)


class AppointmentChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    changed_at: datetime
    changed_by: str
    previous_start: datetime
    previous_end: datetime
    previous_provider_id: str
    previous_room_id: str | None


class DaySheetOut(BaseModel):
    location_id: str
    date: date
    timezone: str
    by_provider: dict[str, list[AppointmentOut]]
    worklist: list[AppointmentOut]
    waitlist_offers: list[WaitlistOfferOut]
