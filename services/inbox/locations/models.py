"""Facilities' locations as the inbox last heard of them."""

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import UTCDateTime


class Location(Base):
    """A location's timezone and opening hours: due times count business hours there."""

    __tablename__ = "location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    # [{"weekday": 0, "opens": "08:00:00", "closes": "17:00:00"}, ...] as facilities published them.
    opening_hours: Mapped[list] = mapped_column(JSON, default=list)
    closed_on: Mapped[list] = mapped_column(JSON, default=list)  # ISO dates
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)  # ce_time of the snapshot applied
