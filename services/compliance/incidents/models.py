"""The incidents' tables: privacy incidents and OSHA cases."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.compliance.db import Base
from shared.db import UTCDateTime


class PrivacyIncident(Base):
    """A possible breach of PHI; affected individuals must be notified within 60 days of discovery."""

    __tablename__ = "privacy_incident"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    discovered_on: Mapped[date] = mapped_column(Date)
    notification_deadline: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(4000))
    individuals_affected: Mapped[int] = mapped_column(Integer)
    notified_on: Mapped[date | None] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    reported_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OshaCase(Base):
    """One recordable work injury or illness: a row of the OSHA 300 log, its 301 report, and the
    sharps injury log entry when a contaminated sharp caused it."""

    __tablename__ = "osha_case"
    __table_args__ = (
        UniqueConstraint("location_id", "year", "case_number"),
        CheckConstraint("days_away >= 0 AND days_restricted >= 0", name="non_negative_days"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    case_number: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[str | None] = mapped_column(String(64))
    employee_name: Mapped[str] = mapped_column(String(200))
    privacy_case: Mapped[bool] = mapped_column(Boolean, default=False)
    job_title: Mapped[str] = mapped_column(String(100))
    occurred_on: Mapped[date] = mapped_column(Date)
    where: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(2000))
    classification: Mapped[str] = mapped_column(String(32))
    days_away: Mapped[int] = mapped_column(Integer)
    days_restricted: Mapped[int] = mapped_column(Integer)
    injury_type: Mapped[str] = mapped_column(String(32))
    details_301: Mapped[dict] = mapped_column(JSON)
    sharps: Mapped[dict | None] = mapped_column(JSON)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
