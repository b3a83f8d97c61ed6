"""Appointments, the booking requests seen, their earlier places, and the kinds of appointment offered."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from services.scheduling.appointments.domain import HOLDS_TIME
from services.scheduling.db import Base
from shared.db import UTCDateTime, no_overlap

HOLDS_TIME_SQL = f"status IN ({', '.join(repr(str(s)) for s in HOLDS_TIME)})"


def _no_overlap(column: str):
    """No two time-holding appointments of one provider/patient/room overlap (see shared.db.no_overlap)."""
    return no_overlap(f"no_{column.removesuffix('_id')}_overlap", holder=column, where=HOLDS_TIME_SQL)


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint('"end" > start', name="ends_after_start"),
        _no_overlap("provider_id"),
        _no_overlap("patient_id"),
        _no_overlap("room_id"),
        # An overlap check (SQLite's triggers) and "their future appointments" scan only
        # appointments ending after a time, not a provider's whole history.
        Index("ix_appointment_provider_id_end", "provider_id", "end"),
        Index("ix_appointment_patient_id_end", "patient_id", "end"),
        Index("ix_appointment_room_id_end", "room_id", "end"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patient.id"), index=True)
    provider_id: Mapped[str] = mapped_column(String(64), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    room_id: Mapped[str | None] = mapped_column(String(64), index=True)
    series_id: Mapped[str | None] = mapped_column(ForeignKey("appointment_series.id"), index=True)
    appointment_type_id: Mapped[str | None] = mapped_column(ForeignKey("appointment_type.id"))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    diagnosis_codes: Mapped[list | None] = mapped_column(JSON)
    service_lines: Mapped[list | None] = mapped_column(JSON)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(10))
    cancel_reason: Mapped[str | None] = mapped_column(String(500))
    late_cancel: Mapped[bool | None] = mapped_column(Boolean)
    needs_reschedule: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reschedule_reasons: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BookingRequest(Base):
    """An Idempotency-Key seen on a booking: a retried request gets the same appointment back."""

    __tablename__ = "booking_request"

    actor: Mapped[str] = mapped_column(String(100), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    appointment_id: Mapped[str] = mapped_column(ForeignKey("appointment.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AppointmentType(Base):
    """What a location offers: how long, with which buffer, room kind and provider roles."""

    __tablename__ = "appointment_type"
    __table_args__ = (
        UniqueConstraint("location_id", "name"),
        CheckConstraint("duration_minutes > 0", name="positive_duration"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(100))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    buffer_minutes: Mapped[int] = mapped_column(Integer, default=0)
    room_kind: Mapped[str | None] = mapped_column(String(20))
    default_cpt_codes: Mapped[list] = mapped_column(JSON, default=list)
    provider_roles: Mapped[list] = mapped_column(JSON)
    requires_dea: Mapped[bool] = mapped_column(Boolean, default=False)


class AppointmentChange(Base):
    """Where and when an appointment was before a reschedule: the history the front desk sees."""

    __tablename__ = "appointment_change"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    appointment_id: Mapped[str] = mapped_column(ForeignKey("appointment.id"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(String(100))
    previous_start: Mapped[datetime] = mapped_column(UTCDateTime)
    previous_end: Mapped[datetime] = mapped_column(UTCDateTime)
    previous_provider_id: Mapped[str] = mapped_column(String(64))
    previous_room_id: Mapped[str | None] = mapped_column(String(64))
