"""What the inbox knows of scheduling's patients: just enough to recognise a sender (email, phone)."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import UTCDateTime


class PatientContact(Base):
    """A projection of scheduling.patient events; a merged duplicate points at its survivor."""

    __tablename__ = "patient_contact"

    patient_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    location_id: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(254), index=True)  # lower case
    phone_digits: Mapped[str | None] = mapped_column(String(20), index=True)
    merged_into: Mapped[str | None] = mapped_column(String(64))
    # The last applied event's time: an older redelivery never overwrites a newer state (shared.projection).
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
