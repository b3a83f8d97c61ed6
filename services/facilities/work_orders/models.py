"""Work orders: a problem reported at a location, maybe against a device or a room."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.facilities.db import Base
from shared.db import Money, UTCDateTime


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
