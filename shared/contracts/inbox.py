"""Events the inbox service publishes."""

from datetime import datetime

from pydantic import Field

from shared.contracts import EventPayload

# --- email intake (issue 15, inbox-mail): what the office's email asks other services for ---


class AppointmentRequested(EventPayload):
    """An email asked for an appointment: scheduling keeps it as a proposed request (FHIR `proposed`).

    Identifiers only: the mail's words stay in the inbox. `message_id` is the idempotency key.
    """

    event_type = "inbox.appointment.requested"

    message_id: str
    location_id: str
    patient_id: str | None = None  # the sender, when the inbox matched them to a patient
    provider_id: str | None = None
    appointment_type_id: str | None = None
    preferred_days: list[str] = Field(default_factory=list, max_length=7)  # "mon" .. "sun"
    note: str = Field("", max_length=500)  # what the desk should know ("mornings only"), no clinical text
    received_at: datetime
