"""Billing's tables; nothing here is shared with another service.

Reference data (payers, fee schedules, billing profiles), projections of other services'
events (patients, providers) and charges live here; claims and remittances in their own modules.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import Money, UTCDateTime
from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata


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


class BillingPatient(Base):
    """A patient's demographics as `scheduling.patient` events tell them (PHI)."""

    __tablename__ = "billing_patient"

    patient_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    family_name: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(16))
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[dict | None] = mapped_column(JSON)
    merged_into: Mapped[str | None] = mapped_column(String(36))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BillingProvider(Base):
    """A rendering provider as `staff.member` events tell them."""

    __tablename__ = "billing_provider"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    npi: Mapped[str | None] = mapped_column(String(10))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BillingLocation(Base):
    """A location's timezone as `facilities.location` events tell it: a visit's local day is its date of service."""

    __tablename__ = "billing_location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)


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


class Coverage(Base):
    """A patient's insurance with one payer, primary or secondary, over [effective_from, effective_to].

    One primary and one secondary on any day: the database refuses an overlap (effective_to null
    runs forever). SQLite has no exclusion constraints: the migration adds triggers with the same rule there.
    """

    __tablename__ = "coverage"
    __table_args__ = (
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="dates_ordered"),
        ExcludeConstraint(("patient_id", "="), ("priority", "="),
                          (text("daterange(effective_from, effective_to, '[]')"), "&&"),
                          name="no_coverage_overlap", using="gist").ddl_if(dialect="postgresql"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient_id: Mapped[str] = mapped_column(String(36), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    payer_id: Mapped[str] = mapped_column(ForeignKey("payer.id"), index=True)
    priority: Mapped[str] = mapped_column(String(10))  # primary, secondary
    member_id: Mapped[str] = mapped_column(String(80))
    group_number: Mapped[str | None] = mapped_column(String(50))
    relationship: Mapped[str] = mapped_column(String(10))  # self, spouse, child, other
    subscriber: Mapped[dict | None] = mapped_column(JSON)  # name, birth date, sex, address when not self
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FeeScheduleEntry(Base):
    """A location's charge for one CPT code; modifier '' is the price without a modifier."""

    __tablename__ = "fee_schedule_entry"
    __table_args__ = (UniqueConstraint("location_id", "cpt", "modifier"),
                      CheckConstraint("amount >= 0", name="amount_not_negative"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64))
    cpt: Mapped[str] = mapped_column(String(5))
    modifier: Mapped[str] = mapped_column(String(2), server_default=text("''"))
    amount: Mapped[Decimal] = mapped_column(Money)


class ContractedRate(Base):
    """What a payer allows for one CPT code under its contract."""

    __tablename__ = "contracted_rate"
    __table_args__ = (UniqueConstraint("payer_id", "cpt", "modifier"),
                      CheckConstraint("allowed_amount >= 0", name="allowed_not_negative"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    payer_id: Mapped[str] = mapped_column(ForeignKey("payer.id"))
    cpt: Mapped[str] = mapped_column(String(5))
    modifier: Mapped[str] = mapped_column(String(2), server_default=text("''"))
    allowed_amount: Mapped[Decimal] = mapped_column(Money)


class Charge(Base):
    """One billable service line of a completed visit, or a missed-visit fee (line 0)."""

    __tablename__ = "charge"
    # A visit's line (or its one missed-visit fee) is charged once, whatever the consumer does.
    __table_args__ = (UniqueConstraint("appointment_id", "line_number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    appointment_id: Mapped[str] = mapped_column(String(36), index=True)
    line_number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), server_default=text("'visit'"))  # visit, no_show, late_cancel
    patient_id: Mapped[str] = mapped_column(String(36), index=True)
    provider_id: Mapped[str] = mapped_column(String(64))
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    date_of_service: Mapped[date] = mapped_column(Date)
    cpt: Mapped[str] = mapped_column(String(5))
    modifiers: Mapped[list] = mapped_column(JSON)
    units: Mapped[int] = mapped_column(Integer)
    diagnosis_codes: Mapped[list] = mapped_column(JSON)
    amount: Mapped[Decimal] = mapped_column(Money, server_default=text("0"))  # fee x units; 0 when unpriced
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


# Imported last: these modules declare their tables on this Base.
from services.billing import claim_models, ledger_models, remittance_models  # noqa: E402,F401
