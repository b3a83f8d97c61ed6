"""The equipment registry: each device, where it stands, how critical it is."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.facilities.db import Base
from shared.db import UTCDateTime


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
