"""Charges: the billable lines of completed visits, and missed-visit fees."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from services.billing.db import Base
from shared.db import Money, UTCDateTime


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
