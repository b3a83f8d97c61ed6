"""Preventive maintenance: meter readings, plans, and the tasks each occurrence of a plan becomes."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.facilities.db import Base
from shared.db import UTCDateTime


class UsageReading(Base):
    __tablename__ = "usage_reading"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    equipment_id: Mapped[str] = mapped_column(ForeignKey("equipment.id"), index=True)
    reading: Mapped[int] = mapped_column(Integer)
    read_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MaintenancePlan(Base):
    """Preventive maintenance every N days, N months or N usage units from a starting point."""

    __tablename__ = "maintenance_plan"
    __table_args__ = (CheckConstraint("every > 0", name="positive_interval"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    equipment_id: Mapped[str] = mapped_column(ForeignKey("equipment.id"), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    every: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(8))  # day | month | usage
    starts_on: Mapped[date] = mapped_column(Date)
    starts_at_usage: Mapped[int] = mapped_column(Integer, default=0)
    generated: Mapped[int] = mapped_column(Integer, default=0)  # occurrences turned into tasks
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MaintenanceTask(Base):
    __tablename__ = "maintenance_task"
    # The database itself keeps each occurrence of a plan to one task, whatever runs concurrently.
    __table_args__ = (UniqueConstraint("plan_id", "occurrence"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("maintenance_plan.id"))
    occurrence: Mapped[int] = mapped_column(Integer)
    equipment_id: Mapped[str] = mapped_column(String(36), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    due_at_usage: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(8), default="open")  # open | done
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by: Mapped[str | None] = mapped_column(String(100))
    overdue_announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
