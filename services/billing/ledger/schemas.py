"""HTTP models of payments, refunds, balances and statements."""

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.billing.ledger.domain import PaymentKind, PaymentMethod
from shared.fields import Day, Timestamp

Amount = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patient_id: str = Field(min_length=1, max_length=36)
    location_id: str = Field(min_length=1, max_length=64)
    kind: PaymentKind = PaymentKind.PAYMENT
    method: PaymentMethod
    amount: Amount
    # Checked against kind and method even when left out, so that the error names the field.
    appointment_id: str | None = Field(None, max_length=36, validate_default=True)
    check_number: str | None = Field(None, min_length=1, max_length=32, validate_default=True)
    card_last4: str | None = Field(None, pattern=r"^[0-9]{4}$")  # never more of the card
    client_reference: str | None = Field(None, min_length=1, max_length=200)

    @field_validator("appointment_id")
    @classmethod
    def _copay_names_its_visit(cls, value, info: ValidationInfo):
        if info.data.get("kind") == PaymentKind.COPAY and not value:
            raise ValueError("a copay names its appointment_id")
        return value

    @field_validator("check_number")
    @classmethod
    def _checks_only(cls, value, info: ValidationInfo):
        if (info.data.get("method") == PaymentMethod.CHECK) != bool(value):
            raise ValueError("check_number is required for a check, and only for a check")
        return value

    @field_validator("card_last4")
    @classmethod
    def _cards_only(cls, value, info: ValidationInfo):
        if value and info.data.get("method") != PaymentMethod.CARD:
            raise ValueError("card_last4 belongs to card payments only")
        return value


class PaymentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    patient_id: str
    location_id: str
    appointment_id: str | None
    kind: str
    method: str
    amount: Decimal
    refunded_amount: Decimal
    check_number: str | None
    card_last4: str | None
    received_at: Timestamp
    posted_by: str


class RefundIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Amount
    reason: str = Field(min_length=1, max_length=200)


class RefundOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    payment_id: str
    amount: Decimal
    reason: str
    refunded_at: Timestamp
    refunded_by: str


class BalanceOut(BaseModel):
    patient_id: str
    location_id: str
    balance: Decimal


class StatementLineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    posted_at: Timestamp
    reason: str
    source_id: str
    amount: Decimal
    balance_after: Decimal


class StatementOut(BaseModel):
    patient_id: str
    location_id: str
    start: Day
    end: Day
    timezone: str = "UTC"  # the location's: start and end are its local days, and so are the lines' dates
    opening_balance: Decimal
    charges: Decimal
    credits: Decimal
    closing_balance: Decimal
    lines: list[StatementLineOut]
