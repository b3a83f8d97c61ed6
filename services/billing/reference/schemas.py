"""HTTP request and response models of billing's reference data, coverage and charges."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.codes import Modifier, ProcedureCode
from shared.contracts.scheduling import PostalAddress

Amount = Annotated[Decimal, Field(ge=0, max_digits=11, decimal_places=2)]
Npi = Annotated[str, Field(pattern=r"^\d{10}$")]


class ChargeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    appointment_id: str
    line_number: int
    kind: str
    patient_id: str
    provider_id: str
    location_id: str
    date_of_service: date
    cpt: str
    modifiers: list[str]
    units: int
    diagnosis_codes: list[str]
    amount: Decimal
    created_at: datetime


class PayerIn(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    x12_payer_id: str = Field(min_length=2, max_length=80, pattern=r"^[A-Za-z0-9]+$")
    claim_filing_indicator: Literal["CI", "MB", "MC", "BL", "HM", "CH", "VA", "WC", "ZZ"] = "CI"
    address: PostalAddress | None = None
    timely_filing_days: int = Field(ge=1, le=3650)


class PayerOut(PayerIn):
    model_config = ConfigDict(from_attributes=True)

    id: str
    created_at: datetime


class RateIn(BaseModel):
    cpt: ProcedureCode
    modifier: Modifier | Literal[""] = ""
    allowed_amount: Amount


class RateOut(RateIn):
    model_config = ConfigDict(from_attributes=True)


class FeeIn(BaseModel):
    cpt: ProcedureCode
    modifier: Modifier | Literal[""] = ""
    amount: Amount


class FeeOut(FeeIn):
    model_config = ConfigDict(from_attributes=True)


class BillingAddress(PostalAddress):
    # Claims need the billing provider's ZIP+4.
    postal_code: str = Field(pattern=r"^\d{5}-?\d{4}$")


class BillingProfileIn(BaseModel):
    organization_name: str = Field(min_length=1, max_length=60)
    npi: Npi
    tax_id: str = Field(pattern=r"^\d{9}$")
    address: BillingAddress
    place_of_service: str = Field("11", pattern=r"^\d{2}$")
    contact_name: str = Field(min_length=1, max_length=60)
    contact_phone: str = Field(pattern=r"^\d{10}$")


class BillingProfileOut(BillingProfileIn):
    model_config = ConfigDict(from_attributes=True)

    location_id: str


class MissedVisitFeesIn(BaseModel):
    no_show_fee: Amount | None = None
    late_cancel_fee: Amount | None = None


class MissedVisitFeesOut(MissedVisitFeesIn):
    model_config = ConfigDict(from_attributes=True)

    location_id: str


class SubscriberIn(BaseModel):
    """The policy holder when that is not the patient."""

    family_name: str = Field(min_length=1, max_length=60)
    given_name: str = Field(min_length=1, max_length=35)
    birth_date: date | None = None
    sex: Literal["female", "male", "unknown"] | None = None
    address: PostalAddress | None = None


class CoverageIn(BaseModel):
    payer_id: str
    priority: Literal["primary", "secondary"] = "primary"
    member_id: str = Field(min_length=1, max_length=80)
    group_number: str | None = Field(None, max_length=50)
    relationship: Literal["self", "spouse", "child", "other"] = "self"
    subscriber: SubscriberIn | None = None
    effective_from: date
    effective_to: date | None = None

    @model_validator(mode="after")
    def _consistent(self):
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        if self.relationship != "self" and self.subscriber is None:
            raise ValueError("a subscriber other than the patient needs subscriber details")
        return self


class CoverageEndIn(BaseModel):
    effective_to: date


class CoverageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    patient_id: str
    location_id: str
    payer_id: str
    priority: str
    member_id: str
    group_number: str | None
    relationship: str
    subscriber: dict | None
    effective_from: date
    effective_to: date | None
