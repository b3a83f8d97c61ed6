"""Events the scheduling service publishes.

Topic `scheduling.patient` carries demographics billing needs for claims: it is PHI.
Every other scheduling topic carries identifiers and codes only.
"""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from shared.codes import DiagnosisCode, Modifier, ProcedureCode
from shared.contracts import EventPayload


class PostalAddress(BaseModel):
    """A US postal address, as a claim's N3/N4 segments need it."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    line1: str = Field(min_length=1, max_length=55)
    line2: str | None = Field(None, max_length=55)
    city: str = Field(min_length=1, max_length=30)
    state: str = Field(pattern=r"^[A-Z]{2}$")
    postal_code: str = Field(pattern=r"^\d{5}(-?\d{4})?$")


class PatientRegistered(EventPayload):
    event_type = "scheduling.patient.registered"
    contains_phi = True

    patient_id: str
    family_name: str
    given_name: str
    birth_date: date
    sex: str
    location_id: str
    address: PostalAddress | None = None
    # Contact details (additive, issue 15): the inbox matches an email's sender to a patient by them.
    phone: str | None = None
    email: str | None = None


class AppointmentBooked(EventPayload):
    event_type = "scheduling.appointment.booked"

    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    start: datetime
    end: datetime
    room_id: str | None = None
    series_id: str | None = None  # set on each occurrence of a recurring series
    appointment_type_id: str | None = None


class AppointmentCheckedIn(EventPayload):
    event_type = "scheduling.appointment.checked_in"

    appointment_id: str
    patient_id: str
    location_id: str
    arrived_at: datetime


class AppointmentCancelled(EventPayload):
    """`late` when inside the location's notice window: billing may charge its late-cancel fee."""

    event_type = "scheduling.appointment.cancelled"

    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    start: datetime
    cancelled_by: Literal["patient", "practice"]
    reason: str
    late: bool


class AppointmentNoShow(EventPayload):
    event_type = "scheduling.appointment.no_show"

    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    start: datetime


class AppointmentRescheduled(EventPayload):
    event_type = "scheduling.appointment.rescheduled"

    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    room_id: str | None = None
    previous_start: datetime
    previous_end: datetime
    start: datetime
    end: datetime


class ServiceLine(EventPayload):
    """One billable procedure of a visit; pointers index `diagnosis_codes` from 1."""

    cpt: ProcedureCode
    modifiers: list[Modifier] = Field(default_factory=list, max_length=4)
    units: StrictInt = Field(1, ge=1, le=999)
    diagnosis_pointers: list[StrictInt] = Field(default_factory=lambda: [1], min_length=1, max_length=4)


def check_diagnosis_pointers(diagnosis_codes: list[str], lines: list[ServiceLine]) -> None:
    """Each line's pointers must name one of the visit's diagnoses (1-based, as on a CMS-1500)."""
    for line in lines:
        for pointer in line.diagnosis_pointers:
            if not 1 <= pointer <= len(diagnosis_codes):
                raise ValueError(f"diagnosis pointer {pointer} of {line.cpt} is outside 1..{len(diagnosis_codes)}")


class AppointmentCompleted(EventPayload):
    event_type = "scheduling.appointment.completed"

    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    date_of_service: date
    completed_at: datetime
    diagnosis_codes: list[DiagnosisCode] = Field(min_length=1, max_length=12)
    service_lines: list[ServiceLine] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _pointers_resolve(self):
        check_diagnosis_pointers(self.diagnosis_codes, self.service_lines)
        return self


class AppointmentNeedsReschedule(EventPayload):
    """A booked appointment can no longer happen as booked (credential, shift, room...)."""

    event_type = "scheduling.appointment.needs_reschedule"

    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    start: datetime
    reasons: list[str]


class AppointmentsDisplacedFromRoom(EventPayload):
    """A room went out of service under booked appointments: how many, and which (each also needs_reschedule)."""

    event_type = "scheduling.appointment.displaced_from_room"

    room_id: str
    location_id: str
    reason: str
    since: datetime
    until: datetime | None = None
    appointment_ids: list[str]
    count: StrictInt


class PatientUpdated(PatientRegistered):
    """The patient's demographics after a change: the whole state, so consumers can upsert."""

    event_type = "scheduling.patient.updated"


class PatientMerged(EventPayload):
    """A duplicate record was folded into its survivor: consumers re-point what they hold of it."""

    event_type = "scheduling.patient.merged"
    contains_phi = True

    survivor_id: str
    duplicate_id: str


class WaitlistOfferMade(EventPayload):
    """A freed slot is held for a waiting patient until `expires_at`; the front desk calls them."""

    event_type = "scheduling.waitlist.offer_made"

    offer_id: str
    entry_id: str
    patient_id: str
    location_id: str
    provider_id: str
    room_id: str | None = None
    start: datetime
    end: datetime
    expires_at: datetime


class WaitlistOfferAccepted(EventPayload):
    event_type = "scheduling.waitlist.offer_accepted"

    offer_id: str
    entry_id: str
    patient_id: str
    location_id: str
    appointment_id: str


class WaitlistOfferExpired(EventPayload):
    """The hold ran out unanswered; the slot goes to the next waiting patient."""

    event_type = "scheduling.waitlist.offer_expired"

    offer_id: str
    entry_id: str
    patient_id: str
    location_id: str


class WaitlistOfferDeclined(EventPayload):
    event_type = "scheduling.waitlist.offer_declined"

    offer_id: str
    entry_id: str
    patient_id: str
    location_id: str


# --- appointment requests (issue 15: an emailed request, kept as a FHIR `proposed` appointment) ---


class AppointmentRequestProposed(EventPayload):
    """Scheduling holds a pending request (FHIR Appointment `proposed`) made from another service's intake."""

    event_type = "scheduling.appointment_request.proposed"

    request_id: str
    source_ref: str  # what the requester calls it (the inbox's message id): the idempotency key
    location_id: str
    patient_id: str | None = None
    provider_id: str | None = None
    appointment_type_id: str | None = None


class AppointmentRequestBooked(EventPayload):
    """The request was booked: the appointment exists and the request is `booked` (its task can close)."""

    event_type = "scheduling.appointment_request.booked"

    request_id: str
    source_ref: str
    appointment_id: str
    patient_id: str
    location_id: str
    booked_by: str
