"""The patient table; a merged-away record stays, pointing at its survivor."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from services.scheduling.db import Base
from shared.db import UTCDateTime


class Patient(Base):
    __tablename__ = "patient"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    family_name: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[dict | None] = mapped_column(JSON)
    emergency_contact: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    merged_into: Mapped[str | None] = mapped_column(ForeignKey("patient.id"), index=True)  # survivor of a merge
