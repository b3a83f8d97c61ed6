"""HTTP models of charges."""

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from shared.fields import Day, Timestamp


class ChargeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    appointment_id: str
    line_number: int
    kind: str
    patient_id: str
    provider_id: str
    location_id: str
    date_of_service: Day
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_codes: list[str]
    amount: Decimal
    created_at: Timestamp
