"""What billing keeps of other services' records: patients, providers, locations and missed visits."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from services.billing.db import Base
from shared.db import UTCDateTime


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


class MissedVisit(Base):
    """A no-show, or a cancellation the patient made too late: what the missed-visit report counts."""

    __tablename__ = "missed_visit"

    appointment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # no_show, late_cancel
    patient_id: Mapped[str] = mapped_column(String(36))
    provider_id: Mapped[str] = mapped_column(String(64))
    location_id: Mapped[str] = mapped_column(String(64))
    scheduled_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
