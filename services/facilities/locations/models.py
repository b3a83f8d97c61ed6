"""The group's locations."""

from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.facilities.db import Base
from shared.db import UTCDateTime


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
