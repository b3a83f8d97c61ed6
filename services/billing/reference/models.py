"""Billing's reference data: payers and their contracted rates, each location's fees and billing profile."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from services.billing.db import Base
from shared.db import Money, UTCDateTime


class Payer(Base):
    """An insurer claims go to; `x12_payer_id` is what clearinghouses route by."""

    __tablename__ = "payer"
    __table_args__ = (CheckConstraint("timely_filing_days > 0", name="timely_filing_positive"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    x12_payer_id: Mapped[str] = mapped_column(String(80), unique=True)
    claim_filing_indicator: Mapped[str] = mapped_column(String(2))  # SBR09: CI commercial, MB Medicare...
    address: Mapped[dict | None] = mapped_column(JSON)  # PostalAddress
    timely_filing_days: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BillingProfile(Base):
    """A location's billing provider on claims: group NPI, tax id, pay-to address."""

    __tablename__ = "billing_profile"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_name: Mapped[str] = mapped_column(String(60))
    npi: Mapped[str] = mapped_column(String(10))
    tax_id: Mapped[str] = mapped_column(String(9))
    address: Mapped[dict] = mapped_column(JSON)  # PostalAddress, ZIP+4 required on claims
    place_of_service: Mapped[str] = mapped_column(String(2))
    contact_name: Mapped[str] = mapped_column(String(60))
    contact_phone: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MissedVisitFee(Base):
    """What a location charges for a no-show or a late cancellation; none when unset."""

    __tablename__ = "missed_visit_fee"
    __table_args__ = (CheckConstraint("no_show_fee >= 0 AND late_cancel_fee >= 0", name="fees_not_negative"),)

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    no_show_fee: Mapped[Decimal | None] = mapped_column(Money)
    late_cancel_fee: Mapped[Decimal | None] = mapped_column(Money)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FeeScheduleEntry(Base):
    """A location's charge for one CPT code; modifier '' is the price without a modifier."""

    __tablename__ = "fee_schedule_entry"
    __table_args__ = (
        UniqueConstraint("location_id", "cpt", "modifier"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64))
    cpt: Mapped[str] = mapped_column(String(5))
    modifier: Mapped[str] = mapped_column(String(2), server_default=text("''"))
    amount: Mapped[Decimal] = mapped_column(Money)


class ContractedRate(Base):
    """What a payer allows for one CPT code under its contract."""

    __tablename__ = "contracted_rate"
    __table_args__ = (
        UniqueConstraint("payer_id", "cpt", "modifier"),
        CheckConstraint("allowed_amount >= 0", name="allowed_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    payer_id: Mapped[str] = mapped_column(ForeignKey("payer.id"))
    cpt: Mapped[str] = mapped_column(String(5))
    modifier: Mapped[str] = mapped_column(String(2), server_default=text("''"))
    allowed_amount: Mapped[Decimal] = mapped_column(Money)
