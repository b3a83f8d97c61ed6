"""Credentials of staff members: one current state licence per member and state."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from services.staff.db import Base
from shared.db import UTCDateTime

ACTIVE, EXPIRED, SUSPENDED = "active", "expired", "suspended"


class Credential(Base):
    """A licence, registration or certification; `superseded_by` set once a renewal replaced it."""

    __tablename__ = "credential"
    __table_args__ = (
        # One current state licence per member and state: a renewal supersedes the old one.
        Index(
            "uq_credential_one_licence_per_state",
            "staff_id",
            "state",
            unique=True,
            postgresql_where=text("kind = 'state_license' AND superseded_by IS NULL"),
            sqlite_where=text("kind = 'state_license' AND superseded_by IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_member.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(64))
    issuer: Mapped[str] = mapped_column(String(200))
    state: Mapped[str | None] = mapped_column(String(2))
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # active | expired | suspended
    suspension_reason: Mapped[str | None] = mapped_column(String(500))
    verification_status: Mapped[str] = mapped_column(String(16))  # unverified | verified | rejected
    verified_by: Mapped[str | None] = mapped_column(String(100))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_by: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
