"""The recurring series table."""

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.scheduling.db import Base
from shared.db import UTCDateTime


class AppointmentSeries(Base):
    """A recurrence rule; its occurrences are ordinary appointments that can move or cancel alone."""

    __tablename__ = "appointment_series"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    every: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(5))  # day | week
    until: Mapped[date | None] = mapped_column(Date)
    count: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
