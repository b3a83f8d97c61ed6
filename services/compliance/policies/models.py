"""Policies, their versions and the staff's attestations."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.compliance.db import Base
from shared.db import UTCDateTime


class Policy(Base):
    __tablename__ = "policy"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # e.g. hipaa_privacy
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PolicyVersion(Base):
    """A version every staff member in its scope (roles and/or locations; empty = all) attests to."""

    __tablename__ = "policy_version"
    __table_args__ = (UniqueConstraint("policy_id", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    policy_id: Mapped[str] = mapped_column(ForeignKey("policy.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(String(2000))
    document_url: Mapped[str | None] = mapped_column(String(500))
    effective_on: Mapped[date] = mapped_column(Date)
    scope_roles: Mapped[list] = mapped_column(JSON)
    scope_location_ids: Mapped[list] = mapped_column(JSON)
    published_by: Mapped[str] = mapped_column(String(100))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Attestation(Base):
    __tablename__ = "attestation"
    __table_args__ = (UniqueConstraint("policy_version_id", "staff_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    policy_version_id: Mapped[str] = mapped_column(ForeignKey("policy_version.id"), index=True)
    staff_id: Mapped[str] = mapped_column(String(64))
    attested_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
