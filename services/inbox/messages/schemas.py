"""HTTP models of stored email."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class AttachmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    flag: str | None
    stored: bool


class MessageSummaryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    channel: str
    sender: str
    sender_name: str
    subject: str
    received_at: datetime
    category: str
    priority: str
    role: str
    location_id: str | None
    patient_id: str | None
    party_kind: str | None
    party_id: str | None
    claim_ref: str | None
    flags: list[str]
    task_id: str | None


class MessageOut(MessageSummaryOut):
    header_message_id: str | None
    recipients: list[str]
    sent_at: datetime | None
    in_reply_to: str | None
    text: str
    html: str | None
    size: int
    rule_hits: list[dict]
    # Appointment requests: the console passes these to scheduling's GET /slots (and books from the request).
    slot_search: dict | None
    attachments: list[AttachmentOut]
