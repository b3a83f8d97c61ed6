"""What scheduling learns from staff and facilities events: local read models, never written by hand.

Rows may be created by whichever event arrives first (a credential before its member, a
cancellation before its shift), so every fact another event fills in is nullable.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.scheduling.db import Base
from shared.db import UTCDateTime


class CredentialStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    SUSPENDED = "suspended"


class Provider(Base):
    """A staff member as scheduling sees them: who, which role, where they work."""

    __tablename__ = "provider"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(201))
    role: Mapped[str | None] = mapped_column(String(40))
    npi: Mapped[str | None] = mapped_column(String(10))
    home_location_id: Mapped[str | None] = mapped_column(String(64))
    location_ids: Mapped[list] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    terminated_on: Mapped[date | None] = mapped_column(Date)
    # ce_time of the member snapshot applied last: an older snapshot arriving late is ignored.
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Credential(Base):
    """A licence, registration or certification of one staff member."""

    __tablename__ = "provider_credential"

    credential_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[str | None] = mapped_column(String(2))
    expires_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=CredentialStatus.ACTIVE)


class Shift(Base):
    """A scheduled shift of one staff member at one location, [start, end)."""

    __tablename__ = "provider_shift"
    # Bookability asks: does this member have a shift here covering this slot?
    __table_args__ = (Index("ix_provider_shift_staff_location", "staff_id", "location_id", "start"),)

    shift_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(64))
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)


class TimeOff(Base):
    """Approved time off of one staff member, [start, end)."""

    __tablename__ = "provider_time_off"

    time_off_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(64), index=True)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)


class Location(Base):
    """A practice location: its state decides which licence a provider needs there."""

    __tablename__ = "location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    opening_hours: Mapped[list] = mapped_column(JSON, default=list)  # [{weekday, opens, closes}]
    closed_on: Mapped[list] = mapped_column(JSON, default=list)  # ISO dates
    cancellation_notice_hours: Mapped[int] = mapped_column(Integer, default=24)
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Room(Base):
    """A room of a location and whether it can be used now."""

    __tablename__ = "room"

    room_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(20))
    in_service: Mapped[bool] = mapped_column(Boolean, default=True)
    out_of_service_reason: Mapped[str | None] = mapped_column(String(500))
    expected_return: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # `since` of the service change applied last: a stale one arriving late is ignored.
    service_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
