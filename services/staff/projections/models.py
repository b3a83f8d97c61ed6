"""Facilities' locations as staff last heard of them."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from services.staff.db import Base
from shared.db import UTCDateTime


class Location(Base):
    """A practice location as facilities announced it: staff needs its timezone for local days."""

    __tablename__ = "location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)  # ce_time of the snapshot applied
