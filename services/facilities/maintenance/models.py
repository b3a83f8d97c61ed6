"""Facilities's tables; nothing here is shared with another service."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy import text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import Money, UTCDateTime
from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata


class Location(Base):
    """A practice location; its id is the one every token's `locations` claim names."""

    __tablename__ = "location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[dict | None] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    opening_hours: Mapped[list] = mapped_column(JSON, default=list)  # [{weekday, opens, closes}]
    closed_on: Mapped[list] = mapped_column(JSON, default=list)  # ISO dates
    cancellation_notice_hours: Mapped[int] = mapped_column(Integer, default=24)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Room(Base):
    """A room; whether it is in service is derived from its active outages."""

    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("location_id", "name"),)

    room_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.location_id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RoomOutage(Base):
    """One reason a room is out of service: a manual decision or a critical device down.

    The room is out of service while any outage is active (ended_at IS NULL).
    """

    __tablename__ = "room_outage"
    __table_args__ = (
        # A room has at most one manual outage at a time; equipment outages are one per work order.
        Index("uq_room_outage_one_manual", "room_id", unique=True,
              postgresql_where=text("ended_at IS NULL AND cause = 'manual'"),
              sqlite_where=text("ended_at IS NULL AND cause = 'manual'")),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    room_id: Mapped[str] = mapped_column(ForeignKey("room.room_id"), index=True)
    cause: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    work_order_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expected_return: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Equipment(Base):
    __tablename__ = "equipment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.location_id"), index=True)
    asset_tag: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(100))
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.room_id"), index=True)
    manufacturer: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    serial: Mapped[str | None] = mapped_column(String(100))
    install_date: Mapped[date] = mapped_column(Date)
    criticality: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="in_service")  # in_service | down
    usage: Mapped[int] = mapped_column(Integer, default=0)  # latest meter reading
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UsageReading(Base):
    __tablename__ = "usage_reading"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    equipment_id: Mapped[str] = mapped_column(ForeignKey("equipment.id"), index=True)
    reading: Mapped[int] = mapped_column(Integer)
    read_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WorkOrder(Base):
    __tablename__ = "work_order"
    __table_args__ = (CheckConstraint("cost >= 0", name="cost_not_negative"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.location_id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    equipment_id: Mapped[str | None] = mapped_column(ForeignKey("equipment.id"), index=True)
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.room_id"))
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), index=True)
    reported_by: Mapped[str] = mapped_column(String(100))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    assignee_kind: Mapped[str | None] = mapped_column(String(12))  # coordinator | vendor
    assignee: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str | None] = mapped_column(Text)
    cost: Mapped[Decimal | None] = mapped_column(Money)


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


from services.facilities import supply_models  # noqa: E402,F401 - same metadata, same migrations
