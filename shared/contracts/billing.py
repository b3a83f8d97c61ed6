"""Events the billing service publishes."""

from datetime import date

from shared.contracts import EventPayload


class ChargeCreated(EventPayload):
    event_type = "billing.charge.created"

    charge_id: str
    appointment_id: str
    patient_id: str
    provider_id: str
    location_id: str
    date_of_service: date
    line_number: int
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_codes: list[str]
