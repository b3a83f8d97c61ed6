"""HTTP models of billing's reports; amounts are decimal strings to the cent."""

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from shared.fields import Day


class AgingRow(BaseModel):
    key: str  # a payer id or a location id
    name: str | None = None
    buckets: dict[str, Decimal]
    total: Decimal


class AgingReport(BaseModel):
    as_of: Day | None  # the day asked for; none: each location's own today, in as_of_by_location
    as_of_by_location: dict[str, date] = {}
    basis: str
    by_payer: list[AgingRow]
    by_location: list[AgingRow]
    total: AgingRow


class CountedAmount(BaseModel):
    key: str
    count: int
    amount: Decimal


class DenialReport(BaseModel):
    start: Day
    end: Day
    by_carc: list[CountedAmount]
    by_payer: list[CountedAmount]
    by_provider: list[CountedAmount]


class MoneyRow(BaseModel):
    month: str
    location_id: str
    provider_id: str
    revenue: Decimal
    payer_collections: Decimal
    patient_collections: Decimal
    collections: Decimal


class CollectionsReport(BaseModel):
    start: Day
    end: Day
    rows: list[MoneyRow]
    revenue: Decimal
    collections: Decimal


class MissedVisitRow(BaseModel):
    location_id: str
    kind: str
    count: int
    fees_charged: Decimal
    revenue_lost: Decimal
    net_cost: Decimal


class MissedVisitReport(BaseModel):
    start: Day
    end: Day
    definition: str
    rows: list[MissedVisitRow]
    fees_charged: Decimal
    revenue_lost: Decimal
