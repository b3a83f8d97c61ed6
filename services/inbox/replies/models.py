"""Replies sent from a message's task, kept with how the relay answered."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import UTCDateTime


class Reply(Base):
    __tablename__ = "reply"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("message.id"), index=True)
    task_id: Mapped[str | None] = mapped_column(String(36), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    header_message_id: Mapped[str] = mapped_column(String(300))
    in_reply_to: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(8))  # sent, failed
    error: Mapped[str | None] = mapped_column(String(500))
    sent_by: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
