"""Events the staff service publishes; scheduling and compliance consume them.

Identifiers, roles and credential facts only: staff personal data (home address,
date of birth) stays in the staff service.
"""

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from shared.contracts import EventPayload


class StaffRole(StrEnum):
    PHYSICIAN = "physician"
    NURSE_PRACTITIONER = "nurse_practitioner"
    PHYSICIAN_ASSISTANT = "physician_assistant"
    REGISTERED_NURSE = "registered_nurse"
    MEDICAL_ASSISTANT = "medical_assistant"
    RECEPTIONIST = "receptionist"
    BILLER = "biller"
    OFFICE_MANAGER = "office_manager"
    COMPLIANCE_OFFICER = "compliance_officer"
    FACILITIES_COORDINATOR = "facilities_coordinator"


class CredentialKind(StrEnum):
    STATE_LICENSE = "state_license"  # one per state; `state` says which
    DEA = "dea"
    BOARD_CERTIFICATION = "board_certification"
    BLS = "bls"
    NPI = "npi"


class StaffMemberHired(EventPayload):
    """The full member as hired; `.updated` carries the same shape after any change."""

    event_type = "staff.member.hired"

    staff_id: str
    given_name: str
    family_name: str
    role: StaffRole
    npi: str | None = None
    home_location_id: str
    location_ids: list[str] = Field(min_length=1)
    manager_id: str | None = None
    hired_on: date


class StaffMemberUpdated(StaffMemberHired):
    event_type = "staff.member.updated"


class StaffMemberTerminated(EventPayload):
    event_type = "staff.member.terminated"

    staff_id: str
    terminated_on: date


class CredentialAdded(EventPayload):
    event_type = "staff.credential.added"

    credential_id: str
    staff_id: str
    kind: CredentialKind
    number: str
    issuer: str
    state: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    issued_on: date
    expires_on: date | None = None
    verified: bool = False


class CredentialExpiring(EventPayload):
    """Published once per threshold (90, 60, 30 days) per credential."""

    event_type = "staff.credential.expiring"

    credential_id: str
    staff_id: str
    kind: CredentialKind
    state: str | None = None
    expires_on: date
    threshold_days: int


class CredentialExpired(EventPayload):
    event_type = "staff.credential.expired"

    credential_id: str
    staff_id: str
    kind: CredentialKind
    state: str | None = None
    expired_on: date


class CredentialSuspended(EventPayload):
    event_type = "staff.credential.suspended"

    credential_id: str
    staff_id: str
    kind: CredentialKind
    state: str | None = None
    reason: str


class ShiftScheduled(EventPayload):
    event_type = "staff.shift.scheduled"

    shift_id: str
    staff_id: str
    location_id: str
    start: datetime
    end: datetime


class ShiftCancelled(EventPayload):
    event_type = "staff.shift.cancelled"

    shift_id: str
    staff_id: str
    location_id: str


class TimeOffApproved(EventPayload):
    event_type = "staff.time_off.approved"

    time_off_id: str
    staff_id: str
    start: datetime
    end: datetime


class TrainingCompleted(EventPayload):
    event_type = "staff.training.completed"

    staff_id: str
    course_code: str
    completed_on: date
    valid_until: date | None = None


class TrainingOverdue(EventPayload):
    event_type = "staff.training.overdue"

    staff_id: str
    course_code: str
    due_on: date


class CoverageGapFound(EventPayload):
    """Tomorrow, at the location, fewer people of `role` are on shift than its staffing rule needs.

    Announced once per location, day and role (the first gap of the day; `start`/`end` bound it).
    """

    event_type = "staff.coverage.gap_found"

    location_id: str
    day: date
    role: str
    required: int
    scheduled: int
    start: datetime
    end: datetime


class CoverageGapClosed(EventPayload):
    """The day's gaps of that role at the location are covered now."""

    event_type = "staff.coverage.gap_closed"

    location_id: str
    day: date
    role: str
