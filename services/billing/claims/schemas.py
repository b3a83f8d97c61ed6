"""HTTP models of claims: a claim with its lines and history, status moves, the worklist."""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.fields import Day, Timestamp


class ClaimLineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    line_number: int
    control_number: str  # REF*6R on the 837P, echoed in the 835
    charge_id: str
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_pointers: list[int]
    charge_amount: Decimal
    paid_amount: Decimal
    adjustment_amount: Decimal
    patient_responsibility: Decimal
    prior_payer_amount: Decimal = Decimal("0.00")
    denial_carc: str | None


class StatusChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_status: str | None
    to_status: str
    reason: str | None
    changed_by: str
    changed_at: Timestamp


class ScrubFailureOut(BaseModel):
    rule: str
    field: str
    message: str


class ClaimOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    control_number: str  # the patient control number: CLM01 on the 837P, CLP01 in the payer's 835
    appointment_id: str
    patient_id: str
    location_id: str
    provider_id: str
    payer_id: str
    coverage_id: str
    priority: str
    date_of_service: Day
    diagnosis_codes: list[str]
    status: str
    total_charge: Decimal
    paid_amount: Decimal
    adjustment_amount: Decimal
    patient_responsibility: Decimal
    denial_carc: str | None
    scrub_failures: list[ScrubFailureOut]
    batch_id: str | None
    submitted_at: Timestamp | None
    adjudicated_at: Timestamp | None
    primary_claim_id: str | None = None  # a secondary claim: the primary payer's claim it follows
    prior_payer_amount: Decimal = Decimal("0.00")  # what the primary paid and wrote off
    lines: list[ClaimLineOut] = []
    history: list[StatusChangeOut] = []


class StatusIn(BaseModel):
    status: Literal["accepted", "rejected", "appealed", "resubmitted", "draft"]
    reason: str | None = Field(None, max_length=500)


class AttentionOut(BaseModel):
    """The dashboard's row: a claim a person has to look at, and why."""

    claim_id: str
    status: str
    patient_id: str
    total: Decimal
    reason: str
