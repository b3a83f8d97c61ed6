"""What the daily check has announced already: one row per fact, so no fact is announced twice."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.staff.db import Base
from shared.db import UTCDateTime


class CredentialNotice(Base):
    """An expiry stage already announced for one expiry date: the check never announces it twice."""

    __tablename__ = "credential_notice"
    __table_args__ = (UniqueConstraint("credential_id", "expires_on", "stage"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    credential_id: Mapped[str] = mapped_column(ForeignKey("credential.id"))
    expires_on: Mapped[date] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(8))  # "90" | "60" | "30" | "expired"
    announced: Mapped[bool] = mapped_column()  # False: skipped because a more urgent stage came first
    noticed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrainingNotice(Base):
    """An overdue course already announced for one due date."""

    __tablename__ = "training_notice"
    __table_args__ = (UniqueConstraint("staff_id", "course_code", "due_on"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_member.id"))
    course_code: Mapped[str] = mapped_column(ForeignKey("course.code"))
    due_on: Mapped[date] = mapped_column(Date)
    noticed_at: Mapped[datetime] = mapped_column(UTCDateTime)
