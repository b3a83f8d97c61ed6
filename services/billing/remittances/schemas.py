"""HTTP models of 835 imports and underpayments."""

from decimal import Decimal

from pydantic import BaseModel, Field


class RemittanceIn(BaseModel):
    x12: str = Field(min_length=106, max_length=5_000_000, description="the 835 interchange, as received")


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
