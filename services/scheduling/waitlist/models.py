"""The waitlist: patients waiting for a type of appointment, and the held offers of freed slots."""

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from services.scheduling.db import Base
from shared.clock import utcnow
from shared.db import UTCDateTime


class WaitlistEntry(Base):
    """A patient waiting for a type at a location between two local dates (inclusive)."""

    __tablename__ = "waitlist_entry"
    __table_args__ = (CheckConstraint("latest >= earliest", name="window_not_empty"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient_id: Mapped[str] = mapped_column(ForeignKey("patient.id"), index=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    appointment_type_id: Mapped[str] = mapped_column(ForeignKey("appointment_type.id"))
    provider_id: Mapped[str | None] = mapped_column(String(64))  # None: any provider of the type
    earliest: Mapped[date] = mapped_column(Date)  # the location's local dates
    latest: Mapped[date] = mapped_column(Date)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10))  # waiting, offered, booked, withdrawn
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WaitlistOffer(Base):
    """A freed slot held for one entry until `expires_at`; `freed_end` lets the next entry get it."""

    __tablename__ = "waitlist_offer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entry_id: Mapped[str] = mapped_column(ForeignKey("waitlist_entry.id"), index=True)
    provider_id: Mapped[str] = mapped_column(String(64))
    room_id: Mapped[str | None] = mapped_column(String(64))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    freed_end: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status: Mapped[str] = mapped_column(String(10))  # offered, accepted, expired, declined
    appointment_id: Mapped[str | None] = mapped_column(ForeignKey("appointment.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


def live_holds(provider_ids: Collection[str], start: datetime, end: datetime):
    """Offers still holding some of the providers' time in [start, end): nobody else books it."""
    return select(WaitlistOffer).where(
        WaitlistOffer.provider_id.in_(provider_ids),
        WaitlistOffer.status == "offered",
        WaitlistOffer.expires_at > utcnow(),
        WaitlistOffer.start < end,
        WaitlistOffer.end > start,
    )
