"""Staff members and the locations each may work at."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from services.staff.db import Base
from shared.db import UTCDateTime


class StaffMember(Base):
    __tablename__ = "staff_member"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(40), index=True)
    npi: Mapped[str | None] = mapped_column(String(10), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    home_location_id: Mapped[str] = mapped_column(String(64), index=True)
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("staff_member.id"))
    hired_on: Mapped[date] = mapped_column(Date)
    terminated_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StaffLocation(Base):
    """A location a member may work at (their home location is one of them)."""

    __tablename__ = "staff_location"

    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_member.id"), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
