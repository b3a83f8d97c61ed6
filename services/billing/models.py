"""Billing's tables; nothing here is shared with another service."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import UTCDateTime
from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata


class Charge(Base):
    """One billable service line of a completed visit."""

    __tablename__ = "charge"
    # A visit's line is charged once, whatever the consumer does: the last line of defence.
    __table_args__ = (UniqueConstraint("appointment_id", "line_number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    appointment_id: Mapped[str] = mapped_column(String(36), index=True)
    line_number: Mapped[int] = mapped_column(Integer)
    patient_id: Mapped[str] = mapped_column(String(36), index=True)
    provider_id: Mapped[str] = mapped_column(String(64))
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    date_of_service: Mapped[date] = mapped_column(Date)
    cpt: Mapped[str] = mapped_column(String(5))
    modifiers: Mapped[list] = mapped_column(JSON)
    units: Mapped[int] = mapped_column(Integer)
    diagnosis_codes: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
