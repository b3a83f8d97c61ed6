"""Shifts, roster templates, time off and minimum staffing rules."""

from datetime import date, datetime, time

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from services.staff.db import Base
from shared.db import UTCDateTime, no_overlap

SCHEDULED = "scheduled"
# Time off that holds its period: a pending request and an approved one; a denied one frees it.
HOLDS_TIME = "status IN ('requested', 'approved')"


class Shift(Base):
    """One member at one location for [start, end); never two overlapping scheduled shifts of a member."""

    __tablename__ = "shift"
    __table_args__ = (
        CheckConstraint('"end" > start', name="ends_after_start"),
        no_overlap("no_shift_overlap", holder="staff_id", where="status = 'scheduled'"),
        Index("ix_shift_location_start", "location_id", "start"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_member.id"), index=True)
    location_id: Mapped[str] = mapped_column(String(64))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))  # scheduled | cancelled
    template_id: Mapped[str | None] = mapped_column(ForeignKey("roster_template.id"))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RosterTemplate(Base):
    """A week of local shifts at a location: entries [{staff_id, weekday, start, end}] with local times."""

    __tablename__ = "roster_template"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(100))
    entries: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TimeOff(Base):
    """A member away for [start, end); never two overlapping pending or approved requests of a member."""

    __tablename__ = "time_off"
    __table_args__ = (
        CheckConstraint('"end" > start', name="ends_after_start"),
        no_overlap("no_time_off_overlap", holder="staff_id", where=HOLDS_TIME),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_member.id"), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16))  # requested | approved | denied | withdrawn
    requested_by: Mapped[str] = mapped_column(String(100))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffingRule(Base):
    """At least `minimum` people of `role` on shift at the location between local start and end, every day."""

    __tablename__ = "staffing_rule"
    __table_args__ = (CheckConstraint("minimum > 0", name="positive_minimum"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(40))
    minimum: Mapped[int] = mapped_column(Integer)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)


class CoverageGapNotice(Base):
    """A day's coverage gap of a role at a location already announced (and when it was announced closed)."""

    __tablename__ = "coverage_gap_notice"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
