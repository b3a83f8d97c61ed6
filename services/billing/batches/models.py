"""Exported 837P interchanges, kept as sent."""

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.billing.db import Base
from shared.db import UTCDateTime


class ClaimBatch(Base):
    """One exported 837P interchange, kept as sent."""

    __tablename__ = "claim_batch"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    interchange_control_number: Mapped[int] = mapped_column(Integer, unique=True)
    claim_count: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
