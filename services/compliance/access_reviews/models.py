"""Access review campaigns and their items, one per staff member."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.compliance.db import Base
from shared.db import UTCDateTime


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
