"""Rooms and the outages that take them out of service."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from services.facilities.db import Base
from shared.db import UTCDateTime


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
        Index(
            "uq_room_outage_one_manual",
            "room_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL AND cause = 'manual'"),
            sqlite_where=text("ended_at IS NULL AND cause = 'manual'"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    room_id: Mapped[str] = mapped_column(ForeignKey("room.room_id"), index=True)
    cause: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    work_order_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expected_return: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
