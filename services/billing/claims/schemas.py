"""HTTP models of claims, 837P exports and 835 imports."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
    changed_at: datetime


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
    date_of_service: date
    diagnosis_codes: list[str]
    status: str
    total_charge: Decimal
    paid_amount: Decimal
    adjustment_amount: Decimal
    patient_responsibility: Decimal
    denial_carc: str | None
    scrub_failures: list[ScrubFailureOut]
    batch_id: str | None
    submitted_at: datetime | None
    adjudicated_at: datetime | None
    primary_claim_id: str | None = None  # a secondary claim: the primary payer's claim it follows
    prior_payer_amount: Decimal = Decimal("0.00")  # what the primary paid and wrote off
    lines: list[ClaimLineOut] = []
    history: list[StatusChangeOut] = []


class StatusIn(BaseModel):
    status: Literal["accepted", "rejected", "appealed", "resubmitted", "draft"]
    reason: str | None = Field(None, max_length=500)


class UnderpaymentOut(BaseModel):
    """A line a payer settled below its contracted allowed amount."""

    claim_id: str
    claim_line_id: str
    patient_id: str
    payer_id: str
    cpt: str
    modifier: str
    units: int
    allowed_amount: Decimal
    settled_amount: Decimal
    amount: Decimal


class AttentionOut(BaseModel):
    """The dashboard's row: a claim a person has to look at, and why."""

    claim_id: str
    status: str
    patient_id: str
    total: Decimal
    reason: str


class ExportIn(BaseModel):
    location_id: str
    receiver_id: str = Field("CLEARINGHOUSE", pattern=r"^[A-Za-z0-9]{2,15}$")
    receiver_name: str = Field("CLEARINGHOUSE", min_length=1, max_length=60)
    usage: Literal["T", "P"] = "T"


class BatchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    location_id: str
    interchange_control_number: int
    claim_count: int
    claim_ids: list[str] = []
    created_at: datetime
    content: str


class AdjustmentOut(BaseModel):
    group_code: str
    carc: str
    amount: Decimal


class PostedClaimOut(BaseModel):
    patient_control_number: str
    claim_id: str | None
    status: str | None  # the claim's status after posting; None when unmatched
    paid_amount: Decimal
    patient_responsibility: Decimal
    adjustments: list[AdjustmentOut]
    problem: str | None = None  # why it was not posted


class RemittanceOut(BaseModel):
    remittance_id: str
    already_imported: bool
    trace_number: str
    payer_identifier: str
    payment_amount: Decimal
    posted: list[PostedClaimOut]
    unmatched: list[PostedClaimOut]


class RemittanceIn(BaseModel):
    x12: str = Field(min_length=106, max_length=5_000_000, description="the 835 interchange, as received")
