"""Compliance's own records: policies and attestations, incidents and OSHA cases, access reviews."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.compliance.models import Base
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


class PrivacyIncident(Base):
    """A possible breach of PHI; affected individuals must be notified within 60 days of discovery."""

    __tablename__ = "privacy_incident"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    discovered_on: Mapped[date] = mapped_column(Date)
    notification_deadline: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(4000))
    individuals_affected: Mapped[int] = mapped_column(Integer)
    notified_on: Mapped[date | None] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    reported_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OshaCase(Base):
    """One recordable work injury or illness: a row of the OSHA 300 log, its 301 report, and the
    sharps injury log entry when a contaminated sharp caused it."""

    __tablename__ = "osha_case"
    __table_args__ = (
        UniqueConstraint("location_id", "year", "case_number"),
        CheckConstraint("days_away >= 0 AND days_restricted >= 0", name="non_negative_days"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    case_number: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[str | None] = mapped_column(String(64))
    employee_name: Mapped[str] = mapped_column(String(200))
    privacy_case: Mapped[bool] = mapped_column(Boolean, default=False)
    job_title: Mapped[str] = mapped_column(String(100))
    occurred_on: Mapped[date] = mapped_column(Date)
    where: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(2000))
    classification: Mapped[str] = mapped_column(String(32))
    days_away: Mapped[int] = mapped_column(Integer)
    days_restricted: Mapped[int] = mapped_column(Integer)
    injury_type: Mapped[str] = mapped_column(String(32))
    details_301: Mapped[dict] = mapped_column(JSON)
    sharps: Mapped[dict | None] = mapped_column(JSON)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReviewCampaign(Base):
    __tablename__ = "review_campaign"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    started_by: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReviewItem(Base):
    """One manager's decision on one staff member's role and locations."""

    __tablename__ = "review_item"
    __table_args__ = (UniqueConstraint("campaign_id", "staff_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(ForeignKey("review_campaign.id"), index=True)
    manager_id: Mapped[str | None] = mapped_column(String(64), index=True)
    staff_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(40))
    location_ids: Mapped[list] = mapped_column(JSON)
    decision: Mapped[str] = mapped_column(String(16))  # pending | confirmed | revoked
    revoked_roles: Mapped[list] = mapped_column(JSON, default=list)
    revoked_location_ids: Mapped[list] = mapped_column(JSON, default=list)
    reason: Mapped[str | None] = mapped_column(String(500))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
