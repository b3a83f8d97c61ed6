"""Compliance's copies of other services' data: who works where with which credentials and training
(staff events), and each location's timezone, for the date at a location (facilities events)."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.compliance.db import Base
from shared.db import UTCDateTime


class StaffMember(Base):
    __tablename__ = "staff_member"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(40))
    home_location_id: Mapped[str | None] = mapped_column(String(64), index=True)
    location_ids: Mapped[list] = mapped_column(JSON, default=list)
    manager_id: Mapped[str | None] = mapped_column(String(64), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    terminated_on: Mapped[date | None] = mapped_column(Date)
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffCredential(Base):
    __tablename__ = "staff_credential"

    credential_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str | None] = mapped_column(String(2))
    expires_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # active | expiring | expired | suspended


class StaffTraining(Base):
    """A member's standing on one course: completed (until when) or overdue (since when)."""

    __tablename__ = "staff_training"
    __table_args__ = (UniqueConstraint("staff_id", "course_code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(64), index=True)
    course_code: Mapped[str] = mapped_column(String(64))
    completed_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    overdue_since: Mapped[date | None] = mapped_column(Date)


class ComplianceLocation(Base):
    """A location's timezone as `facilities.location` events tell it."""

    __tablename__ = "compliance_location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
