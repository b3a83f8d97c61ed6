"""HTTP request and response models of appointments."""

from datetime import UTC
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from shared.codes import DiagnosisCode
from shared.contracts.scheduling import ServiceLine, check_diagnosis_pointers
from shared.fields import Instant, Timestamp


class TimeSpan(BaseModel):
    """A half-open [start, end) in aware datetimes."""

    start: Instant
    end: Instant

    @field_validator("start", "end")
    @classmethod
    def _in_utc(cls, value: Timestamp) -> Timestamp:
        return value.astimezone(UTC)  # stored and answered in UTC, whatever offset came in

    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, end: Timestamp, info: ValidationInfo) -> Timestamp:
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
    start: Timestamp
    end: Timestamp
    status: str
    diagnosis_codes: list[str] | None = None
    service_lines: list[ServiceLine] | None = None
    completed_at: Timestamp | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    late_cancel: bool | None = None
    needs_reschedule: bool = False
    reschedule_reasons: list[str] | None = None


class RescheduleIn(TimeSpan):
    provider_id: str | None = Field(None, min_length=1, max_length=64)
    room_id: str | None = Field(None, min_length=1, max_length=64)


class AppointmentChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    changed_at: Timestamp
    changed_by: str
    previous_start: Timestamp
    previous_end: Timestamp
    previous_provider_id: str
    previous_room_id: str | None
