"""Staff's tables; nothing here is shared with another service."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import UTCDateTime
from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata


class Location(Base):
    """A practice location as facilities announced it: staff needs its timezone for local days."""

    __tablename__ = "location"

    location_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)  # ce_time of the snapshot applied


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


class Credential(Base):
    """A licence, registration or certification; `superseded_by` set once a renewal replaced it."""

    __tablename__ = "credential"
    __table_args__ = (
        # One current state licence per member and state: a renewal supersedes the old one.
        Index("uq_credential_one_licence_per_state", "staff_id", "state", unique=True,
              postgresql_where=text("kind = 'state_license' AND superseded_by IS NULL"),
              sqlite_where=text("kind = 'state_license' AND superseded_by IS NULL")),
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


from services.staff import roster_models, training_models  # noqa: E402,F401
