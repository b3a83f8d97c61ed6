"""HTTP models of billing's reference data: payers, contracted rates, fee schedules, billing profiles."""

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from shared.codes import Modifier, ProcedureCode
from shared.contracts.scheduling import PostalAddress
from shared.fields import Timestamp

Amount = Annotated[Decimal, Field(ge=0, max_digits=11, decimal_places=2)]
Npi = Annotated[str, Field(pattern=r"^\d{10}$")]


class PayerIn(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    x12_payer_id: str = Field(min_length=2, max_length=80, pattern=r"^[A-Za-z0-9]+$")
    claim_filing_indicator: Literal["CI", "MB", "MC", "BL", "HM", "CH", "VA", "WC", "ZZ"] = "CI"
    address: PostalAddress | None = None
    timely_filing_days: StrictInt = Field(ge=1, le=3650)


class PayerOut(PayerIn):
    model_config = ConfigDict(from_attributes=True)

    id: str
    created_at: Timestamp


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
