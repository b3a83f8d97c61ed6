"""The due rules: minutes per category and priority, editable by the office manager."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import UTCDateTime


class DueRule(Base):
    """A task of this category ("*": any) and priority is due this many minutes after it is raised."""

    __tablename__ = "due_rule"
    __table_args__ = (CheckConstraint("minutes > 0 AND minutes <= 525600", name="minutes_in_range"),)

    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    priority: Mapped[str] = mapped_column(String(8), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer)
    # Counted in the location's opening hours (and timezone), or by the wall clock (stat work does not wait).
    business_hours: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
