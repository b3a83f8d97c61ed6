"""Compliance's projection of facilities' locations: only the timezone, for the date at a location."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from services.compliance.models import Base
from shared.db import UTCDateTime


class ComplianceLocation(Base):
    """A location's timezone as `facilities.location` events tell it."""

    __tablename__ = "compliance_location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
