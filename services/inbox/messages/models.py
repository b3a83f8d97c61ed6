"""Stored email: each message once (its dedupe key), its attachments, and where triage sent it."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base, SerialId
from shared.db import UTCDateTime


class Message(Base):
    """One email as received (raw bytes kept: nothing a sender wrote is lost) and as triaged."""

    __tablename__ = "message"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(320), unique=True)  # Message-ID, or a hash of the bytes
    header_message_id: Mapped[str | None] = mapped_column(String(300))
    channel: Mapped[str] = mapped_column(String(8))  # smtp, imap
    sender: Mapped[str] = mapped_column(String(254), index=True)
    sender_name: Mapped[str] = mapped_column(String(200), default="")
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    in_reply_to: Mapped[str | None] = mapped_column(Text)
    references: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    size: Mapped[int] = mapped_column(Integer)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    # Triage and linking
    category: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(8))
    role: Mapped[str] = mapped_column(String(32))
    location_id: Mapped[str | None] = mapped_column(String(64), index=True)  # None: no rule, patient or default
    rule_hits: Mapped[list] = mapped_column(JSON, default=list)
    patient_id: Mapped[str | None] = mapped_column(String(64), index=True)
    party_kind: Mapped[str | None] = mapped_column(String(16))  # payer, supplier
    party_id: Mapped[str | None] = mapped_column(String(64))
    claim_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    slot_search: Mapped[dict | None] = mapped_column(JSON)  # appointment requests: what the desk's console searches
    task_id: Mapped[str | None] = mapped_column(String(36), index=True)


class MessageAttachment(Base):
    """An attachment; `content` is None when it was refused (too large, a type not allowed): size and hash stay."""

    __tablename__ = "message_attachment"

    id: Mapped[int] = mapped_column(SerialId, primary_key=True, autoincrement=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("message.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    flag: Mapped[str | None] = mapped_column(String(32))
