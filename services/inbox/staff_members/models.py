"""Staff members as staff last announced them: where a task about a member goes, and to whom."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import UTCDateTime


class StaffMember(Base):
    __tablename__ = "staff_member"

    staff_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    home_location_id: Mapped[str] = mapped_column(String(64))
    manager_id: Mapped[str | None] = mapped_column(String(64))
    snapshot_time: Mapped[datetime | None] = mapped_column(UTCDateTime)  # ce_time of the snapshot applied
