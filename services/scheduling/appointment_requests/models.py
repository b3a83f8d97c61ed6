"""Appointment requests: what a patient asked for (by email, via the inbox), pending until booked."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.scheduling.db import Base
from shared.db import UTCDateTime


class AppointmentRequest(Base):
    """A FHIR Appointment in status `proposed`; `booked` once an appointment was made from it."""

    __tablename__ = "appointment_request"
    # The requester's reference makes a redelivered or re-sent request the same request.
    __table_args__ = (UniqueConstraint("source_ref", name="uq_appointment_request_source_ref"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_ref: Mapped[str] = mapped_column(String(100))
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    patient_id: Mapped[str | None] = mapped_column(String(36))  # None: the sender is not a known patient yet
    provider_id: Mapped[str | None] = mapped_column(String(64))
    appointment_type_id: Mapped[str | None] = mapped_column(String(36))
    preferred_days: Mapped[list] = mapped_column(JSON, default=list)  # ["mon", "thu"]
    note: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(10), index=True)  # proposed, booked, cancelled
    appointment_id: Mapped[str | None] = mapped_column(ForeignKey("appointment.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
